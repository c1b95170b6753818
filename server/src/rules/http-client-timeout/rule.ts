import type { Node } from 'web-tree-sitter';
import { addImport } from '../../core/edits';
import type { TextEdit } from '../../core/findings';
import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, passedToCall, storedInAnotherValue } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

/** The package-level helpers of net/http, all sent through http.DefaultClient. */
const HELPERS = new Set(['Get', 'Head', 'Post', 'PostForm']);
const CLIENT_METHODS = new Set(['Do', 'Get', 'Head', 'Post', 'PostForm']);

export const rule: Rule = {
  meta: {
    id: 'http-client-timeout',
    title: { en: 'HTTP client without a timeout', 'zh-cn': 'HTTP 客户端没有超时' },
    chapter: 'http-clients',
    defaultSeverity: 'warning',
    peers: ['noctx'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    // Tests talk to httptest servers that answer at once or fail the test.
    skipsTests: true,
  },
  query,
  methods: ['Get', 'Head', 'Post', 'PostForm', 'Do'],
  check(match, context) {
    const literal = capture(match, 'literal');
    if (literal) checkLiteral(literal, capture(match, 'type')!, capture(match, 'body')!, context);
    else checkCall(capture(match, 'call')!, capture(match, 'callee')!, capture(match, 'method')!.text, context);
  },
};

function checkLiteral(literal: Node, type: Node, body: Node, context: RuleContext): void {
  if (context.types.qualified(type)?.path !== 'net/http') return;
  const keys = literalKeys(body);
  if (!keys || keys.has('Timeout') || storedInAnotherValue(literal) || passedToCall(literal)) return;
  const target = assignedTarget(literal);
  if (target) {
    const later = laterConfiguration(literal, target, context.file.text, ['Timeout']);
    if (later === 'handed-off' || later.has('Timeout')) return;
  }
  const timePackages = context.index.importNames(context.file.uri, 'time');
  const value = `10 * ${timePackages[0] ?? 'time'}.Second`;
  const edits: TextEdit[] = addLiteralFields(body, [{ key: 'Timeout', value }], context.file.lines);
  if (timePackages.length === 0) {
    const importEdit = addImport(context.file.tree, 'time');
    if (importEdit) edits.push(importEdit);
  }
  context.report({
    node: type,
    message: {
      en: `http.Client has no Timeout, so a server that stops answering blocks the request forever; set \`Timeout: ${value}\` (or a bound that fits the calls)`,
      'zh-cn': `http.Client 没有设置 Timeout，对端不再响应时请求会永远阻塞；设置 \`Timeout: ${value}\`（或按调用情况定一个时限）`,
    },
    fixes: [{ title: { en: `Add Timeout: ${value}`, 'zh-cn': `加上 Timeout: ${value}` }, edits }],
  });
}

function checkCall(call: Node, callee: Node, method: string, context: RuleContext): void {
  const called = context.types.calledFunction(call);
  if (called) {
    if (called.path !== 'net/http' || !HELPERS.has(called.name) || defaultClientConfigured(context)) return;
    context.report({
      node: callee,
      message: {
        en: `\`${callee.text}\` sends the request through http.DefaultClient, which has no timeout; use a shared \`&http.Client{Timeout: …}\` and call its \`${called.name}\``,
        'zh-cn': `\`${callee.text}\` 走的是没有超时的 http.DefaultClient；改用一个共享的 \`&http.Client{Timeout: …}\`，调用它的 \`${called.name}\``,
      },
    });
    return;
  }
  const operand = callee.childForFieldName('operand');
  const client = operand ? context.types.qualified(operand) : undefined;
  if (client?.path !== 'net/http' || client.name !== 'DefaultClient' || !CLIENT_METHODS.has(method)) return;
  if (defaultClientConfigured(context)) return;
  context.report({
    node: operand!,
    message: {
      en: `\`${operand!.text}\` has no timeout, so \`${callee.text}\` can block forever; send the request through a shared \`&http.Client{Timeout: …}\` instead`,
      'zh-cn': `\`${operand!.text}\` 没有超时，\`${callee.text}\` 可能永远阻塞；改为通过一个共享的 \`&http.Client{Timeout: …}\` 发请求`,
    },
  });
}

/**
 * `http.DefaultClient.Timeout = …` somewhere in this file: the program gave the default
 * client a timeout (a global, but a bounded one). Other files of the package are not seen.
 */
function defaultClientConfigured(context: RuleContext): boolean {
  return /\bDefaultClient\s*\.\s*Timeout\s*=[^=]/.test(context.file.text);
}
