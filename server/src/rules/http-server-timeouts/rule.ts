import type { Node } from 'web-tree-sitter';
import { addImport } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, storedInAnotherValue } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { listEn } from '../../core/text';
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
    // Test servers (httptest and friends) listen on loopback for the length of a test.
    skipsTests: true,
  },
  query,
  check(match, context) {
    const type = capture(match, 'type')!;
    const body = capture(match, 'body')!;
    const literal = capture(match, 'literal')!;
    if (context.types.qualified(type)?.path !== 'net/http') return;
    const keys = literalKeys(body);
    if (!keys || storedInAnotherValue(literal)) return;

    const set = new Set([...keys].filter((key) => TIMEOUT_FIELDS.includes(key)));
    const target = assignedTarget(literal);
    if (target) {
      const later = laterConfiguration(literal, target, context.file.text, TIMEOUT_FIELDS);
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
        message: {
          en: `http.Server has ${describe(!hasRead, !hasWrite, idleNever)}, so slow or idle clients can hold connections forever; set ${listEn(fields)}`,
          'zh-cn': `http.Server ${describeZh(!hasRead, !hasWrite, idleNever)}，慢速或空闲的客户端可以一直占着连接；请设置 ${fields.join('、')}`,
        },
        fixes: [fixFor(body, fields, context)],
      });
      return;
    }
    if (!set.has('IdleTimeout')) {
      context.report({
        node: type,
        severity: 'information',
        message: {
          en: 'IdleTimeout is not set, so idle keep-alive connections reuse ReadTimeout; set IdleTimeout explicitly',
          'zh-cn': '没有设置 IdleTimeout，空闲的 keep-alive 连接沿用 ReadTimeout；请显式设置 IdleTimeout',
        },
        fixes: [fixFor(body, ['IdleTimeout'], context)],
      });
    }
  },
};

function describeZh(noRead: boolean, noWrite: boolean, idleNever: boolean): string {
  const kinds = [noRead && '读', noWrite && '写', idleNever && '空闲'].filter((kind): kind is string => Boolean(kind));
  return `没有${kinds.join('、')}超时`;
}

function describe(noRead: boolean, noWrite: boolean, idleNever: boolean): string {
  const kinds = [noRead && 'read', noWrite && 'write', idleNever && 'idle'].filter((kind): kind is string => Boolean(kind));
  return `no ${listEn(kinds, 'or')} timeout`;
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
  return { title: { en: `Add ${listEn(fields)}`, 'zh-cn': `加上 ${fields.join('、')}` }, edits };
}
