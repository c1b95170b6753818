// Which uses of a variable can see the value one assignment gives it. A variable may hold several
// resources in turn (a second `tracer.Start` into `span`, a retried `client.Do` into `resp`):
// each assignment is its own value, released or lost on its own. Read from the order of the code
// and the blocks, conservatively: a use is left out only when no run of the function can reach it
// from the binding without passing another assignment, or when it runs before the binding and no
// loop can bring it round again. A function with `goto` keeps every use.
import type { Node, Tree } from 'web-tree-sitter';
import { enclosingFunction } from '../syntax';
import { isDiscarded, literalAround, runsOf } from './closures';
import type { Occurrence } from './occurrences';

const GOTO = /(?<![\p{L}\p{Nd}_])goto(?![\p{L}\p{Nd}_])/u;

/** An assignment that gives the variable a new value after the binding. */
interface Reassignment {
  target: Occurrence;
  statement: Node;
}

/**
 * The uses among `uses` (of the variable `statement` assigns, in `fn`) that may see the value
 * `statement` gives it. `_ = x` is no use at all. A use inside a func literal counts where the
 * literal runs: a literal that never runs is dropped, a deferred one runs at the end. The target of
 * the first assignment that replaces the value on every path going on from `statement` comes back
 * marked `overwrites`.
 */
export function usesOfValue(statement: Node, uses: readonly Occurrence[], fn: Node): Occurrence[] {
  const kept = uses.filter((use) => !isDiscarded(use.node));
  if (kept.length === 0 || hasGoto(fn)) return kept;
  const reassignments = kept.map((use) => reassignmentAfter(use, statement, fn)).filter((r): r is Reassignment => r !== undefined);
  const always = reassignments.find((r) => r.statement.parent?.type === 'statement_list' && contains(r.statement.parent, statement));
  const loop = outermostLoop(statement, fn);
  const sees = (position: number): boolean => {
    if (position < statement.endIndex) return loop !== undefined && position >= loop.startIndex && position < loop.endIndex;
    return !reassignments.some(({ statement: other }) => other.endIndex <= position && within(position, other.parent!));
  };
  const result: Occurrence[] = [];
  for (const use of kept) {
    const { literal, depth } = literalAround(use.node, fn);
    if (depth === 0 && !sees(use.start)) continue;
    if (depth === 1) {
      const runs = runsOf(literal!, fn);
      if (runs && !runs.some((run) => run.deferred || sees(run.call.startIndex))) continue;
    }
    result.push(use === always?.target ? { ...use, overwrites: true } : use);
  }
  return result;
}

let gotoTree: Tree | undefined;
const gotoMemo = new Map<number, boolean>();

/** Whether `fn`'s text has a `goto`, kept for the other bindings of the function while the tree is the same. */
function hasGoto(fn: Node): boolean {
  if (gotoTree !== fn.tree) {
    gotoTree = fn.tree;
    gotoMemo.clear();
  }
  let found = gotoMemo.get(fn.startIndex);
  if (found === undefined) {
    found = GOTO.test(fn.text);
    gotoMemo.set(fn.startIndex, found);
  }
  return found;
}

/** `x = …` or `x, err := …` (reusing `x`) in `fn` itself, after `binding`. */
function reassignmentAfter(use: Occurrence, binding: Node, fn: Node): Reassignment | undefined {
  const list = use.parent;
  const statement = list.type === 'expression_list' ? list.parent : null;
  if (!statement || statement.startIndex < binding.endIndex || !statement.childForFieldName('left')?.equals(list)) return undefined;
  const assigns = statement.type === 'short_var_declaration' || (statement.type === 'assignment_statement' && statement.childForFieldName('operator')?.text === '=');
  return assigns && enclosingFunction(statement)?.equals(fn) ? { target: use, statement } : undefined;
}

/** The outermost `for` of `fn` around `node`: a use before `node` in it may run after `node`. */
function outermostLoop(node: Node, fn: Node): Node | undefined {
  let loop: Node | undefined;
  for (let current = node.parent; current && !current.equals(fn); current = current.parent) {
    if (current.type === 'for_statement') loop = current;
  }
  return loop;
}

function contains(outer: Node, inner: Node): boolean {
  return outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

function within(position: number, node: Node): boolean {
  return position >= node.startIndex && position < node.endIndex;
}
