// Fixes are applied blind (`--fix`, "Fix all"), so every fixture's fix is held to what a reviewer
// would check by hand: the result parses, gofmt leaves it alone when it left the input alone,
// its imports are right, and the finding it fixes is gone. Each fix is tried on its own (a code
// action) and all preferred fixes together (what `--fix` applies in one pass).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { SourceText } from '../server/src/checker';
import type { AnalysisSettings } from '../server/src/core/analyzer';
import { combineFixes } from '../server/src/core/combine-fixes';
import { applyEdits } from '../server/src/core/edits';
import { preferredFix, textIn, type Finding } from '../server/src/core/findings';
import type { Rule } from '../server/src/core/rule';
import { LineIndex } from '../server/src/core/text';
import { RULES } from '../server/src/rules/registry';
import { gofmtAll, gofmtDiff } from './gofmt';
import { importProblems } from './go-imports';
import { checkerFor, packageDirectories, readPackage, RULES_DIR } from './helpers';

/** The golden text beside a fixture, or its own text when it has none. */
function goldenOf(file: SourceText): string {
  const path = `${fileURLToPath(file.uri)}.golden`;
  return existsSync(path) ? readFileSync(path, 'utf8') : file.text;
}

/** Fixture files kept unformatted on purpose (a one-line loop) start with this name. */
const UNFORMATTED = /^unformatted/;

interface Candidate {
  label: string;
  file: SourceText;
  fixed: string;
  /** The finding that must be gone (one fix alone), or every fixed finding (all together). */
  fixedFindings: Finding[];
}

for (const rule of RULES.filter((r) => r.meta.fixable)) {
  describe(`${rule.meta.id}: fixes are safe to apply blind`, () => {
    for (const directory of packageDirectories(join(RULES_DIR, rule.meta.id, 'testdata'))) {
      const label = directory.slice(join(RULES_DIR, rule.meta.id, 'testdata').length + 1) || 'testdata';
      test(`${label}: each fix alone and all together parse, stay gofmt-clean, keep imports right and remove their finding`, async () => {
        const checker = await checkerFor([rule]);
        const { files, goVersion, module } = readPackage(directory);
        const results = checker.checkPackage(files, goVersion, enabled(rule), module);
        const candidates: Candidate[] = [];
        for (const file of files) {
          const findings = results.get(file.uri)!.findings.filter((f) => f.rule === rule.meta.id && f.fixes.length > 0);
          if (findings.length === 0) continue;
          const lines = new LineIndex(file.text);
          const name = basename(fileURLToPath(file.uri));
          for (const finding of findings) {
            finding.fixes.forEach((fix, i) => {
              const where = `${name}:${finding.range.start.line + 1} fix ${i + 1} (${textIn(fix.title, 'en')})`;
              candidates.push({ label: where, file, fixed: applyEdits(file.text, fix.edits, lines), fixedFindings: [finding] });
            });
          }
          const document = checker.openDocument(file.uri, file.text);
          const preferred = findings.filter((f) => preferredFix(f));
          const together = combineFixes(document.tree, lines, preferred.map((f) => preferredFix(f)!));
          document.dispose();
          candidates.push({ label: `${name}: all preferred fixes`, file, fixed: applyEdits(file.text, together.edits, lines), fixedFindings: together.applied.map((i) => preferred[i]) });
        }
        // A bad fixture whose golden differs from it promises a fix; one whose golden is the same
        // text (a peer's cases the fix cannot reach) promises none.
        const promisesFixes = files.some((f) => basename(f.uri).startsWith('bad') && goldenOf(f) !== f.text);
        assert.ok(candidates.length > 0 || !promisesFixes, 'a fixable rule has fixes in its bad fixtures');

        const inputs = gofmtAll(new Map(files.map((f) => [f.uri, f.text])));
        for (const file of files) {
          const name = basename(fileURLToPath(file.uri));
          if (UNFORMATTED.test(name) || !candidates.some((c) => c.file === file)) continue;
          assert.equal(inputs.get(file.uri)!.unformatted, false, `${name} is a fixture with fixes: keep it gofmt-clean (or name it unformatted*.go)\n${gofmtDiff(file.text)}`);
        }
        const outputs = gofmtAll(new Map(candidates.map((c, i) => [String(i), c.fixed])));
        const declared = new Set(
          files.flatMap((f) => {
            const document = checker.openDocument(f.uri, f.text);
            const names = checker.summarize(document).funcs.map((fn) => fn.name);
            document.dispose();
            return names;
          }),
        );
        const problems: string[] = [];
        candidates.forEach((candidate, i) => {
          const before = checker.openDocument(candidate.file.uri, candidate.file.text);
          const after = checker.openDocument(candidate.file.uri, candidate.fixed);
          try {
            if (after.tree.rootNode.hasError) problems.push(`${candidate.label}: the fixed text does not parse`);
            const verdict = outputs.get(String(i))!;
            if (verdict.syntaxErrors) problems.push(`${candidate.label}: gofmt cannot parse the fixed text: ${verdict.syntaxErrors}`);
            else if (verdict.unformatted && !inputs.get(candidate.file.uri)!.unformatted) {
              problems.push(`${candidate.label}: gofmt would change the fixed text:\n${gofmtDiff(candidate.fixed)}`);
            }
            for (const problem of importProblems(before.tree, after.tree, declared)) problems.push(`${candidate.label}: ${problem}`);
            const again = checker.checkPackage(
              files.map((f) => (f === candidate.file ? { uri: f.uri, text: candidate.fixed } : f)),
              goVersion,
              enabled(rule),
              module,
            );
            const left = messageCounts(again.get(candidate.file.uri)!.findings, rule);
            const had = messageCounts(results.get(candidate.file.uri)!.findings, rule);
            for (const [message, fixed] of messageCounts(candidate.fixedFindings, rule)) {
              if ((left.get(message) ?? 0) > had.get(message)! - fixed) problems.push(`${candidate.label}: re-checked, still reports: ${message}`);
            }
          } finally {
            before.dispose();
            after.dispose();
          }
        });
        assert.deepEqual(problems, []);
      });
    }
  });
}

/** A rule switched on: one shipped off (opt-in) is tested at information severity. */
function enabled(rule: Rule): AnalysisSettings {
  return { severities: { [rule.meta.id]: rule.meta.defaultSeverity === 'off' ? 'information' : rule.meta.defaultSeverity } };
}

/** How many findings of `rule` carry each English message. */
function messageCounts(findings: readonly Finding[], rule: Rule): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.rule === rule.meta.id) counts.set(textIn(f.message, 'en'), (counts.get(textIn(f.message, 'en')) ?? 0) + 1);
  return counts;
}
