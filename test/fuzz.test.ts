// The bounded fuzz run of npm test: a few thousand editor edits, every edge case included, with
// the state compared to a fresh one throughout. `npm run fuzz` runs the long version.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fuzz, repositoryGoFiles } from './fuzz';
import { ROOT } from './helpers';

test('a few thousand edits keep the exact state: text, tree, diagnostics and code actions match a fresh start', async () => {
  const files = repositoryGoFiles(ROOT).filter((_, i) => i % 4 === 0);
  const report = await fuzz({ seed: 16, edits: 2000, files, checkEvery: 25 });
  const summary = JSON.stringify({ ...report, slow: report.slow.length }, null, 1);
  assert.equal(report.crashes, 0, summary);
  assert.deepEqual(report.protocolErrors, [], summary);
  assert.deepEqual(report.mismatches.slice(0, 5), [], summary);
  assert.deepEqual(report.staleEdits.slice(0, 5), [], summary);
  for (const kind of ['reversed-range', 'past-line-end', 'past-file-end', 'lone-cr', 'crlf', 'surrogate-split', 'no-changes', 'crlf-file', 'lone-cr-file', 'block-move', 'multi-cursor', 'whole-file', 'random-bytes', 'quick-fix', 'fix-all', 'reopen']) {
    assert.ok((report.kinds[kind] ?? 0) > 0, `no ${kind} edit in the run`);
  }
  // Fixes are applied only where a fixable finding is on screen at that moment: a few per hundred edits.
  assert.ok(report.fixesApplied >= 10 && report.checks >= 80, summary);
});
