import type { Node } from 'web-tree-sitter';

/**
 * The verb letter each argument of a `fmt` format is printed with, in argument order (`*`
 * widths take an argument of their own, recorded as `*`). Undefined when the format is not a
 * literal or uses explicit argument indexes (`%[2]s`), which this reading does not follow.
 */
export function formatVerbs(format: Node): string[] | undefined {
  if (format.type !== 'interpreted_string_literal' && format.type !== 'raw_string_literal') return undefined;
  const text = format.text.slice(1, -1);
  const verbs: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') continue;
    i++;
    while (i < text.length && '+-# 0'.includes(text[i])) i++;
    if (text[i] === '[') return undefined;
    if (text[i] === '*') {
      verbs.push('*');
      i++;
    }
    while (i < text.length && /[0-9]/.test(text[i])) i++;
    if (text[i] === '.') {
      i++;
      if (text[i] === '*') {
        verbs.push('*');
        i++;
      }
      while (i < text.length && /[0-9]/.test(text[i])) i++;
    }
    if (text[i] === '[') return undefined;
    if (i >= text.length) break;
    if (text[i] !== '%') verbs.push(text[i]);
  }
  return verbs;
}
