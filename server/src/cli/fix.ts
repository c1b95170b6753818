// `--fix` and `--diff`: every finding's preferred fix, applied the way an editor would.
import { writeFile } from 'node:fs/promises';
import { createTwoFilesPatch } from 'diff';
import type { GoChecker } from '../checker';
import type { AnalysisSettings } from '../core/analyzer';
import { combineFixes } from '../core/combine-fixes';
import { applyEdits } from '../core/edits';
import { preferredFix, type Fix } from '../core/findings';
import { checkFiles, type CheckOutcome, type FolderJob } from './check';

/** Fixes can overlap (two in one statement); each pass applies those that do not, then re-checks. */
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
  // Its text has U+FFFD where the bytes were not UTF-8: writing it back would change them all.
  const notUtf8 = outcome.files.filter((file) => file.notUtf8 && file.findings.some((f) => preferredFix(f) !== undefined));
  const notices = notUtf8.map((file) => `${file.shown}: not fixed: it is not valid UTF-8 (rewriting it would replace those bytes)`);
  const skipped = new Set(notUtf8.map((file) => file.path));
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let applied = false;
    for (const file of outcome.files) {
      if (skipped.has(file.path)) continue;
      const fixes = file.findings.map(preferredFix).filter((fix): fix is Fix => fix !== undefined);
      if (fixes.length === 0) continue;
      const document = checker.openDocument(file.path, file.text);
      const { edits } = combineFixes(document.tree, document.lines, fixes);
      const after = applyEdits(file.text, edits, document.lines);
      document.dispose();
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
  outcome.notices.push(...notices);
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
