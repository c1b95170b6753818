// Which calls give a response whose body must be closed, and what each use of the response means.
import type { Node } from 'web-tree-sitter';
import { calleeDeclaration } from '../../core/callee';
import type { Declared } from '../../core/context-params';
import type { FuncSignature } from '../../core/file-summary';
import { isNamed, type TypeRef } from '../../core/go-types';
import { isExported, type PackageIndex } from '../../core/package-index';
import { REQUEST_METHODS, type ResponseCall, type ValuePath } from '../../core/response-wrappers';
import { isCompared, isAssignedTo, type Reference, type Use } from '../../core/release/usage';
import type { RuleContext } from '../../core/rule';
import { valueReaching } from '../../core/request-bounds';
import { callArguments, enclosingFunction } from '../../core/syntax';

const HTTP = 'net/http';

/**
 * True for net/http's `Get`, `Head`, `Post`, `PostForm` (any import name) and for those methods
 * and `Do` on an `http.Client` (a parameter, a field known through the index, `http.DefaultClient`,
 * a local or package variable), and for `Do` of an `*http.Request` on another package's variable.
 * Wrappers of the module are `wrapperResponse`'s.
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

/**
 * `return resp, nil` in the function that received the response: on the path through that return
 * the caller owns the body. It counts as a release where it stands, so a path that leaves by
 * another exit before it still leaks (see `leakBeforeClose`). A return inside a func literal
 * returns from the literal, and stays an escape.
 */
export function handedToCaller({ node, parent }: Reference, fn: Node): Use | undefined {
  if (parent.type !== 'expression_list' || parent.parent?.type !== 'return_statement') return undefined;
  return enclosingFunction(node)?.equals(fn) ? { kind: 'release', call: node } : undefined;
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

/** A wrapper's response, as the findings about it need it. */
export interface WrappedResponse {
  /** A HEAD request on every path: its response has no body (see `isHeadRequest`). */
  head: boolean;
}

/** The most wrappers followed from a call to the request (`get` calling `do` calling `client.Do`). */
const MAX_WRAPPERS = 3;

/**
 * A call of a function or method of the module whose every return hands back, untouched, the
 * response of a request (`res, err := client.Do(req); return res, err`), or `nil`: its caller
 * owns a body to close, as after `client.Do`. From the index's facts (see `responseFactOf`);
 * each call they name must send a request by the tests of `returnsResponse`, or be such a
 * wrapper itself.
 */
export function wrapperResponse(call: Node, context: RuleContext): WrappedResponse | undefined {
  if (!mayBeWrapper(call, context)) return undefined;
  const declared = calleeDeclaration(call, context);
  if (!declared || !sendsOnEveryReturn(declared, 1, new Set())) return undefined;
  const calls = declared.signature.response!.calls;
  const head = calls.every((c) => c.verb === 'HEAD' || (typeof c.verb === 'number' && isHeadVerb(callArguments(call)[c.verb], context)));
  return { head };
}

/**
 * The name of the function called is one some wrapper of this package, or of a package of the
 * module it imports, has: asked first, so that the thousands of other calls cost a lookup.
 */
function mayBeWrapper(call: Node, context: RuleContext): boolean {
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
  return name !== undefined && wrapperNames(context.index).has(name);
}

/** Whether the package, or a package of the module it imports, has a wrapper to call at all. */
export function seesWrappers(index: PackageIndex): boolean {
  return wrapperNames(index).size > 0;
}

const namesByIndex = new WeakMap<PackageIndex, Set<string>>();

function wrapperNames(index: PackageIndex): Set<string> {
  let names = namesByIndex.get(index);
  if (!names) {
    names = new Set();
    for (const owner of [index, ...index.importedPaths.map((path) => index.imported(path))]) {
      // A wrapper's first result is written `*http.Response` (see `responseFactOf`).
      for (const file of owner?.filesMentioning('Response') ?? []) for (const fn of file.funcs) if (fn.response) names.add(fn.name);
    }
    namesByIndex.set(index, names);
  }
  return names;
}

function sendsOnEveryReturn({ signature, index }: Declared, depth: number, seen: Set<FuncSignature>): boolean {
  const fact = signature.response;
  if (!fact || depth > MAX_WRAPPERS || seen.has(signature)) return false;
  seen.add(signature);
  try {
    return fact.calls.every((sent) => sends(sent, signature, index, depth, seen));
  } finally {
    seen.delete(signature);
  }
}

/** One call a wrapper returns the response of: a request, or a wrapper in turn. */
function sends(sent: ResponseCall, caller: FuncSignature, index: PackageIndex, depth: number, seen: Set<FuncSignature>): boolean {
  if (sent.http) return true;
  if (sent.func) {
    const owner = sent.pkg === undefined ? index : index.imported(sent.pkg);
    const signature = sent.pkg === undefined || isExported(sent.func) ? owner?.func(sent.func) : undefined;
    return Boolean(owner && signature && sendsOnEveryReturn({ signature, index: owner }, depth + 1, seen));
  }
  if (!sent.method || !sent.on) return false;
  // `base.HttpClient.Do(req)`: as `sendsRequest` decides for the same call written by the caller.
  if (sent.method === 'Do' && sent.request && sent.on.root === 'var' && sent.on.pkg !== undefined && sent.on.fields.length === 0) return true;
  const value = typeOfPath(sent.on, caller, index);
  if (!value) return false;
  if (isNamed(value.type, HTTP, 'Client')) return REQUEST_METHODS.has(sent.method);
  const { type, owner } = value;
  if (!type.name || type.pkg === undefined) return false;
  const declaredIn = type.pkg === '' ? owner : owner.imported(type.pkg);
  const signature = declaredIn?.method(type.name, sent.method);
  return Boolean(declaredIn && signature && sendsOnEveryReturn({ signature, index: declaredIn }, depth + 1, seen));
}

/** The type at the end of a path, with the index its package-relative names are read in. */
function typeOfPath(path: ValuePath, caller: FuncSignature, index: PackageIndex): { type: TypeRef; owner: PackageIndex } | undefined {
  let current: { type: TypeRef; owner: PackageIndex } | undefined;
  switch (path.root) {
    case 'client':
      current = { type: { pkg: HTTP, name: 'Client', pointer: true, text: '*http.Client' }, owner: index };
      break;
    case 'receiver':
      current = caller.receiver ? { type: { pkg: '', name: caller.receiver, pointer: true, text: caller.receiver }, owner: index } : undefined;
      break;
    case 'param': {
      const type = caller.params[path.param!]?.type;
      current = type && { type, owner: index };
      break;
    }
    case 'var': {
      if (path.pkg === HTTP) {
        current = path.var === 'DefaultClient' ? { type: { pkg: HTTP, name: 'Client', pointer: true, text: '*http.Client' }, owner: index } : undefined;
        break;
      }
      const owner = path.pkg === undefined ? index : index.imported(path.pkg);
      current = owner && variableType(owner, path.var!);
      break;
    }
  }
  for (const field of path.fields) {
    if (!current?.type.name || current.type.pkg === undefined) return undefined;
    const owner = current.type.pkg === '' ? current.owner : current.owner.imported(current.type.pkg);
    const type = owner?.fieldType(current.type.name, field);
    current = owner && type && { type, owner };
  }
  return current;
}

/** A package variable's type, or for `var c = NewClient()` the type its constructor returns. */
function variableType(index: PackageIndex, name: string): { type: TypeRef; owner: PackageIndex } | undefined {
  const type = index.packageVar(name);
  if (!type?.madeBy) return type?.name ? { type, owner: index } : undefined;
  const owner = type.madeBy.pkg === '' ? index : index.imported(type.madeBy.pkg);
  const constructor = owner?.func(type.madeBy.name);
  if (!owner || !constructor || constructor.receiver !== undefined) return undefined;
  const made = constructor.returns ?? constructor.results[0];
  return made ? { type: made, owner } : undefined;
}

/** `"HEAD"` or `http.MethodHead`, as the caller passes a wrapper's method parameter. */
function isHeadVerb(argument: Node | undefined, context: RuleContext): boolean {
  if (!argument) return false;
  if (argument.text === '"HEAD"') return true;
  const qualified = argument.type === 'selector_expression' ? context.types.qualified(argument) : undefined;
  return qualified?.path === HTTP && qualified.name === 'MethodHead';
}
