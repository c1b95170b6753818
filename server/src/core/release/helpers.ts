// Calls that hand the resource to a function or method the index knows (of this package or of
// another package of the module): one that always releases it is a release, one that only calls
// other methods on it keeps nothing. Any other call is left to the rule's own reading.
import type { Node } from 'web-tree-sitter';
import { helperUse } from '../callee';
import type { RuleContext } from '../rule';
import type { Reference, Use } from './usage';

/**
 * Wraps a rule's `classify` so that an `argument` use goes through the index first. `releases`
 * are the method chains that release the variable itself (`Close`, `End`, `Body.Close`); for an
 * argument that is a field of it (`resp.Body`), the chains under that field (`Close`).
 */
export function withHelpers(classify: (ref: Reference) => Use, releases: readonly string[], context: RuleContext): (ref: Reference) => Use {
  return (ref) => {
    const use = classify(ref);
    if (use.kind !== 'argument') return use;
    const call = use.argument.parent?.type === 'argument_list' ? use.argument.parent.parent : null;
    if (call?.type !== 'call_expression') return use;
    const helper = helperUse(call, use.argument, relativeTo(use.argument, ref.node, releases), context);
    if (helper === 'releases') return { kind: 'release', call };
    return helper === 'borrows' ? { kind: 'harmless' } : use;
  };
}

/** The release chains as seen from `argument`: the variable itself, or one field of it. */
function relativeTo(argument: Node, variable: Node, releases: readonly string[]): string[] {
  if (argument.equals(variable)) return [...releases];
  const field = argument.type === 'selector_expression' ? argument.childForFieldName('field')?.text : undefined;
  if (!field) return [];
  return releases.filter((chain) => chain.startsWith(`${field}.`)).map((chain) => chain.slice(field.length + 1));
}
