// The texts a package gives its errors, for telling a comparison with one of them from a comparison
// with someone else's message (a remote server's, say). Read without types, so generously: a string
// that only looks like an error text keeps a finding a warning, which is the careful direction.
import type { Node } from 'web-tree-sitter';

/**
 * A call that makes an error from a text (`errors.New`, `fmt.Errorf`, pkg/errors' `Wrap`, `Newf`,
 * …) and the string literal among its first two arguments (`Wrap(err, "…")`).
 */
const CONSTRUCTOR_TEXT = /\b(?:New|Newf|Errorf|Wrap|Wrapf|WithMessage|WithMessagef)\s*\(\s*(?:[\p{L}\p{Nd}_.]+\s*,\s*)?("(?:[^"\\\n]|\\.)*"|`[^`]*`)/gu;
/** What every match of CONSTRUCTOR_TEXT contains: looked for first, far quicker than the pattern. */
const CONSTRUCTOR_NAMES = ['New', 'Errorf', 'Wrap', 'WithMessage'];
/**
 * Go's tokens that can hold a quote: comments, rune literals, strings. A string is kept only when
 * it is not inside one of the others (`'"'`, `// "x"`), as Go's scanner reads it.
 */
const QUOTING_TOKENS = /\/\/[^\n]*|\/\*[^]*?\*\/|'(?:[^'\\\n]|\\.)*'|"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g;

/**
 * The error texts a top-level declaration holds, as written between the quotes: the string
 * arguments of error constructors anywhere in it (read from the text: one in a comment only adds
 * a text), and every string of a package-level `var` or `const` (`var ErrX = errors.New("x")`,
 * `const ErrClosed = constError("closed")`).
 */
export function errorTextsOf(declaration: Node, text: string): string[] {
  const found = new Set<string>();
  if (declaration.type === 'var_declaration' || declaration.type === 'const_declaration') {
    // From the text: a tree walk of a large table of values cost a third of the summary's time.
    // A table of numbers holds no string at all: it is not scanned.
    if (!text.includes('"') && !text.includes('`')) return [];
    for (const match of text.matchAll(QUOTING_TOKENS)) {
      const literal = match[1] ?? match[2];
      if (literal !== undefined) found.add(literal);
    }
  } else if (CONSTRUCTOR_NAMES.some((name) => text.includes(name))) {
    for (const match of text.matchAll(CONSTRUCTOR_TEXT)) found.add(match[1].slice(1, -1));
  }
  return [...found].sort();
}

/**
 * True when `text` (as written between quotes) is one of `texts`, or what one of them prints as
 * a format (`"user %s not found"` matches `"user bob not found"`).
 */
export function matchesErrorText(texts: Iterable<string>, text: string): boolean {
  for (const known of texts) {
    if (known === text) return true;
    if (known.includes('%') && formatPattern(known).test(text)) return true;
  }
  return false;
}

/** A format string as a pattern: each verb (`%s`, `%5.2f`, `%v`) stands for any text; `%%` for `%`. */
function formatPattern(format: string): RegExp {
  const parts = format.split(/(%%|%[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[a-zA-Z])/);
  const pattern = parts.map((part, i) => (i % 2 === 0 ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : part === '%%' ? '%' : '[^]*')).join('');
  return new RegExp(`^${pattern}$`);
}
