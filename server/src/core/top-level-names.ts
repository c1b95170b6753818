// The names a file declares at package level, read from its text without parsing it: for the
// summaries that are made only when asked about (see `DeferredSummary`). Comments and strings are
// blanked first; brackets are then counted, so any layout reads the same (not only gofmt's).
import { blank, isSpaceCode, isWordCode } from './program-text';

export interface TopLevelNames {
  /** Every name a `func`, `type` or `const` declaration of the file declares (not methods). */
  names: Set<string>;
  /** Every method the file declares, as `Type.Method` (with each name its receiver writes as the type). */
  methods: Set<string>;
  /** Every name a `var` declaration of the file declares. */
  variables: Set<string>;
  /** The names written in the file's package-level `var` declarations (the variables', their types' and their values'). */
  variableWords: Set<string>;
}

/** `(`, `[` and `{`; `)`, `]` and `}`. */
const isOpening = (code: number) => code === 0x28 || code === 0x5b || code === 0x7b;
const isClosing = (code: number) => code === 0x29 || code === 0x5d || code === 0x7d;

/**
 * The file's package-level names. More is never wrong here (a name that a spec's continuation
 * line starts with counts too); a name left out would hide a declaration from the index.
 */
export function topLevelNames(text: string): TopLevelNames {
  const code = blank(text);
  const found: TopLevelNames = { names: new Set(), methods: new Set(), variables: new Set(), variableWords: new Set() };
  let at = 0;
  while (at < code.length) {
    if (isOpening(code.charCodeAt(at))) {
      at = afterGroup(code, at);
      continue;
    }
    if (!isNameUnit(code.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    while (at < code.length && isNameUnit(code.charCodeAt(at))) at++;
    const word = code.slice(start, at);
    switch (word) {
      case 'func': {
        at = skipSpaces(code, at);
        // A method's receiver comes first: each name in it may be the receiver's type.
        let receiver: string[] | undefined;
        if (code[at] === '(') {
          const end = afterGroup(code, at);
          receiver = [...namesIn(code, at, end, new Set())];
          at = skipSpaces(code, end);
        }
        const name = wordAt(code, at);
        if (name && receiver) for (const type of receiver) found.methods.add(`${type}.${name}`);
        else if (name) found.names.add(name);
        at += name.length;
        break;
      }
      case 'var':
      case 'const':
      case 'type': {
        const into = word === 'var' ? found.variables : found.names;
        at = skipSpaces(code, at);
        if (code[at] === '(') at = readBlock(code, at, into);
        else if (word === 'var') at = specEnd(code, readSpec(code, at, into));
        else at = readSpec(code, at, into);
        if (word === 'var') namesIn(code, start, at, found.variableWords);
        break;
      }
    }
  }
  return found;
}

/** The specs of a `var (…)`, `const (…)` or `type (…)` block whose `(` is at `open`; returns the offset after the `)`. */
function readBlock(code: string, open: number, names: Set<string>): number {
  let at = open + 1;
  while (at < code.length) {
    at = readSpec(code, at, names);
    // Past the rest of the spec: to a line's or a `;`'s end, or the block's `)`.
    at = specEnd(code, at);
    if (at >= code.length || code[at] === ')') return at + 1;
    at++;
  }
  return at;
}

/** Where the spec going on at `at` ends: a line's or a `;`'s end, or the `)` closing its block. */
function specEnd(code: string, at: number): number {
  for (let unit = code.charCodeAt(at); at < code.length && unit !== 0x0a && unit !== 0x3b && unit !== 0x29; unit = code.charCodeAt(at)) {
    at = isOpening(unit) ? afterGroup(code, at) : at + 1;
  }
  return at;
}

/** The names a spec starts with (`a, b int = …`: `a` and `b`), from `at` on; returns where they end. */
function readSpec(code: string, at: number, names: Set<string>): number {
  for (;;) {
    at = skipSpaces(code, at, true);
    const name = wordAt(code, at);
    if (!name) return at;
    names.add(name);
    at = skipSpaces(code, at + name.length);
    if (code[at] !== ',') return at;
    at++;
  }
}

/** Adds the names written between `from` and `to` (words not starting with a digit: `0x41` is no name). */
export function namesIn(code: string, from: number, to: number, into: Set<string>): Set<string> {
  for (let at = from; at < to; ) {
    if (!isNameUnit(code.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    while (at < to && isNameUnit(code.charCodeAt(at))) at++;
    if (code.charCodeAt(start) > 0x39) into.add(code.slice(start, at));
  }
  return into;
}

/** The offset just after the bracketed group opening at `open` (brackets of every kind counted); the end when unclosed. */
function afterGroup(code: string, open: number): number {
  let depth = 0;
  for (let at = open; at < code.length; at++) {
    const unit = code.charCodeAt(at);
    if (isOpening(unit)) depth++;
    else if (isClosing(unit) && --depth === 0) return at + 1;
  }
  return code.length;
}

/** The name starting at `at` (empty when none does; a number is no name). */
function wordAt(code: string, at: number): string {
  if (at >= code.length || !isNameUnit(code.charCodeAt(at)) || code.charCodeAt(at) <= 0x39) return '';
  let end = at;
  while (end < code.length && isNameUnit(code.charCodeAt(end))) end++;
  return code.slice(at, end);
}

/**
 * A UTF-16 unit that may be part of a name: ASCII letters, digits and `_`, and every unit past
 * ASCII but a space. Outside comments and strings, Go has no other non-ASCII text than letters;
 * inside them (where the summary's text patterns read names too), a word may run on into a
 * symbol, and reads as one name that is not declared: more words, never fewer.
 */
export function isNameUnit(code: number): boolean {
  return isWordCode(code) || (code >= 0x80 && !isSpaceCode(code));
}

/** Past spaces, and past line breaks too with `lines`. */
function skipSpaces(code: string, at: number, lines = false): number {
  while (at < code.length && isSpaceCode(code.charCodeAt(at)) && (lines || code[at] !== '\n')) at++;
  return at;
}
