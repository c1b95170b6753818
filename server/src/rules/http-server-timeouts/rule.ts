import type { Node } from 'web-tree-sitter';
import { addImport } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import { addLiteralFields, assignedTarget, literalKeys } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const TIMEOUT_FIELDS = ['ReadHeaderTimeout', 'ReadTimeout', 'WriteTimeout', 'IdleTimeout'];

/** The guide's recommended values, in the order the fix inserts them. */
const RECOMMENDED: Record<string, string> = {
  ReadHeaderTimeout: '2 * time.Second',
  ReadTimeout: '5 * time.Second',
  WriteTimeout: '10 * time.Second',
  IdleTimeout: '60 * time.Second',
};

export const rule: Rule = {
  meta: {
    id: 'http-server-timeouts',
    title: { en: 'HTTP server without timeouts', 'zh-cn': 'HTTP 服务器未设置超时' },
    chapter: 'http-servers',
    defaultSeverity: 'warning',
    peers: ['G112'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    // Test servers (httptest and friends) listen on loopback for the length of a test.
    if (context.file.isTest) return;
    const type = capture(match, 'type')!;
    const body = capture(match, 'body')!;
    const literal = capture(match, 'literal')!;
    if (context.types.qualified(type)?.path !== 'net/http') return;
    const keys = literalKeys(body);
    if (!keys || storedInAnotherValue(literal)) return;

    const set = new Set([...keys].filter((key) => TIMEOUT_FIELDS.includes(key)));
    const target = assignedTarget(literal);
    if (target) {
      const later = laterConfiguration(literal, target, context.file.text);
      if (later === 'handed-off') return;
      for (const field of later) set.add(field);
    }

    const hasRead = set.has('ReadHeaderTimeout') || set.has('ReadTimeout');
    const hasWrite = set.has('WriteTimeout');
    // net/http: a zero IdleTimeout falls back to ReadTimeout; with neither, idle keep-alive
    // connections are never closed, which is as serious as the missing read deadline.
    const idleNever = !set.has('IdleTimeout') && !set.has('ReadTimeout');
    const missing: string[] = [];
    if (!hasRead) missing.push('ReadHeaderTimeout', 'ReadTimeout');
    if (!hasWrite) missing.push('WriteTimeout');
    if (idleNever) missing.push('IdleTimeout');

    if (!hasRead || !hasWrite || idleNever) {
      const fields = missing.filter((field) => !set.has(field));
      context.report({
        node: type,
        message: `http.Server has ${describe(!hasRead, !hasWrite, idleNever)}, so slow or idle clients can hold connections forever; set ${list(fields)}`,
        fixes: [fixFor(body, fields, context)],
      });
      return;
    }
    if (!set.has('IdleTimeout')) {
      context.report({
        node: type,
        severity: 'information',
        message: 'IdleTimeout is not set, so idle keep-alive connections reuse ReadTimeout; set IdleTimeout explicitly',
        fixes: [fixFor(body, ['IdleTimeout'], context)],
      });
    }
  },
};

function describe(noRead: boolean, noWrite: boolean, idleNever: boolean): string {
  const kinds = [noRead && 'read', noWrite && 'write', idleNever && 'idle'].filter((kind): kind is string => Boolean(kind));
  return `no ${list(kinds, 'or')} timeout`;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[], conjunction = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function fixFor(body: Node, fields: string[], context: RuleContext): Fix {
  const imports = context.index.importNames(context.file.uri, 'time');
  const timePackage = imports[0] ?? 'time';
  const entries = fields.map((key) => ({ key, value: RECOMMENDED[key].replace('time.', `${timePackage}.`) }));
  const edits: TextEdit[] = addLiteralFields(body, entries, context.file.lines);
  if (imports.length === 0) {
    const importEdit = addImport(context.file.tree, 'time');
    if (importEdit) edits.push(importEdit);
  }
  return { title: `Add ${list(fields)}`, edits };
}

/**
 * What the rest of the function does with the server stored in `target`: the timeout fields it
 * assigns (`srv.WriteTimeout = …`), or 'handed-off' when the server is passed to another
 * function that may configure it, which we cannot see. Read from the function's text after the
 * literal: two regular expressions instead of a walk over every node of the body.
 */
function laterConfiguration(literal: Node, target: Node, source: string): Set<string> | 'handed-off' {
  const scope = enclosingFunction(literal)?.childForFieldName('body') ?? literal.tree.rootNode;
  const after = source.slice(literal.endIndex, scope.endIndex);
  const name = target.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`[(,]\\s*&?${name}\\s*[,)]`).test(after)) return 'handed-off';
  const fields = new Set<string>();
  const assignment = new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(${TIMEOUT_FIELDS.join('|')})\\s*=[^=]`, 'g');
  for (const match of after.matchAll(assignment)) fields.add(match[1]);
  return fields;
}

/**
 * `s.Config = &http.Server{…}` or `App{Server: &http.Server{…}}`: the server now belongs to
 * another value, whose owner may set the timeouts through it (httptest.Server.Config is the
 * classic case), and we cannot follow it there.
 */
function storedInAnotherValue(literal: Node): boolean {
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  const holder = value.parent;
  if (holder?.type === 'literal_element' || holder?.type === 'keyed_element') return true;
  if (holder?.type !== 'expression_list' || holder.parent?.type !== 'assignment_statement') return false;
  const target = assignedTarget(literal);
  return target?.type === 'selector_expression' || target?.type === 'index_expression';
}

