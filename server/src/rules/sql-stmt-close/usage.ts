// What one use of a prepared statement means, for the shared release analysis (core/release/usage.ts).
import { isAssignedTo, isCompared, type Reference, type Use } from '../../core/release/usage';

/**
 * Running the statement (`stmt.Exec`, `stmt.QueryRowContext`), comparing it and assigning to it
 * are harmless; `stmt.Close()` (or the method value handed to a deferred helper) releases it; any
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
      if (isAssignedTo(ref) || isCompared(ref)) return { kind: 'harmless' };
      break;
    case 'argument_list':
      // `defer closeStmt(stmt)`: a deferred helper taking the statement closes it.
      return { kind: 'argument', argument: ref, otherwise: 'escape' };
  }
  return { kind: 'escape' };
}
