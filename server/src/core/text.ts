import { TextDocument } from 'vscode-languageserver-textdocument';

/** Zero-based line and UTF-16 column, as in LSP and in web-tree-sitter. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

const LONE_CR = /\r(?!\n)/;

/**
 * Maps between string offsets and line/column positions of one text, in Go's lines: only `\n`
 * ends a line, as for the Go compiler, gofmt and tree-sitter's rows, so positions taken from
 * syntax nodes are positions here. A line's end is before its `\r\n` or `\n`; a column past
 * it means the line's end and a line past the last means the end of the text, as LSP reads them.
 *
 * The editor also ends lines at a lone `\r`: `toEditor` and `fromEditor` convert at the edge
 * of the protocol. They change nothing in a text without a lone `\r`, the usual case.
 */
export class LineIndex {
  private readonly lineStarts: number[];
  /** The editor's view of the same text, made only when a lone `\r` makes it differ. */
  private editorLines?: TextDocument | null;

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.lineStarts.length) return '';
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }

  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /**
   * The line break ending `line` (on the last line, the one before it), for new lines inserted
   * there: they match their neighbours, and the choice depends on nothing far from the edit.
   */
  lineBreak(line: number): string {
    const at = Math.min(line, this.lineStarts.length - 2);
    if (at < 0) return '\n';
    return this.lineEnd(at) < this.lineStarts[at + 1] - 1 ? '\r\n' : '\n';
  }

  /** The offset where the line's text ends: before its `\n` or `\r\n`. */
  private lineEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    const newline = this.lineStarts[line + 1] - 1;
    return newline > this.lineStarts[line] && this.text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  }

  /** The editor's position of an offset (LSP: `\r\n`, `\n` and `\r` all end a line). */
  editorPositionAt(offset: number): Position {
    const editor = this.editor();
    if (editor) return editor.positionAt(offset);
    // Between a `\r` and its `\n`: the editor has no such place, the line's end is nearest.
    const { line, character } = this.positionAt(offset);
    return { line, character: Math.min(character, this.lineEnd(line) - this.lineStarts[line]) };
  }

  /** A position of this index as the editor counts it. */
  toEditor(position: Position): Position {
    return this.editorPositionAt(this.offsetAt(position));
  }

  /** A position the editor sent, read as LSP specifies, in this index's lines. */
  fromEditor(position: Position): Position {
    const editor = this.editor();
    return this.positionAt(editor ? editor.offsetAt(position) : this.offsetAt(position));
  }

  toEditorRange(range: Range): Range {
    return { start: this.toEditor(range.start), end: this.toEditor(range.end) };
  }

  fromEditorRange(range: Range): Range {
    return { start: this.fromEditor(range.start), end: this.fromEditor(range.end) };
  }

  private editor(): TextDocument | null {
    if (this.editorLines === undefined) this.editorLines = LONE_CR.test(this.text) ? TextDocument.create('', '', 0, this.text) : null;
    return this.editorLines;
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(outer: Range, inner: Range): boolean {
  return comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;
}

/** `a`, `a and b`, `a, b and c` (or with `or`). */
export function listEn(items: readonly string[], conjunction = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** `a`, `a 和 b`, `a、b 和 c`. */
export function listZh(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join('、')} 和 ${items[items.length - 1]}`;
}

/**
 * Code quoted in a message: on one line, and cut in the middle when long, so a message stays
 * one line a reader takes in at a glance whatever the code it names.
 */
export function snippet(code: string, max = 40): string {
  const line = code.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const keep = max - 1;
  return `${line.slice(0, Math.ceil(keep / 2))}…${line.slice(line.length - Math.floor(keep / 2))}`;
}
