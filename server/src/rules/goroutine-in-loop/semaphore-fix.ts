// The fix: a buffered channel declared before the loop as a semaphore, a slot taken before each goroutine and released when it ends.
import type { Node } from 'web-tree-sitter';
import { indentOf, insertLinesBefore, replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { RuleContext } from '../../core/rule';
import { findDeclarationFrom } from '../../core/scope';
import { calleeParts, enclosingFunction, walk } from '../../core/syntax';
import { compiledQuery, hasWord, type Analysis, type FunctionFacts } from './analysis';
import { firstStatement, goroutineLiteral } from './go-statement';
import { stableCall } from './stable-call';
import { unboundedLoop, type Verdict } from './verdict';

/** The capacity the inserted semaphore gets; the comment beside it asks the reader to tune it. */
const LIMIT = 16;

/**
 * Declares `sem := make(chan struct{}, 16)` before the loop, takes a slot (`sem <- struct{}{}`)
 * right before the go statement, and releases it when the goroutine ends. A func literal gets
 * `defer func() { <-sem }()` as its first statement; `go f(x)` becomes a func literal around
 * the call, which moves the evaluation of `f` and `x` into the goroutine, so it is offered only
 * when that cannot change their values (see `stableCall`).
 */
export function semaphoreFix(go: Node, verdict: Verdict, facts: FunctionFacts, analysis: Analysis, context: RuleContext): Fix | undefined {
  const { loop, call } = verdict;
  const lines = context.file.lines;
  const loopStatement = loop.parent?.type === 'labeled_statement' ? loop.parent : loop;
  if (!startsLine(loopStatement, context) || !startsLine(go, context) || !endsLine(go, context)) return undefined;
  if (!call?.childForFieldName('function')) return undefined;
  const literal = goroutineLiteral(call);
  const body = literal ? literal.childForFieldName('body') : null;
  if (answersRequest(go, context) || mayWaitForTheLoop(go, call, body)) return undefined;
  if (literal) {
    if (!body) return undefined;
  } else if (!stableCall(call, go, verdict.loops, facts, context) || multiLineRawString(call, context)) {
    return undefined;
  }

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
  return {
    title: {
      en: `Limit the goroutines with a semaphore channel (${name}) of ${LIMIT}, a starting value to size to the work`,
      'zh-cn': `用容量为 ${LIMIT} 的信号量 channel（${name}）限制 goroutine 数量；${LIMIT} 只是起点，请按实际负载调整`,
    },
    edits,
    // The capacity is a guess about the work, and the loop now waits for slots: the author decides.
    preferred: false,
  };
}

/** Parameter types of a function that answers a request (net/http, Gin, Echo, Fiber, Hertz). */
const REQUEST_TYPES = new Set([
  'net/http.ResponseWriter',
  'net/http.Request',
  'github.com/gin-gonic/gin.Context',
  'github.com/labstack/echo/v4.Context',
  'github.com/labstack/echo.Context',
  'github.com/gofiber/fiber/v2.Ctx',
  'github.com/cloudwego/hertz/pkg/app.RequestContext',
]);

/**
 * Whether the go statement runs while a request waits for its answer: its function, or one
 * around it, takes a request. A semaphore there makes the reply wait for earlier goroutines.
 */
function answersRequest(go: Node, context: RuleContext): boolean {
  for (let fn = enclosingFunction(go); fn; fn = enclosingFunction(fn)) {
    for (const parameter of fn.childForFieldName('parameters')?.namedChildren ?? []) {
      const typeNode = parameter?.childForFieldName('type');
      if (!typeNode) continue;
      const type = context.types.typeOfTypeNode(typeNode);
      if (REQUEST_TYPES.has(`${type.pkg ?? ''}.${type.name}`)) return true;
    }
  }
  return false;
}

const BLOCKING_METHODS = new Set(['Lock', 'RLock', 'Wait']);

/**
 * Whether the goroutine may wait for something the function does after the loop: a channel
 * operation, a `select`, a lock or a `Wait` in its body, or a channel of the function handed to
 * it. With a semaphore the loop stops at the limit, so such a goroutine and the loop would wait
 * for each other forever (results sent on an unbuffered channel read after the loop).
 */
function mayWaitForTheLoop(go: Node, call: Node, body: Node | null): boolean {
  let blocks = false;
  const names = new Set<string>();
  walk(body ?? call, (node) => {
    if (blocks) return false;
    const type = node.type;
    if (type === 'send_statement' || type === 'select_statement' || (type === 'unary_expression' && node.child(0)?.type === '<-')) blocks = true;
    else if (type === 'call_expression' && BLOCKING_METHODS.has(calleeParts(node)?.name ?? '') && calleeParts(node)?.operand) blocks = true;
    else if (type === 'identifier') names.add(node.text);
    return undefined;
  });
  if (blocks) return true;
  for (const name of names) {
    const declaration = findDeclarationFrom(name, go);
    if (!declaration) continue;
    const declared = declaration.type?.text ?? declaration.values[declaration.index]?.text ?? '';
    if (/^(<-\s*)?chan\b|^make\(\s*(<-\s*)?chan\b/.test(declared)) return true;
  }
  return false;
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

function startsLine(node: Node, context: RuleContext): boolean {
  return context.file.lines.lineText(node.startPosition.row).slice(0, node.startPosition.column).trim() === '';
}

function endsLine(node: Node, context: RuleContext): boolean {
  const end = node.endPosition;
  const rest = context.file.lines.lineText(end.row).slice(end.column).trim();
  return rest === '' || rest.startsWith('//');
}

/** Whether the call holds a raw string over several lines: indenting the call into a func literal would change its text. */
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
    for (const { node } of compiledQuery(context.file.tree.language, '(go_statement) @go').captures(facts.node)) {
      const verdict = unboundedLoop(node, facts, analysis, context);
      if (verdict) starts.add(verdict.loop.startIndex);
    }
  }
  facts.flaggedLoops = [...starts].sort((a, b) => a - b);
  return facts.flaggedLoops;
}
