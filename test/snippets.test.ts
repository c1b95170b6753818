// Every snippet, expanded with its default placeholders, parses and passes our own rules.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkerFor, ROOT } from './helpers';

const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets/go.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

const IMPORTS = ['context', 'database/sql', 'net/http', 'os', 'os/signal', 'syscall', 'time', 'golang.org/x/sync/errgroup'];

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
    const code = expand(snippet.body.join('\n'));
    const topLevel = code.startsWith('func ') || code.startsWith('type ');
    const body = topLevel ? code : `func example(ctx context.Context, db *sql.DB, teamID int64, items []string, process func(context.Context, string) error) error {\n${code}\n\treturn nil\n}`;
    const text = `package example\n\nimport (\n${IMPORTS.map((path) => `\t"${path}"`).join('\n')}\n)\n\n${body}\n`;
    const checker = await checkerFor();
    const document = checker.openDocument('file:///snippets/example.go', text);
    assert.equal(document.tree.rootNode.hasError, false, `does not parse:\n${text}`);
    document.dispose();
    const result = checker.checkPackage([{ uri: 'file:///snippets/example.go', text }], '1.22').get('file:///snippets/example.go')!;
    assert.deepEqual(result.findings.map((f) => `${f.rule}: ${f.message}`), []);
  });
}
