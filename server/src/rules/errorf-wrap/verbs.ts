import type { Node } from 'web-tree-sitter';

export interface Verb {
  /** The verb letter (`v`, `s`, `w`, …). */
  letter: string;
  /** Flags written between `%` and the verb (`+`, `#`, …). */
  flags: string;
  /** Offsets of the whole directive (`%+v`) in the literal's source text, quotes included. */
  start: number;
  end: number;
  /** Index of the argument it prints, counted after the format. */
  argument: number;
}

/**
 * The directives of a format string literal, read from its source text (a `%` in Go source is
 * always a percent sign, escapes cannot spell one). Undefined when the format uses explicit
 * argument indexes (`%[2]v`), which this reading does not follow.
 */
export function formatVerbs(literal: Node): Verb[] | undefined {
  const text = literal.text;
  const verbs: Verb[] = [];
  let argument = 0;
  for (let i = 1; i < text.length - 1; i++) {
    if (text[i] !== '%') continue;
    const start = i++;
    let flags = '';
    while ('+-# 0'.includes(text[i])) flags += text[i++];
    if (text[i] === '*') (argument++, i++);
    while (/[0-9]/.test(text[i])) i++;
    if (text[i] === '.') {
      i++;
      if (text[i] === '*') (argument++, i++);
      while (/[0-9]/.test(text[i])) i++;
    }
    if (text[i] === '[') return undefined;
    if (i >= text.length - 1) break;
    if (text[i] === '%') continue;
    verbs.push({ letter: text[i], flags, start, end: i + 1, argument: argument++ });
  }
  return verbs;
}
