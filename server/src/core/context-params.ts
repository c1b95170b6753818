// What a function does with its `context.Context` parameters, as far as its own text shows, and
// the chains of such facts across the module: whether a context handed to a call can only be
// read for its values (`ctx.Value(k)`), never reach work that its cancellation would stop.
import type { Node } from 'web-tree-sitter';
import type { FuncSignature, Param } from './file-summary';
import type { TypeRef } from './go-types';
import type { PackageIndex } from './package-index';
import { findLocalDeclaration } from './scope';
import { comparedWithNil } from './param-calls';
import { callArguments, identifiersNamed, walk } from './syntax';

/** The import paths of the context package: the standard library's and its x/net forerunner. */
export const CONTEXT_PATHS = new Set(['context', 'golang.org/x/net/context']);

/**
 * A call a context parameter is passed to, as argument `arg`, named as the syntax names it:
 * `f(ctx)` (a function of the package), `pkg.F(ctx)` (`pkg` the import path), `v.M(ctx)` (`v` a
 * package variable), `r.M(ctx)` (`receiver`: the method's own receiver).
 */
export interface ContextPass {
  name: string;
  arg: number;
  pkg?: string;
  var?: string;
  receiver?: true;
}

/**
 * A context parameter used for nothing but `ctx.Value(…)`, nil comparisons and being passed, as
 * a whole argument, to the calls in `passes` (none: the function only reads values from it).
 */
export interface ContextUse {
  param: number;
  passes: ContextPass[];
}

/** The chains followed: a callee this many calls away is not looked into. */
export const MAX_HOPS = 4;

export function isContextType(type: TypeRef | undefined): boolean {
  return type !== undefined && CONTEXT_PATHS.has(type.pkg ?? '') && type.name === 'Context' && !type.pointer;
}

/**
 * The `ContextUse` of each context parameter of a function or method whose every use is one of
 * those, outside func literals, go and defer statements (work that may outlive the call). Any
 * other occurrence of the name (assigned, declared again, shadowed) leaves the parameter without one.
 */
export function contextUsesOf(declaration: Node, params: readonly Param[], resolve: (qualifier: string) => string | undefined): ContextUse[] | undefined {
  // The parameters first: most functions take no context, and the body is then never fetched.
  if (!params.some(({ name, type }) => name && name !== '_' && isContextType(type))) return undefined;
  const body = declaration.childForFieldName('body');
  if (!body) return undefined;
  const found: ContextUse[] = [];
  params.forEach(({ name, type }, param) => {
    if (!name || name === '_' || !isContextType(type)) return;
    const use: ContextUse = { param, passes: [] };
    // Found from the text, not by walking the body: most functions that take a context are long.
    for (const identifier of identifiersNamed(body, name)) {
      const passed = insideLiteral(identifier, body) ? undefined : useOf(identifier, resolve);
      if (passed === undefined) return;
      if (passed !== 'value') use.passes.push(passed);
    }
    found.push(use);
  });
  return found.length > 0 ? found : undefined;
}

function insideLiteral(node: Node, body: Node): boolean {
  for (let current = node.parent; current && !current.equals(body); current = current.parent) if (current.type === 'func_literal') return true;
  return false;
}

/** `'value'` for `ctx.Value(…)` and `ctx == nil`, the call for `f(…, ctx, …)`; undefined for any other use. */
function useOf(identifier: Node, resolve: (qualifier: string) => string | undefined): ContextPass | 'value' | undefined {
  const parent = identifier.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.equals(identifier)) {
    const call = parent.parent;
    const called = call?.type === 'call_expression' && call.childForFieldName('function')?.equals(parent);
    return called && parent.childForFieldName('field')?.text === 'Value' ? 'value' : undefined;
  }
  if (parent?.type === 'binary_expression') return comparedWithNil(identifier) ? 'value' : undefined;
  const call = parent?.type === 'argument_list' ? parent.parent : undefined;
  if (call?.type !== 'call_expression' || call.parent?.type === 'go_statement' || call.parent?.type === 'defer_statement') return undefined;
  const args = callArguments(call);
  if (args.some((arg) => arg.type === 'variadic_argument')) return undefined;
  const arg = args.findIndex((n) => n.equals(identifier));
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return findLocalDeclaration(fn) ? undefined : { name: fn.text, arg };
  const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
  const name = fn?.childForFieldName('field')?.text;
  if (operand?.type !== 'identifier' || !name) return undefined;
  const local = findLocalDeclaration(operand);
  // A receiver assigned again keeps its type, and so its methods.
  if (local) return local.kind === 'receiver' ? { name, arg, receiver: true } : undefined;
  const pkg = resolve(operand.text);
  return pkg !== undefined ? { name, arg, pkg } : { name, arg, var: operand.text };
}

/**
 * `&T{…}` (or `T{…}`, `new(T)`) on every return of a function with one result, when that result
 * is declared as another type (an interface): the concrete type its callers get.
 */
export function concreteResult(declaration: Node, results: readonly TypeRef[]): TypeRef | undefined {
  // An interface is named and never a pointer: `func NewRepo() *Repo` says all already.
  const [declared] = results;
  if (results.length !== 1 || declared.pointer || !declared.name) return undefined;
  const body = declaration.childForFieldName('body');
  if (!body || !/\breturn\s+(?:&|new\s*\(|[\p{L}_][\p{L}\p{Nd}_]*\s*\{)/u.test(body.text)) return undefined;
  let found: TypeRef | undefined;
  let mixed = false;
  walk(body, (node) => {
    if (mixed || node.type === 'func_literal') return false;
    if (node.type !== 'return_statement') return undefined;
    const values = node.namedChild(0);
    const type = values?.type === 'expression_list' && values.namedChildCount === 1 ? literalType(values.namedChild(0)!) : undefined;
    if (!type || (found && found.name !== type.name)) mixed = true;
    found ??= type;
    return false;
  });
  return !mixed && found && found.name !== results[0].name ? found : undefined;
}

function literalType(value: Node): TypeRef | undefined {
  let operand = value;
  const address = value.type === 'unary_expression' && value.child(0)?.type === '&';
  if (address) operand = value.childForFieldName('operand')!;
  let name: Node | null = null;
  if (operand.type === 'composite_literal') name = operand.childForFieldName('type');
  else if (!address && operand.type === 'call_expression' && operand.childForFieldName('function')?.text === 'new') {
    name = operand.childForFieldName('arguments')?.namedChild(0) ?? null;
  }
  if (name?.type !== 'type_identifier') return undefined;
  const pointer = address || operand.type === 'call_expression';
  return { pkg: '', name: name.text, pointer, text: `${pointer ? '*' : ''}${name.text}` };
}

/** A function or method with the package index it is declared in. */
export interface Declared {
  signature: FuncSignature;
  index: PackageIndex;
}

/**
 * The method `name` of the concrete type a package variable holds (`var repo = NewRepo()` with
 * NewRepo returning `&Repo{}`, `var repo = &Repo{}`, `var repo Repo`), in `index`'s package.
 * Undefined for interfaces without a visible constructor and whatever else the index cannot tell.
 */
export function packageVarMethod(index: PackageIndex, variable: string, name: string): Declared | undefined {
  const type = index.packageVar(variable);
  if (!type) return undefined;
  if (type.madeBy) {
    const made = type.madeBy.pkg === '' ? index : index.imported(type.madeBy.pkg);
    const constructor = made?.func(type.madeBy.name);
    if (!made || constructor?.receiver !== undefined || constructor?.results.length !== 1) return undefined;
    return methodOf(made, constructor.returns ?? constructor.results[0], name);
  }
  return methodOf(index, type, name);
}

function methodOf(index: PackageIndex, type: TypeRef, name: string): Declared | undefined {
  if (!type.name || type.pkg === undefined) return undefined;
  const owner = type.pkg === '' ? index : index.imported(type.pkg);
  const signature = owner?.method(type.name, name);
  return owner && signature ? { signature, index: owner } : undefined;
}

/**
 * True when the context given as parameter `param` of `callee` can only be read for its values:
 * the callee and every function of the module it passes it to (up to `MAX_HOPS` calls away) use
 * it for `ctx.Value(…)` alone. False whenever a link cannot be resolved, and on a cycle.
 */
export function onlyCarriesValues({ signature, index }: Declared, param: number, hops = 1, seen = new Set<FuncSignature>()): boolean {
  if (hops > MAX_HOPS || seen.has(signature)) return false;
  const target = signature.params[param];
  const use = signature.contextUses?.find((fact) => fact.param === param);
  if (!use || !isContextType(target?.type)) return false;
  seen.add(signature);
  try {
    return use.passes.every((pass) => {
      const next = passTarget(pass, signature, index);
      return next !== undefined && onlyCarriesValues(next, pass.arg, hops + 1, seen);
    });
  } finally {
    seen.delete(signature);
  }
}

function passTarget(pass: ContextPass, caller: FuncSignature, index: PackageIndex): Declared | undefined {
  if (pass.var !== undefined) return packageVarMethod(index, pass.var, pass.name);
  if (pass.receiver) return caller.receiver ? declared(index, index.method(caller.receiver, pass.name)) : undefined;
  const owner = pass.pkg === undefined ? index : index.imported(pass.pkg);
  return owner && declared(owner, owner.func(pass.name));
}

function declared(index: PackageIndex, signature: FuncSignature | undefined): Declared | undefined {
  return signature && { signature, index };
}
