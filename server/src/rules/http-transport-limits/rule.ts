import type { Node } from 'web-tree-sitter';
import { addImport } from '../../core/edits';
import type { Localized, TextEdit } from '../../core/findings';
import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, passedToCall, storedInAnotherValue } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { unparen } from '../../core/syntax';
import { listEn } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

/**
 * The fields, in the order the fix inserts them, with the source guides' values: 100 idle
 * connections per host (004, ch.5), idle connections recycled after 90 s, at most 2 s for the
 * TLS handshake and 3 s for the response headers (000, §2.5).
 */
const RECOMMENDED: [string, string][] = [
  ['MaxIdleConnsPerHost', '100'],
  ['IdleConnTimeout', '90 * time.Second'],
  ['TLSHandshakeTimeout', '2 * time.Second'],
  ['ResponseHeaderTimeout', '3 * time.Second'],
];
const FIELDS = RECOMMENDED.map(([key]) => key);

export const rule: Rule = {
  meta: {
    id: 'http-transport-limits',
    title: { en: 'HTTP transport left at default limits', 'zh-cn': 'HTTP Transport 使用默认连接参数' },
    chapter: 'http-clients',
    defaultSeverity: 'hint',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  query,
  check(match, context) {
    const type = capture(match, 'type')!;
    const body = capture(match, 'body')!;
    const literal = capture(match, 'literal')!;
    if (context.types.qualified(type)?.path !== 'net/http') return;
    const keys = literalKeys(body);
    if (!keys || handedOff(literal, context) || dialsByHand(body)) return;
    const set = new Set([...keys].filter((key) => FIELDS.includes(key)));
    const target = assignedTarget(literal);
    if (target) {
      const later = laterConfiguration(literal, target, context.file.text, FIELDS);
      if (later === 'handed-off') return;
      for (const field of later) set.add(field);
    }
    const missing = FIELDS.filter((field) => !set.has(field));
    if (missing.length === 0) return;

    const timePackages = context.index.importNames(context.file.uri, 'time');
    const time = timePackages[0] ?? 'time';
    const entries = RECOMMENDED.filter(([key]) => missing.includes(key)).map(([key, value]) => ({ key, value: value.replace('time.', `${time}.`) }));
    const edits: TextEdit[] = addLiteralFields(body, entries, context.file.lines);
    if (timePackages.length === 0 && entries.some((entry) => entry.value.includes('time.'))) {
      const importEdit = addImport(context.file.tree, 'time');
      if (importEdit) edits.push(importEdit);
    }
    context.report({
      node: type,
      message: message(missing),
      fixes: [{ title: { en: `Add ${listEn(missing)}`, 'zh-cn': `加上 ${missing.join('、')}` }, edits }],
    });
  },
};

const DIALS = new Set(['Dial', 'DialContext', 'DialTLS', 'DialTLSContext']);

/**
 * A transport whose connections come from a func literal of its own (an in-memory pipe, a unix
 * socket, a tunnel): pool sizes and handshake timeouts tuned for TCP backends may not apply.
 */
function dialsByHand(body: Node): boolean {
  return body.namedChildren.some((element) => {
    if (element?.type !== 'keyed_element') return false;
    const [key, value] = element.namedChildren;
    return DIALS.has(key?.text ?? '') && value?.namedChild(0)?.type === 'func_literal';
  });
}

function message(missing: string[]): Localized {
  const en: string[] = [];
  const zh: string[] = [];
  if (missing.includes('MaxIdleConnsPerHost')) {
    en.push('keeps only 2 idle connections per host (MaxIdleConnsPerHost unset)');
    zh.push('每个 host 只保留 2 个空闲连接（未设置 MaxIdleConnsPerHost）');
  }
  const timeouts = missing.filter((field) => field !== 'MaxIdleConnsPerHost');
  if (timeouts.length > 0) {
    en.push(`has no ${listEn(timeouts, 'or')}, so it can wait or hold connections forever`);
    zh.push(`没有设置 ${timeouts.join('、')}，可能无限等待或一直占着连接`);
  }
  return {
    en: `http.Transport ${en.join(' and ')}; set ${listEn(missing)}`,
    'zh-cn': `http.Transport ${zh.join('，')}；请设置 ${missing.join('、')}`,
  };
}

/**
 * True when someone else may configure the transport: it is passed straight to a function,
 * or stored into another value, except as the `Transport` of an `http.Client` literal, which
 * is where a transport normally goes and which sets none of these fields.
 */
function handedOff(literal: Node, context: RuleContext): boolean {
  if (passedToCall(literal)) return true;
  if (!storedInAnotherValue(literal)) return false;
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  const element = value.parent;
  const keyed = element?.type === 'literal_element' ? element.parent : undefined;
  if (keyed?.type !== 'keyed_element' || !keyed.childForFieldName('value')?.equals(element!)) return true;
  const key = keyed.childForFieldName('key');
  if ((key?.namedChild(0) ?? key)?.text !== 'Transport') return true;
  const outer = keyed.parent?.parent;
  const outerType = outer?.type === 'composite_literal' ? outer.childForFieldName('type') : null;
  const qualified = outerType ? context.types.qualified(unparen(outerType)) : undefined;
  return !(qualified?.path === 'net/http' && qualified.name === 'Client');
}
