// `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
// annotations on the pull request's diff in any repository (no code scanning needed).
import { textIn, type MessageLanguage } from '../core/findings';
import { ruleById } from '../rules/registry';
import type { Located } from './report';

const COMMAND: Record<string, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function formatGithub(findings: readonly Located[], language: MessageLanguage): string {
  return findings
    .map((f) => {
      const title = `${ruleById(f.rule)?.meta.title[language] ?? f.rule} (${f.rule})`;
      const properties = { file: f.file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title };
      const listed = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
      return `::${COMMAND[f.severity]} ${listed.join(',')}::${escapeData(textIn(f.message, language))}\n`;
    })
    .join('');
}

/** The runner's escaping for a command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The runner's escaping for a property value: the message's, plus the separators `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
