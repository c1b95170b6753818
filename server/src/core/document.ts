import { Edit, type Parser, type Tree } from 'web-tree-sitter';
import { scanTopLevel, updateTopLevel, type EditInfo, type TopLevel } from './declarations';
import { LineIndex, type Range } from './text';

/** One change as LSP incremental sync sends it; no range means the whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}

/**
 * A Go source file kept as a syntax tree. Edits are applied to the old tree with `tree.edit`
 * and the file is re-parsed against it, so tree-sitter reuses every unchanged subtree.
 */
export class GoDocument {
  private currentTree: Tree;
  private currentLines: LineIndex;
  private currentDeclarations: TopLevel[];

  constructor(
    readonly uri: string,
    private currentText: string,
    private readonly parser: Parser,
  ) {
    this.currentTree = this.parse(currentText);
    this.currentLines = new LineIndex(currentText);
    this.currentDeclarations = scanTopLevel(this.currentTree);
  }

  /** The children of the root, with what was learned from each; see `TopLevel`. */
  get declarations(): TopLevel[] {
    return this.currentDeclarations;
  }

  get text(): string {
    return this.currentText;
  }

  get tree(): Tree {
    return this.currentTree;
  }

  get lines(): LineIndex {
    return this.currentLines;
  }

  /** Applies changes in order, as LSP requires, then re-parses once. */
  applyChanges(changes: readonly TextChange[]): void {
    let text = this.currentText;
    let lines = this.currentLines;
    let edited = true;
    const edits: EditInfo[] = [];
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        lines = new LineIndex(text);
        edited = false;
        continue;
      }
      const startIndex = lines.offsetAt(change.range.start);
      const oldEndIndex = lines.offsetAt(change.range.end);
      const startPosition = lines.positionAt(startIndex);
      const oldEnd = lines.positionAt(oldEndIndex);
      text = text.slice(0, startIndex) + change.text + text.slice(oldEndIndex);
      lines = new LineIndex(text);
      const newEndIndex = startIndex + change.text.length;
      const newEnd = lines.positionAt(newEndIndex);
      edits.push({ startIndex, oldEndIndex, newEndIndex, oldEnd, newEnd });
      if (edited) {
        this.currentTree.edit(
          new Edit({
            startIndex,
            oldEndIndex,
            newEndIndex,
            startPosition: { row: startPosition.line, column: startPosition.character },
            oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
            newEndPosition: { row: newEnd.line, column: newEnd.character },
          }),
        );
      }
    }
    const old = this.currentTree;
    const next = this.parse(text, edited ? old : undefined);
    this.currentDeclarations =
      edited && edits.length === 1
        ? updateTopLevel(this.currentDeclarations, next, edits[0], next.getChangedRanges(old))
        : scanTopLevel(next);
    old.delete();
    this.currentTree = next;
    this.currentText = text;
    this.currentLines = lines;
  }

  dispose(): void {
    this.currentTree.delete();
  }

  private parse(text: string, old?: Tree): Tree {
    const tree = this.parser.parse(text, old ?? null);
    if (!tree) throw new Error(`tree-sitter could not parse ${this.uri}`);
    return tree;
  }
}
