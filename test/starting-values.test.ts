// A fix of starting values (a semaphore's size, a timeout) is offered but is the author's call:
// never marked preferred, left out of "Fix all" and of `--fix`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { codeActionsFor, fixAllAction, toDiagnostic } from '../server/src/lsp/protocol';
import { ruleById } from '../server/src/rules/registry';
import { checkerFor, ROOT, temporaryFolder } from './helpers';

const FANOUT = `package jobs

import "sync"

func sendAll(ids []int64, send func(int64)) {
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			send(id)
		}()
	}
	wg.Wait()
}
`;

test('a starting-value fix is offered, not preferred, and not part of Fix all', async () => {
  const rule = ruleById('goroutine-in-loop')!;
  const checker = await checkerFor([rule]);
  const uri = 'file:///jobs/send.go';
  const [finding] = checker.checkPackage([{ uri, text: FANOUT }], '1.22').get(uri)!.findings;
  assert.equal(finding.fixes.length, 1);
  assert.equal(finding.fixes[0].preferred, false);
  const document = checker.openDocument(uri, FANOUT);
  const version = { uri, version: 1, lines: document.lines, tree: document.tree, versioned: false };
  const actions = codeActionsFor(version, finding, [finding], 'en', toDiagnostic(finding, rule, 'en', document.lines));
  const fix = actions.find((action) => action.title.startsWith('Limit the goroutines'));
  assert.ok(fix?.edit, 'the fix is offered');
  assert.notEqual(fix.isPreferred, true);
  assert.equal(fixAllAction(version, [finding]), undefined);
  document.dispose();
});

test('--fix leaves a starting-value fix out and still reports the finding', () => {
  const root = temporaryFolder('gbg-start-');
  mkdirSync(join(root, 'jobs'));
  writeFileSync(join(root, 'jobs/go.mod'), 'module example.com/jobs\n\ngo 1.22\n');
  writeFileSync(join(root, 'jobs/send.go'), FANOUT);
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--fix', '--severity', 'information', 'jobs'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.match(result.stdout, /\(goroutine-in-loop\)/);
  assert.equal(readFileSync(join(root, 'jobs/send.go'), 'utf8'), FANOUT);
});
