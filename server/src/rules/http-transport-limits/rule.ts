import type { Node } from 'web-tree-sitter';
import type { Fix, Localized, TextEdit } from '../../core/findings';
import { clientLiteralHasTimeout, isClientType, timeoutSetOn } from '../../core/http-client';
import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, passedToCall, storedInAnotherValue } from '../../core/literals';
import { packageQualifier } from '../../core/qualifier';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction, walk } from '../../core/syntax';
import { listEn } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

/**
 * The fields, in the order the fix inserts them, with the values of http.DefaultTransport, which
 * every `http.Get` already uses, so they are safe to apply: idle connections recycled after 90 s,
 * at most 10 s for the TLS handshake. The per-host pool goes from Go's 2 to 100 (source guide
 * 004, ch.5): more connections kept for reuse, nothing refused. Go has no default for the wait
 * on response headers, so that value (30 s) is a starting value.
 */
const RECOMMENDED: [string, string][] = [
  ['MaxIdleConnsPerHost', '100'],
  ['IdleConnTimeout', '90 * time.Second'],
  ['TLSHandshakeTimeout', '10 * time.Second'],
  ['ResponseHeaderTimeout', '30 * time.Second'],
];
const FIELDS = RECOMMENDED.map(([key]) => key);
/** Deadlines on one request: a client's Timeout bounds them already. */
const DEADLINES = new Set(['TLSHandshakeTimeout', 'ResponseHeaderTimeout']);
const STARTING_VALUES = new Set(['ResponseHeaderTimeout']);

export const rule: Rule = {
  meta: {
    id: 'http-transport-limits',
    title: { en: 'HTTP transport left at default limits', 'zh-cn': 'HTTP Transport 使用默认连接参数' },
    chapter: 'http-clients',
    defaultSeverity: 'hint',
    peers: [],
    fixable: true,
    longRunning: true,
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
    if (!keys || dialsByHand(body)) return;
    const owner = ownerOf(literal, context);
    if (owner === 'someone else') return;
    const set = new Set([...keys].filter((key) => FIELDS.includes(key)));
    const target = assignedTarget(literal);
    if (target?.type === 'identifier') {
      const later = laterConfiguration(literal, target, context.file.text, FIELDS);
      if (later === 'handed-off') return;
      for (const field of later) set.add(field);
    }
    // A client that sets Timeout bounds every request, handshake and headers included; a client
    // literal without one is http-client-timeout's finding, not a second one here.
    const deadlinesCovered = owner.kind === 'client literal' || owner.timeout;
    const missing = FIELDS.filter((field) => !set.has(field) && !(deadlinesCovered && DEADLINES.has(field)));
    if (missing.length === 0) return;

    const needsTime = missing.some((key) => key !== 'MaxIdleConnsPerHost');
    const time = needsTime ? packageQualifier(context, 'time', body) : { name: 'time', edits: [] };
    const entries = RECOMMENDED.filter(([key]) => missing.includes(key)).map(([key, value]) => ({ key, value: value.replace('time.', `${time?.name}.`) }));
    const starting = missing.some((key) => STARTING_VALUES.has(key));
    context.report({
      node: type,
      message: message(missing),
      fixes: time ? [fixFor(missing, starting, [...addLiteralFields(body, entries, context.file.lines), ...time.edits])] : [],
    });
  },
};

function fixFor(missing: string[], starting: boolean, edits: TextEdit[]): Fix {
  if (!starting) return { title: { en: `Add ${listEn(missing)} (http.DefaultTransport's values)`, 'zh-cn': `加上 ${missing.join('、')}（取 http.DefaultTransport 的值）` }, edits };
  return {
    title: {
      en: `Add ${listEn(missing)} (ResponseHeaderTimeout: 30 s is a starting value: size it to your slowest backend)`,
      'zh-cn': `加上 ${missing.join('、')}（ResponseHeaderTimeout 的 30 秒只是起点：请按最慢的后端调整）`,
    },
    edits,
    // No Go default to match: too short a wait fails slow backends that answer today.
    preferred: false,
  };
}

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
  const note = (field: string, en: string, zh: string) => (missing.includes(field) ? { en: `${field} (${en})`, zh: `${field}（${zh}）` } : undefined);
  const items = [
    note('MaxIdleConnsPerHost', '2 idle per host', '每个 host 只留 2 个空闲连接'),
    note('IdleConnTimeout', 'idle kept indefinitely', '空闲连接一直保留'),
    ...missing.filter((field) => DEADLINES.has(field)).map((field) => ({ en: field, zh: field })),
  ].filter((item): item is { en: string; zh: string } => item !== undefined);
  const them = missing.length > 1 ? 'them' : 'it';
  return {
    en: `http.Transport has no ${listEn(items.map((item) => item.en), 'or')}; set ${them}`,
    'zh-cn': `http.Transport 没有设置 ${items.map((item) => item.zh).join('、')}；请补上`,
  };
}

type Owner = { kind: 'client literal'; timeout: boolean } | { kind: 'client'; timeout: boolean } | { kind: 'unknown'; timeout: false };

/**
 * Who uses the transport: an `http.Client` literal (`Transport: &http.Transport{…}`, or a
 * variable that goes into one), a client assigned it (`c.Transport = &http.Transport{…}`), or
 * nobody we can see. 'someone else' when the literal is stored in another value or handed to a
 * function, which may configure it.
 */
function ownerOf(literal: Node, context: RuleContext): Owner | 'someone else' {
  if (passedToCall(literal)) return 'someone else';
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  const element = value.parent;
  if (element?.type === 'literal_element') {
    const keyed = element.parent;
    if (keyed?.type !== 'keyed_element' || !keyed.childForFieldName('value')?.equals(element)) return 'someone else';
    const key = keyed.childForFieldName('key');
    const client = keyed.parent?.parent;
    if ((key?.namedChild(0) ?? key)?.text !== 'Transport' || client?.type !== 'composite_literal' || !isClientType(client.childForFieldName('type'), context)) return 'someone else';
    return { kind: 'client literal', timeout: clientLiteralHasTimeout(client, context) };
  }
  const target = assignedTarget(literal);
  if (storedInAnotherValue(literal)) {
    // `c.Transport = &http.Transport{…}`: checked as in a literal, against c's Timeout.
    if (target?.type !== 'selector_expression' || target.childForFieldName('field')?.text !== 'Transport') return 'someone else';
    return { kind: 'client', timeout: timeoutSetOn(target.childForFieldName('operand')!, literal, context) };
  }
  if (target?.type === 'identifier') {
    const user = clientLiteralUsing(target.text, literal, context);
    if (user) return { kind: 'client literal', timeout: clientLiteralHasTimeout(user, context) };
  }
  return { kind: 'unknown', timeout: false };
}

/** The `http.Client` literal after `literal` in its function that takes `name` as its Transport. */
function clientLiteralUsing(name: string, literal: Node, context: RuleContext): Node | undefined {
  const scope = enclosingFunction(literal)?.childForFieldName('body');
  if (!scope) return undefined;
  let found: Node | undefined;
  walk(scope, (node) => {
    if (found || node.endIndex <= literal.endIndex) return false;
    if (node.type !== 'keyed_element') return undefined;
    const key = node.childForFieldName('key');
    const client = node.parent?.parent;
    if ((key?.namedChild(0) ?? key)?.text === 'Transport' && node.childForFieldName('value')?.text === name && client?.type === 'composite_literal' && isClientType(client.childForFieldName('type'), context)) {
      found = client;
    }
    return undefined;
  });
  return found;
}
