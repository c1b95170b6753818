import type { Node } from 'web-tree-sitter';
import { calleeDeclaration } from '../../core/callee';
import { onlyCarriesValues, packageVarMethod } from '../../core/context-params';
import type { RuleContext } from '../../core/rule';
import { findLocalDeclaration } from '../../core/scope';
import { callArguments } from '../../core/syntax';

/**
 * `svc.Create(context.Background(), req)` where the module's own code shows that `svc.Create`
 * only reads values from that context (`ctx.Value(k)`), itself or through the functions it
 * passes it to: no cancellation or deadline could reach any work. `svc` may be a package
 * variable built by a constructor that returns one concrete type (`var svc = NewService()`).
 */
export function onlyReadsValues(call: Node, outer: Node, context: RuleContext): boolean {
  let argument = call;
  while (argument.parent?.type === 'parenthesized_expression') argument = argument.parent;
  const args = callArguments(outer);
  const position = args.findIndex((arg) => arg.equals(argument));
  if (position === -1 || args.some((arg) => arg.type === 'variadic_argument')) return false;
  const callee = calleeDeclaration(outer, context) ?? packageVarCallee(outer, context);
  return callee !== undefined && onlyCarriesValues(callee, position);
}

/** `svc.Create` with `svc` a package variable (not a local, not an import). */
function packageVarCallee(outer: Node, context: RuleContext): ReturnType<typeof calleeDeclaration> {
  const fn = outer.childForFieldName('function');
  const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
  const name = fn?.childForFieldName('field')?.text;
  if (operand?.type !== 'identifier' || !name || findLocalDeclaration(operand) || context.types.qualified(fn!)) return undefined;
  return packageVarMethod(context.index, operand.text, name);
}
