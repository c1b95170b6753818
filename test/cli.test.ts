// The command-line checker as CI runs it: formats, exit codes and bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ROOT } from './helpers';

const BAD_SERVER = `package api

import nethttp "net/http"

func Serve() error {
	return (&nethttp.Server{Addr: ":80"}).ListenAndServe()
}
`;

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'gbg-cli-'));
  mkdirSync(join(root, 'api'));
  writeFileSync(join(root, 'api/server.go'), BAD_SERVER);
  writeFileSync(join(root, 'api/clean.go'), 'package api\n\nfunc ok() {}\n');
  for (const skipped of ['vendor/x', 'testdata', 'node_modules/y', '.git/z']) {
    mkdirSync(join(root, skipped), { recursive: true });
    writeFileSync(join(root, skipped, 'bad.go'), BAD_SERVER);
  }
  return root;
}

describe('go-backend-guide check', () => {
  test('text: path:line:col: message (rule), exit 1, skipped folders not walked', () => {
    const root = project();
    const { code, stdout, stderr } = run(['check', '.'], root);
    assert.equal(stderr, '');
    assert.equal(code, 1);
    assert.match(stdout, /^api\/server\.go:6:11: http\.Server has no read, write or idle timeout, .* \(http-server-timeouts\)\n$/);
  });

  test('json: every finding with 1-based positions relative to the working directory', () => {
    const root = project();
    const { code, stdout } = run(['check', '--format', 'json', 'api'], root);
    assert.equal(code, 1);
    const { findings } = JSON.parse(stdout) as { findings: Record<string, unknown>[] };
    assert.equal(findings.length, 1);
    assert.deepEqual(Object.keys(findings[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message']);
    assert.deepEqual(
      { ...findings[0], message: undefined },
      { file: 'api/server.go', line: 6, column: 11, endLine: 6, endColumn: 25, rule: 'http-server-timeouts', severity: 'warning', message: undefined },
    );
  });

  test('a clean folder exits 0 with no output', () => {
    const root = project();
    const { code, stdout, stderr } = run(['check', 'api/clean.go'], root);
    assert.deepEqual({ code, stdout, stderr }, { code: 0, stdout: '', stderr: '' });
  });

  test('a file named explicitly is checked even inside a skipped folder', () => {
    const root = project();
    assert.equal(run(['check', 'testdata/bad.go'], root).code, 1);
  });

  test('a missing path and a non-Go file are reported, the rest still checked, exit 2', () => {
    const root = project();
    writeFileSync(join(root, 'notes.txt'), 'hello');
    const { code, stdout, stderr } = run(['check', 'missing', 'notes.txt', 'api'], root);
    assert.equal(code, 2);
    assert.match(stdout, /api\/server\.go:6:11:/);
    assert.match(stderr, /missing: no such file or folder/);
    assert.match(stderr, /notes\.txt: not a Go file/);
  });

  test('an unreadable .go file is named with the reason, exit 2', () => {
    const root = project();
    symlinkSync(join(root, 'nowhere.go'), join(root, 'api/dangling.go'));
    const { code, stdout, stderr } = run(['check', 'api'], root);
    assert.equal(code, 2);
    assert.match(stdout, /api\/server\.go:6:11:/);
    assert.equal(stderr, 'go-backend-guide: api/dangling.go: cannot read: no such file or folder\n');
  });

  test('a binary .go file is refused clearly, exit 2', () => {
    const root = project();
    writeFileSync(join(root, 'api/blob.go'), Buffer.from([0x70, 0x61, 0x00, 0xff, 0x13]));
    const { code, stderr } = run(['check', 'api/blob.go'], root);
    assert.equal(code, 2);
    assert.match(stderr, /api\/blob\.go: not a text file/);
  });

  test('a file over the size limit is skipped with a notice', () => {
    const root = project();
    const { code, stdout, stderr } = run(['check', '--max-file-size', '50', 'api/server.go'], root);
    assert.deepEqual({ code, stdout }, { code: 0, stdout: '' });
    assert.match(stderr, /api\/server\.go: skipped, larger than the size limit \(50 bytes\)/);
  });

  test('a folder with no Go files warns on stderr and exits 0', () => {
    const root = mkdtempSync(join(tmpdir(), 'gbg-empty-'));
    writeFileSync(join(root, 'README.md'), '# nothing here');
    const { code, stdout, stderr } = run(['check', '.'], root);
    assert.deepEqual({ code, stdout }, { code: 0, stdout: '' });
    assert.match(stderr, /warning: no \.go files in \./);
  });

  test('usage errors exit 2 and print the usage', () => {
    const root = project();
    for (const args of [[], ['frobnicate'], ['check'], ['check', '--format', 'xml', '.'], ['check', '--bogus', '.']]) {
      const { code, stderr } = run(args, root);
      assert.equal(code, 2, `exit code of ${args.join(' ')}`);
      assert.match(stderr, /Usage:/);
    }
  });
});
