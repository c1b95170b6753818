// The baseline file: the findings a team has accepted for now, so that only new ones are
// reported. Written sorted, one finding a line, so it diffs and merges well in review; read the
// same way by the CLI and the language server.

export const BASELINE_FILE_NAME = '.go-backend-guide-baseline.json';
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  /** Relative to the baseline file's folder, with `/`. */
  file: string;
  rule: string;
  /** The enclosing top-level declaration, for people reading the file; the fingerprint decides. */
  declaration: string;
  fingerprint: string;
}

export interface Baseline {
  entries: BaselineEntry[];
  fingerprints: ReadonlySet<string>;
}

const FIELDS = ['file', 'rule', 'declaration', 'fingerprint'] as const;

export function createBaseline(entries: readonly BaselineEntry[]): Baseline {
  const sorted = [...entries].sort(compareEntries);
  return { entries: sorted, fingerprints: new Set(sorted.map((entry) => entry.fingerprint)) };
}

/** The baseline in a file's text, or what is wrong with it. */
export function parseBaseline(text: string): { baseline: Baseline } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'a baseline is a JSON object with "version" and "findings"' };
  const { version, findings } = value as { version?: unknown; findings?: unknown };
  if (version !== BASELINE_VERSION) return { problem: `unknown baseline version ${JSON.stringify(version)} (this go-backend-guide reads version ${BASELINE_VERSION}; write it again with --write-baseline)` };
  if (!Array.isArray(findings)) return { problem: '"findings" must be an array' };
  const entries: BaselineEntry[] = [];
  for (const [i, item] of findings.entries()) {
    const entry = item as Record<string, unknown>;
    const missing = FIELDS.find((field) => typeof entry?.[field] !== 'string');
    if (missing) return { problem: `finding ${i + 1} has no "${missing}" string` };
    entries.push({ file: entry.file as string, rule: entry.rule as string, declaration: entry.declaration as string, fingerprint: entry.fingerprint as string });
  }
  return { baseline: createBaseline(entries) };
}

export function formatBaseline(baseline: Baseline): string {
  const lines = baseline.entries.map((entry) => `    { ${FIELDS.map((field) => `${JSON.stringify(field)}: ${JSON.stringify(entry[field])}`).join(', ')} }`);
  return `{\n  "version": ${BASELINE_VERSION},\n  "findings": [${lines.length > 0 ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

/** Code-point order, the same on every machine and locale. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  for (const field of FIELDS) if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  return 0;
}
