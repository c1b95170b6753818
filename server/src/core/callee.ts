import type { Node } from 'web-tree-sitter';
import type { Declared } from './context-params';
import type { FuncSignature } from './file-summary';
import type { PackageIndex } from './package-index';
import type { RuleContext } from './rule';
import { findLocalDeclaration } from './scope';

/**
 * The signature (with its facts) of the function or method `call` calls, when it is declared in
 * this package or in another package of the module: `closeRows(rows)`, `repo.CloseRows(rows)`,
 * `s.store.Finish(tx)` with `s.store` of a type of either. Undefined for library calls, func
 * values, interface methods, and whatever the index does not hold.
 */
export function calleeSignature(call: Node, context: RuleContext): FuncSignature | undefined {
  return calleeDeclaration(call, context)?.signature;
}

/** `calleeSignature`, with the index of the package that declares it (to follow its facts on). */
export function calleeDeclaration(call: Node, context: RuleContext): Declared | undefined {
  const index = context.index;
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return findLocalDeclaration(fn) ? undefined : declaredIn(index, index.func(fn.text));
  if (fn?.type !== 'selector_expression') return undefined;
  const name = fn.childForFieldName('field')?.text;
  const operand = fn.childForFieldName('operand');
  if (!name || !operand) return undefined;
  const qualified = context.types.qualified(fn);
  if (qualified) return declaredIn(index.imported(qualified.path), index.importedFunc(qualified.path, qualified.name));
  const type = context.types.typeOf(operand);
  if (!type?.name) return undefined;
  return type.pkg === '' ? declaredIn(index, index.method(type.name, name)) : declaredIn(index.imported(type.pkg!), index.importedMethod(type.pkg!, type.name, name));
}

/** The signature with the index of the package declaring it, when both are known. */
export function declaredIn(index: PackageIndex | undefined, signature: FuncSignature | undefined): Declared | undefined {
  return index && signature ? { signature, index } : undefined;
}

/**
 * What the function or method `call` calls does with `argument`, from the index's facts about
 * its declaration (see `paramFacts`): `releases` when it calls one of `methods` (`Close`,
 * `Body.Close`, …) on it on every path; `borrows` when it only calls other methods on it and so
 * can neither keep nor release it; undefined when the index cannot tell.
 */
export function helperUse(call: Node, argument: Node, methods: readonly string[], context: RuleContext): 'releases' | 'borrows' | undefined {
  const list = call.childForFieldName('arguments');
  const args = list?.namedChildren ?? [];
  const position = args.findIndex((n) => n?.equals(argument));
  if (position === -1 || args.some((n) => n?.type === 'variadic_argument')) return undefined;
  const signature = calleeSignature(call, context);
  if (!signature) return undefined;
  if (signature.paramCalls?.some((fact) => fact.param === position && methods.includes(fact.call))) return 'releases';
  const use = signature.paramUses?.find((fact) => fact.param === position);
  return use && !use.calls.some((chain) => methods.includes(chain)) ? 'borrows' : undefined;
}
