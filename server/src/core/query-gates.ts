// What lets the analyzer run less of its query: the patterns that need a word the file does not
// contain, and the top-level declarations that hold none of the text the rules' patterns start
// from (`Rule.queryTrigger`).
import type { Query } from 'web-tree-sitter';
import type { TopLevel } from './declarations';

/** web-tree-sitter's CaptureQuantifier.One and .OneOrMore: the capture is in every match. */
const ALWAYS_CAPTURED = new Set([3, 4]);

/**
 * For each pattern of `query` (compiled from `source`), words one of which a text must contain
 * for the pattern to match in it, or undefined when no such words are known. They come from the
 * pattern's `(#eq? @name "word")` and `(#any-of? @name "a" "b")` predicates on a capture that
 * every match has: the captured node's text is one of the strings, and that text is part of the
 * file's. tree-sitter hands every node of the pattern's shape to these predicates, which
 * web-tree-sitter tests in JavaScript, after making an object for each node captured: a pattern
 * such as `(call_expression function: (identifier) @name (#eq? @name "recover"))` costs that
 * for every call of a plain function in the file.
 */
export function requiredWords(query: Query, source: string): Array<string[] | undefined> {
  // Pattern offsets count UTF-8 bytes.
  const bytes = new TextEncoder().encode(source);
  const decoder = new TextDecoder();
  const words: Array<string[] | undefined> = [];
  for (let pattern = 0; pattern < query.patternCount(); pattern++) {
    const text = withoutComments(decoder.decode(bytes.subarray(query.startIndexForPattern(pattern), query.endIndexForPattern(pattern))));
    let needed: string[] | undefined;
    // A string with an escape in it is not read: that predicate then tells nothing.
    for (const [, capture, strings] of text.matchAll(/\(#(?:eq|any-of)\?\s+@([\w.-]+)((?:\s+"[^"\\\n]*")+)\s*\)/g)) {
      const index = query.captureIndexForName(capture);
      if (index < 0 || !ALWAYS_CAPTURED.has(query.captureQuantifiers[pattern][index])) continue;
      const values = [...strings.matchAll(/"([^"]*)"/g)].map(([, value]) => value);
      // Each predicate must hold: the one with the fewest strings rules out the most texts.
      if (!needed || values.length < needed.length) needed = values;
    }
    words.push(needed);
  }
  return words;
}

/** The pattern's text without its `;` comments (a commented-out predicate tests nothing). */
function withoutComments(text: string): string {
  let kept = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      kept += '\n';
      continue;
    }
    kept += c;
    if (c !== '"') continue;
    for (i++; i < text.length && text[i] !== '"'; i++) {
      if (text[i] === '\\') kept += text[i++];
      kept += text[i];
    }
    if (i < text.length) kept += text[i];
  }
  return kept;
}

/**
 * A test of a text for any of `words` as Go writes a whole name (or anywhere, for one that is
 * not a name): a word inside a longer name is no node's whole text. Searched word by word with
 * `indexOf`, several times quicker than one regular expression with lookarounds.
 */
export function anyWordIn(words: readonly string[]): (text: string) => boolean {
  const names = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
  const searched = [...new Set(words)].map((word) => ({ word, whole: names.test(word) }));
  return (text) => {
    for (const { word, whole } of searched) {
      for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
        if (!whole || (!isNamePart(text, at - 1) && !isNamePart(text, at + word.length))) return true;
      }
    }
    return false;
  };
}

const NAME_PART = /[\p{L}\p{Nd}_]/u;

/** Whether the UTF-16 unit at `at` belongs to a Go name (a letter or digit outside ASCII too). */
function isNamePart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (Number.isNaN(code)) return false;
  if (code < 0x80) return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
  // A letter outside the Basic Multilingual Plane is two units: either half decides.
  const point = code >= 0xdc00 && code <= 0xdfff ? text.codePointAt(at - 1) : text.codePointAt(at);
  return NAME_PART.test(String.fromCodePoint(point ?? code));
}

/**
 * A `go` statement's start: the keyword, then its call (`go f()`, `go func() {…}()`, `go(f)()`),
 * or a comment. Not the word in `//go:build`, `go.mod` or `"go"`, which `wholeNames('go')` finds
 * in half of the declarations that hold it.
 */
export const GO_STATEMENT = /(?<![\p{L}\p{Nd}_])go(?:\s+[\p{L}_(/]|[(/])/u;

/** A pattern (Unicode mode) of any of `names` written as a whole name, not inside a longer one. */
export function wholeNames(...names: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{Nd}_])(?:${names.join('|')})(?![\\p{L}\\p{Nd}_])`, 'u');
}

/**
 * Which declarations' text `trigger` (a global pattern) finds something in, besides those
 * already `found` by another: the others hold no match of the patterns it stands for. One pass
 * over the text, which skips the rest of a declaration once it is found in it.
 */
export function triggeredDeclarations(text: string, declarations: readonly TopLevel[], trigger: RegExp, found = new Array<boolean>(declarations.length).fill(false)): boolean[] {
  let i = 0;
  trigger.lastIndex = 0;
  for (let hit = trigger.exec(text); hit && i < declarations.length; hit = trigger.exec(text)) {
    while (i < declarations.length && declarations[i].endIndex <= hit.index) i++;
    if (i < declarations.length && declarations[i].startIndex <= hit.index) {
      found[i] = true;
      // Past this declaration and the ones after it already found.
      let next = i;
      while (next + 1 < declarations.length && found[next + 1]) next++;
      trigger.lastIndex = Math.max(trigger.lastIndex, declarations[next].endIndex);
    } else if (hit[0].length === 0) trigger.lastIndex++;
  }
  return found;
}

/** Whether `trigger` (a global pattern) finds something in one declaration's text. */
export function holdsTrigger(text: string, declaration: TopLevel, trigger: RegExp): boolean {
  trigger.lastIndex = 0;
  return trigger.test(text.slice(declaration.startIndex, declaration.endIndex));
}
