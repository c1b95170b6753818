import { Query, type Language, type Node, type QueryMatch, type TreeCursor } from 'web-tree-sitter';
import { completeFix, mayTouchImports } from './combine-fixes';
import { MAX_PARSED_CHARS } from './document';
import { checkBudget, DEFAULT_BUDGET_MS, OverBudget, pastDeadline, withBudget } from './budget';
import { textIn, type Finding, type Fix, type Severity, type SeveritySetting, type TextEdit } from './findings';
import { FixGuard } from './fix-guard';
import { isBuildIgnored, isGeneratedFile } from './generated';
import type { PackageIndex } from './package-index';
import type { TopLevel } from './declarations';
import { methodCallMatch, methodCallsIn, methodNamesPattern } from './method-calls';
import { anyWordIn, holdsTrigger, requiredWords, triggeredDeclarations, wholeNames } from './query-gates';
import type { Report, Rule, RuleContext, SourceFile } from './rule';
import { findNolintDirectives, isSuppressed, suppressionNames, unusedRuleNames, type NolintDirective } from './suppression';
import type { Position, Range } from './text';
import { TypeResolver } from './type-resolver';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The most text one query pass covers when a whole file is analysed. */
const MATCH_SLICE_BYTES = 256 * 1024;

export interface AnalysisSettings {
  /** Severity per rule id; a missing entry means the rule's default. */
  severities?: Readonly<Record<string, SeveritySetting>>;
  maxFileBytes?: number;
  /** Milliseconds the rules may spend on one file before it is skipped (`DEFAULT_BUDGET_MS`). */
  budgetMs?: number;
}

/** Why a file was not analysed; `budget`: its analysis ran past the time budget. */
export type SkipReason = 'generated' | 'build-ignored' | 'too-large' | 'too-large-to-parse' | 'budget';

export interface AnalysisResult {
  findings: Finding[];
  /** Set when the file was deliberately not analysed. */
  skipped?: SkipReason;
}

/**
 * The rules' patterns compiled into one query, so one pass over the tree feeds every rule:
 * matches go back to their rule by pattern index. The method calls rules ask for by name
 * (`Rule.methods`) are found apart, from the text (see `methodCallsIn`).
 */
class CombinedQuery {
  /** The rule of each pattern. */
  readonly ruleOfPattern: Rule[] = [];
  readonly byMethod = new Map<string, Rule[]>();
  /** Where a method some rule asks for may be called: its name, then `(` (see `methodCallsIn`). */
  readonly methodNames?: RegExp;
  private readonly source: string;
  /** Per pattern: the words it needs in the text (see `requiredWords`), if any. */
  private readonly words: ReadonlyArray<readonly string[] | undefined>;
  /** Per pattern: where its matches can be (see `Rule.queryTrigger`). */
  private readonly triggers: ReadonlyArray<RegExp | undefined>;
  /** Whether a text has any of the words some pattern needs; undefined when none needs one. */
  private readonly anyWord?: (text: string) => boolean;
  /** The rules that say per package whether their patterns can match (`Rule.queryWanted`). */
  private readonly gated: Rule[];
  /** The rules whose trigger depends on the package (`Rule.queryTriggerFor`). */
  private readonly narrowed: Rule[];
  /**
   * The query with the patterns that cannot match left out, by which were left out, compiled
   * when first needed. Most files never say `recover`, `Prepare` or `InsecureSkipVerify`: in the
   * Go standard library those patterns' candidates were 470,000 matches of which 800 passed, and
   * their objects cost a quarter of the query's time. The response-wrapper calls cost a sixth of
   * it in packages that have no wrapper to call.
   */
  private readonly plans = new Map<string, SearchPlan & { rules: Set<Rule> }>();

  constructor(
    private readonly language: Language,
    rules: readonly Rule[],
  ) {
    // Each pattern is traced back to its rule by where its source starts in the joined text,
    // in UTF-8 bytes as tree-sitter counts.
    const starts: number[] = [];
    let source = '';
    let bytes = 0;
    const encoder = new TextEncoder();
    for (const rule of rules) {
      starts.push(bytes);
      const text = `${rule.query ?? ''}\n`;
      source += text;
      bytes += encoder.encode(text).length;
      for (const method of rule.methods ?? []) this.byMethod.set(method, [...(this.byMethod.get(method) ?? []), rule]);
      if (rule.queryTrigger && rule.queryTrigger.flags !== 'u') throw new Error(`${rule.meta.id}: queryTrigger must be a pattern in Unicode mode (flags "u")`);
    }
    this.source = source;
    const query = new Query(language, source);
    for (let pattern = 0; pattern < query.patternCount(); pattern++) {
      const at = query.startIndexForPattern(pattern);
      let owner = 0;
      while (owner + 1 < starts.length && starts[owner + 1] <= at) owner++;
      this.ruleOfPattern.push(rules[owner]);
    }
    if (this.byMethod.size > 0) this.methodNames = methodNamesPattern([...this.byMethod.keys()]);
    this.words = requiredWords(query, source);
    this.triggers = this.words.map((needed, pattern) => (needed ? wholeNames(...needed) : this.ruleOfPattern[pattern].queryTrigger));
    if (this.words.some((needed) => needed)) this.anyWord = anyWordIn(this.words.flatMap((needed) => needed ?? []));
    this.gated = rules.filter((rule) => rule.queryWanted && this.ruleOfPattern.includes(rule));
    this.narrowed = rules.filter((rule) => rule.queryTriggerFor && this.ruleOfPattern.includes(rule));
    this.plans.set('', this.planOf(query, () => false));
  }

  /** How to search `text`, a file of the package `index`: without the patterns that cannot match in it. */
  planFor(text: string, index: PackageIndex): SearchPlan {
    const withoutWords = this.anyWord !== undefined && !this.anyWord(text);
    const unwanted = this.gated.filter((rule) => !rule.queryWanted!(index));
    const key = `${withoutWords ? 'words ' : ''}${unwanted.map((rule) => rule.meta.id).join(' ')}`;
    let plan = this.plans.get(key);
    if (!plan) {
      const leftOut = (pattern: number) => (withoutWords && this.words[pattern] !== undefined) || unwanted.includes(this.ruleOfPattern[pattern]);
      const query = new Query(this.language, this.source);
      for (let pattern = 0; pattern < query.patternCount(); pattern++) if (leftOut(pattern)) query.disablePattern(pattern);
      this.plans.set(key, (plan = this.planOf(query, leftOut)));
    }
    const narrowed = this.narrowed.filter((rule) => plan!.rules.has(rule));
    if (narrowed.length === 0 || !plan.triggers) return plan;
    // Searched apart, each with a small pattern of its own: one union per package compiled slower
    // than the declarations it spared were searched.
    return { query: plan.query, triggers: [...plan.triggers, ...narrowed.map((rule) => globally(rule.queryTriggerFor!(index)))] };
  }

  private planOf(query: Query, leftOut: (pattern: number) => boolean): SearchPlan & { rules: Set<Rule> } {
    const patterns = this.ruleOfPattern.map((_, pattern) => pattern).filter((pattern) => !leftOut(pattern));
    const rules = new Set(patterns.map((pattern) => this.ruleOfPattern[pattern]));
    // The patterns of rules that narrow their trigger per package are triggered in `planFor`.
    const trigger = anyOf(patterns.filter((pattern) => !this.narrowed.includes(this.ruleOfPattern[pattern])).map((pattern) => this.triggers[pattern]));
    return { query, rules, triggers: trigger && [trigger] };
  }
}

/** A compiled query, and where its matches can be (see `Rule.queryTrigger`). */
interface SearchPlan {
  query: Query;
  /** Global patterns, one of which is found in every top-level declaration that holds a match; undefined: any may hold one. */
  triggers?: RegExp[];
}

const globalCopies = new WeakMap<RegExp, RegExp>();

/** `pattern` with the flag `g`, made once per pattern. */
function globally(pattern: RegExp): RegExp {
  if (pattern.global) return pattern;
  let copy = globalCopies.get(pattern);
  if (!copy) globalCopies.set(pattern, (copy = new RegExp(pattern.source, `${pattern.flags}g`)));
  return copy;
}

/** A global pattern of any of `triggers`, or undefined when one of them is missing. */
function anyOf(triggers: ReadonlyArray<RegExp | undefined>): RegExp | undefined {
  if (triggers.some((trigger) => !trigger)) return undefined;
  const sources = [...new Set(triggers.map((trigger) => `(?:${trigger!.source})`))];
  // A query with no pattern at all has no match anywhere.
  return new RegExp(sources.length > 0 ? sources.join('|') : '(?!)', 'gu');
}

/** Runs every enabled rule over a file, within a time budget. */
export class Analyzer {
  private full?: CombinedQuery;
  private forTests?: CombinedQuery;
  private readonly silencers = new Map<string, Set<string>>();
  private readonly fixGuard: FixGuard;

  constructor(
    private readonly language: Language,
    readonly rules: readonly Rule[],
  ) {
    this.fixGuard = new FixGuard(language);
    for (const rule of rules) this.silencers.set(rule.meta.id, suppressionNames(rule.meta.id, rule.meta.peers));
  }

  /**
   * Compiles the query now rather than on the first analysis. Test files get a query of their
   * own, without the rules that skip them, compiled when the first one comes.
   */
  prepare(): void {
    this.queryFor(false);
  }

  private queryFor(isTest: boolean): CombinedQuery {
    if (!isTest) return (this.full ??= new CombinedQuery(this.language, this.rules));
    return (this.forTests ??= new CombinedQuery(
      this.language,
      this.rules.filter((rule) => !rule.meta.skipsTests),
    ));
  }

  severityOf(rule: Rule, settings: AnalysisSettings): SeveritySetting {
    return settings.severities?.[rule.meta.id] ?? rule.meta.defaultSeverity;
  }

  /** Why a file is not analysed at all, whatever its tree: told from its text alone. */
  skipReason(text: string, settings: AnalysisSettings = {}): SkipReason | undefined {
    if (text.length > (settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return 'too-large';
    if (text.length > MAX_PARSED_CHARS) return 'too-large-to-parse';
    if (isGeneratedFile(text)) return 'generated';
    if (isBuildIgnored(text)) return 'build-ignored';
    return undefined;
  }

  analyze(file: SourceFile, index: PackageIndex, settings: AnalysisSettings = {}): AnalysisResult {
    const skipped = this.skipReason(file.text, settings);
    if (skipped) return { findings: [], skipped };

    const key = `${index.fingerprint}|${JSON.stringify(settings.severities ?? {})}`;
    const declarations = file.declarations;
    const stale: number[] = [];
    declarations.forEach((entry, i) => {
      if (!CACHEABLE.has(entry.type) || entry.analysis?.key !== key) stale.push(i);
    });
    try {
      withBudget(settings.budgetMs ?? DEFAULT_BUDGET_MS, () => this.runRules(file, index, settings, key, stale));
    } catch (error) {
      // Nothing of a file over budget is kept: its next analysis starts afresh.
      if (error instanceof OverBudget) return { findings: [], skipped: 'budget' };
      throw error;
    }

    const directives = findNolintDirectives(file.tree, file.lines);
    const kept: Finding[] = [];
    for (const entry of declarations) {
      const analysis = entry.analysis!;
      if (analysis.findings.length === 0 || analysis.hasError) continue;
      const reported = moved(analysis.findings as Finding[], analysis.at, entry.start).filter(
        (finding) => !isSuppressed(directives, finding.range.start.line, this.silencers.get(finding.rule)!),
      );
      kept.push(...mergeRepeats(reported));
    }
    if (index.isExampleCode) kept.forEach((finding, i) => (kept[i] = asExampleCode(finding)));
    kept.push(...this.staleSuppressions(directives, settings, file));
    return { findings: this.fixGuard.guard(withImportsCompleted(withoutRepeats(kept.sort(compareFindings)), file, index), file) };
  }

  /** A hint on each `//nolint:<our rule>` that silenced nothing, with a fix that removes it. */
  private staleSuppressions(directives: NolintDirective[], settings: AnalysisSettings, file: SourceFile): Finding[] {
    const active = new Set(this.rules.filter((rule) => this.severityOf(rule, settings) !== 'off').map((rule) => rule.meta.id));
    const findings: Finding[] = [];
    for (const directive of directives) {
      for (const { name, range } of unusedRuleNames(directive, active)) {
        findings.push({
          rule: name,
          range,
          severity: 'hint',
          unnecessary: true,
          message: {
            en: `\`//nolint:${name}\` suppresses nothing here; remove it so it cannot hide a later finding`,
            'zh-cn': `\`//nolint:${name}\` 在这里没有屏蔽任何问题；请删掉它，以免将来掩盖真正的问题`,
          },
          fixes: [{ title: { en: `Remove ${name} from the //nolint comment`, 'zh-cn': `从 //nolint 注释中删除 ${name}` }, edits: [removeName(directive, range, file)] }],
        });
      }
    }
    return findings;
  }

  /**
   * Runs the rules over the top-level entries that need it: one pass over the whole tree when
   * most do (a file just opened), one pass per entry when few do (a keystroke).
   */
  private runRules(file: SourceFile, index: PackageIndex, settings: AnalysisSettings, key: string, stale: number[]): void {
    const declarations = file.declarations;
    const root = file.tree.rootNode;
    const buckets = new Map<number, Finding[]>(stale.map((i) => [i, []]));
    if (stale.length > 0) {
      const combined = this.queryFor(file.isTest);
      const { ruleOfPattern, byMethod, methodNames } = combined;
      const { query, triggers } = combined.planFor(file.text, index);
      const types = new TypeResolver(file.uri, index);
      let current: Finding[] = [];
      const contexts = new Map<Rule, RuleContext | null>();
      /** The rule's context, or null when the rule is off. */
      const contextOf = (rule: Rule): RuleContext | null => {
        let context = contexts.get(rule);
        if (context === undefined) {
          const severity = this.severityOf(rule, settings);
          context = severity === 'off' ? null : { file, index, types, report: (r: Report) => current.push(toFinding(rule, severity, r)) };
          contexts.set(rule, context);
        }
        return context;
      };
      const run = (matches: QueryMatch[], owner: (node: Node) => number) => {
        for (const match of matches) {
          checkBudget();
          const rule = ruleOfPattern[match.patternIndex];
          const context = contextOf(rule);
          const bucket = context && buckets.get(owner(match.captures[0].node));
          if (!context || !bucket) continue;
          current = bucket;
          rule.check(match, context);
        }
      };
      /** The method calls some rule asks for between two offsets, each to the rules that asked. */
      const runMethodCalls = (cursor: TreeCursor, from: number, to: number, owner: (node: Node) => number) => {
        for (const { call, method } of methodCallsIn(cursor, file.text, from, to, methodNames)) {
          checkBudget();
          const bucket = buckets.get(owner(call));
          if (!bucket) continue;
          const routed = methodCallMatch(call, method);
          for (const routedRule of byMethod.get(method.text)!) {
            const context = contextOf(routedRule);
            if (!context) continue;
            current = bucket;
            routedRule.check(routed, context);
          }
        }
      };
      // The query stops when the deadline passes; what it found by then is not used.
      const matchesOf = (node: Node, range?: { startIndex: number; endIndex: number }) => {
        const matches = query.matches(node, { ...range, progressCallback: pastDeadline as (state: unknown) => void });
        checkBudget();
        return matches;
      };
      if (stale.length > declarations.length / 2) {
        // In slices of the file, so that the matches held at once stay few in a huge file
        // (all of a 50 MB file's matches at once exhausted WebAssembly's memory).
        const searched = triggers?.reduce<boolean[] | undefined>((found, trigger) => triggeredDeclarations(file.text, declarations, trigger, found), undefined);
        const cursor = root.walk();
        try {
          for (let first = 0; first < declarations.length; ) {
            let last = first;
            while (last + 1 < declarations.length && declarations[last + 1].endIndex - declarations[first].startIndex <= MATCH_SLICE_BYTES) last++;
            const [from, to] = [first, last];
            const owner = (node: Node) => {
              const i = entryAt(declarations, node.startIndex);
              return i >= from && i <= to ? i : -1;
            };
            // web-tree-sitter 0.27 hands startIndex/endIndex to tree-sitter as they are, where it
            // reads bytes of the UTF-16 text: twice the index. Should that be fixed, the slices
            // overlap and `owner` still keeps each match once. Only the runs of declarations
            // that hold a trigger are searched (in the Go standard library, 60% of the text).
            for (let start = from; start <= to; start++) {
              if (searched && !searched[start]) continue;
              let end = start;
              while (end < to && (!searched || searched[end + 1])) end++;
              run(matchesOf(root, { startIndex: 2 * declarations[start].startIndex, endIndex: 2 * declarations[end].endIndex }), owner);
              start = end;
            }
            runMethodCalls(cursor, declarations[first].startIndex, declarations[last].endIndex, owner);
            first = last + 1;
          }
        } finally {
          cursor.delete();
        }
      } else {
        for (const i of stale) {
          const node = root.child(i);
          if (!node) continue;
          if (!triggers || triggers.some((trigger) => holdsTrigger(file.text, declarations[i], trigger))) run(matchesOf(node), () => i);
          const cursor = node.walk();
          try {
            runMethodCalls(cursor, node.startIndex, node.endIndex, () => i);
          } finally {
            cursor.delete();
          }
        }
      }
    }
    for (const [i, findings] of buckets) {
      const entry = declarations[i];
      // Rules reason about whole functions (later assignments, every return path), so the
      // findings of a declaration that does not parse cleanly are guesses: they are dropped.
      const hasError = findings.length > 0 && (root.child(i)?.hasError ?? false);
      entry.analysis = { key, at: entry.start, findings, hasError };
    }
  }
}

function entryAt(declarations: readonly TopLevel[], offset: number): number {
  let low = 0;
  let high = declarations.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (offset < declarations[mid].startIndex) high = mid - 1;
    else if (offset >= declarations[mid].endIndex) low = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * Kinds of entry whose findings depend only on their own text and the package index, and so
 * are kept until the entry changes. Package-level variables are re-checked every time: a rule
 * may follow them into functions (a server configured in `main`).
 */
const CACHEABLE = new Set(['function_declaration', 'method_declaration', 'type_declaration', 'import_declaration', 'package_clause', 'comment']);

/**
 * Findings of an entry that moved from `from` to `to`. Positions before the entry (an import a
 * fix adds) stay: the text above a function does not change what is inside it, and a change to
 * the imports changes the index, which empties every cache.
 */
function moved(findings: Finding[], from: Position, to: Position): Finding[] {
  const lines = to.line - from.line;
  const columns = to.character - from.character;
  if (lines === 0 && columns === 0) return findings;
  const move = (p: Position): Position =>
    p.line < from.line || (p.line === from.line && p.character < from.character)
      ? p
      : { line: p.line + lines, character: p.line === from.line ? p.character + columns : p.character };
  const range = (r: Range): Range => ({ start: move(r.start), end: move(r.end) });
  return findings.map((finding) => ({
    ...finding,
    range: range(finding.range),
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: range(edit.range) })) })),
  }));
}

/** Removes one name from a `//nolint:a,b` list, or the whole comment when it is the only one. */
function removeName(directive: NolintDirective, range: Range, file: SourceFile): TextEdit {
  const line = directive.comment.start.line;
  if (directive.names.length > 1) {
    // The name with the comma before it, or (first in the list) with the comma after it;
    // spaces around the comma go too (`// nolint: a, b`).
    const text = file.lines.lineText(line);
    let start = range.start.character;
    let end = range.end.character;
    let before = start;
    while (text[before - 1] === ' ') before--;
    if (text[before - 1] === ',') start = before - 1;
    else {
      let after = end;
      while (text[after] === ' ') after++;
      if (text[after] === ',') for (end = after + 1; text[end] === ' '; ) end++;
    }
    return { range: { start: { line, character: start }, end: { line, character: end } }, newText: '' };
  }
  const text = file.lines.lineText(line);
  const commentStart = directive.comment.start.character;
  const commentEnd = commentStart + directive.comment.text.length;
  if (text.slice(0, commentStart).trim() === '') {
    // A directive on its own line: the line goes.
    return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  }
  const trimmedStart = text.slice(0, commentStart).trimEnd().length;
  return { range: { start: { line, character: trimmedStart }, end: { line, character: commentEnd } }, newText: '' };
}

/**
 * Each fix with the import it leaves unused removed (worked out here, after the cache, because
 * it depends on the whole file); a fix whose imports cannot be rewritten safely is withdrawn.
 * Worked out on first use of `fixes`: publishing diagnostics reads none, and completing every
 * fix's imports walks the whole tree (on a 5,000-line file, most of a keystroke's time). Whoever
 * keeps findings past the tree's life reads them first (`materializeFixes`).
 */
function withImportsCompleted(findings: Finding[], file: SourceFile, index: PackageIndex): Finding[] {
  const names = [...(index.imports(file.uri)?.byName.keys() ?? [])];
  const namesKey = names.join(' ');
  return findings.map((finding) => {
    // A finding of a declaration left as it was comes back as the same object (see `moved`): on a
    // keystroke, only the edited declaration's fixes are read again, unless the imports changed.
    let known = importTouches.get(finding);
    if (known?.names !== namesKey) importTouches.set(finding, (known = { names: namesKey, touches: finding.fixes.some((fix) => mayTouchImports(fix, file.lines, names)) }));
    if (!known.touches) return finding;
    const raw = finding.fixes;
    let completed: Fix[] | undefined;
    const lazy = { ...finding };
    Object.defineProperty(lazy, 'fixes', {
      enumerable: true,
      get: () => (completed ??= raw.flatMap((fix) => (mayTouchImports(fix, file.lines, names) ? (completeFix(file.tree, file.lines, fix) ?? []) : [fix]))),
    });
    return lazy;
  });
}

/** Whether a finding's fixes may change the imports, by the import names it was asked with. */
const importTouches = new WeakMap<Finding, { names: string; touches: boolean }>();

/** Works out every finding's fixes now, while the file's tree is alive. */
export function materializeFixes(result: AnalysisResult): AnalysisResult {
  for (const finding of result.findings) void finding.fixes;
  return result;
}

function toFinding(rule: Rule, severity: Severity, report: Report): Finding {
  const range = report.range ?? nodeRange(report.node!);
  const finding: Finding = { rule: rule.meta.id, range, message: report.message, severity: report.severity ?? severity, fixes: report.fixes ?? [] };
  if (report.unlessCallersFix) finding.unlessCallersFix = report.unlessCallersFix;
  if (report.ifFlagDefaults) finding.ifFlagDefaults = report.ifFlagDefaults;
  return finding;
}

export function nodeRange(node: Node): Range {
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

/**
 * One finding per point: the same message of the same rule on consecutive lines of one
 * declaration (`if err == ErrA || …` split over lines, three `Errorf`s in a row) is one finding,
 * on the first line, whose fixes cover them all. Findings whose fixes differ stay apart.
 */
export function mergeRepeats(findings: readonly Finding[]): Finding[] {
  const merged: { finding: Finding; lastLine: number }[] = [];
  for (const finding of [...findings].sort(compareFindings)) {
    const message = textIn(finding.message, 'en');
    let previous: { finding: Finding; lastLine: number } | undefined;
    for (let i = merged.length - 1; i >= 0 && !previous; i--) {
      const other = merged[i];
      if (other.finding.rule === finding.rule && textIn(other.finding.message, 'en') === message) previous = other;
    }
    const line = finding.range.start.line;
    if (previous && line === previous.lastLine + 1 && sameFixes(previous.finding, finding)) {
      const first = previous.finding;
      previous.finding = { ...first, fixes: first.fixes.map((fix, i) => ({ ...fix, edits: [...fix.edits, ...finding.fixes[i].edits] })) };
      previous.lastLine = line;
      continue;
    }
    merged.push({ finding, lastLine: line });
  }
  return merged.map((entry) => entry.finding);
}

function sameFixes(a: Finding, b: Finding): boolean {
  return a.fixes.length === b.fixes.length && a.fixes.every((fix, i) => textIn(fix.title, 'en') === textIn(b.fixes[i].title, 'en'));
}

/**
 * Drops a finding that repeats the one before it (same rule, start and message); sorted first,
 * so repeats are neighbours, and the sort is stable, so the first reported is the one kept.
 * No keys are built: this runs on every keystroke over every finding of the file.
 */
function withoutRepeats(sorted: Finding[]): Finding[] {
  return sorted.filter((finding, i) => {
    const before = sorted[i - 1];
    return (
      !before ||
      before.range.start.line !== finding.range.start.line ||
      before.range.start.character !== finding.range.start.character ||
      before.rule !== finding.rule ||
      textIn(before.message, 'en') !== textIn(finding.message, 'en')
    );
  });
}

/** Example code is not deployed: what would be a warning in a service is information there. */
function asExampleCode(finding: Finding): Finding {
  return finding.severity === 'warning' ? { ...finding, severity: 'information' } : finding;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.rule.localeCompare(b.rule) ||
    textIn(a.message, 'en').localeCompare(textIn(b.message, 'en'))
  );
}
