// `ctx, _ := tracer.Start(…)`: the span is thrown away, unless the context carries it to an End.
import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../core/findings';
import { insertLineAfter } from '../../core/edits';
import { insideLoop } from '../../core/paths';
import type { RuleContext } from '../../core/rule';
import { findDeclarationFrom } from '../../core/scope';
import { replaceNode } from '../../core/edits';
import { identifiersNamed } from '../../core/syntax';
import { discarded } from './messages';

const WORD = (name: string) => new RegExp(String.raw`(?<![\p{L}\p{Nd}_])${name}(?![\p{L}\p{Nd}_])`, 'u');

/**
 * Reports a span discarded with `_`. Silent when the span can still be reached through the
 * context: `trace.SpanFromContext` later in the function, or the context handed to a deferred
 * call or a goroutine, or returned (a helper or the caller may end the span it carries).
 */
export function reportDiscarded(statement: Node, blank: Node, call: Node, fn: Node, context: RuleContext): void {
  const ctx = statement.childForFieldName('left')?.namedChild(0);
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
 * True when, after `statement`, the context is mentioned by a defer or go statement, returned,
 * or stored (`hooks[name] = ctx`, `s.ctx = ctx`, a composite literal): whoever gets it may end
 * the span it carries, through `trace.SpanFromContext`.
 */
export function contextHandedOn(name: string, statement: Node, fn: Node): boolean {
  if (contextStored(name, statement, fn)) return true;
  const mentioned = WORD(name);
  for (const node of fn.descendantsOfType(['defer_statement', 'go_statement', 'return_statement'])) {
    if (!node || node.startIndex < statement.endIndex) continue;
    if (node.type !== 'return_statement') {
      if (mentioned.test(node.text)) return true;
      continue;
    }
    const results = node.namedChild(0);
    const values = results?.type === 'expression_list' ? results.namedChildren : [results];
    if (values.some((value) => value?.type === 'identifier' && value.text === name)) return true;
  }
  return false;
}

function contextStored(name: string, statement: Node, fn: Node): boolean {
  return identifiersNamed(fn, name).some((use) => {
    if (use.startIndex < statement.endIndex) return false;
    const holder = use.parent;
    if (holder?.type === 'literal_element' || holder?.type === 'keyed_element') return true;
    if (holder?.type !== 'expression_list' || holder.parent?.type !== 'assignment_statement' || !holder.parent.childForFieldName('right')?.equals(holder)) return false;
    return (holder.parent.childForFieldName('left')?.namedChildren ?? []).some((target) => target?.type === 'selector_expression' || target?.type === 'index_expression');
  });
}

/** True when an identifier `name` (not a field, not a comment) appears in `fn` after `statement`. */
function mentionsLater(fn: Node, name: string, statement: Node): boolean {
  return fn.descendantsOfType('identifier').some((node) => node !== null && node.startIndex >= statement.endIndex && node.text === name);
}
