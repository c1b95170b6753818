// Which calls give a response whose body must be closed, and what each use of the response means.
import type { Node } from 'web-tree-sitter';
import { isNamed } from '../../core/go-types';
import { isCompared, isAssignedTo, type Reference, type Use } from '../../core/release/usage';
import type { RuleContext } from '../../core/rule';
import { callArguments } from '../../core/syntax';

const HTTP = 'net/http';
export const REQUEST_METHODS = new Set(['Do', 'Get', 'Post', 'Head', 'PostForm']);

/**
 * True for net/http's `Get`, `Head`, `Post`, `PostForm` (any import name) and for those methods
 * and `Do` on an `http.Client` (a parameter, a field known through the index, `http.DefaultClient`,
 * a local or package variable). Wrappers of the package returning a response are not followed:
 * some hand back a body that needs no closing.
 */
export function returnsResponse(call: Node, context: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  const method = callee?.childForFieldName('field')?.text;
  if (callee?.type !== 'selector_expression' || !method || !REQUEST_METHODS.has(method)) return false;
  const packageFunction = context.types.qualified(callee);
  if (packageFunction) return packageFunction.path === HTTP && method !== 'Do';
  const operand = callee.childForFieldName('operand');
  return operand !== null && isNamed(context.types.typeOf(operand), HTTP, 'Client');
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
