import type { Node } from 'web-tree-sitter';
import { laterConfiguration, literalKeys } from '../../core/literals';
import type { RuleContext } from '../../core/rule';
import { findLocalDeclaration } from '../../core/scope';
import { enclosingFunction, unparen } from '../../core/syntax';
import { calledMethod, usesOf } from '../../core/variables';

/**
 * `req, err := http.NewRequest(…)` whose every send in this function is `client.Do(req)` on a
 * local `http.Client` with a Timeout (in its literal, or assigned before the end of the function):
 * the request cannot outlive that bound, though it still ignores the caller's cancellation.
 */
export function sentOnlyWithTimeout(newRequest: Node, context: RuleContext): boolean {
  const request = declaredName(newRequest);
  const fn = request && enclosingFunction(request);
  if (!request || !fn) return false;
  let sends = 0;
  for (const use of usesOf(request, fn)) {
    if (use.parent?.type === 'argument_list') {
      const call = use.parent.parent!;
      const selector = call.childForFieldName('function');
      const client = selector?.type === 'selector_expression' ? selector.childForFieldName('operand') : null;
      if (!client || calledMethod(client) !== 'Do' || !hasTimeout(client, context)) return false;
      sends++;
    } else if (use.parent?.type === 'expression_list' || use.parent?.type === 'unary_expression') {
      // Reassigned, or its address taken: another request, or one changed out of sight.
      return false;
    }
  }
  return sends > 0;
}

/** `req` in `req, err := http.NewRequest(…)` or `var req, err = http.NewRequest(…)`. */
function declaredName(call: Node): Node | undefined {
  const list = call.parent;
  const holder = list?.type === 'expression_list' ? list.parent : undefined;
  if (holder?.type === 'short_var_declaration' && holder.childForFieldName('right')?.equals(list!)) {
    const first = holder.childForFieldName('left')?.namedChild(0);
    return first?.type === 'identifier' ? first : undefined;
  }
  if (holder?.type === 'var_spec') return holder.childrenForFieldName('name')[0] ?? undefined;
  return undefined;
}

/** A local variable holding an `http.Client` literal that has a Timeout, set in the literal or assigned after it. */
function hasTimeout(client: Node, context: RuleContext): boolean {
  if (client.type !== 'identifier') return false;
  const declaration = findLocalDeclaration(client);
  if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return false;
  const value = declaration.values.length === 1 ? declaration.values[0] : declaration.values[declaration.index];
  let literal: Node | null | undefined = value && unparen(value);
  if (literal?.type === 'unary_expression' && literal.childForFieldName('operator')?.text === '&') literal = literal.childForFieldName('operand');
  if (literal?.type !== 'composite_literal') return false;
  const type = literal.childForFieldName('type');
  const qualified = type ? context.types.qualified(type) : undefined;
  const body = literal.childForFieldName('body');
  if (qualified?.path !== 'net/http' || qualified.name !== 'Client' || !body) return false;
  if (literalKeys(body)?.has('Timeout')) return true;
  const later = laterConfiguration(literal, declaration.name, context.file.text, ['Timeout']);
  return later !== 'handed-off' && later.has('Timeout');
}
