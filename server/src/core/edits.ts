import type { Node, Tree } from 'web-tree-sitter';
import type { TextEdit } from './findings';
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
 * An edit that imports `path` unless the file already does (under any name). Goes into an
 * existing import block in sorted position, or adds a declaration after the package clause.
 */
export function addImport(tree: Tree, path: string): TextEdit | undefined {
  const root = tree.rootNode;
  // Imports follow the package clause: read only up to the first other declaration.
  const declarations: Node[] = [];
  for (let node = root.firstNamedChild; node; node = node.nextNamedSibling) {
    if (node.type === 'import_declaration') declarations.push(node);
    else if (node.type !== 'package_clause' && node.type !== 'comment') break;
  }
  const specs = declarations.flatMap((declaration) => declaration.descendantsOfType('import_spec').filter((n): n is Node => n !== null));
  if (specs.some((spec) => spec.childForFieldName('path')?.text.slice(1, -1) === path)) return undefined;
  const quoted = JSON.stringify(path);
  const block = specs.find((spec) => spec.parent?.type === 'import_spec_list')?.parent;
  if (block) {
    const entries = block.namedChildren.filter((n): n is Node => n?.type === 'import_spec');
    const standard = entries.filter((spec) => !spec.childForFieldName('path')?.text.includes('.'));
    const after = [...standard].reverse().find((spec) => spec.childForFieldName('path')!.text < quoted);
    const before = standard.find((spec) => spec.childForFieldName('path')!.text > quoted) ?? entries[0];
    if (after) {
      const at = { line: after.endPosition.row, character: after.endPosition.column };
      return { range: { start: at, end: at }, newText: `\n\t${quoted}` };
    }
    const at = { line: before.startPosition.row, character: before.startPosition.column };
    return { range: { start: at, end: at }, newText: `${quoted}\n\t` };
  }
  const single = specs.find((spec) => spec.parent?.type === 'import_declaration');
  if (single) {
    // `import "net/http"` becomes a block holding both, standard library first, sorted.
    const isStandard = (p: string) => !p.split('/')[0].includes('.');
    const entries = [single.text, quoted].sort((a, b) => {
      const pa = a.slice(a.indexOf('"'));
      const pb = b.slice(b.indexOf('"'));
      return Number(!isStandard(pa.slice(1, -1))) - Number(!isStandard(pb.slice(1, -1))) || (pa < pb ? -1 : 1);
    });
    return replaceNode(single.parent!, `import (\n${entries.map((entry) => `\t${entry}`).join('\n')}\n)`);
  }
  const anchor = root.firstNamedChild?.type === 'package_clause' ? root.firstNamedChild : root.namedChildren.find((n) => n?.type === 'package_clause');
  if (!anchor) return undefined;
  const at = { line: anchor.endPosition.row, character: anchor.endPosition.column };
  return { range: { start: at, end: at }, newText: `\n\nimport ${quoted}` };
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
