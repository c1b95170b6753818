import type { Node, QueryMatch, Tree } from 'web-tree-sitter';
import type { TopLevel } from './declarations';
import type { CalledParameter, Fix, Severity, Text } from './findings';
import type { PackageIndex } from './package-index';
import type { LineIndex, Range } from './text';
import type { TypeResolver } from './type-resolver';

export type Chapter =
  | 'http-servers'
  | 'http-clients'
  | 'databases'
  | 'context'
  | 'concurrency'
  | 'errors'
  | 'observability'
  | 'security'
  | 'frameworks';

export interface RuleDocs {
  /** Markdown, in the shape described in docs/CONTRIBUTING-RULES.md. */
  en: string;
  'zh-cn': string;
}

export interface RuleMeta {
  /** Stable public id: the folder name, the diagnostic code, the `//nolint:` name. */
  id: string;
  /** Short noun phrase shown in lists and as the guide section title. */
  title: { en: string; 'zh-cn': string };
  chapter: Chapter;
  defaultSeverity: Severity | 'off';
  /** Names other linters use for the same pitfall; `//nolint:<peer>` silences this rule. */
  peers: readonly string[];
  /** Whether the rule offers an automatic fix. */
  fixable: boolean;
  /** The rule never reports in test files (see `SourceFile.isTest`): they are not searched for it. */
  skipsTests?: boolean;
  /**
   * The harm takes a process that keeps running: a hang, something that builds up over hours, a
   * server without limits. In code only command-line tools run (see core/programs), its warnings
   * are information. Harm that grows with the work itself (a leak per row, a goroutine per item)
   * or that concerns security does not qualify.
   */
  longRunning?: boolean;
  docs: RuleDocs;
}

/** The file being analysed, as rules see it. */
export interface SourceFile {
  uri: string;
  text: string;
  tree: Tree;
  lines: LineIndex;
  /** A `_test.go` file, or a file of a test-support package (`httptest`). */
  isTest: boolean;
  packageName: string;
  /** The children of the root, as the document keeps them across edits. */
  declarations: TopLevel[];
}

export interface Report {
  /** The node to underline; or give `range`. */
  node?: Node;
  range?: Range;
  /** One line: the defect and the remedy. Give both languages (`{ en, 'zh-cn' }`) for the hover and Problems panel. */
  message: Text;
  /** Overrides the rule's severity for this finding (e.g. a milder variant). */
  severity?: Severity;
  fixes?: Fix[];
  /** See `Finding.unlessCallersFix`. */
  unlessCallersFix?: CalledParameter[];
  /** See `Finding.ifFlagDefaults`. */
  ifFlagDefaults?: { severity: Severity; message: Text };
}

export interface RuleContext {
  file: SourceFile;
  index: PackageIndex;
  types: TypeResolver;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /** Tree-sitter query source (the rule's `query.scm`); each match is passed to `check`. */
  query?: string;
  /**
   * Names of the methods whose calls (`x.Name(…)`) the rule looks at. Each such call is passed to
   * `check` as a match with the captures `call`, `callee` (the selector), `operand`, `method` and
   * `arguments`. One query pattern finds the calls of every rule, routed by name: far cheaper
   * than a pattern per rule, each matching every method call of the file.
   */
  methods?: readonly string[];
  /**
   * Found (in Unicode mode) in the text of every top-level declaration that holds a match of
   * `query`: the keyword or operator its patterns start from (`wholeNames('go')` for a
   * `(go_statement)`). The query skips the declarations where no rule's trigger is found; a rule
   * with a query and no trigger has every declaration searched, unless each of its patterns
   * names a word it needs with `#eq?` or `#any-of?` (see `requiredWords`). A trigger that misses
   * a match loses findings: each is checked on the rules' testdata (test/query-gates.test.ts).
   */
  queryTrigger?: RegExp;
  /**
   * A narrower trigger for one package, from its index: found in every top-level declaration
   * that holds a *finding* of the rule (not every match). It replaces `queryTrigger` there, and
   * the rule's testdata is what shows it loses nothing (a bad fixture's finding outside it fails).
   * error-compare: a comparison reports only with a sentinel's name or an `.Error()` in it,
   * which most declarations with an `==` never spell.
   */
  queryTriggerFor?(index: PackageIndex): RegExp;
  /**
   * Whether `query` can find anything in the package: false leaves its patterns out of the
   * search (the response-wrapper calls, in a package that sees no wrapper). A package of the
   * Go standard library then spends nothing on a pattern that matches every `a, b := f()`.
   */
  queryWanted?(index: PackageIndex): boolean;
  check(match: QueryMatch, context: RuleContext): void;
}

/** The node of a capture, or undefined when the match did not capture it. */
export function capture(match: QueryMatch, name: string): Node | undefined {
  return match.captures.find((c) => c.name === name)?.node;
}
