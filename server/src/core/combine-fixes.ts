// Fixes are applied together (`--fix`, "Fix all") and one at a time (a quick fix); either way the
// imports must come out right. Each fix brings its own import additions; which imports become
// unused can only be told from all the fixes applied at once, so it is worked out here.
import type { Node, Tree } from 'web-tree-sitter';
import type { Fix, TextEdit } from './findings';
import { boundName, importDeclarations, importSpecs, qualifierUses, qualifierUsesInCode, rewriteImports, specPath, type ImportSpec } from './import-edits';
import { findLocalDeclaration } from './scope';
import { comparePositions, type LineIndex, type Position, type Range } from './text';

export interface CombinedFixes {
  /** Non-overlapping edits, positions in the original text, imports included. */
  edits: TextEdit[];
  /** Indexes of the fixes that went in; the others overlapped one before them (next pass). */
  applied: number[];
}

/**
 * The edits of `fixes` applied together: each fix goes in whole or not at all (a fix half
 * applied is not a fix), imports they need are added once and in order, and an import whose
 * last use they remove is removed. Nothing goes in when the imports cannot be rewritten safely.
 */
export function combineFixes(tree: Tree, lines: LineIndex, fixes: readonly Fix[]): CombinedFixes {
  const root = tree.rootNode;
  const declarations = importDeclarations(root);
  const section = importSection(root, declarations);
  // A fix with an edit inside the imports the rewrite replaces (a //nolint taken off an import
  // line) waits for the next pass; the rewrite is then worked out again without it.
  const withdrawn = new Set<number>();
  for (;;) {
    const body: TextEdit[] = [];
    const owners: number[] = [];
    const added: ImportSpec[] = [];
    const applied: number[] = [];
    fixes.forEach((fix, i) => {
      if (withdrawn.has(i)) return;
      const own = fix.edits.filter((edit) => !isImportEdit(edit, section));
      const clashes = own.some((edit) => body.some((other) => !sameEdit(edit, other) && overlaps(edit.range, other.range)));
      if (clashes) return;
      applied.push(i);
      for (const edit of own) {
        if (body.some((other) => sameEdit(edit, other))) continue;
        body.push(edit);
        owners.push(i);
      }
      for (const edit of fix.edits) if (isImportEdit(edit, section)) added.push(...specsAddedBy(edit, lines, section));
    });
    const removed = importsLeftUnused(tree, lines, declarations, body);
    const imports = rewriteImports(root, lines, added, removed);
    if (imports === null) return { edits: [], applied: [] };
    if (!imports) return { edits: body, applied };
    const inside = body.map((edit, k) => (overlaps(edit.range, imports.range) ? owners[k] : -1)).filter((i) => i >= 0);
    if (inside.length === 0) return { edits: [...body, imports], applied };
    for (const i of inside) withdrawn.add(i);
  }
}

/**
 * A fix on its own, with the import its edits leave unused removed; undefined when its imports
 * cannot be written safely (the fix is then not offered).
 */
export function completeFix(tree: Tree, lines: LineIndex, fix: Fix): Fix | undefined {
  const combined = combineFixes(tree, lines, [fix]);
  return combined.applied.length === 0 ? undefined : { ...fix, edits: combined.edits };
}

/** Whether completing `fix` could change it: it edits imports or replaces a package qualifier. */
export function mayTouchImports(fix: Fix, lines: LineIndex, importNames: readonly string[]): boolean {
  return fix.edits.some((edit) => {
    if (/^\s*(import\b|[\w.]*\s*"[^"\n]*"\s*$)/m.test(edit.newText)) return true;
    if (comparePositions(edit.range.start, edit.range.end) === 0) return false;
    const replaced = lines.text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end));
    return importNames.some((name) => replaced.includes(`${name}.`));
  });
}

interface Section {
  /** The end of the package clause: imports are added from here. */
  start: Position;
  /** The row of the first import declaration. */
  first: number;
  /** The end of the last import declaration: an import edit starts at or before it. */
  last: Position;
  /** Where an edit that removes every import (and a blank line) may end. */
  end: Position;
}

function importSection(root: Node, declarations: readonly Node[]): Section | undefined {
  const clause = root.namedChildren.find((n) => n?.type === 'package_clause');
  if (!clause) return undefined;
  const last = declarations.length > 0 ? declarations[declarations.length - 1] : clause;
  const at = (row: number, column: number): Position => ({ line: row, character: column });
  const first = declarations[0]?.startPosition.row ?? -1;
  return { start: at(clause.endPosition.row, clause.endPosition.column), first, last: at(last.endPosition.row, last.endPosition.column), end: at(last.endPosition.row + 2, 0) };
}

/**
 * An edit of the import declarations as import-edits writes them: the declarations rewritten
 * (its text starts with `import`) or removed from the start of their line. Any other edit there
 * (a stale `//nolint` taken off an import's line) is an ordinary edit.
 */
function isImportEdit(edit: TextEdit, section: Section | undefined): boolean {
  if (!section) return false;
  const { range } = edit;
  const inside = comparePositions(section.start, range.start) <= 0 && comparePositions(range.start, section.last) <= 0 && comparePositions(range.end, section.end) <= 0;
  return inside && (/^\s*import\b/.test(edit.newText) || (edit.newText === '' && range.start.character === 0 && range.start.line === section.first));
}

/** The specs an import edit adds: those in the section it writes that the section did not hold. */
function specsAddedBy(edit: TextEdit, lines: LineIndex, section: Section | undefined): ImportSpec[] {
  if (!section) return [];
  const start = lines.offsetAt(edit.range.start);
  const end = lines.offsetAt(edit.range.end);
  const from = Math.min(start, lines.offsetAt(section.start));
  const to = Math.max(end, lines.offsetAt(section.last));
  const before = lines.text.slice(from, to);
  const after = lines.text.slice(from, start) + edit.newText + lines.text.slice(end, to);
  const had = new Set(specsIn(before).map((spec) => `${spec.name ?? ''} ${spec.path}`));
  return specsIn(after).filter((spec) => !had.has(`${spec.name ?? ''} ${spec.path}`));
}

/** Import specs written in a piece of an import section (one per line, as gofmt prints them). */
function specsIn(text: string): ImportSpec[] {
  return [...text.matchAll(/^\s*(?:import\s*\(?\s*)?(?:([\p{L}_][\p{L}\p{N}_]*|[._])\s+)?"([^"\n]+)"\s*(?:\/\/.*)?$/gmu)].map((m) => ({ path: m[2], name: m[1] }));
}

/** Imports that the edits leave with no use in the file: used before, unused after. */
function importsLeftUnused(tree: Tree, lines: LineIndex, declarations: readonly Node[], edits: readonly TextEdit[]): Node[] {
  const specs = importSpecs(declarations);
  const replaced = edits.filter((edit) => comparePositions(edit.range.start, edit.range.end) !== 0);
  const named = specs.filter((spec) => boundName(spec) !== undefined);
  const mentioned = named.filter((spec) => replaced.some((edit) => lines.text.slice(lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)).includes(`${boundName(spec)}.`)));
  if (mentioned.length === 0) return [];
  const uses = qualifierUses(tree);
  return mentioned.filter((spec) => {
    const name = boundName(spec)!;
    // `context.X` where a local `context` shadows the import is no use of it.
    const before = (uses.get(name) ?? []).filter((use) => !findLocalDeclaration(use));
    if (before.length === 0) return false;
    const gone = before.filter((use) => replaced.some((edit) => contains(edit.range, use))).length;
    const written = edits.reduce((sum, edit) => sum + qualifierUsesInCode(edit.newText, name), 0);
    // Another import binding the same name (a mistake gofmt keeps) makes the count meaningless.
    const twins = named.filter((other) => boundName(other) === name).length;
    return twins === 1 && before.length - gone + written === 0 && specPath(spec) !== '';
  });
}

function contains(range: Range, node: Node): boolean {
  const start = { line: node.startPosition.row, character: node.startPosition.column };
  const end = { line: node.endPosition.row, character: node.endPosition.column };
  return comparePositions(range.start, start) <= 0 && comparePositions(end, range.end) <= 0;
}

function overlaps(a: Range, b: Range): boolean {
  // Two insertions at one point do not overlap; an insertion inside a replacement does.
  const aEmpty = comparePositions(a.start, a.end) === 0;
  const bEmpty = comparePositions(b.start, b.end) === 0;
  if (aEmpty && bEmpty) return false;
  if (aEmpty) return comparePositions(b.start, a.start) < 0 && comparePositions(a.start, b.end) < 0;
  if (bEmpty) return comparePositions(a.start, b.start) < 0 && comparePositions(b.start, a.end) < 0;
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}
