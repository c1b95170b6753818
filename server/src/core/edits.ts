import type { Node, Tree } from 'web-tree-sitter';
import type { TextEdit } from './findings';
import { importDeclarations, importSpecs, rewriteImports, specPath, type ImportSpec } from './import-edits';
import type { LineIndex } from './text';

/** The leading whitespace of the line a node starts on. */
export function indentOf(node: Node, lines: LineIndex): string {
  return /^\s*/.exec(lines.lineText(node.startPosition.row))![0];
}

/** Inserts `code` as new lines right after the statement, at the statement's indentation. */
export function insertLinesAfter(statement: Node, code: string[], lines: LineIndex): TextEdit {
  const indent = indentOf(statement, lines);
  const at = { line: statement.endPosition.row, character: statement.endPosition.column };
  return { range: { start: at, end: at }, newText: code.map((line) => `\n${indent}${line}`).join('') };
}

/** Inserts `code` as new lines right before the statement, at the statement's indentation. */
export function insertLinesBefore(statement: Node, code: string[], lines: LineIndex): TextEdit {
  const indent = indentOf(statement, lines);
  const at = { line: statement.startPosition.row, character: 0 };
  return { range: { start: at, end: at }, newText: code.map((line) => `${indent}${line}\n`).join('') };
}

export function replaceNode(node: Node, newText: string): TextEdit {
  return {
    range: {
      start: { line: node.startPosition.row, character: node.startPosition.column },
      end: { line: node.endPosition.row, character: node.endPosition.column },
    },
    newText,
  };
}

/**
 * An edit that imports `spec` unless the file already does (under any name when no name is
 * asked for): into the standard group of an import block at its sorted place, or a new
 * declaration after the package clause. Null when the imports are laid out in a way we do not
 * rewrite (several on one line); the fix should then not be offered.
 */
export function addImport(file: { tree: Tree; lines: LineIndex }, spec: ImportSpec | string): TextEdit | undefined | null {
  const wanted = typeof spec === 'string' ? { path: spec } : spec;
  const root = file.tree.rootNode;
  const specs = importSpecs(importDeclarations(root));
  if (wanted.name === undefined && specs.some((s) => specPath(s) === wanted.path)) return undefined;
  return rewriteImports(root, file.lines, [wanted], []);
}

/** Applies non-overlapping edits to a text (positions refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[], lines: LineIndex): string {
  const sorted = uniqueEdits(edits)
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), text: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) continue; // overlaps an edit already applied: leave it for a later pass
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/**
 * Drops repeated edits: fixing several findings at once can ask for the same change twice
 * (each server literal's fix adds the same `time` import).
 */
export function uniqueEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  return edits.filter((edit) => {
    const key = JSON.stringify(edit);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Keeps the first of any edits that overlap (insertions at one point do not overlap), so a
 * batch of fixes can go out as one workspace edit; what is dropped is fixed on a second pass.
 */
export function nonOverlappingEdits(edits: readonly TextEdit[]): TextEdit[] {
  const kept: TextEdit[] = [];
  const before = (a: TextEdit['range']['start'], b: TextEdit['range']['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  for (const edit of uniqueEdits(edits)) {
    const clashes = kept.some((other) => before(edit.range.start, other.range.end) && before(other.range.start, edit.range.end));
    if (!clashes) kept.push(edit);
  }
  return kept;
}

/**
 * Inserts `code` on a new line after the statement, at its indentation, keeping a trailing
 * comment of the statement's last line on that line.
 */
export function insertLineAfter(statement: Node, code: string, lines: LineIndex): TextEdit {
  const row = statement.endPosition.row;
  const line = lines.lineText(row);
  const rest = line.slice(statement.endPosition.column).trim();
  const character = rest === '' || rest.startsWith('//') ? line.length : statement.endPosition.column;
  const eol = lines.lineBreak(row);
  return { range: { start: { line: row, character }, end: { line: row, character } }, newText: `${eol}${indentOf(statement, lines)}${code}` };
}
