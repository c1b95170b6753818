import { Edit, type Parser, type Tree } from 'web-tree-sitter';
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

  constructor(
    readonly uri: string,
    private currentText: string,
    private readonly parser: Parser,
  ) {
    this.currentTree = this.parse(currentText);
    this.currentLines = new LineIndex(currentText);
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
    let editedTree: Tree | undefined = this.currentTree;
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        lines = new LineIndex(text);
        editedTree = undefined;
        continue;
      }
      const startIndex = lines.offsetAt(change.range.start);
      const oldEndIndex = lines.offsetAt(change.range.end);
      const startPosition = lines.positionAt(startIndex);
      const oldEndPosition = lines.positionAt(oldEndIndex);
      text = text.slice(0, startIndex) + change.text + text.slice(oldEndIndex);
      lines = new LineIndex(text);
      const newEndIndex = startIndex + change.text.length;
      const newEndPosition = lines.positionAt(newEndIndex);
      editedTree?.edit(
        new Edit({
          startIndex,
          oldEndIndex,
          newEndIndex,
          startPosition: { row: startPosition.line, column: startPosition.character },
          oldEndPosition: { row: oldEndPosition.line, column: oldEndPosition.character },
          newEndPosition: { row: newEndPosition.line, column: newEndPosition.character },
        }),
      );
    }
    const next = this.parse(text, editedTree);
    if (editedTree && editedTree !== this.currentTree) editedTree.delete();
    this.currentTree.delete();
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
