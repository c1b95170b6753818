// Every snippet, expanded with its default placeholders, parses and passes our own rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkerFor, ROOT } from './helpers';

const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets/go.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

const IMPORTS = [
  'bytes',
  'context',
  'database/sql',
  'errors',
  'fmt',
  'net/http',
  'os',
  'os/signal',
  'sync',
  'syscall',
  'time',
  'github.com/gin-gonic/gin',
  'github.com/google/uuid',
  'github.com/prometheus/client_golang/prometheus',
  'github.com/prometheus/client_golang/prometheus/promauto',
  'github.com/redis/go-redis/v9',
  'go.opentelemetry.io/otel',
  'go.opentelemetry.io/otel/codes',
  'golang.org/x/sync/errgroup',
];

/** Replaces `${1:default}`, `${1|a,b|}` and `$1` the way VS Code inserts a snippet untouched. */
export function expand(body: string): string {
  let text = body.replace(/\\\$/g, '\u0001').replace(/\\\}/g, '\u0002');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1');
  }
  return text.replace(/\$\d+/g, '').replace(/\u0001/g, '$').replace(/\u0002/g, '}');
}

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet ${snippet.prefix} (${name})`, async () => {
    assert.match(snippet.prefix, /^gbg-[a-z]+$/);
    assert.ok(Object.keys(snippets).length >= 14, 'the guide promises at least fourteen snippets');
    const code = expand(snippet.body.join('\n'));
    const topLevel = /^(func|type|var) /.test(code);
    const params = 'ctx context.Context, db *sql.DB, rdb *redis.Client, key string, teamID, amount, id int64, items []string, process func(context.Context, string) error, handle func(context.Context, string), work, load func(context.Context) error';
    // A statement snippet that ends in a return needs no trailing one.
    const tail = /\n\s*return [^\n]*$/.test(code) ? '' : '\n\treturn nil';
    const body = topLevel ? code : `func example(${params}) error {\n${code}${tail}\n}`;
    const text = `package example\n\nimport (\n${IMPORTS.map((path) => `\t"${path}"`).join('\n')}\n)\n\n${body}\n`;
    const checker = await checkerFor();
    const document = checker.openDocument('file:///snippets/example.go', text);
    assert.equal(document.tree.rootNode.hasError, false, `does not parse:\n${text}`);
    document.dispose();
    const result = checker.checkPackage([{ uri: 'file:///snippets/example.go', text }], '1.22').get('file:///snippets/example.go')!;
    assert.deepEqual(result.findings.map((f) => `${f.rule}: ${f.message}`), []);
  });
}
