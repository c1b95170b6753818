// `--format sarif`: SARIF 2.1.0 as GitHub code scanning and other SARIF viewers read it.
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { textIn, type Finding, type MessageLanguage, type Severity, type TextEdit } from '../core/findings';
import type { Rule } from '../core/rule';
import { FINGERPRINT_KEY } from '../core/fingerprint';
import type { Range } from '../core/text';
import { ruleGuideUrl, ruleSummary } from '../guide/chapters';
import type { Identity } from './adoption';
import type { CheckedFile } from './check';

const LEVEL: Record<Severity | 'off', 'error' | 'warning' | 'note' | 'none'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
  off: 'none',
};

const SRCROOT = '%SRCROOT%';

/** How findings relate to a baseline: fingerprints always, baseline states when one is in use. */
export interface SarifIdentities {
  identities: ReadonlyMap<Finding, Identity>;
  baselineInUse: boolean;
}

export function formatSarif(
  files: readonly CheckedFile[],
  rules: readonly Rule[],
  version: string,
  cwd: string,
  language: MessageLanguage = 'en',
  identified?: SarifIdentities,
): string {
  const ruleIndex = new Map(rules.map((rule, i) => [rule.meta.id, i]));
  const results: Result[] = [];
  for (const file of [...files].sort((a, b) => (a.shown < b.shown ? -1 : 1))) {
    for (const finding of file.findings) results.push({ ...toResult(finding, file, ruleIndex.get(finding.rule)!, language), ...baselineFields(finding, identified) });
  }
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'go-backend-guide',
            version,
            informationUri: 'https://github.com/go-backend-guide/go-backend-guide',
            rules: rules.map((rule) => toDescriptor(rule, language)),
          },
        },
        // Our columns are UTF-16 code units, as in LSP; SARIF's default is code points.
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toDescriptor(rule: Rule, language: MessageLanguage): ReportingDescriptor {
  const doc = rule.meta.docs[language].trim();
  return {
    id: rule.meta.id,
    name: rule.meta.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.title[language] },
    fullDescription: { text: ruleSummary(rule, language).replace(/`/g, '') },
    help: { text: doc.replace(/`/g, ''), markdown: doc },
    helpUri: ruleGuideUrl(rule, language),
    defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity], enabled: rule.meta.defaultSeverity !== 'off' },
    properties: { tags: [rule.meta.chapter, ...rule.meta.peers], precision: 'high' },
  };
}

function toResult(finding: Finding, file: CheckedFile, ruleIndex: number, language: MessageLanguage): Result {
  const artifactLocation = { uri: encodeURI(file.shown), uriBaseId: file.shown.startsWith('/') ? undefined : SRCROOT };
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: textIn(finding.message, language) },
    locations: [{ physicalLocation: { artifactLocation, region: region(finding.range) } }],
    fixes: finding.fixes.map((fix) => ({
      description: { text: textIn(fix.title, language) },
      artifactChanges: [{ artifactLocation, replacements: fix.edits.map(replacement) }],
    })),
  };
}

/**
 * The fingerprint lets code scanning follow a finding when lines move. With a baseline, findings
 * in it are kept as `unchanged` and suppressed externally (the baseline file is the suppression),
 * the others are `new`. Baselined findings that are gone are not written as `absent` results:
 * code scanning reads no baselineState and would open an alert for each, with no line to show.
 */
function baselineFields(finding: Finding, identified: SarifIdentities | undefined): Partial<Result> {
  const identity = identified?.identities.get(finding);
  if (!identity) return {};
  const fields: Partial<Result> = { partialFingerprints: { [FINGERPRINT_KEY]: identity.fingerprint } };
  if (!identified!.baselineInUse) return fields;
  fields.baselineState = identity.baselined ? 'unchanged' : 'new';
  if (identity.baselined) fields.suppressions = [{ kind: 'external', justification: 'accepted in the baseline file' }];
  return fields;
}

/** SARIF regions are 1-based; an empty region (an insertion point) has end equal to start. */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function replacement(edit: TextEdit) {
  return { deletedRegion: region(edit.range), insertedContent: { text: edit.newText } };
}
