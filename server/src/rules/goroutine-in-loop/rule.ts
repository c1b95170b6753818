import type { Node } from 'web-tree-sitter';
import { indentOf, insertLinesBefore, replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { TypeRef } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findLocalDeclaration, type Declaration } from '../../core/scope';
import { blockStatements, callArguments, FUNCTION_TYPES, isAncestor, unparen, walk } from '../../core/syntax';
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

/** What a range expression yields, as far as the syntax and the index tell. */
type RangeKind = 'data' | 'channel' | 'fixed' | 'int' | 'unknown';

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
    const flagged = unboundedLoop(go, context);
    if (!flagged) return;
    const { loop, driver } = flagged;
    const fix = semaphoreFix(go, loop, context);
    context.report({
      range: reportRange(go),
      message: `\`go\` starts one goroutine ${driver.description} with no limit on how many run at once; take a slot in a semaphore channel before it or use errgroup with SetLimit`,
      fixes: fix ? [fix] : [],
    });
  },
};

/**
 * The loop that starts a goroutine per item of some data, when nothing bounds it. Only the
 * innermost loop of the go statement's own function decides: a fixed pool of workers started
 * per shard, or a goroutine started per accepted connection, is a design, not a burst.
 */
function unboundedLoop(go: Node, context: RuleContext): { loop: Node; driver: Driver } | undefined {
  const loops = enclosingLoops(go);
  const loop = loops[0];
  if (!loop) return undefined;
  const driver = loopDriver(loop, context);
  if (!driver) return undefined;
  if (leavesLoopAfter(go, loop)) return undefined;
  if (hasVisibleBound(go, loops, context)) return undefined;
  return { loop, driver };
}

/** The for statements around a node inside its own function, innermost first. */
function enclosingLoops(node: Node): Node[] {
  const loops: Node[] = [];
  for (let current = node.parent; current && !FUNCTION_TYPES.has(current.type); current = current.parent) {
    if (current.type === 'for_statement') loops.push(current);
  }
  return loops;
}

// ---------------------------------------------------------------------------------------------
// What drives the loop

function loopDriver(loop: Node, context: RuleContext): Driver | undefined {
  const clauses = loop.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment' && n.type !== 'block');
  const range = clauses.find((n) => n.type === 'range_clause');
  if (range) return rangeDriver(range, context);
  const forClause = clauses.find((n) => n.type === 'for_clause');
  if (forClause) return countedDriver(forClause);
  const condition = clauses[0];
  if (!condition) return undefined; // `for {}`: accept loops and event loops are servers, not bursts
  return iteratorDriver(unparen(condition));
}

function rangeDriver(range: Node, context: RuleContext): Driver | undefined {
  const right = range.childForFieldName('right');
  if (!right) return undefined;
  const left = range.childForFieldName('left');
  const variables = !left ? 0 : left.type === 'expression_list' ? left.namedChildren.filter((n) => n?.type !== 'comment').length : 1;
  const expression = unparen(right);
  if (lenDerived(expression)) return { description: `per index up to \`${short(expression)}\`` };
  if (isTimePaced(expression, context)) return undefined;
  const kind = rangeKind(expression, context);
  switch (kind) {
    case 'channel':
      return { description: `per value received from \`${short(expression)}\`` };
    case 'data':
      return { description: `per element of \`${short(expression)}\`` };
    case 'unknown':
      // Two variables cannot range over an integer; before Go 1.22 nothing ranges over one.
      if (variables === 2 || context.index.goAtLeast(1, 22) === false) return { description: `per element of \`${short(expression)}\`` };
      return undefined;
    default:
      return undefined;
  }
}

/** `for i := 0; i < len(items); i++` and `for i := len(items) - 1; i >= 0; i--`. */
function countedDriver(clause: Node): Driver | undefined {
  const initializer = clause.childForFieldName('initializer');
  const condition = clause.childForFieldName('condition');
  if (!initializer || initializer.type !== 'short_var_declaration' || !condition) return undefined;
  const counters = new Set((initializer.childForFieldName('left')?.namedChildren ?? []).filter((n): n is Node => n?.type === 'identifier').map((n) => n.text));
  const test = unparen(condition);
  if (test.type !== 'binary_expression') return undefined;
  const operator = test.childForFieldName('operator')?.type ?? '';
  if (!['<', '<=', '>', '>=', '!='].includes(operator)) return undefined;
  const left = test.childForFieldName('left');
  const right = test.childForFieldName('right');
  if (!left || !right) return undefined;
  for (const [counter, bound] of [
    [unparen(left), unparen(right)],
    [unparen(right), unparen(left)],
  ]) {
    if (counter.type === 'identifier' && counters.has(counter.text) && lenDerived(bound)) {
      return { description: `per index up to \`${short(bound)}\`` };
    }
  }
  const start = initializer.childForFieldName('right')?.namedChildren.find((n) => n !== null && n.type !== 'comment');
  if (start && lenDerived(start) && (counters.has(unparen(left).text) || counters.has(unparen(right).text))) {
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
function lenDerived(expression: Node, depth = 0): boolean {
  const node = unparen(expression);
  if (depth > 4) return false;
  if (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    return fn?.type === 'identifier' && fn.text === 'len' && !findLocalDeclaration(fn);
  }
  if (node.type === 'binary_expression') {
    const operator = node.childForFieldName('operator')?.type ?? '';
    if (!['+', '-', '*', '/', '%', '>>'].includes(operator)) return false;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    return (!!left && lenDerived(left, depth + 1)) || (!!right && lenDerived(right, depth + 1));
  }
  if (node.type === 'identifier') {
    const declaration = findLocalDeclaration(node);
    if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return false;
    const value = declaration.values.length === 1 ? declaration.values[0] : declaration.values[declaration.index];
    if (!value || !lenDerived(value, depth + 1)) return false;
    return mutations(declaration).length === 0;
  }
  return false;
}

/** `ticker.C`, `timer.C`, `time.Tick(d)`: a loop paced by the clock. */
function isTimePaced(expression: Node, context: RuleContext): boolean {
  if (expression.type === 'selector_expression') return expression.childForFieldName('field')?.text === 'C';
  if (expression.type === 'call_expression') {
    const called = context.types.calledFunction(expression);
    return called?.path === 'time' && called.name === 'Tick';
  }
  return false;
}

function rangeKind(expression: Node, context: RuleContext): RangeKind {
  switch (expression.type) {
    case 'int_literal':
      return 'int';
    case 'interpreted_string_literal':
    case 'raw_string_literal':
    case 'composite_literal':
      return 'fixed';
    case 'identifier':
      return identifierKind(expression, context);
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

function identifierKind(identifier: Node, context: RuleContext): RangeKind {
  const declaration = findLocalDeclaration(identifier);
  if (declaration) {
    if (declaration.kind === 'const') return 'int';
    if (declaration.node.type === 'variadic_parameter_declaration') return 'data';
    if (declaration.type) return typeNodeKind(declaration.type, context);
    const value = declaration.values.length === 1 ? declaration.values[0] : declaration.values[declaration.index];
    if (value) {
      const kind = valueKind(unparen(value), context);
      if (kind === 'fixed') return mutations(declaration).length === 0 ? 'fixed' : 'data';
      if (kind !== 'unknown') return kind;
    }
    return typeRefKind(context.types.typeOfDeclaration(declaration), context);
  }
  const topLevel = topLevelSpec(identifier);
  if (topLevel) {
    if (topLevel.type === 'const_spec') return 'int';
    const type = topLevel.childForFieldName('type');
    if (type) return typeNodeKind(type, context);
    const values = topLevel.childForFieldName('value')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    const names = topLevel.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const value = values[names.findIndex((n) => n.text === identifier.text)];
    const kind = value ? valueKind(unparen(value), context) : 'unknown';
    if (kind === 'fixed') return assignedInFile(identifier) ? 'data' : 'fixed';
    return kind;
  }
  const type = context.index.packageVar(identifier.text);
  // Declared in another file without a written type: its value may be a literal list.
  if (!type || type.text === '') return 'fixed';
  return typeRefKind(type, context);
}

/** The kind of a value an identifier was initialised with. */
function valueKind(value: Node, context: RuleContext): RangeKind {
  if (value.type === 'composite_literal') return 'fixed';
  if (value.type === 'call_expression') {
    const fn = value.childForFieldName('function');
    const first = callArguments(value)[0];
    if (fn?.type === 'identifier' && fn.text === 'make' && first && !findLocalDeclaration(fn)) return typeNodeKind(first, context);
  }
  if (LITERALS.has(value.type)) return value.type === 'int_literal' ? 'int' : 'fixed';
  return 'unknown';
}

function typeNodeKind(type: Node, context: RuleContext): RangeKind {
  switch (type.type) {
    case 'slice_type':
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
  return typeTextKind(type.text);
}

function namedKind(name: string, context: RuleContext, depth = 0): RangeKind {
  if (INTEGER_TYPES.has(name)) return 'int';
  if (name === 'string') return 'data';
  const underlying = context.index.namedType(name);
  return underlying ? typeRefKind(underlying, context, depth + 1) : 'unknown';
}

function typeTextKind(text: string): RangeKind {
  const type = text.trim();
  if (type.startsWith('[]') || type.startsWith('map[')) return 'data';
  if (/^\[[^\]]+\]/.test(type)) return 'fixed';
  if (/^(<-\s*)?chan\b/.test(type)) return 'channel';
  if (INTEGER_TYPES.has(type)) return 'int';
  return 'unknown';
}

/** The package-level var or const spec of this file that declares the identifier's name. */
function topLevelSpec(identifier: Node): Node | undefined {
  const root = identifier.tree.rootNode;
  for (const declaration of root.namedChildren) {
    if (declaration?.type !== 'var_declaration' && declaration?.type !== 'const_declaration') continue;
    const specType = declaration.type === 'var_declaration' ? 'var_spec' : 'const_spec';
    for (const spec of declaration.descendantsOfType(specType)) {
      if (spec?.childrenForFieldName('name').some((n) => n?.text === identifier.text)) return spec;
    }
  }
  return undefined;
}

/** Whether any function of this file assigns to (or appends to) the package-level name. */
function assignedInFile(identifier: Node): boolean {
  let assigned = false;
  walk(identifier.tree.rootNode, (node) => {
    if (assigned) return false;
    for (const target of assignedTargets(node)) {
      const root = rootIdentifier(target);
      if (root?.text === identifier.text && !findLocalDeclaration(root)) assigned = true;
    }
    return undefined;
  });
  return assigned;
}

// ---------------------------------------------------------------------------------------------
// Visible bounds

/** A `break` or `return` right after the go statement: the loop starts one goroutine at most. */
function leavesLoopAfter(go: Node, loop: Node): boolean {
  const siblings = go.parent?.namedChildren.filter((n): n is Node => n !== null && n.startIndex >= go.endIndex) ?? [];
  for (const statement of siblings) {
    if (statement.type === 'return_statement' || statement.type === 'goto_statement') return true;
    if (statement.type !== 'break_statement') continue;
    const label = statement.namedChildren.find((n) => n?.type === 'label_name')?.text;
    if (label) return labelsLoopOrOuter(label, loop);
    for (let current = go.parent; current && !current.equals(loop); current = current.parent) {
      if (['expression_switch_statement', 'type_switch_statement', 'select_statement'].includes(current.type)) return false;
    }
    return true;
  }
  return false;
}

function labelsLoopOrOuter(label: string, loop: Node): boolean {
  for (let current: Node | null = loop; current && !FUNCTION_TYPES.has(current.type); current = current.parent) {
    if (current.type === 'labeled_statement' && current.childForFieldName('label')?.text === label) return true;
  }
  return false;
}

function hasVisibleBound(go: Node, loops: Node[], context: RuleContext): boolean {
  // In the loops themselves, outside any func literal: a blocking send (semaphore slot or work
  // handed to workers), a blocking receive, a semaphore acquire, a limiter, a batch Wait.
  for (const loop of loops) {
    const body = loop.childForFieldName('body');
    if (!body) continue;
    let bounded = false;
    walk(body, (node) => {
      if (bounded || node.type === 'func_literal') return false;
      if (node.type === 'send_statement' || isBareReceive(node)) bounded = true;
      if (node.type === 'call_expression' && (pacingCall(node, 0) || isSleep(node, context))) bounded = true;
      return undefined;
    });
    if (bounded) return true;
  }
  // Inside the goroutine's own function: a semaphore taken and released there, or an acquire.
  const literal = goroutineLiteral(go);
  if (literal && boundedInside(literal)) return true;
  // Anywhere in the function: an errgroup given a limit.
  const declaration = topDeclaration(go);
  let limited = false;
  walk(declaration, (node) => {
    if (limited) return false;
    if (node.type === 'call_expression' && calledMethod(node) === 'SetLimit') limited = true;
    return undefined;
  });
  return limited;
}

function boundedInside(literal: Node): boolean {
  const sends = new Set<string>();
  const receives = new Set<string>();
  let bounded = false;
  walk(literal, (node) => {
    if (node.type === 'send_statement') sends.add(node.childForFieldName('channel')?.text ?? '');
    if (isBareReceive(node)) receives.add(unparen(node.namedChild(0)!).childForFieldName('operand')?.text ?? '');
    if (node.type === 'call_expression' && pacingCall(node, 1)) bounded = true;
    return undefined;
  });
  return bounded || [...sends].some((channel) => channel !== '' && receives.has(channel));
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
  const called = context.types.calledFunction(call);
  return called?.path === 'time' && called.name === 'Sleep';
}

/** `<-ch` as a statement of its own: the loop blocks until something arrives. */
function isBareReceive(node: Node): boolean {
  if (node.type !== 'expression_statement') return false;
  const expression = node.namedChild(0);
  return !!expression && unparen(expression).type === 'unary_expression' && unparen(expression).childForFieldName('operator')?.type === '<-';
}

function goroutineLiteral(go: Node): Node | undefined {
  const call = go.namedChildren.find((n) => n?.type === 'call_expression');
  const fn = call?.childForFieldName('function');
  const literal = fn ? unparen(fn) : undefined;
  return literal?.type === 'func_literal' ? literal : undefined;
}

/** The top-level function or method declaration around a node (through func literals). */
function topDeclaration(node: Node): Node {
  let current = node;
  while (current.parent && current.parent.type !== 'source_file') current = current.parent;
  return current;
}

// ---------------------------------------------------------------------------------------------
// The report

function reportRange(go: Node): Range {
  const start = { line: go.startPosition.row, character: go.startPosition.column };
  if (go.startPosition.row === go.endPosition.row) {
    return { start, end: { line: go.endPosition.row, character: go.endPosition.column } };
  }
  const call = go.namedChildren.find((n) => n?.type === 'call_expression');
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
function semaphoreFix(go: Node, loop: Node, context: RuleContext): Fix | undefined {
  const lines = context.file.lines;
  const loopStatement = loop.parent?.type === 'labeled_statement' ? loop.parent : loop;
  if (!startsLine(loopStatement, context) || !startsLine(go, context) || !endsLine(go, context)) return undefined;
  const call = go.namedChildren.find((n) => n?.type === 'call_expression');
  const fn = call?.childForFieldName('function');
  if (!call || !fn) return undefined;
  const name = semaphoreName(go, loop, context);
  const indent = indentOf(go, lines);
  const release = `defer func() { <-${name} }()`;
  // Before the loop's label, if any, at the loop's own indentation (gofmt outdents labels).
  const declare = `${indentOf(loop, lines)}${name} := make(chan struct{}, ${LIMIT}) // at most ${LIMIT} goroutines at once; tune to the workload\n`;
  const at = { line: loopStatement.startPosition.row, character: 0 };
  const edits: TextEdit[] = [{ range: { start: at, end: at }, newText: declare }];

  const literal = unparen(fn);
  if (literal.type === 'func_literal') {
    const body = literal.childForFieldName('body');
    if (!body) return undefined;
    edits.push(insertLinesBefore(go, [`${name} <- struct{}{}`], lines));
    edits.push(releaseInBody(body, release, indent, context));
  } else {
    if (!stableCall(call, go, context) || multiLineRawString(call)) return undefined;
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
  const close = body.child(body.childCount - 1)!;
  const first = blockStatements(body)[0] ?? body.namedChildren.find((n) => n?.type === 'comment') ?? null;
  if (first && first.startPosition.row > open.startPosition.row) {
    const inner = startsLine(first, context) ? indentOf(first, context.file.lines) : `${indent}\t`;
    // After the end of the `{` line, so a comment there stays on the go statement's line.
    const at = { line: open.endPosition.row, character: context.file.lines.lineText(open.endPosition.row).length };
    return { range: { start: at, end: at }, newText: `\n${inner}${release}` };
  }
  // A one-line body `{ work(x) }`: spread it over lines.
  const content = context.file.text.slice(open.endIndex, close.startIndex).trim();
  const lines = [`{`, `${indent}\t${release}`];
  if (content) lines.push(`${indent}\t${content}`);
  lines.push(`${indent}}`);
  return replaceNode(body, lines.join('\n'));
}

function startsLine(node: Node, context: RuleContext): boolean {
  return context.file.lines.lineText(node.startPosition.row).slice(0, node.startPosition.column).trim() === '';
}

function endsLine(node: Node, context: RuleContext): boolean {
  const rest = context.file.lines.lineText(node.endPosition.row).slice(node.endPosition.column).trim();
  return rest === '' || rest.startsWith('//');
}

function multiLineRawString(node: Node): boolean {
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
function semaphoreName(go: Node, loop: Node, context: RuleContext): string {
  const declaration = topDeclaration(go);
  const taken = new Set<string>();
  const gos: Node[] = [];
  walk(declaration, (node) => {
    if (node.type === 'identifier' || node.type === 'type_identifier' || node.type === 'package_identifier') taken.add(node.text);
    if (node.type === 'go_statement') gos.push(node);
    return undefined;
  });
  const loops: Node[] = [];
  for (const statement of gos) {
    const flagged = unboundedLoop(statement, context);
    if (flagged && !loops.some((l) => l.equals(flagged.loop))) loops.push(flagged.loop);
  }
  loops.sort((a, b) => a.startIndex - b.startIndex);
  let suffix = 1;
  const pick = (): string => {
    for (;;) {
      const candidate = suffix === 1 ? 'sem' : `sem${suffix}`;
      suffix++;
      if (!taken.has(candidate)) return candidate;
    }
  };
  for (const candidate of loops) {
    const name = pick();
    if (candidate.equals(loop)) return name;
  }
  return pick();
}

// ---------------------------------------------------------------------------------------------
// Whether `go f(x)` may become `go func() { …; f(x) }()`

const CONVERSIONS = new Set([...INTEGER_TYPES, 'float32', 'float64', 'bool']);

/**
 * A go statement evaluates the function value and the arguments at once, in the loop; a func
 * literal evaluates them later, in the goroutine. The two agree when every variable involved
 * keeps its value from the go statement on (it is per-iteration, or never written after it)
 * and no call or receive is involved. Reading through a variable (`xs[i]`, `p.Name`) also
 * needs the variable not to be handed to a call that could change what it refers to.
 */
function stableCall(call: Node, go: Node, context: RuleContext): boolean {
  const fn = unparen(call.childForFieldName('function')!);
  let callee: boolean;
  if (fn.type === 'identifier') {
    const declaration = findLocalDeclaration(fn);
    callee = declaration ? stableDeclaration(declaration, go, context, false) : !!context.index.func(fn.text) || BUILTIN_FUNCTIONS.has(fn.text);
  } else if (fn.type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    callee = !!context.types.qualified(fn) || (!!operand && stableExpression(operand, go, context, false));
  } else {
    callee = false;
  }
  return callee && callArguments(call).every((argument) => stableExpression(argument, go, context, false));
}

/** `reads`: the value is read through the expression (a field, an element), not just copied. */
function stableExpression(expression: Node, go: Node, context: RuleContext, reads: boolean): boolean {
  const node = unparen(expression);
  if (LITERALS.has(node.type) || node.type === 'func_literal') return true;
  const stable = (child: Node | null, childReads = reads): boolean => !!child && stableExpression(child, go, context, childReads);
  switch (node.type) {
    case 'identifier': {
      const declaration = findLocalDeclaration(node);
      if (declaration) return stableDeclaration(declaration, go, context, reads);
      return !!context.index.func(node.text) || topLevelSpec(node)?.type === 'const_spec';
    }
    case 'selector_expression':
      return !!context.types.qualified(node) || stable(node.childForFieldName('operand'), true);
    case 'unary_expression': {
      const operator = node.childForFieldName('operator')?.type ?? '';
      const operand = node.childForFieldName('operand');
      if (operator === '&') return !!operand && (unparen(operand).type === 'identifier' ? !!findLocalDeclaration(unparen(operand)) : stable(operand, false));
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
      const args = callArguments(node);
      return fn?.type === 'identifier' && CONVERSIONS.has(fn.text) && !findLocalDeclaration(fn) && args.length === 1 && stable(args[0], false);
    }
    default:
      return false;
  }
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
      if (!child || child.type === 'comment') return true;
      if (child.type === 'keyed_element') {
        const [key, value] = child.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
        if (!key || !value) return false;
        const keyOk = !keysAreValues && key.namedChild(0)?.type === 'identifier' ? true : element(key);
        return keyOk && element(value);
      }
      return child.type === 'literal_element' ? element(child) : false;
    });
  return values(body);
}

/**
 * A local keeps its value from the go statement on unless it is written after the statement,
 * or in a loop around the statement that the variable outlives, or inside another func literal
 * that may run at any time. With `reads`, being handed to a call counts as a write.
 */
function stableDeclaration(declaration: Declaration, go: Node, context: RuleContext, reads: boolean): boolean {
  if (declaration.kind === 'const') return true;
  if (loopOfClause(declaration) && context.index.goAtLeast(1, 22) === false) return false;
  const home = enclosingFunctionOf(declaration.name);
  const loops = enclosingLoops(go);
  const writes = mutations(declaration, reads).filter((node) => !isAncestor(go, node));
  for (const write of writes) {
    if (!sameNode(enclosingFunctionOf(write), home)) return false;
    if (write.startIndex >= go.endIndex) return false;
    for (const loop of loops) {
      if (isAncestor(loop, write) && !isAncestor(loop, declaration.name)) return false;
    }
  }
  return true;
}

function loopOfClause(declaration: Declaration): Node | undefined {
  if (declaration.kind === 'range') return declaration.node.parent ?? undefined;
  if (declaration.node.parent?.type === 'for_clause') return declaration.node.parent.parent ?? undefined;
  return undefined;
}

function enclosingFunctionOf(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return null;
}

function sameNode(a: Node | null, b: Node | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/**
 * Where a local is assigned, incremented, redeclared or has its address taken; with `passed`,
 * also where it is an argument of a call or the receiver of a method call.
 */
function mutations(declaration: Declaration, passed = false): Node[] {
  const found: Node[] = [];
  const scope = topDeclaration(declaration.name);
  walk(scope, (node) => {
    const targets = assignedTargets(node);
    if (passed && node.type === 'call_expression' && !readOnlyBuiltin(node)) {
      targets.push(...callArguments(node));
      const fn = node.childForFieldName('function');
      const operand = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
      if (operand && unparen(operand).type === 'identifier') targets.push(operand);
    }
    for (const target of targets) {
      const root = rootIdentifier(target);
      if (!root || root.text !== declaration.name.text || root.equals(declaration.name)) continue;
      const resolved = findLocalDeclaration(root);
      if (resolved && resolved.name.equals(declaration.name)) found.push(root);
    }
    return undefined;
  });
  return found;
}

/** `len(xs)`, `cap(xs)`, `min(…)`, `max(…)` only read their arguments. */
function readOnlyBuiltin(call: Node): boolean {
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' && ['len', 'cap', 'min', 'max'].includes(fn.text) && !findLocalDeclaration(fn);
}

/** The expressions a statement writes to (or whose address it takes). */
function assignedTargets(node: Node): Node[] {
  switch (node.type) {
    case 'assignment_statement':
    case 'short_var_declaration':
    case 'receive_statement':
    case 'range_clause': {
      if (node.type === 'receive_statement' && !node.childForFieldName('left')) return [];
      const left = node.childForFieldName('left');
      if (!left) return [];
      return left.type === 'expression_list' ? left.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') : [left];
    }
    case 'inc_statement':
    case 'dec_statement':
      return node.namedChild(0) ? [node.namedChild(0)!] : [];
    case 'unary_expression':
      return node.childForFieldName('operator')?.type === '&' && node.childForFieldName('operand') ? [node.childForFieldName('operand')!] : [];
    default:
      return [];
  }
}

function rootIdentifier(expression: Node): Node | undefined {
  let node = unparen(expression);
  for (;;) {
    if (node.type === 'identifier') return node;
    if (node.type === 'selector_expression' || node.type === 'index_expression' || node.type === 'slice_expression' || node.type === 'unary_expression') {
      const next = node.childForFieldName('operand');
      if (!next) return undefined;
      node = unparen(next);
      continue;
    }
    return undefined;
  }
}
