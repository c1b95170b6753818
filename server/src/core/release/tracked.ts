// The common start of the release rules (rows, statements, response bodies, spans): from the
// variable that receives the resource to what its uses say, or nothing when the resource is not
// this function's to release.
import type { Node, Tree } from 'web-tree-sitter';
import { enclosingFunction } from '../syntax';
import { bindingOf, type Binding } from './binding';
import { referencesOf, type Occurrence } from './references';
import { usageOf, type Reference, type Usage, type Use } from './usage';

export interface Tracked {
  binding: Binding;
  /** The function the resource is received in. */
  fn: Node;
  refs: Occurrence[];
  usage: Usage;
}

/**
 * The resource `call` hands to `target` (inside `holder`, named `name` there), with its uses
 * classified; undefined when it escapes the function, is released by someone else, or lives
 * outside it (a named result, a package variable).
 */
export function trackRelease(call: Node, holder: Node, target: Node, name: string, tree: Tree, classify: (ref: Reference) => Use): Tracked | undefined {
  const binding = bindingOf(holder, target);
  const fn = enclosingFunction(call);
  const body = fn?.childForFieldName('body');
  if (!binding || !fn || !body) return undefined;
  const refs = referencesOf(binding, name, fn, body, tree);
  if (!refs) return undefined;
  const usage = usageOf(refs, fn, classify);
  return usage.escapes || usage.releasedElsewhere ? undefined : { binding, fn, refs, usage };
}
