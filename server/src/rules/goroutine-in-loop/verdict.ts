// Whether a go statement is flagged: a data-driven loop around it and no visible bound, decided once per statement.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import type { Analysis, FunctionFacts } from './analysis';
import { hasVisibleBound, leavesLoopAfter } from './bounds';
import { enclosingLoops } from '../../core/syntax';
import { goCall } from './go-statement';
import { loopDriver, type Driver } from './loop-driver';

/** A go statement this rule flags: its innermost loop, every loop around it and what drives it. */
export interface Verdict {
  /** The call the go statement makes. */
  call: Node | undefined;
  loop: Node;
  loops: Node[];
  driver: Driver;
}

/**
 * The loop that starts a goroutine per item of some data, when nothing bounds it. Only the
 * innermost loop of the go statement's own function decides: a fixed pool of workers started
 * per shard, or a goroutine started per accepted connection, is a design, not a burst.
 */
export function unboundedLoop(go: Node, facts: FunctionFacts, analysis: Analysis, context: RuleContext, around?: Node[]): Verdict | null {
  const known = analysis.verdicts.get(go.id);
  if (known !== undefined) return known;
  let verdict: Verdict | null = null;
  const loops = around ?? enclosingLoops(go);
  const loop = loops[0];
  if (loop) {
    const driver = loopDriver(loop, facts, context);
    if (driver && !leavesLoopAfter(go, loop)) {
      const call = goCall(go);
      if (!hasVisibleBound(go, call, loops, facts, analysis, context)) verdict = { call, loop, loops, driver };
    }
  }
  analysis.verdicts.set(go.id, verdict);
  return verdict;
}
