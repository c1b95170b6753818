// Which calls give a response whose body must be closed, and what each use of the response means.
import type { Node } from 'web-tree-sitter';
import { isNamed } from '../../core/go-types';
import { isCompared, isAssignedTo, type Reference, type Use } from '../../core/release/usage';
import type { RuleContext } from '../../core/rule';
import { valueReaching } from '../../core/request-bounds';
import { callArguments } from '../../core/syntax';

const HTTP = 'net/http';
export const REQUEST_METHODS = new Set(['Do', 'Get', 'Post', 'Head', 'PostForm']);

/**
 * True for net/http's `Get`, `Head`, `Post`, `PostForm` (any import name) and for those methods
 * and `Do` on an `http.Client` (a parameter, a field known through the index, `http.DefaultClient`,
 * a local or package variable), and for `Do` of an `*http.Request` on another package's variable.
 * Wrappers of the package returning a response are not followed: some hand back a body that
 * needs no closing.
 */
export function returnsResponse(call: Node, context: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  const method = callee?.childForFieldName('field')?.text;
  if (callee?.type !== 'selector_expression' || !method || !REQUEST_METHODS.has(method)) return false;
  const packageFunction = context.types.qualified(callee);
  if (packageFunction) return packageFunction.path === HTTP && method !== 'Do';
  const operand = callee.childForFieldName('operand');
  if (!operand) return false;
  if (isNamed(context.types.typeOf(operand), HTTP, 'Client')) return true;
  return method === 'Do' && context.types.qualified(operand) !== undefined && sendsRequest(call, context);
}

/**
 * `base.HttpClient.Do(req)`: a variable of another package, whose type the index cannot see.
 * A `Do` given an `*http.Request` is net/http's client contract (a client or a Doer of it), so
 * the response it returns has a body to close.
 */
function sendsRequest(call: Node, context: RuleContext): boolean {
  const args = callArguments(call);
  const type = args.length === 1 ? context.types.typeOf(args[0]) : undefined;
  return isNamed(type, HTTP, 'Request') && type!.pointer;
}

/**
 * A HEAD request (`http.Head`, `client.Head`, or `Do` of a request made with method HEAD in this
 * function): its response has no body, and the Transport puts the connection back in the pool
 * before it returns the response, so an unclosed Body holds nothing.
 */
export function isHeadRequest(call: Node, context: RuleContext): boolean {
  const method = call.childForFieldName('function')?.childForFieldName('field')?.text;
  if (method === 'Head') return true;
  const request = method === 'Do' ? callArguments(call)[0] : undefined;
  const made = request?.type === 'identifier' ? valueReaching(request) : request;
  if (made?.type !== 'call_expression') return false;
  const called = context.types.calledFunction(made);
  if (called?.path !== HTTP || (called.name !== 'NewRequest' && called.name !== 'NewRequestWithContext')) return false;
  const verb = callArguments(made)[called.name === 'NewRequest' ? 0 : 1];
  return verb?.text === '"HEAD"' || (verb?.type === 'selector_expression' && context.types.qualified(verb)?.path === HTTP && context.types.qualified(verb)?.name === 'MethodHead');
}

/**
 * What one use of the response variable means. Reading fields and headers is harmless; the body
 * is closed by `resp.Body.Close()`, by a deferred helper taking `resp` or `resp.Body`, and read
 * (not closed) by the standard library. Anything else hands the response or its body on.
 */
export function classifyResponseUse({ node, parent }: Reference, context: RuleContext): Use {
  if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.equals(node)) {
    return parent.childForFieldName('field')?.text === 'Body' ? bodyUse(parent, context) : { kind: 'harmless' };
  }
  if (parent.type === 'argument_list') return { kind: 'argument', argument: node, otherwise: 'escape' };
  if (isCompared(node) || isAssignedTo(node)) return { kind: 'harmless' };
  return { kind: 'escape' };
}

/** A use of `resp.Body`. */
function bodyUse(body: Node, context: RuleContext): Use {
  const outer = body.parent;
  if (outer?.type === 'selector_expression' && outer.childForFieldName('operand')?.equals(body)) {
    if (outer.childForFieldName('field')?.text !== 'Close') return { kind: 'harmless' }; // resp.Body.Read(…)
    const call = outer.parent;
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(outer)) return { kind: 'release', call };
    return { kind: 'releaseValue', value: outer };
  }
  if (outer?.type === 'argument_list' && outer.parent?.type === 'call_expression') {
    if (onlyReads(outer.parent, body, context)) return { kind: 'harmless' };
    return { kind: 'argument', argument: body, otherwise: 'escape' };
  }
  if (isCompared(body)) return { kind: 'harmless' };
  return { kind: 'escape' }; // kept in a variable, replaced, returned, stored
}

/**
 * True when the call reads the body without closing it: a standard-library function
 * (`io.ReadAll`, `io.Copy`, `json.NewDecoder`, …), a `ReadFrom` method, or a function of this
 * package whose parameter is an `io.Reader` (it cannot close what it receives).
 */
function onlyReads(call: Node, body: Node, context: RuleContext): boolean {
  const packageFunction = context.types.calledFunction(call);
  if (packageFunction) return isStandardLibrary(packageFunction.path);
  const callee = call.childForFieldName('function');
  if (callee?.type === 'selector_expression') return callee.childForFieldName('field')?.text === 'ReadFrom';
  if (callee?.type !== 'identifier' || context.types.declaration(callee)) return false;
  const position = callArguments(call).findIndex((argument) => argument.equals(body));
  const signature = context.index.func(callee.text);
  const param = signature?.params[position];
  return param !== undefined && position < signature!.params.length && isNamed(param.type, 'io', 'Reader') && !param.type.pointer;
}

function isStandardLibrary(path: string): boolean {
  return !path.split('/')[0].includes('.');
}
