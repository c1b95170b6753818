// Whether anything else can touch the variable while the goroutine updates it.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import type { Localized } from '../../core/findings';
import { walk } from '../../core/syntax';
import { sameVariable, type Owner, type Update } from './target';

/**
 * Why the update races, or undefined when the rule cannot be sure it does:
 * - the variable outlives the call (a package variable, outside main/init; a field of a pointer
 *   receiver), so every call of the function adds a writer;
 * - the go statement is in a loop inside the variable's scope: one goroutine per iteration;
 * - another goroutine of the function uses the variable;
 * - the function itself uses it after the go statement with no synchronisation in between.
 */
export function raceReason(update: Update, owner: Owner, go: Node, top: Node, context: RuleContext): Localized | undefined {
  if (owner.kind === 'receiver') return REASONS.receiver;
  if (owner.kind === 'package' && !runsOnce(top, context)) return REASONS.package;
  if (startsPerIteration(go, owner, top)) return REASONS.loop;
  const same = (node: Node) => sameVariable(node, update.target, owner, context);
  const scope = owner.kind === 'local' ? functionOf(owner.declaredIn) ?? top : top;
  // The variable's uses are found once for the scope: reading each other goroutine for them
  // was quadratic in how deep goroutines nest.
  const used = usesIn(scope, same);
  for (const other of goStatements(scope)) {
    if (other.equals(go)) continue;
    const [first, second] = other.startIndex < go.startIndex ? [other, go] : [go, other];
    if (usedWithin(used, other) && !syncBetween(scope, first.endIndex, second.startIndex)) return REASONS.other;
  }
  let concurrent = false;
  walk(scope, (node) => {
    if (concurrent || node.type === 'func_literal') return false;
    if (node.startIndex >= go.endIndex && same(node) && !syncBetween(scope, go.endIndex, node.startIndex)) concurrent = true;
    return undefined;
  });
  return concurrent ? REASONS.parent : undefined;
}

const REASONS: Record<'receiver' | 'package' | 'loop' | 'other' | 'parent', Localized> = {
  receiver: { en: 'callers of the method share the receiver', 'zh-cn': '方法的所有调用方共享同一个接收者' },
  package: { en: 'every caller shares a package variable', 'zh-cn': '包级变量被所有调用方共享' },
  loop: { en: 'one goroutine runs per loop iteration', 'zh-cn': '每轮循环都会启动一个 goroutine' },
  other: { en: 'another goroutine uses it too', 'zh-cn': '另一个 goroutine 也在使用它' },
  parent: { en: 'the function uses it while the goroutine may run', 'zh-cn': '函数在 goroutine 可能还在运行时就使用了它' },
};

/** `main`, `init`, and test functions: they run once, so a package variable has no other caller. */
function runsOnce(top: Node, context: RuleContext): boolean {
  if (top.type !== 'function_declaration') return false;
  const name = top.childForFieldName('name')?.text ?? '';
  if (name === 'main' || name === 'init') return true;
  return context.file.isTest && /^(Test|Benchmark|Fuzz|Example)/.test(name);
}

const LOOPS = new Set(['for_statement']);
const FUNCTIONS = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** A loop around the go statement that does not also contain the variable's declaration. */
function startsPerIteration(go: Node, owner: Owner, top: Node): boolean {
  for (let current = go.parent; current && !current.equals(top.parent ?? top); current = current.parent) {
    if (!LOOPS.has(current.type)) continue;
    if (owner.kind === 'local' && current.startIndex <= owner.declaredIn.startIndex && owner.declaredIn.endIndex <= current.endIndex) return false;
    // `for … { go …; wg.Wait() }` runs the goroutines one after another.
    const body = current.childForFieldName('body');
    if (body && syncBetween(body, go.endIndex, body.endIndex)) return false;
    return true;
  }
  return false;
}

function functionOf(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) if (FUNCTIONS.has(current.type)) return current;
  return null;
}

function goStatements(scope: Node): Node[] {
  const found: Node[] = [];
  walk(scope, (node) => {
    if (node.type === 'go_statement') found.push(node);
  });
  return found;
}

/** Start offsets of the uses of the variable in the scope, in source order. */
function usesIn(scope: Node, same: (node: Node) => boolean): number[] {
  const starts: number[] = [];
  walk(scope, (node) => {
    if (same(node)) starts.push(node.startIndex);
  });
  return starts;
}

/** Whether one of the uses lies inside the node. */
function usedWithin(starts: readonly number[], node: Node): boolean {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid] < node.startIndex) low = mid + 1;
    else high = mid;
  }
  return low < starts.length && starts[low] < node.endIndex;
}

const SYNC_METHODS = new Set(['Wait', 'Lock', 'RLock']);

/**
 * Whether the text between two offsets of the scope holds something that may order the
 * goroutine before what follows: a `Wait()` (WaitGroup, errgroup), a lock, a channel receive or
 * send, a select, or a range loop (its operand may be a channel). Generous on purpose: any of
 * them silences the rule.
 */
function syncBetween(scope: Node, from: number, to: number): boolean {
  let found = false;
  walk(scope, (node) => {
    if (found || node.endIndex <= from || node.startIndex >= to) return false;
    if (node.startIndex < from) return undefined; // an ancestor of the range: look inside
    switch (node.type) {
      case 'select_statement':
      case 'send_statement':
      case 'range_clause': // perhaps over a channel the goroutine closes
        found = true;
        return false;
      case 'unary_expression':
        if (node.child(0)?.type === '<-') found = true;
        break;
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        const field = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
        if (field && SYNC_METHODS.has(field)) found = true;
        break;
      }
    }
    return undefined;
  });
  return found;
}
