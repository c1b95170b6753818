// `ctx, _ := tracer.Start(…)`: the span is thrown away, unless the context carries it to an End.
import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../core/findings';
import { insertLineAfter } from '../../core/edits';
import { insideLoop } from '../../core/paths';
import type { RuleContext } from '../../core/rule';
import { findDeclarationFrom } from '../../core/scope';
import { replaceNode } from '../../core/edits';
import { callArguments, calleeParts, identifiersNamed, unparen } from '../../core/syntax';
import { discarded } from './messages';

const WORD = (name: string) => new RegExp(String.raw`(?<![\p{L}\p{Nd}_])${name}(?![\p{L}\p{Nd}_])`, 'u');

/**
 * Reports a span discarded with `_` (`ctx` is the name the context goes to). Silent when the span can still be reached through the
 * context: `trace.SpanFromContext` later in the function, or the context handed to a deferred
 * call or a goroutine, or returned (a helper or the caller may end the span it carries).
 */
export function reportDiscarded(statement: Node, ctx: Node | null | undefined, blank: Node, call: Node, fn: Node, context: RuleContext): void {
  const rest = (fn.childForFieldName('body') ?? fn).text.slice(statement.endIndex - (fn.childForFieldName('body') ?? fn).startIndex);
  if (/SpanFromContext/.test(rest)) return;
  if (ctx?.type === 'identifier' && ctx.text !== '_' && contextHandedOn(ctx.text, statement, fn)) return;
  const callee = call.childForFieldName('function')!.text;
  context.report({
    node: blank,
    message: discarded(callee),
    fixes: namedSpanFix(statement, blank, fn, context),
  });
}

/**
 * Renames `_` to `span` and defers its End, when `span` is a fresh name there: `:=`, in a block,
 * not in a loop, and `span` neither declared in scope nor mentioned later in the function.
 */
function namedSpanFix(statement: Node, blank: Node, fn: Node, context: RuleContext): Fix[] {
  if (statement.type !== 'short_var_declaration' || statement.parent?.type !== 'statement_list' || insideLoop(statement, fn)) return [];
  if (findDeclarationFrom('span', statement) || context.index.packageVar('span') || context.index.func('span')) return [];
  if (context.index.importPath(context.file.uri, 'span') !== undefined || mentionsLater(fn, 'span', statement)) return [];
  const lines = context.file.lines;
  const title = { en: 'Name the span and add `defer span.End()`', 'zh-cn': '给 span 命名并加上 `defer span.End()`' };
  return [{ title, edits: [replaceNode(blank, 'span'), insertLineAfter(statement, 'defer span.End()', lines)] }];
}

/**
/**
 * True when, after `statement` and before `ctx` is assigned again, the context that carries the
 * span leaves the function's hands: it is mentioned by a defer or go statement, returned (itself
 * or wrapped, `context.WithValue(ctx, …)`), or stored in a field, a map or a composite literal
 * (`hooks[name] = ctx`, `job{ctx: ctx}`). Whoever gets it can end the span through
 * `trace.SpanFromContext`, as instrumentation hooks split across two callbacks do. Passing it to
 * an ordinary call (`return repo.Save(ctx, o)`) is not handing the span on.
 */
export function contextHandedOn(name: string, statement: Node, fn: Node): boolean {
  if (storedInLiteral(name, statement, fn)) return true;
  const mentioned = WORD(name);
  const returnsAContext = /\bContext\b/.test(fn.childForFieldName('result')?.text ?? '');
  const nodes = fn.descendantsOfType(['defer_statement', 'go_statement', 'return_statement', 'assignment_statement', 'short_var_declaration']);
  for (const node of nodes) {
    if (!node || node.startIndex < statement.endIndex) continue;
    if (node.type === 'assignment_statement' && storedInto(node, name)) return true;
    if (node.type === 'assignment_statement' || node.type === 'short_var_declaration') {
      // From here on `ctx` holds another context (`ctx, next := tracer.Start(ctx, …)`).
      if (assigns(node, name)) return false;
      continue;
    }
    if (node.type !== 'return_statement') {
      if (mentioned.test(node.text)) return true;
    } else if (returnsContext(node, name) || (returnsAContext && mentioned.test(node.text))) {
      // A function that returns a context and builds it from this one (`return inject(ctx)`).
      return true;
    }
  }
  return false;
}

/** `job{ctx: ctx}` after the Start: the value that holds the context may outlive the call. */
function storedInLiteral(name: string, statement: Node, fn: Node): boolean {
  return identifiersNamed(fn, name).some((use) => {
    const holder = use.parent;
    return use.startIndex >= statement.endIndex && (holder?.type === 'literal_element' || holder?.type === 'keyed_element');
  });
}

function assigns(statement: Node, name: string): boolean {
  return (statement.childForFieldName('left')?.namedChildren ?? []).some((target) => target?.type === 'identifier' && target.text === name);
}

/** `x.field = ctx` or `m[key] = ctx`: the context is kept somewhere that outlives the call. */
function storedInto(assignment: Node, name: string): boolean {
  const left = assignment.childForFieldName('left')?.namedChildren ?? [];
  const right = assignment.childForFieldName('right')?.namedChildren ?? [];
  return right.some((value, i) => value?.type === 'identifier' && value.text === name && (left[i]?.type === 'selector_expression' || left[i]?.type === 'index_expression'));
}

/**
 * A returned value is the context itself, or a context built on it: a call taking it first whose
 * name says it makes a context (`context.WithValue`, `trace.ContextWithSpan`,
 * `metadata.NewOutgoingContext`).
 */
function returnsContext(statement: Node, name: string): boolean {
  const list = statement.namedChild(0);
  const values = list?.type === 'expression_list' ? list.namedChildren : [list];
  return values.some((value) => {
    const expression = value && unparen(value);
    if (!expression) return false;
    if (expression.type === 'identifier') return expression.text === name;
    if (expression.type !== 'call_expression') return false;
    const first = callArguments(expression)[0];
    const callee = calleeParts(expression)?.name ?? '';
    return first?.type === 'identifier' && first.text === name && /^With|Context$/.test(callee);
  });
}

/** True when an identifier `name` (not a field, not a comment) appears in `fn` after `statement`. */
function mentionsLater(fn: Node, name: string, statement: Node): boolean {
  return fn.descendantsOfType('identifier').some((node) => node !== null && node.startIndex >= statement.endIndex && node.text === name);
}
