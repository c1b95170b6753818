// `check --write-baseline` and `check` with a baseline, as a team adopting the checker uses them.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { BASELINE_FILE_NAME } from '../server/src/core/baseline';
import { runCli, SERVER_GO, STORE_GO } from './adoption-fixtures';
import { temporaryFolder } from './helpers';

/** A repository with two packages that have findings today. */
function legacyProject(): string {
  const root = temporaryFolder('gbg-baseline-');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'store'));
  mkdirSync(join(root, 'api'));
  writeFileSync(join(root, 'store/store.go'), STORE_GO);
  writeFileSync(join(root, 'api/server.go'), SERVER_GO);
  return root;
}

function reported(root: string, args: string[] = []): { rules: string[]; code: number | null; stderr: string } {
  const { code, stdout, stderr } = runCli(['check', '--format', 'json', '--severity', 'hint', ...args, '.'], root);
  const findings = JSON.parse(stdout).findings as { file: string; rule: string }[];
  return { rules: findings.map((f) => `${f.file} ${f.rule}`), code, stderr };
}

describe('baseline', () => {
  test('--write-baseline records every finding, sorted, and exits 0; check with it reports none', () => {
    const root = legacyProject();
    const everything = reported(root);
    assert.equal(everything.rules.length, 8);
    const written = runCli(['check', '--write-baseline', '.'], root);
    assert.deepEqual({ code: written.code, stdout: written.stdout }, { code: 0, stdout: '' });
    assert.match(written.stderr, /wrote 8 findings to \.go-backend-guide-baseline\.json/);
    assert.match(written.stderr, /add "baseline": "\.go-backend-guide-baseline\.json" to \.go-backend-guide\.json/);
    const text = readFileSync(join(root, BASELINE_FILE_NAME), 'utf8');
    const entries = JSON.parse(text).findings as { file: string; rule: string; declaration: string }[];
    assert.equal(JSON.parse(text).version, 1);
    assert.deepEqual(
      entries.map((e) => `${e.file} ${e.rule} ${e.declaration}`),
      entries.map((e) => `${e.file} ${e.rule} ${e.declaration}`).sort(),
    );
    assert.ok(entries.some((e) => e.file === 'store/store.go' && e.declaration === 'Store.Names'));
    runCli(['check', '--write-baseline', '.'], root);
    assert.equal(readFileSync(join(root, BASELINE_FILE_NAME), 'utf8'), text, 'writing again changes nothing');

    const checked = reported(root, ['--baseline', BASELINE_FILE_NAME]);
    assert.deepEqual({ rules: checked.rules, code: checked.code }, { rules: [], code: 0 });
    assert.equal(checked.stderr, 'go-backend-guide: 8 findings baselined\n');
  });

  test('only findings not in the baseline are reported, after edits that leave the old ones alone', () => {
    const root = legacyProject();
    runCli(['check', '--write-baseline', '.'], root);
    writeFileSync(join(root, '.go-backend-guide.json'), JSON.stringify({ baseline: BASELINE_FILE_NAME }));
    // Lines above, a function moved, a variable renamed, and one new leak.
    const edited = STORE_GO.replace('type Store', '// Store keeps users.\ntype Store')
      .replace(/\bnames\b/g, 'list')
      .concat('\nfunc (s *Store) Count() int {\n\trows, _ := s.db.Query("SELECT count(*) FROM users")\n\tvar n int\n\trows.Scan(&n)\n\treturn n\n}\n');
    writeFileSync(join(root, 'store/store.go'), edited);
    const { rules, code, stderr } = reported(root);
    assert.deepEqual(rules, ['store/store.go sql-rows-close']);
    assert.equal(code, 1);
    assert.equal(stderr, 'go-backend-guide: 8 findings baselined\n');
  });

  test('a changed flagged line comes back; fixed findings are counted, and --write-baseline drops them', () => {
    const root = legacyProject();
    writeFileSync(join(root, '.go-backend-guide.json'), JSON.stringify({ baseline: 'ci/baseline.json' }));
    mkdirSync(join(root, 'ci'));
    const written = runCli(['check', '--write-baseline', '.'], root);
    assert.match(written.stderr, /wrote 8 findings to ci\/baseline\.json\n$/, 'the configured baseline is the one written');
    assert.match(readFileSync(join(root, 'ci/baseline.json'), 'utf8'), /"file": "\.\.\/store\/store\.go"/);
    writeFileSync(
      join(root, 'store/store.go'),
      STORE_GO.replace('fmt.Errorf("query: %v", err)', 'fmt.Errorf("listing users: %v", err)').replace('fmt.Errorf("scan: %v", err)', 'fmt.Errorf("scan: %w", err)'),
    );
    const { rules, stderr } = reported(root);
    assert.deepEqual(rules, ['store/store.go errorf-wrap']);
    assert.equal(stderr, 'go-backend-guide: 6 findings baselined; 2 baselined findings no longer there (--write-baseline drops them)\n');
    const rewritten = runCli(['check', '--write-baseline', '.'], root);
    assert.equal(rewritten.stderr, 'go-backend-guide: wrote 7 findings to ci/baseline.json; 2 findings no longer there dropped\n');
    assert.deepEqual(reported(root).rules, []);
  });

  test('writing a baseline for some paths keeps the entries of the others, but not of deleted files', () => {
    const root = legacyProject();
    runCli(['check', '--write-baseline', '.'], root);
    writeFileSync(join(root, 'api/server.go'), SERVER_GO.replace(', MaxHeaderBytes: 8 << 10', ''));
    runCli(['check', '--write-baseline', 'api'], root);
    const files = () => (JSON.parse(readFileSync(join(root, BASELINE_FILE_NAME), 'utf8')).findings as { file: string }[]).map((e) => e.file);
    assert.equal(files().filter((file) => file === 'store/store.go').length, 7);
    assert.equal(files().filter((file) => file === 'api/server.go').length, 2);
    rmSync(join(root, 'store/store.go'));
    runCli(['check', '--write-baseline', 'api'], root);
    assert.deepEqual([...new Set(files())], ['api/server.go']);
  });

  test('a baseline that is missing, broken or of another version stops the run with exit 2', () => {
    const root = legacyProject();
    const missing = runCli(['check', '--baseline', 'nope.json', '.'], root);
    assert.deepEqual({ code: missing.code, stdout: missing.stdout }, { code: 2, stdout: '' });
    assert.match(missing.stderr, /cannot read the baseline .*nope\.json: no such file or folder \(write one with --write-baseline\)/);
    writeFileSync(join(root, '.go-backend-guide.json'), '{ "baseline": "broken.json" }');
    writeFileSync(join(root, 'broken.json'), '{ "version": 7, "findings": [] }');
    const broken = runCli(['check', '.'], root);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /the baseline .*broken\.json is not usable: unknown baseline version 7/);
  });

  test('options that contradict each other are usage errors', () => {
    const root = legacyProject();
    for (const [args, message] of [
      [['--write-baseline', '--new-from-rev', 'HEAD'], /does not combine with --new-from-rev/],
      [['--write-baseline', '--fix'], /does not combine with --fix or --diff/],
      [['--new-from-rev', 'HEAD', '--new-from-patch', 'x.diff'], /give one/],
      [['--write-baseline='], /--write-baseline= needs a value/],
    ] as const) {
      const { code, stderr } = runCli(['check', ...args, '.'], root);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, message);
      assert.match(stderr, /Usage:/);
    }
  });

  test('--write-baseline=FILE names the file; a bare --write-baseline leaves the PATH after it alone', () => {
    const root = legacyProject();
    const named = runCli(['check', '--write-baseline=ci.json', 'api'], root);
    assert.equal(named.code, 0);
    assert.equal((JSON.parse(readFileSync(join(root, 'ci.json'), 'utf8')).findings as unknown[]).length, 1);
    assert.equal(runCli(['check', '--baseline', 'ci.json', 'api'], root).code, 0);
    assert.equal(runCli(['check', '--baseline', 'ci.json', '--severity', 'hint', '.'], root).code, 1, 'store/ is not in it');
  });
});
