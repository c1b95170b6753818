import { TextDocument } from 'vscode-languageserver-textdocument';
import { Edit, type Parser, type Tree } from 'web-tree-sitter';
import { carryOverTopLevel, scanTopLevel, updateTopLevel, type EditInfo, type TopLevel } from './declarations';
import { LineIndex, type Position, type Range } from './text';

/**
 * The largest text that is parsed. tree-sitter (WebAssembly, at most 2 GiB of memory) needs about
 * 35 bytes per character for its tree, and the analysis as much again: a 50 MB file exhausted
 * it. Larger texts get an empty tree, and the analyzer skips them, saying why.
 */
export const MAX_PARSED_CHARS = 8 * 1024 * 1024;

/** One change as LSP incremental sync sends it; no range means the whole text. */
export interface TextChange {
  range?: Range;
  text: string;
}

/**
 * A Go source file kept as a syntax tree. The text is the editor's, changed exactly as LSP
 * specifies (vscode-languageserver-textdocument applies the changes); each change is also
 * applied to the old tree with `tree.edit`, and the file is re-parsed against it, so
 * tree-sitter reuses every unchanged subtree.
 *
 * The tree is always the one a fresh parse of the text gives, so that everything the server
 * says is a function of the text alone. Where the text does not parse, tree-sitter's error
 * recovery depends on which subtrees it reused, so an incremental re-parse with a syntax error
 * in its result is replaced by a fresh parse, once, when the tree is next asked for.
 */
export class GoDocument {
  private readonly editor: TextDocument;
  private currentTree: Tree;
  private currentLines?: LineIndex;
  private currentDeclarations: TopLevel[];
  /** The tree came from incremental re-parses, one of which recovered from a syntax error. */
  private historyDependent = false;

  constructor(
    readonly uri: string,
    text: string,
    private readonly parser: Parser,
    version = 0,
  ) {
    this.editor = TextDocument.create(uri, 'go', version, text);
    this.currentTree = this.parse(text);
    this.currentDeclarations = scanTopLevel(this.currentTree);
  }

  /** The children of the root, with what was learned from each; see `TopLevel`. */
  get declarations(): TopLevel[] {
    this.settle();
    return this.currentDeclarations;
  }

  /** The editor's version of the text (LSP `version`). */
  get version(): number {
    return this.editor.version;
  }

  get text(): string {
    return this.editor.getText();
  }

  get tree(): Tree {
    this.settle();
    return this.currentTree;
  }

  /** Lines of the current text; a new index for every version, so it can be kept with a result. */
  get lines(): LineIndex {
    this.currentLines ??= new LineIndex(this.text);
    return this.currentLines;
  }

  /** False when the text is too large to parse (see MAX_PARSED_CHARS): the tree is then empty. */
  get parsed(): boolean {
    return this.text.length <= MAX_PARSED_CHARS;
  }

  /** Applies changes in order, as LSP requires, then re-parses once. */
  applyChanges(changes: readonly TextChange[], version = this.version + 1): void {
    // A placeholder tree cannot be edited: the new text is parsed afresh.
    let edited = this.parsed;
    const edits: EditInfo[] = [];
    for (const change of changes) {
      if (!change.range) {
        TextDocument.update(this.editor, [{ text: change.text }], version);
        this.currentLines = undefined;
        edited = false;
        continue;
      }
      // Offsets as the editor means them (a column past a line's end is that end, a reversed
      // range is read forwards); the tree's points in Go's lines, which only `\n` ends.
      const before = this.text;
      const { start, end } = ordered(change.range);
      const startIndex = this.editor.offsetAt(start);
      const oldEndIndex = this.editor.offsetAt(end);
      const startPoint = this.lines.positionAt(startIndex);
      const oldEnd = advance(startPoint, before, startIndex, oldEndIndex);
      const newEnd = advance(startPoint, change.text, 0, change.text.length);
      // The range as offsets give it: the library keeps its line offsets right only for
      // positions inside the text (a line past the end left them wrong).
      const range = { start: this.editor.positionAt(startIndex), end: this.editor.positionAt(oldEndIndex) };
      TextDocument.update(this.editor, [{ range, text: change.text }], version);
      this.currentLines = undefined;
      const newEndIndex = startIndex + change.text.length;
      edits.push({ startIndex, oldEndIndex, newEndIndex, oldEnd, newEnd });
      if (edited) {
        this.currentTree.edit(
          new Edit({
            startIndex,
            oldEndIndex,
            newEndIndex,
            startPosition: { row: startPoint.line, column: startPoint.character },
            oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
            newEndPosition: { row: newEnd.line, column: newEnd.character },
          }),
        );
      }
    }
    if (changes.length === 0) {
      TextDocument.update(this.editor, [], version);
      return;
    }
    const old = this.currentTree;
    const incremental = edited && this.parsed;
    const next = this.parse(this.text, incremental ? old : undefined);
    this.currentDeclarations =
      edited && edits.length === 1
        ? updateTopLevel(this.currentDeclarations, next, edits[0], next.getChangedRanges(old))
        : scanTopLevel(next);
    old.delete();
    this.currentTree = next;
    // A clean result is what a fresh parse gives; one re-parsed from a history-dependent tree
    // stays suspect until the next fresh parse (a cheap precaution: it happens at most once).
    this.historyDependent = incremental && (this.historyDependent || next.rootNode.hasError);
  }

  dispose(): void {
    this.currentTree.delete();
  }

  /**
   * Replaces a history-dependent tree with a fresh parse of the same text. Lazily, so that a
   * burst of changes costs one fresh parse; the per-declaration caches of the declarations that
   * parse the same way in both trees are kept.
   */
  private settle(): void {
    if (!this.historyDependent) return;
    this.historyDependent = false;
    const fresh = this.parse(this.text);
    this.currentDeclarations = carryOverTopLevel(this.currentDeclarations, this.currentTree, fresh);
    this.currentTree.delete();
    this.currentTree = fresh;
  }

  private parse(text: string, old?: Tree): Tree {
    const tree = this.parser.parse(text.length > MAX_PARSED_CHARS ? '' : text, old ?? null);
    if (!tree) throw new Error(`tree-sitter could not parse ${this.uri}`);
    return tree;
  }
}

/** The range with its start first, as vscode-languageserver-textdocument reads a reversed one. */
function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** The point reached from `from` by `text[start, end)`, in Go's lines. */
function advance(from: Position, text: string, start: number, end: number): Position {
  let lines = 0;
  let lastNewline = -1;
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    lines++;
    lastNewline = i;
  }
  return lines === 0 ? { line: from.line, character: from.character + end - start } : { line: from.line + lines, character: end - lastNewline - 1 };
}
