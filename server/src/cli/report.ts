import { textIn, type Finding, type MessageLanguage, type Text } from '../core/findings';
import type { LineIndex } from '../core/text';

/** A finding located for people and machines: 1-based lines, 1-based byte columns (Go's convention). */
export interface Located {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  severity: string;
  message: Text;
}

export function locate(file: string, finding: Finding, lines: LineIndex): Located {
  const byteColumn = (line: number, character: number) => Buffer.byteLength(lines.lineText(line).slice(0, character), 'utf8') + 1;
  const { start, end } = finding.range;
  return {
    file,
    line: start.line + 1,
    column: byteColumn(start.line, start.character),
    endLine: end.line + 1,
    endColumn: byteColumn(end.line, end.character),
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
  };
}

export function compareLocated(a: Located, b: Located): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}

export function formatText(findings: readonly Located[], language: MessageLanguage): string {
  return findings.map((f) => `${f.file}:${f.line}:${f.column}: ${textIn(f.message, language)} (${f.rule})\n`).join('');
}

export function formatJson(findings: readonly Located[], language: MessageLanguage): string {
  const ordered = findings.map(({ file, line, column, endLine, endColumn, rule, severity, message }) => ({
    file,
    line,
    column,
    endLine,
    endColumn,
    rule,
    severity,
    message: textIn(message, language),
  }));
  return `${JSON.stringify({ findings: ordered }, null, 2)}\n`;
}
