// What an http.Client literal without a Timeout is up against: the function's other returns, a
// context handed along with it, a Transport that bounds the headers. Each changes the finding.
import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { isClientType } from '../../core/http-client';
import { literalKeys } from '../../core/literals';
import { contextBound, valueReaching } from '../../core/request-bounds';
import type { RuleContext } from '../../core/rule';
import { callArguments, enclosingFunction, findAll, unparen } from '../../core/syntax';

/**
 * `return &http.Client{}` on each of a function's paths: the Timeout-less client literals the
 * function returns directly, in order, when `literal` is one of them.
 */
export function returnedClients(literal: Node, context: RuleContext): Node[] | undefined {
  if (!returnedValue(literal)) return undefined;
  const fn = enclosingFunction(literal);
  const body = fn?.childForFieldName('body');
  if (!body) return undefined;
  const clients: Node[] = [];
  for (const ret of findAll(body, 'return_statement', { skipFuncLiterals: true })) {
    const values = ret.namedChildren.find((n) => n?.type === 'expression_list')?.namedChildren ?? [];
    for (const value of values) {
      const client = value && unparen(value.type === 'unary_expression' ? (value.namedChild(0) ?? value) : value);
      const keys = client?.type === 'composite_literal' ? literalKeys(client.childForFieldName('body')!) : undefined;
      if (client && keys && !keys.has('Timeout') && isClientType(client.childForFieldName('type'), context)) clients.push(client);
    }
  }
  return clients.some((client) => client.equals(literal)) ? clients : undefined;
}

function returnedValue(literal: Node): boolean {
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  return value.parent?.type === 'expression_list' && value.parent.parent?.type === 'return_statement';
}

/**
 * `sdk.GetTask(ctx, &http.Client{})`: the literal goes to another package's call together with a
 * ctx that has a bound (the caller's parameter, or a deadline set here). That call is what the
 * client serves, and the ctx is its bound; the callee's text, or undefined.
 */
export function boundedByCallersContext(literal: Node, context: RuleContext): string | undefined {
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  const call = value.parent?.type === 'argument_list' ? value.parent.parent : null;
  if (call?.type !== 'call_expression' || !context.types.calledFunction(call)) return undefined;
  const bounded = callArguments(call).some((argument) => !argument.equals(value) && isContext(argument, context) && contextBound(argument, context) !== undefined);
  return bounded ? call.childForFieldName('function')!.text : undefined;
}

/** A `context.Context` by its declared type, or by the `context` function that made it. */
function isContext(expression: Node, context: RuleContext): boolean {
  if (expression.type !== 'identifier') return false;
  if (isNamed(context.types.typeOf(expression), 'context', 'Context')) return true;
  const value = valueReaching(expression);
  return value?.type === 'call_expression' && context.types.calledFunction(value)?.path === 'context';
}

/**
 * The client's Transport (a literal, or a local variable holding one) sets
 * `ResponseHeaderTimeout`: the wait for headers is bounded, reading the body is not.
 */
export function headerBoundOnly(body: Node, context: RuleContext): boolean {
  for (const element of body.namedChildren) {
    if (element?.type !== 'keyed_element') continue;
    const key = element.childForFieldName('key');
    if ((key?.namedChild(0) ?? key)?.text !== 'Transport') continue;
    const written = element.childForFieldName('value');
    let transport: Node | undefined = written ? unparen(written.namedChild(0) ?? written) : undefined;
    if (transport?.type === 'identifier') transport = valueReaching(transport);
    if (transport?.type === 'unary_expression') transport = transport.namedChild(0) ?? undefined;
    if (transport?.type !== 'composite_literal') return false;
    const type = transport.childForFieldName('type');
    const qualified = type ? context.types.qualified(type) : undefined;
    return qualified?.path === 'net/http' && qualified.name === 'Transport' && Boolean(literalKeys(transport.childForFieldName('body')!)?.has('ResponseHeaderTimeout'));
  }
  return false;
}

/** What bounds a Timeout-less client's requests, short of a Timeout. */
export interface LiteralBounds {
  /** The other package's call the literal is handed to along with a bounded ctx. */
  passedWith: string | undefined;
  /** Every request it sends is made on the function's own ctx parameter. */
  callersContext: boolean;
  /** Its Transport sets ResponseHeaderTimeout. */
  headersBounded: boolean;
}

/** The message, by what bounds the client's requests: a ctx passed with it, the caller's ctx, the Transport's header wait, or nothing. */
export function literalMessage(value: string, { passedWith, callersContext, headersBounded }: LiteralBounds, returns: number): Localized {
  if (passedWith) {
    return {
      en: `http.Client has no Timeout; \`${passedWith}\` is bounded only by the ctx passed with it. Give callers a deadline, or set \`Timeout: ${value}\``,
      'zh-cn': `http.Client 没有设置 Timeout；\`${passedWith}\` 只受一同传入的 ctx 约束。请确保调用方设置了截止时间，或设置 \`Timeout: ${value}\``,
    };
  }
  if (callersContext) {
    return {
      en: `http.Client has no Timeout; its requests use the ctx parameter, so the caller's context is the only bound. Give callers a deadline, or set a Timeout`,
      'zh-cn': `http.Client 没有设置 Timeout；它的请求都基于参数 ctx，调用方的 context 是唯一的时限。请确保调用方设置了截止时间，或设置 Timeout`,
    };
  }
  if (headersBounded) {
    return {
      en: `http.Client has no Timeout; its Transport bounds the wait for headers, but reading the body has no bound; set \`Timeout: ${value}\` or a bound that fits`,
      'zh-cn': `http.Client 没有设置 Timeout；它的 Transport 限制了等待响应头的时间，但读取响应体没有时限；设置 \`Timeout: ${value}\`（或按调用情况定一个时限）`,
    };
  }
  if (returns > 1) {
    return {
      en: `http.Client has no Timeout on any of the ${returns} returns, so a request to a stalled server waits with no bound; set \`Timeout: ${value}\` or a bound that fits`,
      'zh-cn': `这 ${returns} 处 return 的 http.Client 都没有设置 Timeout，对端卡住时请求没有时限；设置 \`Timeout: ${value}\`（或按调用情况定一个时限）`,
    };
  }
  return {
    en: `http.Client has no Timeout, so a request to a stalled server waits with no bound of its own; set \`Timeout: ${value}\` or a bound that fits`,
    'zh-cn': `http.Client 没有设置 Timeout，对端卡住时请求没有自己的时限可言；设置 \`Timeout: ${value}\`（或按调用情况定一个时限）`,
  };
}

/** The message for a client kept in a field that nothing in the package configures (see `unconfiguredField`). */
export function fieldMessage(field: string, value: string, headersBounded: boolean): Localized {
  if (headersBounded) {
    return {
      en: `http.Client in field \`${field}\` has no Timeout and nothing in the package sets one; its Transport bounds only the wait for headers; set \`Timeout: ${value}\``,
      'zh-cn': `字段 \`${field}\` 里的 http.Client 没有设置 Timeout，本包里也没有别处设置它；它的 Transport 只限制了等待响应头的时间；设置 \`Timeout: ${value}\``,
    };
  }
  return {
    en: `http.Client in field \`${field}\` has no Timeout and nothing in the package sets one, so its requests have no bound of their own; set \`Timeout: ${value}\``,
    'zh-cn': `字段 \`${field}\` 里的 http.Client 没有设置 Timeout，本包里也没有别处设置它，经由它的请求没有自己的时限；设置 \`Timeout: ${value}\`（或按调用情况定一个时限）`,
  };
}
