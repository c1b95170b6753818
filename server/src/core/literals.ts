import type { Node } from 'web-tree-sitter';
import type { TextEdit } from './findings';
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
  const aligned = alignmentRun(elements);
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
 * The entries gofmt aligns as one run: every element a single-line `Key: value` on its own
 * line, with no blank lines between. Otherwise undefined, and we leave alignment to gofmt.
 */
function alignmentRun(elements: Node[]): { key: string; colon: Node; value: Node }[] | undefined {
  const run: { key: string; colon: Node; value: Node }[] = [];
  for (const [i, element] of elements.entries()) {
    if (element.type !== 'keyed_element' || element.startPosition.row !== element.endPosition.row) return undefined;
    if (i > 0 && element.startPosition.row !== elements[i - 1].endPosition.row + 1) return undefined;
    const key = element.childForFieldName('key');
    const value = element.childForFieldName('value');
    const colon = key?.nextSibling;
    if (!key || !value || colon?.type !== ':') return undefined;
    run.push({ key: key.text, colon, value });
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
