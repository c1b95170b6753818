// Builds the fixes: the edits that add `defer rows.Close()` or move a late one up to the error check.
import type { Node } from 'web-tree-sitter';
import { indentOf } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { LineIndex } from '../../core/text';

/** Adds `defer rows.Close()` on its own line after `anchor`. */
export function addedDefer(anchor: Node, name: string, lines: LineIndex): Fix {
  const deferLine = `defer ${name}.Close()`;
  return { title: { en: `Add \`${deferLine}\``, 'zh-cn': `加上 \`${deferLine}\`` }, edits: [insertLineAfter(anchor, deferLine, lines)] };
}

/**
 * Moves a late `defer rows.Close()` (alone on its line) to right after the error check; a blank
 * line left orphaned before a closing brace or another blank line goes too.
 */
export function movedDefer(close: Node, name: string, anchor: Node, lines: LineIndex): Fix | undefined {
  const text = `defer ${name}.Close()`;
  if (close.text !== text) return undefined;
  const row = close.startPosition.row;
  if (lines.lineText(row).trim() !== text) return undefined;
  const isBlank = (line: number) => line >= 0 && line < lines.lineCount && lines.lineText(line).trim() === '';
  const nextLine = lines.lineText(row + 1).trim();
  const from = isBlank(row - 1) && (isBlank(row + 1) || nextLine.startsWith('}')) ? row - 1 : row;
  const removal: TextEdit = { range: { start: { line: from, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
  return { title: { en: `Move \`${text}\` right after the error check`, 'zh-cn': `把 \`${text}\` 移到紧跟错误检查之后` }, edits: [insertLineAfter(anchor, text, lines), removal] };
}

/**
 * Inserts `code` on a new line after the statement, at its indentation, keeping a trailing
 * comment of the statement's last line on that line.
 */
function insertLineAfter(statement: Node, code: string, lines: LineIndex): TextEdit {
  const row = statement.endPosition.row;
  const line = lines.lineText(row);
  const rest = line.slice(statement.endPosition.column).trim();
  const character = rest === '' || rest.startsWith('//') ? line.length : statement.endPosition.column;
  const eol = lines.lineBreak(row);
  return { range: { start: { line: row, character }, end: { line: row, character } }, newText: `${eol}${indentOf(statement, lines)}${code}` };
}
