// `--format gitlab`: a GitLab Code Quality report (artifacts:reports:codequality), which GitLab
// shows in merge requests. Its fingerprint is ours, so GitLab tells new findings from old ones.
import { textIn, type Finding, type MessageLanguage } from '../core/findings';
import type { Identity } from './adoption';
import type { CheckedFile } from './check';

/** GitLab's levels: info, minor, major, critical, blocker. */
const SEVERITY: Record<string, string> = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' };

export function formatGitlab(files: readonly CheckedFile[], identities: ReadonlyMap<Finding, Identity>, language: MessageLanguage): string {
  const issues = [...files]
    .sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0))
    .flatMap((file) =>
      file.findings
        .filter((finding) => !identities.get(finding)?.baselined)
        .map((finding) => ({
          type: 'issue',
          description: textIn(finding.message, language),
          check_name: finding.rule,
          fingerprint: identities.get(finding)!.fingerprint,
          severity: SEVERITY[finding.severity],
          location: { path: file.shown, lines: { begin: finding.range.start.line + 1, end: finding.range.end.line + 1 } },
        })),
    );
  return `${JSON.stringify(issues, null, 2)}\n`;
}
