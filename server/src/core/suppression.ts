import type { Node, Tree } from 'web-tree-sitter';
import type { LineIndex, Position, Range } from './text';

/** One `//nolint` directive and the lines it covers. */
export interface NolintDirective {
  /** Lower-cased names after the colon; empty means every linter. */
  names: string[];
  firstLine: number;
  lastLine: number;
  /** Line of the comment itself. */
  line: number;
  /** The comment, for pointing at a name in it. */
  comment: { start: Position; text: string };
  /** Names that silenced at least one finding (filled in while findings are filtered). */
  used: Set<string>;
}

// golangci-lint's reading: leading slashes and spaces dropped, then `nolint` followed by a
// space, a colon or nothing (`//nolint`, `// nolint`, `//nolint:a,b`, `// nolint: a, b`); the
// names run up to a following `//` comment, split at commas, trimmed.
const DIRECTIVE = /^nolint(?=[ :]|$)/;

/** A `//nolint:a,b` (or `// nolint: a, b`) comment anywhere in a line; group 1 is the list of names. */
export const NOLINT_LIST = /\/\/ *nolint: *([\w\-.:/]+(?: *, *[\w\-.:/]+)*)/;

/** The names a comment's nolint directive lists ([] for every linter), or undefined when it is none. */
export function nolintNames(comment: string): string[] | undefined {
  if (!comment.startsWith('//')) return undefined;
  const text = comment.replace(/^[/ ]+/, '').trimEnd();
  if (!DIRECTIVE.test(text)) return undefined;
  if (!text.startsWith('nolint:') || text.startsWith('nolint:all')) return [];
  const list = text.slice('nolint:'.length).split('//')[0];
  return list
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Finds the nolint directives of a file. A directive at the end of a line covers that line; one
 * alone on its line covers the whole statement or declaration that starts on the next line; one
 * above the package clause covers the file (golangci-lint's placement rules).
 */
export function findNolintDirectives(tree: Tree, lines: LineIndex): NolintDirective[] {
  const text = lines.text;
  const directives: NolintDirective[] = [];
  for (let at = text.indexOf('nolint'); at !== -1; at = text.indexOf('nolint', at + 6)) {
    const comment = tree.rootNode.descendantForIndex(at);
    if (comment?.type !== 'comment' || comment.startIndex + comment.text.indexOf('nolint') !== at) continue;
    const names = nolintNames(comment.text);
    if (!names) continue;
    const line = comment.startPosition.row;
    const before = lines.lineText(line).slice(0, comment.startPosition.column);
    const covered = before.trim() === '' ? coveredByStandalone(comment, lines) : { firstLine: line, lastLine: line };
    const start = { line, character: comment.startPosition.column };
    directives.push({ names, line, ...covered, comment: { start, text: comment.text }, used: new Set() });
  }
  return directives;
}

function coveredByStandalone(comment: Node, lines: LineIndex): { firstLine: number; lastLine: number } {
  let next = comment.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  const line = comment.startPosition.row;
  if (!next) return { firstLine: line, lastLine: line + 1 };
  if (next.type === 'package_clause') return { firstLine: 0, lastLine: lines.lineCount };
  if (next.startPosition.row !== comment.endPosition.row + 1) return { firstLine: line, lastLine: line + 1 };
  return { firstLine: line, lastLine: next.endPosition.row };
}

/** True when a directive covering `line` names the rule, one of its peers, or everything. */
export function isSuppressed(directives: readonly NolintDirective[], line: number, names: ReadonlySet<string>): boolean {
  let suppressed = false;
  for (const directive of directives) {
    if (line < directive.firstLine || line > directive.lastLine) continue;
    if (directive.names.length === 0) suppressed = true;
    for (const name of directive.names) {
      if (name !== 'all' && !names.has(name)) continue;
      directive.used.add(name);
      suppressed = true;
    }
  }
  return suppressed;
}

/**
 * The names of our own rules in a directive that silenced nothing: stale suppressions, which
 * hide the next real finding on that line. Peers' names are left alone (their linter decides).
 */
export function unusedRuleNames(directive: NolintDirective, ruleIds: ReadonlySet<string>): { name: string; range: Range }[] {
  const unused: { name: string; range: Range }[] = [];
  for (const name of directive.names) {
    if (!ruleIds.has(name) || directive.used.has(name)) continue;
    const at = directive.comment.text.toLowerCase().indexOf(name, directive.comment.text.indexOf('nolint'));
    if (at === -1) continue;
    const start = { line: directive.comment.start.line, character: directive.comment.start.character + at };
    unused.push({ name, range: { start, end: { line: start.line, character: start.character + name.length } } });
  }
  return unused;
}

/**
 * The names that silence a rule: its id, each peer name, and the linter a peer belongs to
 * (`G112` is a gosec check, `SA1015` a staticcheck one, `revive:defer` a revive one), since
 * golangci-lint users write `//nolint:gosec` rather than the check's code.
 */
export function suppressionNames(ruleId: string, peers: readonly string[]): Set<string> {
  const names = new Set([ruleId.toLowerCase()]);
  for (const peer of peers) {
    const lower = peer.toLowerCase();
    names.add(lower);
    if (/^g\d{3}$/.test(lower)) names.add('gosec');
    else if (/^(sa|st|s|qf)\d{4}$/.test(lower)) names.add('staticcheck');
    else if (lower.includes(':')) names.add(lower.slice(0, lower.indexOf(':')));
  }
  return names;
}
