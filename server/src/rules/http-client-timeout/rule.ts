import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../core/findings';
import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, passedToCall, storedInAnotherValue } from '../../core/literals';
import { packageQualifier } from '../../core/qualifier';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, enclosingFunction, unparen } from '../../core/syntax';
import { calledMethod, usesOf } from '../../core/variables';
import { isLoopbackAddress } from '../../core/loopback';
import { requestBound, type RequestBound } from '../../core/request-bounds';
import { findLocalDeclaration } from '../../core/scope';
import { boundedByCallersContext, fieldMessage, headerBoundOnly, literalMessage, returnedClients } from './literal';
import { unconfiguredField } from './field';
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
    longRunning: true,
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
  if (!keys || keys.has('Timeout')) return;
  const field = unconfiguredField(literal, context);
  if (field === undefined && storedInAnotherValue(literal)) return;
  if (passedToCall(literal) && !passedToAnotherPackage(literal, context)) return;
  const target = assignedTarget(literal);
  let sends: RequestBound | undefined;
  if (target) {
    const later = laterConfiguration(literal, target, context.file.text, ['Timeout']);
    if (later === 'handed-off' || later.has('Timeout')) return;
    sends = boundOfEverySend(target, context);
    if (sends === 'deadline') return;
  }
  // One finding for the clients a function returns on its several paths: one missing Timeout.
  const returned = returnedClients(literal, context);
  if (returned && !returned[0].equals(literal)) return;
  const bodies = returned ? returned.map((client) => client.childForFieldName('body')!) : [body];
  const time = packageQualifier(context, 'time', body);
  const value = `10 * ${time?.name ?? 'time'}.Second`;
  const edits: TextEdit[] = time ? [...bodies.flatMap((each) => addLiteralFields(each, [{ key: 'Timeout', value }], context.file.lines)), ...time.edits] : [];
  const passedWith = boundedByCallersContext(literal, context);
  const headersBounded = headerBoundOnly(body, context);
  const callersContext = sends === 'caller';
  context.report({
    node: type,
    // With dial and header waits bounded, only a server that stalls mid-body can hold the call.
    // Requests made on the caller's ctx leave the bound to the caller, as Go APIs taking a ctx do.
    severity: passedWith || headersBounded || callersContext ? 'information' : undefined,
    message: field === undefined ? literalMessage(value, { passedWith, callersContext, headersBounded }, returned?.length ?? 1) : fieldMessage(field, value, headersBounded),
    // Go sets no timeout, and one covers reading the whole body: 10 s would cut off a large
    // download that works today. A starting value, so the fix is offered but not preferred.
    fixes:
      edits.length > 0
        ? [
            {
              title: { en: `Add Timeout: ${value} (a starting value: size it to the slowest call, downloads included)`, 'zh-cn': `加上 Timeout: ${value}（只是起点：请按最慢的调用调整，包括下载）` },
              edits,
              preferred: false,
            },
          ]
        : [],
  });
}

function checkCall(call: Node, callee: Node, method: string, context: RuleContext): void {
  const called = context.types.calledFunction(call);
  if (called) {
    if (called.path !== 'net/http' || !HELPERS.has(called.name) || defaultClientConfigured(context)) return;
    if (reportLoopback(call, callee, context)) return;
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
  if (method !== 'Do' && reportLoopback(call, callee, context)) return;
  const request = callArguments(call)[0];
  const bound = method === 'Do' && request ? requestBound(request, context) : undefined;
  if (bound === 'deadline') return;
  if (bound === 'caller') {
    // `Fetch(ctx, …)` hands the bound to its caller, as Go APIs do; whether it sets one is out of sight.
    context.report({
      node: operand!,
      severity: 'information',
      message: {
        en: `\`${operand!.text}\` has no timeout, so this request is bounded only by the ctx the caller passes in; give callers a deadline, or use a client with a Timeout`,
        'zh-cn': `\`${operand!.text}\` 没有超时，这个请求只受调用方传入的 ctx 约束；请确保调用方设置了截止时间，或改用带 Timeout 的客户端`,
      },
    });
    return;
  }
  context.report({
    node: operand!,
    message: {
      en: `\`${operand!.text}\` has no timeout and no deadline is set on this request here, so it can hang; use a shared \`&http.Client{Timeout: …}\``,
      'zh-cn': `\`${operand!.text}\` 没有超时，这里也没有给请求设置截止时间，请求可能一直挂住；改为通过一个共享的 \`&http.Client{Timeout: …}\` 发请求`,
    },
  });
}

/**
 * `http.Get("http://127.0.0.1:8080/status")`: the server is on this machine, so only a stalled
 * local process can hang the call. Still unbounded, but not a remote peer's doing: information.
 */
function reportLoopback(call: Node, callee: Node, context: RuleContext): boolean {
  const url = callArguments(call)[0];
  if (!url || !isLoopbackAddress(url, call, context.types)) return false;
  context.report({
    node: callee,
    severity: 'information',
    message: {
      en: `\`${callee.text}\` calls this machine through http.DefaultClient (no timeout), so a stalled local process hangs it; use a client with a Timeout`,
      'zh-cn': `\`${callee.text}\` 经由没有超时的 http.DefaultClient 请求本机上的服务，本机进程卡住时它也会跟着挂住；请改用带 Timeout 的客户端`,
    },
  });
  return true;
}

/**
 * `sdk.NewClient(&http.Client{…})`: another package's constructor uses the client as it is given.
 * A function of this package may set the Timeout itself, which we would have to read to know.
 */
function passedToAnotherPackage(literal: Node, context: RuleContext): boolean {
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  const call = value.parent?.parent;
  return call?.type === 'call_expression' && context.types.calledFunction(call) !== undefined;
}

/**
 * A client kept in a local variable whose every use sends a request with a bound: 'deadline' when
 * each request's context has a deadline set here (`context.WithTimeout`), so nothing it sends can
 * hang; 'caller' when each is made on this function's own ctx parameter, so the caller's context
 * is their only bound; undefined otherwise.
 */
function boundOfEverySend(target: Node, context: RuleContext): RequestBound | undefined {
  // Only a variable declared with the literal: `client := &http.Client{}` or `var client = …`.
  const holder = target.parent?.type === 'expression_list' ? target.parent.parent : target.parent;
  if (target.type !== 'identifier' || (holder?.type !== 'short_var_declaration' && holder?.type !== 'var_spec')) return undefined;
  const fn = enclosingFunction(target);
  if (!fn) return undefined;
  const bounds = new Set<RequestBound | undefined>();
  for (const use of usesOf(target, fn)) {
    const method = calledMethod(use);
    if (method === 'CloseIdleConnections') continue;
    const request = method === 'Do' ? callArguments(use.parent!.parent!)[0] : undefined;
    const bound = request ? requestBound(request, context) : undefined;
    // A request handed in whole, or a ctx parameter of a closure, is not this function's ctx.
    bounds.add(bound === 'caller' && !(builtHere(request!) && enclosingFunction(use)?.equals(fn)) ? undefined : bound);
  }
  // A mix of the two is left a warning: the message could not say what bounds each request.
  return bounds.size === 1 ? [...bounds][0] : undefined;
}

/** The request is built here (`http.NewRequestWithContext(ctx, …)`, `req.WithContext(ctx)`), not a parameter itself. */
function builtHere(request: Node): boolean {
  const expression = unparen(request);
  return expression.type !== 'identifier' || findLocalDeclaration(expression)?.kind !== 'param';
}

/**
 * `http.DefaultClient.Timeout = …` somewhere in this file: the program gave the default
 * client a timeout (a global, but a bounded one). Other files of the package are not seen.
 */
function defaultClientConfigured(context: RuleContext): boolean {
  return /\bDefaultClient\s*\.\s*Timeout\s*=[^=]/.test(context.file.text);
}
