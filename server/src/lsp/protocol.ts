import {
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type Diagnostic,
  type Hover,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Tree } from 'web-tree-sitter';
import { combineFixes } from '../core/combine-fixes';
import { nonOverlappingEdits } from '../core/edits';
import { NOLINT_LIST } from '../core/suppression';
import { preferredFix, textIn, type Finding, type Fix, type Severity, type TextEdit } from '../core/findings';
import type { Rule } from '../core/rule';
import { comparePositions, rangeContains, type LineIndex } from '../core/text';
import { ruleGuideUrl, ruleSummary, type GuideLanguage } from '../guide/chapters';

export const SOURCE = 'go-backend-guide';
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const SHOW_DOCUMENTATION_COMMAND = 'go-backend-guide.showDocumentation';
export { CHECK_FILES_REQUEST } from './requests';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * One version of a document as the protocol sees it: findings and edits are computed in its Go
 * lines and leave in the editor's; edits name the version when the client accepts that, so an
 * editor refuses them once the text has moved on instead of applying them in the wrong place.
 */
export interface DocumentVersion {
  uri: string;
  version: number;
  lines: LineIndex;
  /** The tree of this version, for fixes combined with their imports. */
  tree: Tree;
  /** The client takes `documentChanges` (versioned text document edits). */
  versioned: boolean;
}

export function toDiagnostic(finding: Finding, rule: Rule, language: GuideLanguage, lines: LineIndex): Diagnostic {
  return {
    range: lines.toEditorRange(finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleGuideUrl(rule, language) },
    source: SOURCE,
    message: textIn(finding.message, language),
    ...(finding.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  };
}

export function hoverFor(findings: readonly Finding[], rules: (id: string) => Rule | undefined, language: GuideLanguage, lines: LineIndex): Hover | undefined {
  if (findings.length === 0) return undefined;
  const more = language === 'zh-cn' ? '在指南中阅读' : 'Read more in the guide';
  const sections = findings.map((finding) => {
    const rule = rules(finding.rule)!;
    return [
      `**${rule.meta.title[language]}** \`${rule.meta.id}\``,
      ruleSummary(rule, language),
      `[${more} →](${ruleGuideUrl(rule, language)})`,
    ].join('\n\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: lines.toEditorRange(findings[0].range) };
}

/** Findings that a code action request's range touches, or that the client sent as context (editor positions). */
export function findingsAt(findings: readonly Finding[], range: Range, diagnostics: readonly Diagnostic[], lines: LineIndex): Finding[] {
  const { start, end } = lines.fromEditorRange(range);
  return findings.filter(
    (finding) =>
      diagnostics.some((d) => d.code === finding.rule && sameRange(d.range, lines.toEditorRange(finding.range))) ||
      (comparePositions(finding.range.start, end) <= 0 && comparePositions(start, finding.range.end) <= 0),
  );
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

/** Findings under an editor position. */
export function findingsContaining(findings: readonly Finding[], position: Range['start'], lines: LineIndex): Finding[] {
  const at = lines.fromEditor(position);
  return findings.filter((finding) => rangeContains(finding.range, { start: at, end: at }));
}

/**
 * Code actions in vscode-eslint's order: each fix (the first preferred), fix all of the rule in
 * the file, suppress on this line, show documentation.
 */
export function codeActionsFor(document: DocumentVersion, finding: Finding, all: readonly Finding[], language: GuideLanguage, diagnostic: Diagnostic): CodeAction[] {
  const { uri, lines } = document;
  const zh = language === 'zh-cn';
  const actions: CodeAction[] = finding.fixes.map((fix, i) => ({
    title: textIn(fix.title, language),
    kind: CodeActionKind.QuickFix,
    isPreferred: i === 0 && fix.preferred !== false,
    diagnostics: [diagnostic],
    edit: workspaceEdit(document, fix.edits),
  }));
  // A stale suppression only needs removing: no fix-all, no suppressing it, no guide.
  if (finding.unnecessary) return actions;
  const sameRule = all.filter((other) => other.rule === finding.rule && preferredFix(other) && !other.unnecessary);
  if (sameRule.length > 1) {
    actions.push({
      title: zh ? `修复本文件中所有 ${finding.rule} 问题` : `Fix all ${finding.rule} problems in this file`,
      kind: CodeActionKind.QuickFix,
      edit: workspaceEdit(document, combineFixes(document.tree, lines, sameRule.map((other) => preferredFix(other)!)).edits),
    });
  }
  actions.push({
    title: zh ? `在此行屏蔽 ${finding.rule}` : `Suppress ${finding.rule} on this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(document, [suppressEdit(finding, lines)]),
  });
  const fileEdit = suppressInFileEdit(finding.rule, lines);
  if (fileEdit) {
    actions.push({
      title: zh ? `在本文件中屏蔽 ${finding.rule}` : `Suppress ${finding.rule} in this file`,
      kind: CodeActionKind.QuickFix,
      edit: workspaceEdit(document, [fileEdit]),
    });
  }
  actions.push({
    title: zh ? `查看 ${finding.rule} 的说明` : `Show documentation for ${finding.rule}`,
    kind: CodeActionKind.QuickFix,
    command: { title: 'Show documentation', command: SHOW_DOCUMENTATION_COMMAND, arguments: [finding.rule, uri] },
  });
  return actions;
}

/** `source.fixAll`: the preferred fix of every finding that has one. */
export function fixAllAction(document: DocumentVersion, findings: readonly Finding[]): CodeAction | undefined {
  const { edits } = combineFixes(
    document.tree,
    document.lines,
    findings.map(preferredFix).filter((fix): fix is Fix => fix !== undefined),
  );
  if (edits.length === 0) return undefined;
  return { title: 'Fix all Go Backend Guide problems', kind: FIX_ALL_KIND, edit: workspaceEdit(document, edits) };
}

/**
 * `//nolint:<id>` for the finding's line: appended to a `//nolint:` list already there, at the
 * end of the line when it has no comment, or on its own line above when it has one.
 */
export function suppressEdit(finding: Finding, lines: LineIndex): { range: Range; newText: string } {
  const line = finding.range.start.line;
  const text = lines.lineText(line);
  const existing = NOLINT_LIST.exec(text);
  if (existing) {
    const at = { line, character: existing.index + existing[0].length };
    return { range: { start: at, end: at }, newText: `,${finding.rule}` };
  }
  if (!text.includes('//')) {
    const at = { line, character: text.length };
    return { range: { start: at, end: at }, newText: ` //nolint:${finding.rule}` };
  }
  const indent = /^\s*/.exec(text)![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}//nolint:${finding.rule}\n` };
}

/** `//nolint:<id>` right above the package clause, which golangci-lint reads as the whole file. */
export function suppressInFileEdit(rule: string, lines: LineIndex): { range: Range; newText: string } | undefined {
  for (let line = 0; line < lines.lineCount; line++) {
    if (!/^package\s/.test(lines.lineText(line))) continue;
    const above = line > 0 ? lines.lineText(line - 1) : '';
    const existing = above.startsWith('//') ? NOLINT_LIST.exec(above) : null;
    if (existing) {
      const at = { line: line - 1, character: existing[0].length };
      return { range: { start: at, end: at }, newText: `,${rule}` };
    }
    const at = { line, character: 0 };
    return { range: { start: at, end: at }, newText: `//nolint:${rule}\n` };
  }
  return undefined;
}

/** The edits, none overlapping another, in the editor's positions and for this version of the text. */
export function workspaceEdit(document: DocumentVersion, edits: readonly TextEdit[]): WorkspaceEdit {
  const { uri, version, lines } = document;
  const inEditor = nonOverlappingEdits(edits).map((edit) => ({ range: lines.toEditorRange(edit.range), newText: edit.newText }));
  return document.versioned ? { documentChanges: [{ textDocument: { uri, version }, edits: inEditor }] } : { changes: { [uri]: inEditor } };
}
