// Which unexported fields a declaration may change, and which it sends HTTP requests through, by
// name. Only the package can name an unexported field, so when no declaration of the package
// changes one, the value a literal gave it is the value it keeps (http-client-timeout: a client
// stored in a field that nothing configures). Names only: without types, a field of another
// struct with the same name counts too, which can only make the rules that ask more careful.
import type { Node } from 'web-tree-sitter';
import { isExported } from './package-index';
import { REQUEST_METHODS } from './response-wrappers';

export interface FieldWrites {
  /**
   * Fields on the left of an assignment (`c.hc = …`, and at any depth, `c.hc.Timeout = …`), of
   * `++`/`--`, of a range or receive, or under `&` (`&c.hc`: a pointer that can change it later).
   */
  changed: string[];
  /** Fields whose value sends a request: `c.hc.Do(req)`, `c.hc.Get(url)`. */
  sending: string[];
}

/** `x.field.Do(` and the other request methods, on a field that is not exported: a text test before the walk. */
const SEND = new RegExp(`\\.\\s*[\\p{Ll}_][\\p{L}\\p{Nd}_]*\\s*\\.\\s*(?:${[...REQUEST_METHODS].join('|')})\\s*\\(`, 'u');

/** What every match of SEND contains: looked for first, far quicker than the pattern. */
const REQUEST_NAMES = [...REQUEST_METHODS];

/** A chain of selectors and index expressions after a field: `.Timeout`, `[i].conf`. */
const CHAIN = String.raw`(?:\s*(?:\.\s*[\p{L}_][\p{L}\p{Nd}_]*|\[(?:[^[\]\n]|\[[^\]\n]*\])*\]))*`;

/**
 * `.f` (unexported) where the chain after it ends in an assignment's operator, `++` or `--`, or
 * in a `,` before one on the same line (`a, c.hc = …`, `for _, c.hc = range …`).
 */
const WRITTEN = new RegExp(String.raw`\.\s*([\p{Ll}_][\p{L}\p{Nd}_]*)(?=${CHAIN}\s*(?:(?:[-+*/%|^]|<<|>>|&\^?)?=(?!=)|\+\+|--|,[^\n;(){}]*?(?<![=!<>:])=(?!=)))`, 'gu');

/** `&x.a.b`, `&x.a[i].b`: a pointer that may change any field along the chain later. */
const ADDRESSED = new RegExp(String.raw`(?<!&)&(?!&)\s*\(?\s*[\p{L}_][\p{L}\p{Nd}_]*${CHAIN}`, 'gu');
const FIELD = /\.\s*([\p{Ll}_][\p{L}\p{Nd}_]*)/gu;

/**
 * Read from the text, not the tree: a walk of every assignment and unary expression cost the
 * Go standard library's summaries 1.9 s, the text 0.1 s. A write spelled in a comment or a
 * string only adds a name, which makes the rules that ask more careful, not less.
 */
export function fieldWritesOf(declaration: Node, text: string): FieldWrites {
  const changed = new Set<string>();
  for (const match of text.matchAll(WRITTEN)) changed.add(match[1]);
  if (text.includes('&')) for (const chain of text.matchAll(ADDRESSED)) for (const field of chain[0].matchAll(FIELD)) changed.add(field[1]);
  const sending = new Set<string>();
  if (REQUEST_NAMES.some((name) => text.includes(name)) && SEND.test(text)) {
    for (const call of declaration.descendantsOfType('call_expression')) {
      const callee = call?.childForFieldName('function');
      const client = callee?.type === 'selector_expression' && REQUEST_METHODS.has(callee.childForFieldName('field')?.text ?? '') ? callee.childForFieldName('operand') : null;
      const field = client?.type === 'selector_expression' ? client.childForFieldName('field')?.text : undefined;
      if (field && !isExported(field)) sending.add(field);
    }
  }
  return { changed: [...changed].sort(), sending: [...sending].sort() };
}
