// `--fix` and `--diff`: every finding's preferred fix, applied the way an editor would.
import { writeFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import type { GoChecker } from '../checker';
import type { AnalysisSettings } from '../core/analyzer';
import { applyEdits, nonOverlappingEdits } from '../core/edits';
import { LineIndex } from '../core/text';
import { checkFiles, type CheckOutcome, type FolderJob } from './check';

/** Fixes can overlap (two in one statement); each pass applies what does not, then re-checks. */
const MAX_PASSES = 3;

export interface FixOutcome {
  /** The check of the fixed texts: what is left for people to do. */
  remaining: CheckOutcome;
  /** Original and fixed text of every file a fix changed. */
  changed: Map<string, { shown: string; before: string; after: string }>;
}

export async function fixFiles(checker: GoChecker, jobs: readonly FolderJob[], settings: AnalysisSettings, cwd: string): Promise<FixOutcome> {
  const texts = new Map<string, string>();
  const changed = new Map<string, { shown: string; before: string; after: string }>();
  let outcome = await checkFiles(checker, jobs, settings, cwd);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let applied = false;
    for (const file of outcome.files) {
      const edits = nonOverlappingEdits(file.findings.filter((f) => f.fixes.length > 0).flatMap((f) => f.fixes[0].edits));
      if (edits.length === 0) continue;
      const after = applyEdits(file.text, edits, new LineIndex(file.text));
      if (after === file.text) continue;
      texts.set(file.path, after);
      const entry = changed.get(file.path) ?? { shown: file.shown, before: file.text, after };
      entry.after = after;
      changed.set(file.path, entry);
      applied = true;
    }
    if (!applied) break;
    outcome = await checkFiles(checker, jobs, settings, cwd, { overrides: texts });
  }
  return { remaining: outcome, changed };
}

export async function writeFixes(changed: FixOutcome['changed']): Promise<string[]> {
  const errors: string[] = [];
  for (const [path, { shown, after }] of changed) {
    try {
      await writeFile(path, after);
    } catch (error) {
      errors.push(`${shown}: cannot write the fix: ${(error as Error).message}`);
    }
  }
  return errors;
}

/** A unified diff per changed file, as `git diff` prints them (a/ and b/ prefixes). */
export function formatDiff(changed: FixOutcome['changed']): string {
  return [...changed.values()]
    .sort((a, b) => (a.shown < b.shown ? -1 : 1))
    .map(({ shown, before, after }) => createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, { context: 3 }).replace(/^=+\n/, ''))
    .join('');
}
