// The edits that add a deferred release after a statement, or move a late one up there.
import type { Node } from 'web-tree-sitter';
import { insertLineAfter } from '../edits';
import type { Fix, Text, TextEdit } from '../findings';
import type { LineIndex } from '../text';
import { isErrorCheck, nextStatement } from './binding';

/**
 * Where a deferred release goes: after the `if err != nil { … }` that follows the statement
 * receiving the resource, or after that statement itself when the error is not kept. Undefined
 * when the shape is unusual (the error is checked later, the statement is an `if` initializer).
 */
export function deferAnchor(statement: Node, err: string | undefined): Node | undefined {
  if (statement.parent?.type !== 'statement_list') return undefined;
  if (err === undefined) return statement;
  const next = nextStatement(statement);
  return next && isErrorCheck(next, err) ? next : undefined;
}

/** Adds `code` (`defer span.End()`) on its own line after `anchor`. */
export function addedLine(anchor: Node, code: string, lines: LineIndex): Fix {
  return { title: { en: `Add \`${code}\``, 'zh-cn': `加上 \`${code}\`` }, edits: [insertLineAfter(anchor, code, lines)] };
}

/**
 * Replaces a statement that releases too late (`defer span.End()` after an early return, or an
 * explicit `resp.Body.Close()` at the end) with `code` right after `anchor`. The statement must
 * stand alone on its line; a blank line left orphaned before a closing brace or another blank
 * line goes too.
 */
export function movedLine(statement: Node, code: string, anchor: Node, title: Text, lines: LineIndex): Fix | undefined {
  const row = statement.startPosition.row;
  if (statement.endPosition.row !== row || lines.lineText(row).trim() !== statement.text) return undefined;
  const isBlank = (line: number) => line >= 0 && line < lines.lineCount && lines.lineText(line).trim() === '';
  const nextLine = lines.lineText(row + 1).trim();
  const from = isBlank(row - 1) && (isBlank(row + 1) || nextLine.startsWith('}')) ? row - 1 : row;
  const removal: TextEdit = { range: { start: { line: from, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
  return { title, edits: [insertLineAfter(anchor, code, lines), removal] };
}
