// Visible bounds on a loop's goroutines: an early exit, a blocking channel operation, a semaphore, a rate limiter, errgroup SetLimit.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import { neverReturns } from '../../core/paths';
import { callArguments, FUNCTION_TYPES, unparen, walk } from '../../core/syntax';
import type { Analysis, FunctionFacts } from './analysis';
import { firstStatement, goroutineLiteral } from './go-statement';

/**
 * Calls that pace a loop, so the goroutines it starts are not a burst: a weighted semaphore
 * (`sem.Acquire`), a rate limiter (`limiter.Wait`, `rl.Take`, `Allow`), or waiting for the
 * previous batch (`wg.Wait()` in an enclosing loop).
 */
const PACING_METHODS = new Set(['Acquire', 'TryAcquire', 'Wait', 'WaitN', 'Take', 'Allow', 'AllowN', 'Reserve', 'ReserveN']);

/** Text a loop body must contain before it is worth walking for a bound: a channel operation, a pacing call, a sleep. */
const LOOP_BOUND_TEXT = new RegExp(`<-|\\b(?:${[...PACING_METHODS, 'Sleep'].join('|')})\\b`);

/** The same inside the goroutine: a semaphore send and receive, an acquire, a limiter wait. */
const INSIDE_BOUND_TEXT = /<-|Acquire|Wait/;

/**
 * The loop cannot go round again once the go statement has run: a statement after it, in its
 * own block or in any block around it inside the loop, leaves the loop or the process on every
 * path (`return`, `break`, `goto`, `panic`, `os.Exit`, `log.Fatal`, `syscall.Exec`). A `continue`
 * met first means the loop does go round again. Then the loop starts one goroutine at most.
 */
export function leavesLoopAfter(go: Node, loop: Node): boolean {
  for (let current: Node = go; current.parent && !current.parent.equals(loop); current = current.parent) {
    if (current.parent.type !== 'statement_list') continue;
    for (let statement = current.nextNamedSibling; statement; statement = statement.nextNamedSibling) {
      const leaves = leavesFrom(statement, current, loop);
      if (leaves !== undefined) return leaves;
    }
  }
  return false;
}

/** Whether a statement after the go statement ends the loop (true), goes round again (false), or neither (undefined). */
function leavesFrom(statement: Node, level: Node, loop: Node): boolean | undefined {
  switch (statement.type) {
    case 'return_statement':
    case 'goto_statement':
      return true;
    case 'continue_statement':
      return false;
    case 'break_statement': {
      const label = statement.namedChildren.find((n) => n?.type === 'label_name')?.text;
      if (label) return labelsLoopOrOuter(label, loop);
      // An unlabelled break inside a switch or select leaves only that.
      for (let parent = level.parent; parent && !parent.equals(loop); parent = parent.parent) {
        if (BREAKABLE.has(parent.type)) return undefined;
      }
      return true;
    }
    case 'expression_statement': {
      const call = statement.namedChild(0);
      return call?.type === 'call_expression' && (neverReturns(call) || replacesProcess(call)) ? true : undefined;
    }
    default:
      return undefined;
  }
}

const BREAKABLE = new Set(['expression_switch_statement', 'type_switch_statement', 'select_statement']);

/** `syscall.Exec(…)` (or `unix.Exec`): the process becomes another program, or the call failed and the code gives up. */
function replacesProcess(call: Node): boolean {
  const fn = call.childForFieldName('function');
  return fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Exec' && /^(syscall|unix)$/.test(fn.childForFieldName('operand')?.text ?? '');
}

function labelsLoopOrOuter(label: string, loop: Node): boolean {
  for (let parent: Node | null = loop; parent && !FUNCTION_TYPES.has(parent.type); parent = parent.parent) {
    if (parent.type === 'labeled_statement' && parent.childForFieldName('label')?.text === label) return true;
  }
  return false;
}

export function hasVisibleBound(go: Node, call: Node | undefined, loops: Node[], facts: FunctionFacts, analysis: Analysis, context: RuleContext): boolean {
  // In the loops themselves, outside any func literal: a blocking send (semaphore slot or work
  // handed to workers), a blocking receive, a semaphore acquire, a limiter, a batch Wait.
  for (const loop of loops) {
    if (pacedLoop(loop, analysis, context)) return true;
  }
  // Inside the goroutine's own function: a semaphore taken and released there, or an acquire.
  const literal = goroutineLiteral(call);
  if (literal && (boundedInside(literal, context) || waitsForGoAhead(literal, loops[0], go, context))) return true;
  // Anywhere in the function: an errgroup given a limit.
  return limited(facts);
}

function pacedLoop(loop: Node, analysis: Analysis, context: RuleContext): boolean {
  let paced = analysis.pacedLoops.get(loop.id);
  if (paced !== undefined) return paced;
  paced = false;
  const body = loop.childForFieldName('body');
  if (body && LOOP_BOUND_TEXT.test(context.file.text.slice(body.startIndex, body.endIndex))) {
    walk(body, (node) => {
      if (paced) return false;
      const type = node.type;
      if (type === 'func_literal') return false;
      if (type === 'send_statement' || isBareReceive(node, type)) paced = true;
      else if (type === 'call_expression' && (pacingCall(node, 0) || isSleep(node, context))) paced = true;
      return undefined;
    });
  }
  analysis.pacedLoops.set(loop.id, paced);
  return paced;
}

function boundedInside(literal: Node, context: RuleContext): boolean {
  if (!INSIDE_BOUND_TEXT.test(context.file.text.slice(literal.startIndex, literal.endIndex))) return false;
  const sends = new Set<string>();
  const receives = new Set<string>();
  let bounded = false;
  walk(literal, (node) => {
    const type = node.type;
    if (type === 'send_statement') sends.add(node.childForFieldName('channel')?.text ?? '');
    else if (isBareReceive(node, type)) receives.add(unparen(node.namedChild(0)!).childForFieldName('operand')?.text ?? '');
    else if (type === 'call_expression' && pacingCall(node, 1)) bounded = true;
    return undefined;
  });
  return bounded || [...sends].some((channel) => channel !== '' && receives.has(channel));
}

/**
 * A goroutine whose first act is to wait on a channel made for it in this iteration
 * (`w.start = make(chan bool)` … `go func() { if !<-w.start { … } … }()`): it does nothing
 * until something hands it the go-ahead, and that dispatcher sets the pace.
 */
function waitsForGoAhead(literal: Node, loop: Node, go: Node, context: RuleContext): boolean {
  const text = context.file.text;
  if (!text.slice(literal.startIndex, literal.endIndex).includes('<-')) return false;
  const body = literal.childForFieldName('body');
  const first = body ? firstStatement(body) : null;
  if (!first) return false;
  let received: Node | null = null;
  switch (first.type) {
    case 'expression_statement':
      received = first.namedChild(0);
      break;
    case 'if_statement': {
      received = first.childForFieldName('condition');
      const condition = received && unparen(received);
      if (condition && condition.type === 'unary_expression' && condition.childForFieldName('operator')?.type === '!') {
        received = condition.childForFieldName('operand');
      }
      break;
    }
    case 'short_var_declaration':
    case 'assignment_statement': {
      const right = first.childForFieldName('right');
      received = right?.namedChildCount === 1 ? right.namedChild(0) : null;
      break;
    }
  }
  if (!received) return false;
  const receive = unparen(received);
  if (receive.type !== 'unary_expression' || receive.childForFieldName('operator')?.type !== '<-') return false;
  const channel = receive.childForFieldName('operand')?.text;
  if (!channel || !/^[\w.]+$/.test(channel)) return false;
  // Made in this iteration, before the go statement.
  const before = text.slice(loop.startIndex, go.startIndex);
  const made = new RegExp(`(?:^|[^\\w.])${channel.replace(/\./g, '\\.')}\\s*:?=\\s*make\\(\\s*chan\\b`);
  return made.test(before);
}

/** Whether the declaration calls `SetLimit` (on an errgroup) anywhere. */
function limited(facts: FunctionFacts): boolean {
  if (facts.limited !== undefined) return facts.limited;
  let found = false;
  if (facts.text.includes('SetLimit')) {
    walk(facts.node, (node) => {
      if (found) return false;
      if (node.type === 'call_expression' && calledMethod(node) === 'SetLimit') found = true;
      return undefined;
    });
  }
  facts.limited = found;
  return found;
}

/**
 * A pacing method call. Inside the goroutine (`minArgs` 1) only calls that take a context or a
 * weight count: `cmd.Wait()` or `wg.Wait()` there waits for something else.
 */
function pacingCall(call: Node, minArgs: number): boolean {
  const method = calledMethod(call);
  if (!method || !PACING_METHODS.has(method)) return false;
  if (minArgs === 0) return true;
  if (method === 'Acquire' || method === 'TryAcquire') return true;
  return (method === 'Wait' || method === 'WaitN') && callArguments(call).length >= minArgs;
}

function calledMethod(call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  return fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
}

function isSleep(call: Node, context: RuleContext): boolean {
  if (calledMethod(call) !== 'Sleep') return false;
  const called = context.types.calledFunction(call);
  return called?.path === 'time' && called.name === 'Sleep';
}

/** `<-ch` as a statement of its own: the loop blocks until something arrives. */
function isBareReceive(node: Node, type: string): boolean {
  if (type !== 'expression_statement') return false;
  const expression = node.namedChild(0);
  if (!expression) return false;
  const inner = unparen(expression);
  return inner.type === 'unary_expression' && inner.childForFieldName('operator')?.type === '<-';
}
