import { Query, type Language, type Node } from 'web-tree-sitter';
import type { Finding, Severity, SeveritySetting } from './findings';
import { isGeneratedFile } from './generated';
import type { PackageIndex } from './package-index';
import type { Report, Rule, RuleContext, SourceFile } from './rule';
import { findNolintDirectives, isSuppressed, suppressionNames } from './suppression';
import type { Range } from './text';
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

  analyze(file: SourceFile, index: PackageIndex, settings: AnalysisSettings = {}): AnalysisResult {
    if (file.text.length > (settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES)) return { findings: [], skipped: 'too-large' };
    if (isGeneratedFile(file.text)) return { findings: [], skipped: 'generated' };

    const findings: Finding[] = [];
    const types = new TypeResolver(file.uri, index);
    const contexts = new Map<Rule, RuleContext>();
    const contextFor = (rule: Rule, severity: Severity): RuleContext => {
      let context = contexts.get(rule);
      if (!context) {
        const report = (r: Report) => findings.push(toFinding(rule, severity, r));
        context = { file, index, types, report };
        contexts.set(rule, context);
      }
      return context;
    };

    for (const match of this.query.matches(file.tree.rootNode)) {
      const rule = this.ruleOfPattern[match.patternIndex];
      const severity = this.severityOf(rule, settings);
      if (severity === 'off') continue;
      rule.check(match, contextFor(rule, severity));
    }
    if (findings.length === 0) return { findings };

    const directives = findNolintDirectives(file.tree, file.lines);
    const kept = findings.filter(
      (finding) =>
        !insideBrokenCode(file.tree.rootNode, finding.range) &&
        !isSuppressed(directives, finding.range.start.line, this.silencers.get(finding.rule)!),
    );
    return { findings: dedupe(kept).sort(compareFindings) };
  }
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

/**
 * Rules reason about whole functions (later assignments, every return path), so a finding in a
 * top-level declaration that does not parse cleanly is a guess: drop it until the code parses.
 */
function insideBrokenCode(root: Node, range: Range): boolean {
  let node: Node | null = root.descendantForPosition({ row: range.start.line, column: range.start.character });
  while (node?.parent && node.parent.type !== 'source_file') node = node.parent;
  return node?.hasError ?? false;
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
