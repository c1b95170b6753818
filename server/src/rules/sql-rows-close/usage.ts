// What one use of the rows means, for the shared release analysis (core/release/usage.ts).
import { isAssignedTo, isCompared, type Reference, type Use } from '../../core/release/usage';

/**
 * Method calls, comparisons and being assigned to are harmless; `rows.Close()` (or the method
 * value handed to a deferred helper) releases them; any other use not known to close the rows
 * counts as handing them on, so the rule stays silent rather than guess.
 */
export function classifyRowsUse({ node: ref, parent }: Reference): Use {
  switch (parent.type) {
    case 'selector_expression': {
      if (!parent.childForFieldName('operand')?.equals(ref)) break;
      const field = parent.childForFieldName('field')?.text;
      if (field === 'Rows') return { kind: 'escape' }; // the *sql.Rows inside *sqlx.Rows: followed no further
      if (field !== 'Close') return { kind: 'harmless' };
      const call = parent.parent;
      if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(parent)) return { kind: 'release', call };
      // `defer closeLogged(rows.Close)` closes them; any other use of the method value escapes.
      return { kind: 'releaseValue', value: parent };
    }
    case 'expression_list':
    case 'binary_expression':
      if (isAssignedTo(ref) || isCompared(ref)) return { kind: 'harmless' };
      break;
    case 'argument_list':
      // `defer closeRows(rows)`: a deferred helper taking the rows closes them.
      return { kind: 'argument', argument: ref, otherwise: 'escape' };
  }
  return { kind: 'escape' };
}
