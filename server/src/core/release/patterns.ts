// Regular expressions over Go source text, built once per variable name and reused (the release rules).

const IDENT = String.raw`[\p{L}_][\p{L}\p{Nd}_]*`;
/** `rows, err :=`, `rows, err =`, `rows =` at the start of a statement's or spec's text. */
export const BINDING_TEXT = new RegExp(String.raw`^(${IDENT})\s*(?:,\s*(${IDENT})\s*)?:?=`, 'u');

/** `} else` in a statement's text. */
export const ELSE = /\}\s*else(?![\p{L}\p{Nd}_])/u;

/** The words a statement needs to contain to leave the enclosing code early. */
export const EXIT_WORDS = /(?<![\p{L}\p{Nd}_])(?:return|goto|break|continue|panic)(?![\p{L}\p{Nd}_])/u;

const patterns = new Map<string, RegExp>();
function memo(key: string, make: () => RegExp): RegExp {
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size > 1000) patterns.clear();
    pattern = make();
    patterns.set(key, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Matches `name` as a whole Go identifier (global: use with `matchAll` or `test`). */
export function word(name: string): RegExp {
  return memo(`word ${name}`, () => new RegExp(String.raw`(?<![\p{L}\p{Nd}_])${name}(?![\p{L}\p{Nd}_])`, 'gu'));
}

/** `defer rows.Close()`, the whole statement. */
export function deferredClose(name: string): RegExp {
  return memo(`defer ${name}`, () => new RegExp(String.raw`^defer\s+${name}\s*\.\s*Close\s*\(\s*\)$`, 'u'));
}

/** `if err != nil {` at the start of a statement's text. */
export function errorCheckOpening(err: string): RegExp {
  return memo(`if ${err}`, () => new RegExp(String.raw`^if\s+${err}\s*!=\s*nil\s*\{`, 'u'));
}
