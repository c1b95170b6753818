// What one use of a prepared statement means, for the shared release analysis (core/release/usage.ts).
import type { Node } from 'web-tree-sitter';
import { isAssignedTo, isCompared, type Reference, type Use } from '../../core/release/usage';

/** `_ = stmt`, written only to silence "declared and not used": nobody receives the statement. */
function isBlanked(ref: Node): boolean {
  const list = ref.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || statement?.type !== 'assignment_statement' || !statement.childForFieldName('right')?.equals(list)) return false;
  const index = list.namedChildren.findIndex((child) => child?.equals(ref));
  const left = statement.childForFieldName('left');
  const target = left?.type === 'expression_list' ? left.namedChildren[index] : left;
  return target?.type === 'identifier' && target.text === '_';
}

/**
 * Running the statement (`stmt.Exec`, `stmt.QueryRowContext`), comparing it and assigning to it
 * are harmless, and so is `_ = stmt`; `stmt.Close()` (or the method value handed to a deferred helper) releases it; any
 * other use (returned, stored, passed to a function, `tx.Stmt(stmt)`) hands it on, and the rule
 * stays silent rather than guess who closes it.
 */
export function classifyStmtUse({ node: ref, parent }: Reference): Use {
  switch (parent.type) {
    case 'selector_expression': {
      if (!parent.childForFieldName('operand')?.equals(ref)) break;
      if (parent.childForFieldName('field')?.text !== 'Close') return { kind: 'harmless' };
      const call = parent.parent;
      if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(parent)) return { kind: 'release', call };
      return { kind: 'releaseValue', value: parent };
    }
    case 'expression_list':
    case 'binary_expression':
      if (isAssignedTo(ref) || isCompared(ref) || isBlanked(ref)) return { kind: 'harmless' };
      break;
    case 'argument_list':
      // `defer closeStmt(stmt)`: a deferred helper taking the statement closes it.
      return { kind: 'argument', argument: ref, otherwise: 'escape' };
  }
  return { kind: 'escape' };
}
