import type { Node } from 'web-tree-sitter';
import type { TextEdit } from './findings';
import { enclosingFunction } from './syntax';
import type { LineIndex } from './text';

/** Field names given in a keyed composite literal; undefined when any element is positional. */
export function literalKeys(body: Node): Set<string> | undefined {
  const keys = new Set<string>();
  for (const element of body.namedChildren) {
    if (!element || element.type === 'comment') continue;
    if (element.type !== 'keyed_element') return undefined;
    const key = element.childForFieldName('key');
    keys.add((key?.namedChild(0) ?? key)?.text ?? '');
  }
  return keys;
}

export interface LiteralField {
  key: string;
  value: string;
}

/**
 * Edits adding `Key: value` entries to a keyed literal, in the literal's own layout: one per
 * line before the closing brace when the literal spans lines (values aligned the way gofmt
 * aligns a run of single-line entries), inline otherwise.
 */
export function addLiteralFields(body: Node, fields: readonly LiteralField[], lines: LineIndex): TextEdit[] {
  const close = body.lastChild!;
  const elements = body.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const at = { line: close.startPosition.row, character: close.startPosition.column };
  if (body.startPosition.row === close.startPosition.row) {
    const separator = elements.length === 0 ? '' : close.previousSibling?.type === ',' ? ' ' : ', ';
    const inline = `${separator}${fields.map((f) => `${f.key}: ${f.value}`).join(', ')}`;
    const lineLength = lines.lineText(close.startPosition.row).length + inline.length;
    const hasComments = body.namedChildren.some((n) => n?.type === 'comment');
    if (lineLength <= MAX_INLINE_LINE || hasComments) return [{ range: { start: at, end: at }, newText: inline }];
    return [replaceWithBlock(body, elements, fields, lines)];
  }

  const closeLine = lines.lineText(close.startPosition.row);
  const closeIndent = /^\s*/.exec(closeLine)![0];
  const indent = elements.length > 0 ? /^\s*/.exec(lines.lineText(elements[0].startPosition.row))![0] : `${closeIndent}\t`;
  // The row the inserted fields start on, as far as alignment goes: the closing brace's row, or
  // the row after it when the brace shares its line with the last entry (`Addr: a}`).
  const closeAloneOnRow = lines.lineText(close.startPosition.row).slice(0, close.startPosition.column).trim() === '';
  const aligned = alignmentRun(elements, close.startPosition.row + (closeAloneOnRow ? 0 : 1));
  const width = aligned ? Math.max(...[...aligned.map((e) => e.key.length), ...fields.map((f) => f.key.length)]) : 0;
  const pad = (key: string) => (aligned ? ' '.repeat(width - key.length + 1) : ' ');

  const edits: TextEdit[] = [];
  for (const { key, colon, value } of aligned ?? []) {
    const wanted = pad(key);
    if (value.startIndex - colon.endIndex !== wanted.length) {
      edits.push({
        range: {
          start: { line: colon.endPosition.row, character: colon.endPosition.column },
          end: { line: value.startPosition.row, character: value.startPosition.column },
        },
        newText: wanted,
      });
    }
  }
  const beforeClose = closeLine.slice(0, close.startPosition.column);
  const closeAlone = beforeClose.trim() === '';
  const entries = fields.map((f) => `${indent}${f.key}:${pad(f.key)}${f.value},\n`).join('');
  edits.push({
    range: { start: closeAlone ? { line: at.line, character: 0 } : at, end: at },
    newText: `${closeAlone ? '' : ',\n'}${entries}${closeIndent}`,
  });
  return edits;
}

/** Past this width an inline literal that grows is laid out one field per line, as people do. */
const MAX_INLINE_LINE = 100;

/** Rewrites a one-line keyed literal as a block, one aligned `Key: value,` per line. */
function replaceWithBlock(body: Node, elements: Node[], fields: readonly LiteralField[], lines: LineIndex): TextEdit {
  const indent = /^\s*/.exec(lines.lineText(body.startPosition.row))![0];
  const entries = [
    ...elements.map((element) => ({
      key: element.childForFieldName('key')?.text ?? '',
      value: element.childForFieldName('value')?.text ?? '',
    })),
    ...fields,
  ];
  const width = Math.max(...entries.map((entry) => entry.key.length));
  const rows = entries.map((entry) => `${indent}\t${entry.key}:${' '.repeat(width - entry.key.length + 1)}${entry.value},\n`);
  return {
    range: {
      start: { line: body.startPosition.row, character: body.startPosition.column },
      end: { line: body.endPosition.row, character: body.endPosition.column },
    },
    newText: `{\n${rows.join('')}${indent}}`,
  };
}

/**
 * The entries gofmt aligns in one run with the fields inserted before the closing brace: the
 * single-line `Key: value` entries on consecutive lines that end the literal. A multi-line
 * entry, a blank line or a comment line ends a run (gofmt starts a new alignment section
 * there), so after one of those the inserted fields are aligned among themselves. Undefined
 * when an element is not keyed.
 */
function alignmentRun(elements: Node[], closeRow: number): { key: string; colon: Node; value: Node }[] | undefined {
  if (elements.some((element) => element.type !== 'keyed_element')) return undefined;
  const run: { key: string; colon: Node; value: Node }[] = [];
  let nextRow = closeRow;
  for (let i = elements.length - 1; i >= 0; i--) {
    const element = elements[i];
    if (element.startPosition.row !== element.endPosition.row || element.endPosition.row + 1 !== nextRow) break;
    const key = element.childForFieldName('key');
    const value = element.childForFieldName('value');
    const colon = key?.nextSibling;
    if (!key || !value || colon?.type !== ':') break;
    run.unshift({ key: key.text, colon, value });
    nextRow = element.startPosition.row;
  }
  return run;
}

/**
 * The expression a literal is stored into, as source text (`srv`, `s.server`), for
 * `x := T{}`, `x = T{}`, `var x = T{}` and their `&T{}` forms.
 */
export function assignedTarget(literal: Node): Node | undefined {
  let value = literal;
  if (value.parent?.type === 'unary_expression') value = value.parent;
  const list = value.parent;
  if (list?.type !== 'expression_list') return undefined;
  const index = list.namedChildren.findIndex((n) => n?.equals(value));
  const holder = list.parent;
  if (!holder) return undefined;
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    if (!holder.childForFieldName('right')?.equals(list)) return undefined;
    return holder.childForFieldName('left')?.namedChildren[index] ?? undefined;
  }
  if (holder.type === 'var_spec') return holder.childrenForFieldName('name')[index] ?? undefined;
  return undefined;
}

/**
 * What the rest of the function does with the value stored in `target`: which of `fields` it
 * assigns later (`srv.WriteTimeout = …`), or 'handed-off' when the value is passed to another
 * function that may configure it, which we cannot see. Read from the function's text after the
 * literal: two regular expressions instead of a walk over every node of the body.
 */
export function laterConfiguration(literal: Node, target: Node, source: string, fields: readonly string[]): Set<string> | 'handed-off' {
  const scope = enclosingFunction(literal)?.childForFieldName('body') ?? literal.tree.rootNode;
  const after = source.slice(literal.endIndex, scope.endIndex);
  const name = target.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`[(,]\\s*&?${name}\\s*[,)]`).test(after)) return 'handed-off';
  const assigned = new Set<string>();
  if (fields.length === 0) return assigned;
  const assignment = new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(${fields.join('|')})\\s*=[^=]`, 'g');
  for (const match of after.matchAll(assignment)) assigned.add(match[1]);
  return assigned;
}

/**
 * `s.Config = &http.Server{…}` or `App{Server: &http.Server{…}}`: the value now belongs to
 * another value, whose owner may configure it through it (httptest.Server.Config is the
 * classic case), and we cannot follow it there.
 */
export function storedInAnotherValue(literal: Node): boolean {
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  const holder = value.parent;
  if (holder?.type === 'literal_element' || holder?.type === 'keyed_element') return true;
  if (holder?.type !== 'expression_list' || holder.parent?.type !== 'assignment_statement') return false;
  const target = assignedTarget(literal);
  return target?.type === 'selector_expression' || target?.type === 'index_expression';
}

/** `serve(&http.Server{…})`: the literal is handed straight to a function, which may configure it. */
export function passedToCall(literal: Node): boolean {
  const value = literal.parent?.type === 'unary_expression' ? literal.parent : literal;
  return value.parent?.type === 'argument_list';
}
