import { Query, type Language, type Node, type QueryMatch } from 'web-tree-sitter';
import type { Finding, Severity, SeveritySetting } from './findings';
import { isGeneratedFile } from './generated';
import type { PackageIndex } from './package-index';
import type { Report, Rule, RuleContext, SourceFile } from './rule';
import { findNolintDirectives, isSuppressed, suppressionNames } from './suppression';
import type { Position, Range } from './text';
import { TypeResolver } from './type-resolver';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface AnalysisSettings {
  /** Severity per rule id; a missing entry means the rule's default. */
  severities?: Readonly<Record<string, SeveritySetting>>;
  maxFileBytes?: number;
}

export type SkipReason = 'generated' | 'too-large';

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the file was deliberately not analysed. */
  skipped?: SkipReason;
}

/**
 * Runs every enabled rule over a file. All rule queries are compiled once into a single query,
 * so one pass over the tree feeds every rule; matches are routed back by pattern index.
 */
export class Analyzer {
  private readonly query: Query;
  private readonly ruleOfPattern: Rule[] = [];
  private readonly silencers = new Map<string, Set<string>>();

  constructor(
    language: Language,
    readonly rules: readonly Rule[],
  ) {
    for (const rule of rules) {
      const own = new Query(language, rule.query);
      for (let i = 0; i < own.patternCount(); i++) this.ruleOfPattern.push(rule);
      own.delete();
      this.silencers.set(rule.meta.id, suppressionNames(rule.meta.id, rule.meta.peers));
    }
    this.query = new Query(language, rules.map((rule) => rule.query).join('\n'));
  }

  severityOf(rule: Rule, settings: AnalysisSettings): SeveritySetting {
    return settings.severities?.[rule.meta.id] ?? rule.meta.defaultSeverity;
  }

  analyze(file: SourceFile, index: PackageIndex, settings: AnalysisSettings = {}, cache?: AnalysisCache): AnalysisResult {
    if (file.text.length > (settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return { findings: [], skipped: 'too-large' };
    if (isGeneratedFile(file.text)) return { findings: [], skipped: 'generated' };

    const key = `${index.fingerprint}|${JSON.stringify(settings.severities ?? {})}`;
    if (cache && cache.key !== key) cache.reset(key);
    const declarations = topLevelDeclarations(file);
    const stale = declarations.filter((declaration) => !cache || !reuse(declaration, cache, file.text));
    this.runRules(file, index, settings, declarations, stale);
    if (cache) cache.keep(declarations, file.text);

    const directives = findNolintDirectives(file.tree, file.lines);
    const kept: Finding[] = [];
    for (const declaration of declarations) {
      if (declaration.findings.length === 0 || declaration.hasError()) continue;
      for (const finding of declaration.findings) {
        if (!isSuppressed(directives, finding.range.start.line, this.silencers.get(finding.rule)!)) kept.push(finding);
      }
    }
    return { findings: dedupe(kept).sort(compareFindings) };
  }

  /**
   * Runs the rules over the declarations that need it: one pass over the whole tree when most
   * do (a file just opened), one pass per declaration when few do (a keystroke).
   */
  private runRules(file: SourceFile, index: PackageIndex, settings: AnalysisSettings, all: Declaration[], stale: Declaration[]): void {
    if (stale.length === 0) return;
    const types = new TypeResolver(file.uri, index);
    let current: Declaration = stale[0];
    const contexts = new Map<Rule, RuleContext>();
    const contextFor = (rule: Rule, severity: Severity): RuleContext => {
      let context = contexts.get(rule);
      if (!context) {
        const report = (r: Report) => current.findings.push(toFinding(rule, severity, r));
        context = { file, index, types, report };
        contexts.set(rule, context);
      }
      return context;
    };
    const runMatches = (matches: QueryMatch[], owner: (match: QueryMatch) => Declaration | undefined) => {
      for (const match of matches) {
        const rule = this.ruleOfPattern[match.patternIndex];
        const severity = this.severityOf(rule, settings);
        if (severity === 'off') continue;
        const declaration = owner(match);
        if (!declaration) continue;
        current = declaration;
        rule.check(match, contextFor(rule, severity));
      }
    };
    if (stale.length > all.length / 2) {
      const wanted = new Set(stale);
      runMatches(this.query.matches(file.tree.rootNode), (match) => {
        const declaration = declarationAt(all, match.captures[0]?.node.startIndex ?? -1);
        return declaration && wanted.has(declaration) ? declaration : undefined;
      });
    } else {
      for (const declaration of stale) runMatches(this.query.matches(declaration.node()), () => declaration);
    }
  }
}

/** A top-level declaration with the findings of its own code. */
interface Declaration {
  type: string;
  startIndex: number;
  endIndex: number;
  start: Position;
  findings: Finding[];
  node(): Node;
  hasError(): boolean;
}

function topLevelDeclarations(file: SourceFile): Declaration[] {
  const declarations: Declaration[] = [];
  const root = file.tree.rootNode;
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return declarations;
    let childIndex = 0;
    do {
      const at = childIndex;
      let node: Node | undefined;
      let error: boolean | undefined;
      const declaration: Declaration = {
        type: cursor.nodeType,
        startIndex: cursor.startIndex,
        endIndex: cursor.endIndex,
        start: { line: cursor.startPosition.row, character: cursor.startPosition.column },
        findings: [],
        node: () => (node ??= root.child(at)!),
        // Rules reason about whole functions (later assignments, every return path), so the
        // findings of a declaration that does not parse cleanly are guesses: drop them.
        hasError: () => (error ??= declaration.node().hasError),
      };
      declarations.push(declaration);
      childIndex++;
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return declarations;
}

function declarationAt(declarations: Declaration[], offset: number): Declaration | undefined {
  let low = 0;
  let high = declarations.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const declaration = declarations[mid];
    if (offset < declaration.startIndex) high = mid - 1;
    else if (offset >= declaration.endIndex) low = mid + 1;
    else return declaration;
  }
  return undefined;
}

/**
 * Kinds of declaration whose findings depend only on their own text and the package index.
 * Package-level variables are re-checked every time: a rule may follow them into functions
 * (a server configured in `main`).
 */
const CACHEABLE = new Set(['function_declaration', 'method_declaration', 'type_declaration', 'import_declaration', 'package_clause', 'comment']);

/**
 * What the rules found in each function, by the function's text, so that a keystroke re-checks
 * only the function it changed. Cleared whenever the package index or the settings change.
 */
export class AnalysisCache {
  key = '';
  private entries = new Map<string, { start: Position; findings: Finding[]; hasError: boolean }>();

  reset(key: string): void {
    this.key = key;
    this.entries.clear();
  }

  get(text: string) {
    return this.entries.get(text);
  }

  keep(declarations: readonly Declaration[], source: string): void {
    const next = new Map<string, { start: Position; findings: Finding[]; hasError: boolean }>();
    for (const declaration of declarations) {
      if (!CACHEABLE.has(declaration.type)) continue;
      const findings = declaration.findings;
      next.set(source.slice(declaration.startIndex, declaration.endIndex), {
        start: declaration.start,
        findings,
        hasError: findings.length > 0 && declaration.hasError(),
      });
    }
    this.entries = next;
  }
}

/** Takes a declaration's findings from the cache, moved to where the declaration now starts. */
function reuse(declaration: Declaration, cache: AnalysisCache, source: string): boolean {
  if (!CACHEABLE.has(declaration.type)) return false;
  const entry = cache.get(source.slice(declaration.startIndex, declaration.endIndex));
  if (!entry) return false;
  const move = shifter(entry.start, declaration.start);
  declaration.findings = entry.findings.map((finding) => ({
    ...finding,
    range: move(finding.range),
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: move(edit.range) })) })),
  }));
  declaration.hasError = () => entry.hasError;
  return true;
}

/**
 * Moves positions inside a declaration from its old start to its new one. Positions before the
 * declaration (an import a fix adds) stay where they are: the text above a function does not
 * change what is inside it, and a change to the imports changes the index and empties the cache.
 */
function shifter(from: Position, to: Position): (range: Range) => Range {
  const lines = to.line - from.line;
  const columns = to.character - from.character;
  if (lines === 0 && columns === 0) return (range) => range;
  const move = (p: Position): Position =>
    p.line < from.line || (p.line === from.line && p.character < from.character)
      ? p
      : { line: p.line + lines, character: p.line === from.line ? p.character + columns : p.character };
  return (range) => ({ start: move(range.start), end: move(range.end) });
}

function toFinding(rule: Rule, severity: Severity, report: Report): Finding {
  const range = report.range ?? nodeRange(report.node!);
  return { rule: rule.meta.id, range, message: report.message, severity: report.severity ?? severity, fixes: report.fixes ?? [] };
}

export function nodeRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.rule}:${finding.range.start.line}:${finding.range.start.character}:${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
