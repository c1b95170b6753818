// The report formats of `check --format`, in one place: which exist, which need fingerprints, and
// which writer prints each.
import type { MessageLanguage } from '../core/findings';
import type { Rule } from '../core/rule';
import type { Adopted } from './adoption';
import { formatCheckstyle } from './checkstyle';
import { formatGithub } from './github';
import { formatGitlab } from './gitlab';
import { formatJson, formatText } from './report';
import { formatSarif } from './sarif';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'checkstyle', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}

/** Formats that carry each finding's fingerprint, so CI systems can track it across commits. */
export function needsFingerprints(format: Format): boolean {
  return format === 'sarif' || format === 'gitlab';
}

export function formatReport(format: Format, report: Adopted, context: { rules: readonly Rule[]; version: string; cwd: string; language: MessageLanguage }): string {
  const { outcome, identities } = report;
  switch (format) {
    case 'text':
      return formatText(outcome.findings, context.language);
    case 'json':
      return formatJson(outcome.findings, context.language);
    case 'sarif':
      return formatSarif(outcome.files, context.rules, context.version, context.cwd, context.language, identities && { identities, baselineInUse: report.baselineInUse });
    case 'github':
      return formatGithub(outcome.findings, context.language);
    case 'checkstyle':
      return formatCheckstyle(outcome.findings, context.language);
    case 'gitlab':
      return formatGitlab(outcome.files, identities ?? new Map(), context.language);
  }
}
