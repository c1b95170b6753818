import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import { indentOf, insertLinesBefore, replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { TypeRef } from '../../core/go-types';
import type { PackageIndex } from '../../core/package-index';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findDeclarationFrom, findLocalDeclaration, type Declaration } from '../../core/scope';
import { callArguments, FUNCTION_TYPES, unparen, walk } from '../../core/syntax';
import type { Range } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

/** The capacity the inserted semaphore gets; the comment beside it asks the reader to tune it. */
const LIMIT = 16;

/**
 * Calls that pace a loop, so the goroutines it starts are not a burst: a weighted semaphore
 * (`sem.Acquire`), a rate limiter (`limiter.Wait`, `rl.Take`, `Allow`), or waiting for the
 * previous batch (`wg.Wait()` in an enclosing loop).
 */
const PACING_METHODS = new Set(['Acquire', 'TryAcquire', 'Wait', 'WaitN', 'Take', 'Allow', 'AllowN', 'Reserve', 'ReserveN']);

/** Text a loop body must contain before it is worth walking for a bound: a channel operation, a pacing call, a sleep. */
const LOOP_BOUND_TEXT = /<-|\b(?:Acquire|TryAcquire|Wait|WaitN|Take|Allow|AllowN|Reserve|ReserveN|Sleep)\b/;

/** The same inside the goroutine: a semaphore send and receive, an acquire, a limiter wait. */
const INSIDE_BOUND_TEXT = /<-|Acquire|Wait/;

const INTEGER_TYPES = new Set([
  'int',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'uintptr',
  'byte',
  'rune',
]);

const LITERALS = new Set([
  'int_literal',
  'float_literal',
  'imaginary_literal',
  'rune_literal',
  'interpreted_string_literal',
  'raw_string_literal',
  'true',
  'false',
  'nil',
  'iota',
]);

const BUILTIN_FUNCTIONS = new Set(['close', 'delete', 'copy', 'clear', 'panic', 'print', 'println']);

/** What drives a loop: the words of the message and the code they name. */
interface Driver {
  description: string;
}

/**
 * What a range expression yields, as far as the syntax and the index tell. `code`: functions
 * (hooks, tasks), whose number the program decides, not its input. `sized`: a slice made with
 * a length that does not come from `len(…)`, a pool in disguise unless the length changes.
 */
type RangeKind = 'data' | 'channel' | 'fixed' | 'int' | 'code' | 'sized' | 'unknown';

/** A go statement this rule flags: its innermost loop, every loop around it and what drives it. */
interface Verdict {
  /** The call the go statement makes. */
  call: Node | undefined;
  loop: Node;
  loops: Node[];
  driver: Driver;
}

export const rule: Rule = {
  meta: {
    id: 'goroutine-in-loop',
    title: { en: 'Unbounded goroutine per loop iteration', 'zh-cn': '循环中无上限地启动 goroutine' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['G118'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    if (context.file.isTest) return;
    const go = capture(match, 'go')!;
    const analysis = analysisOf(context);
    const place = locate(go, analysis);
    if (!place) return;
    const facts = functionFacts(place.top, analysis, context);
    const verdict = unboundedLoop(go, facts, analysis, context, place.loops);
    if (!verdict) return;
    const fix = semaphoreFix(go, verdict, facts, analysis, context);
    context.report({
      range: reportRange(go, verdict.call),
      message: `\`go\` starts one goroutine ${verdict.driver.description} with no limit on how many run at once; take a slot in a semaphore channel before it or use errgroup with SetLimit`,
      fixes: fix ? [fix] : [],
    });
  },
};

// ---------------------------------------------------------------------------------------------
// What one analysis has learned
//
// Every node access crosses into WebAssembly, so each go statement, loop and function is read
// once per analysis: the verdicts are kept by node id (unique within a tree) for as long as the
// same tree is analysed with the same package index. All of it stays inside the top-level
// declaration that holds the go statement, whose findings the analyzer caches by its text.

interface Analysis {
  tree: Tree;
  index: PackageIndex;
  root: Node;
  /** By go statement id: the verdict, or null when the statement is not flagged. */
  verdicts: Map<number, Verdict | null>;
  /** By loop id: whether the loop's own body paces it. */
  pacedLoops: Map<number, boolean>;
  /** By top-level declaration id. */
  functions: Map<number, FunctionFacts>;
}

/** What the rule reads from one top-level declaration, at most once each. */
interface FunctionFacts {
  node: Node;
  start: number;
  text: string;
  /** Local declarations already looked up, by identifier id; null for "not local". */
  declarations: Map<number, Declaration | null>;
  /** The body of the top-level function or method; null for other declarations. */
  body?: Node | null;
  /** Whether an errgroup (or anything) gets `SetLimit` in the declaration. */
  limited?: boolean;
  /** Places that write to (or hand over) a variable, by the name of the variable. */
  writes?: Map<string, Write[]>;
  /** The start of every loop this rule flags in the declaration, in source order. */
  flaggedLoops?: number[];
}

interface Write {
  root: Node;
  /** The variable itself is written (or its address taken), not an element or a field. */
  whole: boolean;
  /** Only passed to a call (or the receiver of a method call), not assigned. */
  passed: boolean;
}

let current: Analysis | undefined;

function analysisOf(context: RuleContext): Analysis {
  const { tree } = context.file;
  // Trees and indexes are plain objects here (not nodes): identity tells a new analysis.
  if (!current || current.tree !== tree || current.index !== context.index) {
    current = { tree, index: context.index, root: tree.rootNode, verdicts: new Map(), pacedLoops: new Map(), functions: new Map() };
  }
  return current;
}

/**
 * The loops around a go statement inside its own function (innermost first) and the top-level
 * declaration that holds it; undefined when no loop is around it.
 */
function locate(go: Node, analysis: Analysis): { loops: Node[]; top: Node } | undefined {
  const loops = enclosingLoops(go);
  if (loops.length === 0) return undefined;
  // One call into the tree instead of a walk up through every parent.
  const top = analysis.root.firstChildForIndex(go.startIndex);
  return top ? { loops, top } : undefined;
}

function functionFacts(top: Node, analysis: Analysis, context: RuleContext): FunctionFacts {
  let facts = analysis.functions.get(top.id);
  if (!facts) {
    facts = { node: top, start: top.startIndex, text: context.file.text.slice(top.startIndex, top.endIndex), declarations: new Map() };
    analysis.functions.set(top.id, facts);
  }
  return facts;
}

const WORD = /[\p{L}\p{N}_]/u;

function isWordChar(text: string, at: number): boolean {
  return at >= 0 && at < text.length && WORD.test(text[at]);
}

/**
 * Where `name` first occurs in `text` as a whole word, from `from` up to `before`; -1 when it
 * does not. With `declarable`, only where it could be declared: `x.name` is a field or a
 * method and `name(` a call, neither declares `name`.
 */
function wordAt(text: string, name: string, from = 0, before = text.length, declarable = false): number {
  for (let i = text.indexOf(name, from); i !== -1 && i < before; i = text.indexOf(name, i + 1)) {
    if (isWordChar(text, i - 1) || isWordChar(text, i + name.length)) continue;
    if (declarable && (text[i - 1] === '.' || text[i + name.length] === '(')) continue;
    return i;
  }
  return -1;
}

function hasWord(text: string, name: string): boolean {
  return wordAt(text, name) !== -1;
}

/**
 * The local declaration of an identifier, looked up once per identifier. A declaration comes
 * before its uses in the text of the function, so a name that does not occur earlier in a
 * declarable place is not local; one that occurs earlier only in the signature of the
 * top-level function is its parameter (or nothing local). Either way the walk through the
 * scopes is skipped.
 */
function localDeclaration(identifier: Node, facts: FunctionFacts): Declaration | undefined {
  const known = facts.declarations.get(identifier.id);
  if (known !== undefined) return known ?? undefined;
  const name = identifier.text;
  const at = identifier.startIndex - facts.start;
  const first = wordAt(facts.text, name, 0, at, true);
  let declaration: Declaration | undefined;
  if (first !== -1) {
    const body = functionBody(facts);
    const bodyAt = body ? body.startIndex - facts.start : -1;
    if (body && first < bodyAt && at > bodyAt && wordAt(facts.text, name, bodyAt, at, true) === -1) {
      declaration = findDeclarationFrom(name, body);
    } else {
      declaration = findLocalDeclaration(identifier);
    }
  }
  facts.declarations.set(identifier.id, declaration ?? null);
  return declaration;
}

/** The body of the top-level function or method, if that is what the declaration is. */
function functionBody(facts: FunctionFacts): Node | null {
  if (facts.body === undefined) {
    const type = facts.node.type;
    facts.body = type === 'function_declaration' || type === 'method_declaration' ? facts.node.childForFieldName('body') : null;
  }
  return facts.body;
}

/** Whether a predeclared function (`len`, `make`, `int`) is the builtin here, not a local. */
function isBuiltin(identifier: Node, facts: FunctionFacts): boolean {
  return !localDeclaration(identifier, facts);
}

/**
 * The loop that starts a goroutine per item of some data, when nothing bounds it. Only the
 * innermost loop of the go statement's own function decides: a fixed pool of workers started
 * per shard, or a goroutine started per accepted connection, is a design, not a burst.
 */
function unboundedLoop(go: Node, facts: FunctionFacts, analysis: Analysis, context: RuleContext, around?: Node[]): Verdict | null {
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

/** The for statements around a node inside its own function, innermost first. */
function enclosingLoops(node: Node): Node[] {
  const loops: Node[] = [];
  for (let parent = node.parent; parent; parent = parent.parent) {
    const type = parent.type;
    if (FUNCTION_TYPES.has(type)) break;
    if (type === 'for_statement') loops.push(parent);
  }
  return loops;
}

/** The first named child that is not a comment. */
function firstNamed(node: Node): Node | null {
  let child = node.firstNamedChild;
  while (child && child.type === 'comment') child = child.nextNamedSibling;
  return child;
}

// ---------------------------------------------------------------------------------------------
// What drives the loop

function loopDriver(loop: Node, facts: FunctionFacts, context: RuleContext): Driver | undefined {
  const clause = firstNamed(loop);
  if (!clause) return undefined;
  switch (clause.type) {
    case 'block':
      return undefined; // `for {}`: accept loops and event loops are servers, not bursts
    case 'range_clause':
      return rangeDriver(clause, facts, context);
    case 'for_clause':
      return countedDriver(clause, facts);
    default:
      return iteratorDriver(unparen(clause));
  }
}

function rangeDriver(range: Node, facts: FunctionFacts, context: RuleContext): Driver | undefined {
  const right = range.childForFieldName('right');
  if (!right) return undefined;
  const expression = unparen(right);
  if (lenDerived(expression, facts)) return { description: `per index up to \`${short(expression)}\`` };
  if (isTimePaced(expression, context)) return undefined;
  const kind = rangeKind(expression, facts, context);
  switch (kind) {
    case 'channel':
      return { description: `per value received from \`${short(expression)}\`` };
    case 'data':
      return { description: `per element of \`${short(expression)}\`` };
    case 'unknown': {
      // Two variables cannot range over an integer; before Go 1.22 nothing ranges over one.
      if (context.index.goAtLeast(1, 22) === false) return { description: `per element of \`${short(expression)}\`` };
      const left = range.childForFieldName('left');
      const variables = left ? left.namedChildren.filter((n) => n?.type !== 'comment').length : 0;
      return variables === 2 ? { description: `per element of \`${short(expression)}\`` } : undefined;
    }
    default:
      return undefined;
  }
}

/** `for i := 0; i < len(items); i++` and `for i := len(items) - 1; i >= 0; i--`. */
function countedDriver(clause: Node, facts: FunctionFacts): Driver | undefined {
  const initializer = clause.childForFieldName('initializer');
  const condition = clause.childForFieldName('condition');
  if (!initializer || initializer.type !== 'short_var_declaration' || !condition) return undefined;
  const test = unparen(condition);
  if (test.type !== 'binary_expression') return undefined;
  const operator = test.childForFieldName('operator')?.type ?? '';
  if (!['<', '<=', '>', '>=', '!='].includes(operator)) return undefined;
  const left = test.childForFieldName('left');
  const right = test.childForFieldName('right');
  if (!left || !right) return undefined;
  const counters = new Set((initializer.childForFieldName('left')?.namedChildren ?? []).filter((n): n is Node => n?.type === 'identifier').map((n) => n.text));
  const l = unparen(left);
  const r = unparen(right);
  for (const [counter, bound] of [
    [l, r],
    [r, l],
  ]) {
    if (counter.type === 'identifier' && counters.has(counter.text) && lenDerived(bound, facts)) {
      return { description: `per index up to \`${short(bound)}\`` };
    }
  }
  const start = initializer.childForFieldName('right')?.namedChildren.find((n) => n !== null && n.type !== 'comment');
  if (start && lenDerived(start, facts) && (counters.has(l.text) || counters.has(r.text))) {
    return { description: `per index counting down from \`${short(start)}\`` };
  }
  return undefined;
}

/** `for rows.Next()`, `for scanner.Scan()`, `for it.Next(ctx)`: one pass per item read. */
function iteratorDriver(condition: Node): Driver | undefined {
  if (condition.type !== 'call_expression') return undefined;
  const fn = condition.childForFieldName('function');
  if (fn?.type !== 'selector_expression') return undefined;
  const method = fn.childForFieldName('field')?.text;
  if (method !== 'Next' && method !== 'Scan') return undefined;
  return { description: `per \`${short(condition)}\` iteration` };
}

/** `len(x)`, `len(x) - 1`, or a local never reassigned that holds one of those. */
function lenDerived(expression: Node, facts: FunctionFacts, depth = 0): boolean {
  if (depth > 4 || !facts.text.includes('len')) return false;
  const node = unparen(expression);
  switch (node.type) {
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      return fn?.type === 'identifier' && fn.text === 'len' && isBuiltin(fn, facts);
    }
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      if (!['+', '-', '*', '/', '%', '>>'].includes(operator)) return false;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      return (!!left && lenDerived(left, facts, depth + 1)) || (!!right && lenDerived(right, facts, depth + 1));
    }
    case 'identifier': {
      const declaration = localDeclaration(node, facts);
      if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return false;
      const value = declaration.values.length === 1 ? declaration.values[0] : declaration.values[declaration.index];
      if (!value || !lenDerived(value, facts, depth + 1)) return false;
      return mutations(declaration, facts).length === 0;
    }
    default:
      return false;
  }
}

/** `ticker.C`, `timer.C`, `time.Tick(d)`: a loop paced by the clock. */
function isTimePaced(expression: Node, context: RuleContext): boolean {
  const type = expression.type;
  if (type === 'selector_expression') return expression.childForFieldName('field')?.text === 'C';
  if (type === 'call_expression') {
    const called = context.types.calledFunction(expression);
    return called?.path === 'time' && called.name === 'Tick';
  }
  return false;
}

function rangeKind(expression: Node, facts: FunctionFacts, context: RuleContext): RangeKind {
  switch (expression.type) {
    case 'int_literal':
      return 'int';
    case 'interpreted_string_literal':
    case 'raw_string_literal':
    case 'composite_literal':
      return 'fixed';
    case 'identifier':
      return identifierKind(expression, facts, context);
    case 'selector_expression': {
      // A variable of another package may well be a literal list we cannot see.
      if (context.types.qualified(expression)) return 'fixed';
      return typeRefKind(context.types.typeOf(expression), context);
    }
    case 'call_expression':
      return typeRefKind(context.types.typeOf(expression), context);
    default:
      return 'unknown';
  }
}

function identifierKind(identifier: Node, facts: FunctionFacts, context: RuleContext): RangeKind {
  const declaration = localDeclaration(identifier, facts);
  if (declaration) {
    if (declaration.kind === 'const') return 'int';
    if (declaration.node.type === 'variadic_parameter_declaration') return 'data';
    if (declaration.type) return typeNodeKind(declaration.type, context);
    const value = declaration.values.length === 1 ? declaration.values[0] : declaration.values[declaration.index];
    if (value) {
      const kind = valueKind(unparen(value), facts, context);
      if (kind === 'fixed') return mutations(declaration, facts).length === 0 ? 'fixed' : 'data';
      if (kind === 'sized') return mutations(declaration, facts, false, true).length === 0 ? 'int' : 'data';
      if (kind !== 'unknown') return kind;
    }
    return typeRefKind(context.types.typeOfDeclaration(declaration), context);
  }
  // A package-level name. Without a written type its value may be a literal list, and whether
  // other functions change it is not this function's to see; a name the index does not know
  // as a variable is a constant.
  const type = context.index.packageVar(identifier.text);
  if (!type || type.text === '') return 'fixed';
  return typeRefKind(type, context);
}

/** The kind of a value an identifier was initialised with. */
function valueKind(value: Node, facts: FunctionFacts, context: RuleContext): RangeKind {
  const type = value.type;
  if (type === 'composite_literal') {
    const literalType = value.childForFieldName('type');
    return literalType && typeNodeKind(literalType, context) === 'code' ? 'code' : 'fixed';
  }
  if (type === 'call_expression') {
    const fn = value.childForFieldName('function');
    if (fn?.type === 'identifier' && fn.text === 'make' && isBuiltin(fn, facts)) {
      const [made, length] = callArguments(value);
      if (!made) return 'unknown';
      const kind = typeNodeKind(made, context);
      // `make([]T, n)` ranged over is `for range n`, unless n is `len(…)`.
      return kind === 'data' && length && made.type === 'slice_type' && !lenDerived(length, facts) ? 'sized' : kind;
    }
  }
  if (LITERALS.has(type)) return type === 'int_literal' ? 'int' : 'fixed';
  return 'unknown';
}

function typeNodeKind(type: Node, context: RuleContext): RangeKind {
  switch (type.type) {
    case 'slice_type':
      return funcType(type.childForFieldName('element')?.text ?? '', context) ? 'code' : 'data';
    case 'map_type':
      return 'data';
    case 'array_type':
      return 'fixed';
    case 'channel_type':
      return 'channel';
    case 'type_identifier':
      return namedKind(type.text, context);
    case 'pointer_type':
      return type.namedChild(0)?.type === 'array_type' ? 'fixed' : 'unknown';
    case 'parenthesized_type':
      return type.namedChild(0) ? typeNodeKind(type.namedChild(0)!, context) : 'unknown';
    default:
      return 'unknown';
  }
}

function typeRefKind(type: TypeRef | undefined, context: RuleContext, depth = 0): RangeKind {
  if (!type || depth > 4) return 'unknown';
  if (type.pkg === '' && type.name && !type.pointer) return namedKind(type.name, context, depth);
  return typeTextKind(type.text, context);
}

function namedKind(name: string, context: RuleContext, depth = 0): RangeKind {
  if (INTEGER_TYPES.has(name)) return 'int';
  if (name === 'string') return 'data';
  const underlying = context.index.namedType(name);
  return underlying ? typeRefKind(underlying, context, depth + 1) : 'unknown';
}

function typeTextKind(text: string, context: RuleContext): RangeKind {
  const type = text.trim();
  if (type.startsWith('[]')) return funcType(type.slice(2), context) ? 'code' : 'data';
  if (type.startsWith('map[')) return 'data';
  if (/^\[[^\]]+\]/.test(type)) return 'fixed';
  if (/^(<-\s*)?chan\b/.test(type)) return 'channel';
  if (INTEGER_TYPES.has(type)) return 'int';
  return 'unknown';
}

/** `func(…)`, or a type of this package declared as one (`type Hook func()`). */
function funcType(text: string, context: RuleContext): boolean {
  const type = text.trim();
  if (/^func\b/.test(type)) return true;
  return /^\w+$/.test(type) && /^func\b/.test(context.index.namedType(type)?.text.trim() ?? '');
}

// ---------------------------------------------------------------------------------------------
// Visible bounds

/** A `break` or `return` right after the go statement: the loop starts one goroutine at most. */
function leavesLoopAfter(go: Node, loop: Node): boolean {
  for (let statement = go.nextNamedSibling; statement; statement = statement.nextNamedSibling) {
    const type = statement.type;
    if (type === 'return_statement' || type === 'goto_statement') return true;
    if (type !== 'break_statement') continue;
    const label = statement.namedChildren.find((n) => n?.type === 'label_name')?.text;
    if (label) return labelsLoopOrOuter(label, loop);
    for (let parent = go.parent; parent && !parent.equals(loop); parent = parent.parent) {
      if (['expression_switch_statement', 'type_switch_statement', 'select_statement'].includes(parent.type)) return false;
    }
    return true;
  }
  return false;
}

function labelsLoopOrOuter(label: string, loop: Node): boolean {
  for (let parent: Node | null = loop; parent && !FUNCTION_TYPES.has(parent.type); parent = parent.parent) {
    if (parent.type === 'labeled_statement' && parent.childForFieldName('label')?.text === label) return true;
  }
  return false;
}

function hasVisibleBound(go: Node, call: Node | undefined, loops: Node[], facts: FunctionFacts, analysis: Analysis, context: RuleContext): boolean {
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
    case 'if_statement':
      received = first.childForFieldName('condition');
      if (received && unparen(received).type === 'unary_expression' && unparen(received).childForFieldName('operator')?.type === '!') {
        received = unparen(received).childForFieldName('operand');
      }
      break;
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

/** The call of a go statement. */
function goCall(go: Node): Node | undefined {
  const call = firstNamed(go);
  return call?.type === 'call_expression' ? call : undefined;
}

function goroutineLiteral(call: Node | undefined): Node | undefined {
  const fn = call?.childForFieldName('function');
  const literal = fn ? unparen(fn) : undefined;
  return literal?.type === 'func_literal' ? literal : undefined;
}

// ---------------------------------------------------------------------------------------------
// The report

function reportRange(go: Node, call: Node | undefined): Range {
  const start = { line: go.startPosition.row, character: go.startPosition.column };
  const end = go.endPosition;
  if (go.startPosition.row === end.row) return { start, end: { line: end.row, character: end.column } };
  const fn = call?.childForFieldName('function');
  let head = fn ?? go;
  if (fn && unparen(fn).type === 'func_literal') {
    const literal = unparen(fn);
    head = literal.childForFieldName('result') ?? literal.childForFieldName('parameters') ?? literal;
  }
  return { start, end: { line: head.endPosition.row, character: head.endPosition.column } };
}

function short(node: Node): string {
  const text = node.text.replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// The fix: a buffered channel as a semaphore

/**
 * Declares `sem := make(chan struct{}, 16)` before the loop, takes a slot (`sem <- struct{}{}`)
 * right before the go statement, and releases it when the goroutine ends. A func literal gets
 * `defer func() { <-sem }()` as its first statement; `go f(x)` becomes a func literal around
 * the call, which moves the evaluation of `f` and `x` into the goroutine, so it is offered only
 * when that cannot change their values (see `stableExpression`).
 */
function semaphoreFix(go: Node, verdict: Verdict, facts: FunctionFacts, analysis: Analysis, context: RuleContext): Fix | undefined {
  const { loop } = verdict;
  const lines = context.file.lines;
  const loopStatement = loop.parent?.type === 'labeled_statement' ? loop.parent : loop;
  if (!startsLine(loopStatement, context) || !startsLine(go, context) || !endsLine(go, context)) return undefined;
  const { call } = verdict;
  const fn = call?.childForFieldName('function');
  if (!call || !fn) return undefined;
  const literal = unparen(fn);
  const isLiteral = literal.type === 'func_literal';
  const body = isLiteral ? literal.childForFieldName('body') : null;
  if (isLiteral ? !body : !stableCall(call, go, verdict.loops, facts, context) || multiLineRawString(call, context)) return undefined;

  const name = semaphoreName(loop, facts, analysis, context);
  const indent = indentOf(go, lines);
  const release = `defer func() { <-${name} }()`;
  // Before the loop's label, if any, at the loop's own indentation (gofmt outdents labels).
  const declare = `${indentOf(loop, lines)}${name} := make(chan struct{}, ${LIMIT}) // at most ${LIMIT} goroutines at once; tune to the workload\n`;
  const at = { line: loopStatement.startPosition.row, character: 0 };
  const edits: TextEdit[] = [{ range: { start: at, end: at }, newText: declare }];

  if (body) {
    edits.push(insertLinesBefore(go, [`${name} <- struct{}{}`], lines));
    edits.push(releaseInBody(body, release, indent, context));
  } else {
    const inner = call.text.replace(/\n(?=[^\n])/g, '\n\t');
    // A comment after the statement stays on its first line.
    const lastLine = lines.lineText(go.endPosition.row);
    const comment = lastLine.slice(go.endPosition.column).trim();
    const text = [`${name} <- struct{}{}`, `${indent}go func() {${comment ? ` ${comment}` : ''}`, `${indent}\t${release}`, `${indent}\t${inner}`, `${indent}}()`].join('\n');
    const range = replaceNode(go, text).range;
    if (comment) range.end = { line: go.endPosition.row, character: lastLine.length };
    edits.push({ range, newText: text });
  }
  return { title: `Limit the goroutines with a semaphore channel (${name})`, edits };
}

/** Puts the release as the first statement of the goroutine's body. */
function releaseInBody(body: Node, release: string, indent: string, context: RuleContext): TextEdit {
  const open = body.child(0)!;
  const first = firstStatement(body);
  if (first && first.startPosition.row > open.startPosition.row) {
    const inner = startsLine(first, context) ? indentOf(first, context.file.lines) : `${indent}\t`;
    // After the end of the `{` line, so a comment there stays on the go statement's line.
    const at = { line: open.startPosition.row, character: context.file.lines.lineText(open.startPosition.row).length };
    return { range: { start: at, end: at }, newText: `\n${inner}${release}` };
  }
  // A one-line body `{ work(x) }`: spread it over lines.
  const content = context.file.text.slice(open.startIndex + 1, body.endIndex - 1).trim();
  const lines = [`{`, `${indent}\t${release}`];
  if (content) lines.push(`${indent}\t${content}`);
  lines.push(`${indent}}`);
  return replaceNode(body, lines.join('\n'));
}

/** The first statement of a block, or its first comment when it has no statement. */
function firstStatement(block: Node): Node | null {
  let comment: Node | null = null;
  for (let child = block.firstNamedChild; child; child = child.nextNamedSibling) {
    const type = child.type;
    if (type === 'comment') {
      comment ??= child;
    } else if (type === 'statement_list') {
      const statement = firstNamed(child);
      if (statement) return statement;
    } else {
      return child;
    }
  }
  return comment;
}

function startsLine(node: Node, context: RuleContext): boolean {
  return context.file.lines.lineText(node.startPosition.row).slice(0, node.startPosition.column).trim() === '';
}

function endsLine(node: Node, context: RuleContext): boolean {
  const end = node.endPosition;
  const rest = context.file.lines.lineText(end.row).slice(end.column).trim();
  return rest === '' || rest.startsWith('//');
}

function multiLineRawString(node: Node, context: RuleContext): boolean {
  const text = context.file.text.slice(node.startIndex, node.endIndex);
  if (!/`[^`]*\n/.test(text)) return false;
  let found = false;
  walk(node, (child) => {
    if (child.type === 'raw_string_literal' && child.startPosition.row !== child.endPosition.row) found = true;
    return undefined;
  });
  return found;
}

/**
 * The semaphore's name: `sem`, or `sem2`, `sem3`… when the declaration already uses the name
 * (a new declaration only shadows names that code inside its scope refers to, and all of that
 * code is in this declaration). Loops of one declaration that this rule flags are numbered in
 * source order, so fixing them all at once never declares one name twice in a block.
 */
function semaphoreName(loop: Node, facts: FunctionFacts, analysis: Analysis, context: RuleContext): string {
  let suffix = 1;
  const pick = (): string => {
    for (;;) {
      const candidate = suffix === 1 ? 'sem' : `sem${suffix}`;
      suffix++;
      if (!hasWord(facts.text, candidate)) return candidate;
    }
  };
  for (const start of flaggedLoops(loop, facts, analysis, context)) {
    const name = pick();
    if (start === loop.startIndex) return name;
  }
  return pick();
}

/** The start of every loop of the declaration that this rule flags, in source order. */
function flaggedLoops(loop: Node, facts: FunctionFacts, analysis: Analysis, context: RuleContext): number[] {
  if (facts.flaggedLoops) return facts.flaggedLoops;
  const starts = new Set<number>();
  // With one go statement in the declaration, its loop is the only one.
  if ((facts.text.match(/\bgo\b/g)?.length ?? 0) <= 1) {
    starts.add(loop.startIndex);
  } else {
    for (const { node } of queries(context.file.tree.language).go.captures(facts.node)) {
      const verdict = unboundedLoop(node, facts, analysis, context);
      if (verdict) starts.add(verdict.loop.startIndex);
    }
  }
  facts.flaggedLoops = [...starts].sort((a, b) => a - b);
  return facts.flaggedLoops;
}

// ---------------------------------------------------------------------------------------------
// Whether `go f(x)` may become `go func() { …; f(x) }()`

const CONVERSIONS = new Set([...INTEGER_TYPES, 'float32', 'float64', 'bool']);

/** Where the go statement and its loops are: byte ranges, read once. */
interface Place {
  go: Node;
  goStart: number;
  goEnd: number;
  loops: Array<{ start: number; end: number }>;
}

/**
 * A go statement evaluates the function value and the arguments at once, in the loop; a func
 * literal evaluates them later, in the goroutine. The two agree when every variable involved
 * keeps its value from the go statement on (it is per-iteration, or never written after it)
 * and no call or receive is involved. Reading through a variable (`xs[i]`, `p.Name`) also
 * needs the variable not to be handed to a call that could change what it refers to.
 */
function stableCall(call: Node, go: Node, loops: Node[], facts: FunctionFacts, context: RuleContext): boolean {
  const place: Place = { go, goStart: go.startIndex, goEnd: go.endIndex, loops: loops.map((loop) => ({ start: loop.startIndex, end: loop.endIndex })) };
  const fn = unparen(call.childForFieldName('function')!);
  const type = fn.type;
  let callee: boolean;
  if (type === 'identifier') {
    const declaration = localDeclaration(fn, facts);
    callee = declaration ? stableDeclaration(declaration, place, facts, context, false) : !!context.index.func(fn.text) || BUILTIN_FUNCTIONS.has(fn.text);
  } else if (type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    callee = !!context.types.qualified(fn) || (!!operand && stableExpression(operand, place, facts, context, false));
  } else {
    callee = false;
  }
  return callee && callArguments(call).every((argument) => stableExpression(argument, place, facts, context, false));
}

/** `reads`: the value is read through the expression (a field, an element), not just copied. */
function stableExpression(expression: Node, place: Place, facts: FunctionFacts, context: RuleContext, reads: boolean): boolean {
  const node = unparen(expression);
  const type = node.type;
  if (LITERALS.has(type) || type === 'func_literal') return true;
  const stable = (child: Node | null, childReads = reads): boolean => !!child && stableExpression(child, place, facts, context, childReads);
  switch (type) {
    case 'identifier': {
      const declaration = localDeclaration(node, facts);
      if (declaration) return stableDeclaration(declaration, place, facts, context, reads);
      return unchangeable(node.text, context);
    }
    case 'selector_expression':
      return !!context.types.qualified(node) || stable(node.childForFieldName('operand'), true);
    case 'unary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      const operand = node.childForFieldName('operand');
      if (operator === '&') {
        if (!operand) return false;
        const target = unparen(operand);
        return target.type === 'identifier' ? !!localDeclaration(target, facts) : stable(operand, false);
      }
      return ['-', '+', '!', '^'].includes(operator) && stable(operand);
    }
    case 'binary_expression':
      return stable(node.childForFieldName('left')) && stable(node.childForFieldName('right'));
    case 'index_expression':
      return stable(node.childForFieldName('operand'), true) && stable(node.childForFieldName('index'), false);
    case 'slice_expression':
      return node.namedChildren.every((child) => !child || child.type === 'comment' || stable(child, false));
    case 'variadic_argument':
      return stable(node.namedChild(0), false);
    case 'composite_literal':
      return literalElementsStable(node, (child) => stable(child, false));
    case 'call_expression': {
      // Numeric conversions copy a number; anything else may do work or read shared memory.
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'identifier' || !CONVERSIONS.has(fn.text) || !isBuiltin(fn, facts)) return false;
      const args = callArguments(node);
      return args.length === 1 && stable(args[0], false);
    }
    default:
      return false;
  }
}

/**
 * A package-level name that no code can change: a function, a constant or a type. The index
 * knows every package-level variable of the package; a dot import could bring in more.
 */
function unchangeable(name: string, context: RuleContext): boolean {
  if (context.index.func(name)) return true;
  return !context.index.packageVar(name) && context.index.imports(context.file.uri)?.dotImports.length === 0;
}

/** The values of a composite literal (and the keys of a map literal) are all stable. */
function literalElementsStable(literal: Node, stable: (node: Node) => boolean): boolean {
  const type = literal.childForFieldName('type');
  const body = literal.childForFieldName('body');
  if (!body) return false;
  const keysAreValues = type?.type === 'map_type';
  const element = (node: Node): boolean => {
    const inner = node.namedChild(0);
    if (!inner) return true;
    return inner.type === 'literal_value' ? values(inner) : stable(inner);
  };
  const values = (list: Node): boolean =>
    list.namedChildren.every((child) => {
      if (!child) return true;
      const childType = child.type;
      if (childType === 'comment') return true;
      if (childType === 'keyed_element') {
        const [key, value] = child.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
        if (!key || !value) return false;
        const keyOk = !keysAreValues && key.namedChild(0)?.type === 'identifier' ? true : element(key);
        return keyOk && element(value);
      }
      return childType === 'literal_element' ? element(child) : false;
    });
  return values(body);
}

/**
 * A local keeps its value from the go statement on unless it is written after the statement,
 * or in a loop around the statement that the variable outlives, or inside another func literal
 * that may run at any time. With `reads`, being handed to a call counts as a write.
 */
function stableDeclaration(declaration: Declaration, place: Place, facts: FunctionFacts, context: RuleContext, reads: boolean): boolean {
  if (declaration.kind === 'const') return true;
  if (context.index.goAtLeast(1, 22) === false && isLoopClause(declaration)) return false;
  const writes = mutations(declaration, facts, reads).filter((node) => node.startIndex < place.goStart || node.startIndex >= place.goEnd);
  if (writes.length === 0) return true;
  const home = enclosingFunctionOf(declaration.name);
  const declared = declaration.name.startIndex;
  for (const write of writes) {
    if (write.startIndex >= place.goEnd) return false;
    if (!sameNode(enclosingFunctionOf(write), home)) return false;
    for (const loop of place.loops) {
      const inLoop = (at: number) => at >= loop.start && at < loop.end;
      if (inLoop(write.startIndex) && !inLoop(declared)) return false;
    }
  }
  return true;
}

/** Whether the name is declared by a range clause or a three-clause loop's initializer. */
function isLoopClause(declaration: Declaration): boolean {
  return declaration.kind === 'range' || declaration.node.parent?.type === 'for_clause';
}

function enclosingFunctionOf(node: Node): Node | null {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (FUNCTION_TYPES.has(parent.type)) return parent;
  }
  return null;
}

function sameNode(a: Node | null, b: Node | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/**
 * Where a local is assigned, incremented, redeclared or has its address taken; with `passed`,
 * also where it is an argument of a call or the receiver of a method call; with `wholeOnly`,
 * only where the variable itself is written, not one of its elements or fields.
 */
function mutations(declaration: Declaration, facts: FunctionFacts, passed = false, wholeOnly = false): Node[] {
  const found: Node[] = [];
  for (const write of writesOf(facts).get(declaration.name.text) ?? []) {
    if ((write.passed && !passed) || (wholeOnly && !write.whole)) continue;
    if (write.root.equals(declaration.name)) continue;
    const resolved = findLocalDeclaration(write.root);
    if (resolved && resolved.name.equals(declaration.name)) found.push(write.root);
  }
  return found;
}

/** Every write (and, marked `passed`, every hand-over) in the declaration, by variable name. */
function writesOf(facts: FunctionFacts): Map<string, Write[]> {
  if (facts.writes) return facts.writes;
  const writes = new Map<string, Write[]>();
  const add = (target: Node, passed: boolean) => {
    const inner = unparen(target);
    const root = rootIdentifier(inner);
    if (!root) return;
    const name = root.text;
    const write = { root, passed, whole: root.id === inner.id };
    const list = writes.get(name);
    if (list) list.push(write);
    else writes.set(name, [write]);
  };
  for (const match of queries(facts.node.tree.language).writes.matches(facts.node)) {
    const captures = match.captures;
    if (match.patternIndex < WRITE_PATTERNS) {
      add(captures[0].node, false);
      continue;
    }
    // A call: its arguments (unless the callee only reads them), or its receiver.
    const callee = captures.find((c) => c.name === 'callee')?.node;
    const argument = captures.find((c) => c.name === 'argument')?.node;
    const receiver = captures.find((c) => c.name === 'receiver')?.node;
    if (argument && callee && !readOnlyBuiltin(callee, facts)) add(argument, true);
    if (receiver && unparen(receiver).type === 'identifier') add(receiver, true);
  }
  facts.writes = writes;
  return writes;
}

/** `len(xs)`, `cap(xs)`, `min(…)`, `max(…)` only read their arguments. */
function readOnlyBuiltin(callee: Node, facts: FunctionFacts): boolean {
  return callee.type === 'identifier' && ['len', 'cap', 'min', 'max'].includes(callee.text) && isBuiltin(callee, facts);
}

function rootIdentifier(expression: Node): Node | undefined {
  let node = unparen(expression);
  for (;;) {
    const type = node.type;
    if (type === 'identifier') return node;
    if (type === 'selector_expression' || type === 'index_expression' || type === 'slice_expression' || type === 'unary_expression') {
      const next = node.childForFieldName('operand');
      if (!next) return undefined;
      node = unparen(next);
      continue;
    }
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Queries run on one declaration

/** The first patterns capture a written expression; the rest capture calls. */
const WRITE_PATTERNS = 7;
const WRITES_QUERY = `
(assignment_statement left: (expression_list (_) @write))
(short_var_declaration left: (expression_list (_) @write))
(receive_statement left: (expression_list (_) @write))
(range_clause left: (expression_list (_) @write))
(inc_statement (_) @write)
(dec_statement (_) @write)
(unary_expression operator: "&" operand: (_) @write)
(call_expression function: (_) @callee arguments: (argument_list (_) @argument))
(call_expression function: (selector_expression operand: (_) @receiver))
`;

const compiled = new WeakMap<Language, { go: Query; writes: Query }>();

function queries(language: Language): { go: Query; writes: Query } {
  let found = compiled.get(language);
  if (!found) {
    found = { go: new Query(language, '(go_statement) @go'), writes: new Query(language, WRITES_QUERY) };
    compiled.set(language, found);
  }
  return found;
}
