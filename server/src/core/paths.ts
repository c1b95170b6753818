// "Is X released on every path?" for one function body (context-cancel, mutex-unlock).
//
// A small abstract interpretation over the statement tree: the state at each point is whether an
// obligation (a cancel to call, a lock to release) is pending on some path reaching it, or null
// when no path reaches it. The obligation starts right after `start`; a statement in `releases`
// (an explicit call, or a defer that will run at every later exit) discharges it. An exit reached
// with the obligation pending is a leak, and so is a statement in `overwrites` (the variable that
// holds the only way to discharge it gets another value there). Shapes this walk does not model (goto, fallthrough, a
// break with no visible target) make the answer 'unknown', and the rules stay silent.
import type { Node } from 'web-tree-sitter';
import type { Localized } from './findings';
import { findLocalDeclaration } from './scope';

/** Pending on some path (true), discharged on every path (false), or unreachable (null). */
type State = boolean | null;

export interface FlowQuestion {
  /** The statement after which the obligation exists. */
  start: Node;
  /** Ids of statements that discharge it: `cancel()`, `mu.Unlock()`, or a matching defer. */
  releases: ReadonlySet<number>;
  /** Ids of statements after which the obligation can no longer be discharged: a leak when pending. */
  overwrites?: ReadonlySet<number>;
  /** True for calls that never return (panic, os.Exit, log.Fatal, t.Fatal …). */
  terminates(call: Node): boolean;
}

export type FlowAnswer =
  | { kind: 'released' }
  | { kind: 'unknown' }
  /** `exit` is the return statement, an overwrite, or the body block when the function runs off its end. */
  | { kind: 'leak'; exit: Node };

interface Target {
  node: Node;
  label?: string;
  loop: boolean;
  breaks: State[];
  continues: State[];
}

const merge = (a: State, b: State): State => (a === null ? b : b === null ? a : a || b);
const mergeAll = (states: State[]): State => states.reduce<State>((acc, s) => merge(acc, s), null);

class Walker {
  readonly leaks: Node[] = [];
  unknown = false;
  private readonly targets: Target[] = [];
  private pendingLabel: string | undefined;

  constructor(private readonly question: FlowQuestion) {}

  statements(list: Node | null, state: State): State {
    if (!list) return state;
    for (const child of list.namedChildren) {
      if (!child || child.type === 'comment') continue;
      state = this.statement(child, state);
    }
    return state;
  }

  statement(node: Node, state: State): State {
    const label = this.pendingLabel;
    this.pendingLabel = undefined;
    if (node.id === this.question.start.id) return true;
    if (state === null) return this.unreachable(node);
    if (this.question.releases.has(node.id)) return false;
    if (this.question.overwrites?.has(node.id)) {
      if (state) this.leak(node);
      return false;
    }
    switch (node.type) {
      case 'block':
      case 'statement_list':
        return this.statements(node, state);
      case 'expression_statement': {
        const call = node.namedChild(0);
        return call?.type === 'call_expression' && this.question.terminates(call) ? null : state;
      }
      case 'return_statement':
        if (state) this.leak(node);
        return null;
      case 'goto_statement':
      case 'fallthrough_statement':
        this.unknown = true;
        return null;
      case 'labeled_statement': {
        const inner = node.namedChildren.find((n) => n && n.type !== 'label_name' && n.type !== 'comment');
        if (!inner) return state;
        this.pendingLabel = node.childForFieldName('label')?.text;
        return this.statement(inner, state);
      }
      case 'break_statement':
      case 'continue_statement':
        return this.jump(node, state);
      case 'if_statement':
        return this.ifStatement(node, state);
      case 'for_statement':
        return this.forStatement(node, state, label);
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement':
        return this.switchStatement(node, state, label);
      default:
        // Simple statements (assignments, sends, declarations, go, other defers) pass through.
        return state;
    }
  }

  /** Code no path reaches still may hold the start (after a terminating call): skip it. */
  private unreachable(node: Node): State {
    return node.id === this.question.start.id ? true : null;
  }

  private leak(exit: Node): void {
    if (!this.leaks.some((known) => known.id === exit.id)) this.leaks.push(exit);
  }

  private jump(node: Node, state: State): State {
    const label = node.namedChildren.find((n) => n?.type === 'label_name')?.text;
    const isBreak = node.type === 'break_statement';
    for (let i = this.targets.length - 1; i >= 0; i--) {
      const target = this.targets[i];
      const matches = label !== undefined ? target.label === label : isBreak || target.loop;
      if (!matches) continue;
      if (!isBreak && !target.loop) break;
      (isBreak ? target.breaks : target.continues).push(state);
      return null;
    }
    this.unknown = true;
    return null;
  }

  private ifStatement(node: Node, state: State): State {
    const initializer = node.childForFieldName('initializer');
    const entry = initializer ? this.statement(initializer, state) : state;
    const consequence = this.statement(node.childForFieldName('consequence')!, entry);
    const alternative = node.childForFieldName('alternative');
    return merge(consequence, alternative ? this.statement(alternative, entry) : entry);
  }

  private forStatement(node: Node, state: State, label: string | undefined): State {
    const clause = node.namedChildren.find((n) => n?.type === 'for_clause' || n?.type === 'range_clause');
    const initializer = clause?.type === 'for_clause' ? clause.childForFieldName('initializer') : null;
    const entry = initializer ? this.statement(initializer, state) : state;
    // `for {}` and `for ;; {}` run until a break; other loops may also stop at the head.
    const forever = !clause ? !node.childForFieldName('condition') : clause.type === 'for_clause' && !clause.childForFieldName('condition');
    const body = node.childForFieldName('body');
    let head: State = entry;
    let target: Target = { node, label, loop: true, breaks: [], continues: [] };
    // The head is reached from the entry and from the end of every iteration: iterate to a fixpoint.
    for (let pass = 0; pass < 3; pass++) {
      target = { node, label, loop: true, breaks: [], continues: [] };
      this.targets.push(target);
      const end = body ? this.statement(body, head) : head;
      this.targets.pop();
      const next = merge(entry, merge(end, mergeAll(target.continues)));
      if (next === head) break;
      head = next;
    }
    return merge(forever ? null : head, mergeAll(target.breaks));
  }

  private switchStatement(node: Node, state: State, label: string | undefined): State {
    const initializer = node.childForFieldName('initializer');
    const entry = initializer ? this.statement(initializer, state) : state;
    const target: Target = { node, label, loop: false, breaks: [], continues: [] };
    this.targets.push(target);
    const outs: State[] = [];
    let hasDefault = false;
    for (const clause of node.namedChildren) {
      if (!clause) continue;
      if (clause.type === 'default_case') hasDefault = true;
      if (!['expression_case', 'type_case', 'communication_case', 'default_case'].includes(clause.type)) continue;
      const list = clause.namedChildren.find((n) => n?.type === 'statement_list') ?? null;
      outs.push(this.statements(list, entry));
    }
    this.targets.pop();
    // A switch with no default may match no case; a select waits for one of its cases.
    if (!hasDefault && node.type !== 'select_statement') outs.push(entry);
    return merge(mergeAll(outs), mergeAll(target.breaks));
  }
}

/** Whether the obligation created by `question.start` is discharged before every exit of `body`. */
export function followPaths(body: Node, question: FlowQuestion): FlowAnswer {
  const walker = new Walker(question);
  const end = walker.statement(body, false);
  if (walker.unknown) return { kind: 'unknown' };
  const exit = walker.leaks[0] ?? (end ? body : undefined);
  return exit ? { kind: 'leak', exit } : { kind: 'released' };
}

const NEVER_RETURNS = new Set(['Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln', 'Exit', 'FailNow', 'SkipNow', 'Skip', 'Skipf', 'Goexit']);

/**
 * Calls after which the function does not go on: the builtin `panic`, and any call of a method or
 * package function named like the exits of os, log, testing and runtime (`os.Exit`, `log.Fatalf`,
 * `t.Fatal`, `logger.Panic`). Taking a few look-alikes for exits can only hide findings.
 */
export function neverReturns(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text === 'panic' && !findLocalDeclaration(fn);
  if (fn?.type !== 'selector_expression') return false;
  return NEVER_RETURNS.has(fn.childForFieldName('field')?.text ?? '');
}

/** The path through an exit, for messages: "the path that ends in `return err`". */
export function describeExit(exit: Node): Localized {
  if (exit.type !== 'return_statement') return { en: 'the path that runs off the end of the function', 'zh-cn': '执行到函数末尾的路径' };
  const text = exit.text.replace(/\s+/g, ' ');
  return text.length <= 40
    ? { en: `the path that ends in \`${text}\``, 'zh-cn': `以 \`${text}\` 结束的路径` }
    : { en: 'the path that returns early', 'zh-cn': '提前返回的路径' };
}

/** True when `node` sits in a loop of `fn` itself (not of an enclosing function). */
export function insideLoop(node: Node, fn: Node): boolean {
  for (let current = node.parent; current && !current.equals(fn); current = current.parent) {
    if (current.type === 'for_statement') return true;
  }
  return false;
}
