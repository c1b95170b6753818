import type { Range as TreeRange, Tree, TreeCursor } from 'web-tree-sitter';
import type { Position } from './text';

/**
 * One child of the file's root (a declaration, the package clause, a comment), with what the
 * index and the rules learned from it. The list is kept up to date across edits without
 * walking the tree: entries before an edit stay, entries after it move, and only the ones the
 * edit touched are read again, so a keystroke costs the same in a 50-line file and a 5,000-line one.
 */
export interface TopLevel {
  type: string;
  startIndex: number;
  endIndex: number;
  start: Position;
  /** Attached by the summary; valid while `key` matches the file's imports. */
  summary?: { key: string; value: unknown };
  /** Attached by the analyzer; valid while `key` matches the index and settings. */
  analysis?: { key: string; at: Position; findings: unknown[]; hasError: boolean };
}

export interface EditInfo {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  oldEnd: Position;
  newEnd: Position;
}

export function scanTopLevel(tree: Tree): TopLevel[] {
  const entries: TopLevel[] = [];
  const cursor = tree.rootNode.walk();
  try {
    if (!cursor.gotoFirstChild()) return entries;
    do {
      const { row, column } = cursor.startPosition;
      entries.push({ type: cursor.nodeType, startIndex: cursor.startIndex, endIndex: cursor.endIndex, start: { line: row, character: column } });
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return entries;
}

/**
 * The entries of `tree` after one edit, reusing `previous` (the entries before it) wherever the
 * edit and tree-sitter's changed ranges show that nothing moved but offsets.
 */
export function updateTopLevel(previous: TopLevel[], tree: Tree, edit: EditInfo, changed: readonly TreeRange[]): TopLevel[] {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  let low = edit.startIndex;
  let high = edit.newEndIndex;
  for (const range of changed) {
    low = Math.min(low, range.startIndex);
    high = Math.max(high, range.endIndex);
  }
  // Before the affected span, byte for byte the same; after it, the same but moved.
  const prefix = previous.filter((entry) => entry.endIndex < low);
  const highBefore = high - delta;
  const suffix = previous.filter((entry) => entry.startIndex > highBefore && entry.startIndex >= edit.oldEndIndex);
  const root = tree.rootNode;
  const middleCount = root.childCount - prefix.length - suffix.length;
  if (middleCount < 0) return scanTopLevel(tree);

  const lineDelta = edit.newEnd.line - edit.oldEnd.line;
  for (const entry of suffix) {
    if (entry.start.line === edit.oldEnd.line) entry.start = { line: edit.newEnd.line, character: entry.start.character - edit.oldEnd.character + edit.newEnd.character };
    else if (lineDelta !== 0) entry.start = { line: entry.start.line + lineDelta, character: entry.start.character };
    entry.startIndex += delta;
    entry.endIndex += delta;
  }
  const middle: TopLevel[] = [];
  for (let i = 0; i < middleCount; i++) {
    const node = root.child(prefix.length + i);
    if (!node) return scanTopLevel(tree);
    middle.push({ type: node.type, startIndex: node.startIndex, endIndex: node.endIndex, start: { line: node.startPosition.row, character: node.startPosition.column } });
  }
  const entries = [...prefix, ...middle, ...suffix];
  // A cheap consistency check: the first moved entry must be where the tree has it.
  if (suffix.length > 0) {
    const check = root.child(prefix.length + middle.length);
    if (!check || check.startIndex !== suffix[0].startIndex || check.type !== suffix[0].type) return scanTopLevel(tree);
  }
  return entries;
}

/**
 * The entries of `tree`, a fresh parse of the text `previousTree` has, keeping the caches of
 * `previous` (the entries of `previousTree`) for every declaration that spans the same text as
 * the same kind of node, without a syntax error, in both trees: those parsed alike.
 */
export function carryOverTopLevel(previous: TopLevel[], previousTree: Tree, tree: Tree): TopLevel[] {
  const entries = scanTopLevel(tree);
  const before = topLevelCursor(previousTree);
  const after = topLevelCursor(tree);
  try {
    if (!before || !after) return entries;
    let i = 0;
    let more = true;
    for (const entry of entries) {
      while (more && before.startIndex < entry.startIndex) {
        more = before.gotoNextSibling();
        i++;
      }
      const old = previous[i];
      const same =
        more &&
        old !== undefined &&
        old.startIndex === entry.startIndex &&
        old.endIndex === entry.endIndex &&
        old.type === entry.type &&
        before.startIndex === entry.startIndex &&
        before.nodeType === entry.type &&
        before.endIndex === entry.endIndex;
      if (same && isClean(before) && isClean(after)) {
        entry.summary = old.summary;
        entry.analysis = old.analysis;
      }
      after.gotoNextSibling();
    }
    return entries;
  } finally {
    before?.delete();
    after?.delete();
  }
}

/** A cursor on the first child of the root, or undefined when the root has none. */
function topLevelCursor(tree: Tree): TreeCursor | undefined {
  const cursor = tree.rootNode.walk();
  if (cursor.gotoFirstChild()) return cursor;
  cursor.delete();
  return undefined;
}

function isClean(cursor: TreeCursor): boolean {
  const node = cursor.currentNode;
  return node.type !== 'ERROR' && !node.hasError;
}
