// The command-line checker as CI runs it: formats, exit codes and bad input.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../server/src/rules/registry';
import { ROOT, temporaryFolder } from './helpers';

const BAD_SERVER = `package api

import nethttp "net/http"

func Serve() error {
	return (&nethttp.Server{Addr: ":80", MaxHeaderBytes: 8 << 10}).ListenAndServe()
}
`;

/** A file whose finding has a preferred fix that needs an import. */
const FIXABLE = `package files

import (
	"net/http"
	"os"
)

func Serve(w http.ResponseWriter, name string) {
	f, err := os.Open(name)
	if err == os.ErrNotExist {
		http.NotFound(w, nil)
		return
	}
	_ = f.Close()
}
`;

function run(args: string[], cwd: string) {
  // A hang (a read that never ends) fails the test instead of stalling the run.
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function project(): string {
  const root = temporaryFolder('gbg-cli-');
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

  test('example code is told by its import path: information below examples/ or in `module example`, not for a checkout folder named examples', () => {
    const root = temporaryFolder('gbg-examples-');
    const files: Record<string, string> = {
      'examples/go.mod': 'module github.com/acme/shop\n\ngo 1.22\n',
      'examples/api/server.go': BAD_SERVER,
      'examples/examples/basic/server.go': BAD_SERVER,
      'examples/tutorial/go.mod': 'module example\n',
      'examples/tutorial/server.go': BAD_SERVER,
      'examples/examples/oidc/go.mod': 'module oidc\n',
      'examples/examples/oidc/server.go': BAD_SERVER,
      'examples/tools/go.mod': 'module tools\n',
      'examples/tools/server.go': BAD_SERVER,
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const { code, stdout } = run(['check', '--format', 'json', '.'], root);
    assert.equal(code, 1);
    const { findings } = JSON.parse(stdout) as { findings: { file: string; severity: string }[] };
    assert.deepEqual(
      findings.map((finding) => [finding.file, finding.severity]),
      [
        ['examples/api/server.go', 'warning'],
        ['examples/examples/basic/server.go', 'information'],
        ['examples/examples/oidc/server.go', 'information'],
        ['examples/tools/server.go', 'warning'],
        ['examples/tutorial/server.go', 'information'],
      ],
    );
  });

  test('a clean folder exits 0 with no output', () => {
    const root = project();
    const { code, stdout, stderr } = run(['check', 'api/clean.go'], root);
    assert.deepEqual({ code, stdout, stderr }, { code: 0, stdout: '', stderr: '' });
  });

  test('a file path with ./ or .. reports exactly what the plain path does', () => {
    const root = project();
    const plain = run(['check', 'api/server.go'], root);
    assert.equal(plain.code, 1);
    for (const [args, cwd] of [
      [['check', './api/server.go'], root],
      [['check', 'api/../api/./server.go'], root],
      [['check', './api/server.go', 'api/server.go'], root],
    ] as const) {
      assert.deepEqual(run([...args], cwd), plain, args.join(' '));
    }
    const inside = run(['check', 'server.go'], join(root, 'api'));
    assert.equal(inside.code, 1);
    assert.deepEqual(run(['check', './server.go'], join(root, 'api')), inside);
    assert.deepEqual(run(['check', '../api/server.go'], join(root, 'api')), inside);
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
    assert.match(stderr, /api\/server\.go: skipped: it is larger than the size limit \(50 bytes\)/);
  });

  test('a named pipe, a device or a socket named .go is never read: named on stderr, exit 2, the rest checked', () => {
    const root = project();
    assert.equal(spawnSync('mkfifo', [join(root, 'api/pipe.go')]).status, 0);
    symlinkSync('/dev/zero', join(root, 'api/zero.go'));
    mkdirSync(join(root, 'api/folder.go'));
    const walked = run(['check', 'api'], root);
    assert.equal(walked.code, 2);
    assert.match(walked.stdout, /^api\/server\.go:6:11:/);
    assert.equal(
      walked.stderr,
      'go-backend-guide: api/pipe.go: not read: it is a named pipe, not a regular file\ngo-backend-guide: api/zero.go: not read: it is a device, not a regular file\n',
    );
    const named = run(['check', 'api/pipe.go', 'api/server.go'], root);
    assert.equal(named.code, 2);
    assert.match(named.stdout, /^api\/server\.go:6:11:/);
    assert.equal(named.stderr, 'go-backend-guide: api/pipe.go: not read: it is a named pipe, not a regular file\n');
  });

  test('the size limit applies before reading: a 3 GB file is skipped, not read', () => {
    const root = project();
    const handle = openSync(join(root, 'api/huge.go'), 'w');
    ftruncateSync(handle, 3 * 2 ** 30); // sparse: no disk space, but reading it would take 3 GB
    closeSync(handle);
    const { code, stdout, stderr } = run(['check', 'api'], root);
    assert.equal(code, 1);
    assert.match(stdout, /^api\/server\.go:6:11:/);
    assert.equal(stderr, 'go-backend-guide: api/huge.go: skipped: it is larger than the size limit (2097152 bytes)\n');
  });

  test('a file larger than the parser takes is skipped with the reason, even with --max-file-size raised', () => {
    const root = project();
    // 9 MiB of Go: more than the 8 MiB that are ever parsed (a 50 MB file used to exhaust memory: exit 3).
    writeFileSync(join(root, 'api/generated_big.go'), `package api\n\n${'var _ = 1 // padding\n'.repeat(9 * 2 ** 20 / 21)}`);
    const { code, stdout, stderr } = run(['check', '--max-file-size', '100000000', 'api'], root);
    assert.equal(code, 1);
    assert.match(stdout, /^api\/server\.go:6:11:/);
    assert.equal(stderr, 'go-backend-guide: api/generated_big.go: skipped: it is larger than 8388608 bytes, the most the parser takes (it needs about 35 bytes of memory for each)\n');
  });

  test('a folder with no Go files warns on stderr and exits 0', () => {
    const root = temporaryFolder('gbg-empty-');
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

describe('go-backend-guide check for pipelines', () => {
  test('--format sarif validates against the SARIF 2.1.0 schema, with rules, regions and fixes', async () => {
    // The official schema is draft-04; ajv needs its draft-04 flavour for it.
    const { default: Ajv } = await import('ajv-draft-04');
    const { default: addFormats } = await import('ajv-formats');
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema has a pattern that is not valid with the u flag ('-[a-zA-Z]{2}]?').
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const root = project();
    const { code, stdout } = run(['check', '--format', 'sarif', '.'], root);
    assert.equal(code, 1);
    // Shape checked by the schema above; the fields read below are asserted one by one.
    const log = JSON.parse(stdout) as { runs: any[] };
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const [run0] = log.runs;
    assert.deepEqual(run0.tool.driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.meta.id));
    for (const rule of run0.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\/.+\/docs\/guide\/en\/\d\d-[a-z-]+\.md#/);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.markdown);
    }
    assert.equal(run0.results.length, 1);
    const [result] = run0.results;
    assert.equal(result.ruleId, 'http-server-timeouts');
    assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'http-server-timeouts');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 6, startColumn: 11, endLine: 6, endColumn: 25 });
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'api/server.go');
    assert.ok(result.fixes[0].artifactChanges[0].replacements.length > 0);
  });

  test('--diff prints the fixes as a unified diff, writes nothing and exits 1', () => {
    const root = project();
    mkdirSync(join(root, 'files'));
    writeFileSync(join(root, 'files/open.go'), FIXABLE);
    const { code, stdout } = run(['check', '--diff', 'files'], root);
    assert.equal(code, 1);
    assert.match(stdout, /^--- a\/files\/open\.go\n\+\+\+ b\/files\/open\.go\n@@ /);
    assert.match(stdout, /^\+\t"errors"$/m);
    assert.match(stdout, /^\+\tif errors\.Is\(err, os\.ErrNotExist\) \{$/m);
    assert.equal(readFileSync(join(root, 'files/open.go'), 'utf8'), FIXABLE);
  });

  test('--fix writes the preferred fixes; a second check is clean', () => {
    const root = project();
    mkdirSync(join(root, 'files'));
    writeFileSync(join(root, 'files/open.go'), FIXABLE);
    const { code, stdout } = run(['check', '--fix', 'files'], root);
    assert.deepEqual({ code, stdout }, { code: 0, stdout: '' });
    const fixed = readFileSync(join(root, 'files/open.go'), 'utf8');
    assert.match(fixed, /^import \(\n\t"errors"\n\t"net\/http"\n\t"os"\n\)$/m);
    assert.match(fixed, /\tif errors\.Is\(err, os\.ErrNotExist\) \{\n/);
    assert.equal(run(['check', 'files'], root).code, 0);
  });

  test('--fix leaves starting values to the author: the server without timeouts is still reported', () => {
    const root = project();
    const { code, stdout } = run(['check', '--fix', 'api'], root);
    assert.equal(code, 1);
    assert.match(stdout, /\(http-server-timeouts\)/);
    assert.equal(readFileSync(join(root, 'api/server.go'), 'utf8'), BAD_SERVER);
  });

  test('by default only warnings and errors fail the run; information and hints still print', () => {
    const root = temporaryFolder('gbg-cli-');
    writeFileSync(
      join(root, 'tuned.go'),
      'package api\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nvar srv = &http.Server{ReadHeaderTimeout: time.Second, ReadTimeout: time.Second, WriteTimeout: time.Second, IdleTimeout: time.Second}\n',
    );
    const { code, stdout } = run(['check', '.'], root);
    assert.match(stdout, /\(http-max-header-bytes\)/);
    assert.equal(code, 0);
    assert.equal(run(['check', '--severity', 'hint', '.'], root).code, 1);
  });

  test('--fix and --diff never rewrite a file that is not valid UTF-8: its findings are reported, the file is named', () => {
    const root = project();
    mkdirSync(join(root, 'files'));
    writeFileSync(join(root, 'files/open.go'), FIXABLE);
    // "café" in Latin-1: the é is one byte, 0xE9, which is not UTF-8.
    const latin1 = Buffer.from(FIXABLE.replace('func Serve', '// caf\u00e9\nfunc ServeLatin1'), 'latin1');
    writeFileSync(join(root, 'files/latin1.go'), latin1);
    const diff = run(['check', '--diff', 'files'], root);
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /^--- a\/files\/open\.go\n/);
    assert.doesNotMatch(diff.stdout, /latin1\.go/);
    assert.match(diff.stderr, /files\/latin1\.go: not fixed: it is not valid UTF-8/);
    const fixed = run(['check', '--fix', '--severity', 'information', 'files'], root);
    assert.equal(fixed.code, 1);
    assert.match(fixed.stdout, /^files\/latin1\.go:\d+:\d+: .*\(error-compare\)\n$/);
    assert.match(fixed.stderr, /files\/latin1\.go: not fixed: it is not valid UTF-8/);
    assert.deepEqual(readFileSync(join(root, 'files/latin1.go')), latin1);
    assert.match(readFileSync(join(root, 'files/open.go'), 'utf8'), /errors\.Is\(err, os\.ErrNotExist\)/);
  });

  test('--severity sets the lowest severity that fails the run', () => {
    const root = project();
    assert.equal(run(['check', '--severity', 'warning', 'api'], root).code, 1);
    const { code, stdout } = run(['check', '--severity', 'error', 'api'], root);
    assert.equal(code, 0);
    assert.match(stdout, /\(http-server-timeouts\)/);
    assert.equal(run(['check', '--severity', 'fatal', 'api'], root).code, 2);
  });

  test('--list-rules lists every rule; --explain prints a rule\'s doc and guide link', () => {
    const root = project();
    const listed = run(['--list-rules'], root);
    assert.equal(listed.code, 0);
    assert.deepEqual(listed.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]), RULES.map((r) => r.meta.id));
    const explained = run(['--explain', 'sql-rows-close'], root);
    assert.equal(explained.code, 0);
    assert.match(explained.stdout, /^sql-rows-close: /);
    assert.match(explained.stdout, /### Why it matters/);
    assert.match(explained.stdout, /Guide: https:\/\/.+03-databases\.md#sql-rows-close\n$/);
    assert.equal(run(['--explain', 'no-such-rule'], root).code, 2);
  });

  test('--lang zh-cn speaks Chinese: messages, titles, explanations and SARIF', () => {
    const root = project();
    const checked = run(['check', '--lang', 'zh-cn', 'api/server.go'], root);
    assert.equal(checked.code, 1);
    assert.match(checked.stdout, /^api\/server\.go:\d+:\d+: .*[\u4e00-\u9fff].* \(http-server-timeouts\)$/m);
    assert.match(run(['--list-rules', '--lang=zh-cn'], root).stdout, /http-server-timeouts\s+warning\s+fix\s+HTTP 服务器未设置超时/);
    const explained = run(['--explain', 'sql-rows-close', '--lang', 'zh-cn'], root).stdout;
    assert.match(explained, /### 为什么重要/);
    assert.match(explained, /指南: https:\/\/.+\/zh-cn\/03-databases\.md#sql-rows-close\n$/);
    const sarif = JSON.parse(run(['check', '--format', 'sarif', '--lang', 'zh-cn', 'api/server.go'], root).stdout);
    assert.match(sarif.runs[0].results[0].message.text, /[\u4e00-\u9fff]/);
    const refused = run(['check', '--lang', 'fr', 'api'], root);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--lang must be en or zh-cn, not "fr"/);
  });
});

test("Go's ./... names the folder and everything below it", () => {
  const root = project();
  const { code, stdout } = run(['check', './...'], root);
  assert.equal(code, 1);
  assert.match(stdout, /^api\/server\.go:6:11:/);
});

test('.gitignore is respected when walking, from the repository root down; named files still count', () => {
  const root = project();
  mkdirSync(join(root, '.git'), { recursive: true });
  mkdirSync(join(root, 'gen/deep'), { recursive: true });
  mkdirSync(join(root, 'api/local'), { recursive: true });
  writeFileSync(join(root, '.gitignore'), 'gen/\n*_generated.go\n');
  writeFileSync(join(root, 'api/.gitignore'), 'local/\n');
  for (const file of ['gen/deep/x.go', 'api/zz_generated.go', 'api/local/y.go']) writeFileSync(join(root, file), BAD_SERVER);
  const walked = run(['check', 'api', 'gen'], root);
  assert.equal(walked.code, 1);
  assert.deepEqual(walked.stdout.trim().split('\n').map((line) => line.split(':')[0]), ['api/server.go']);
  assert.match(walked.stderr, /no \.go files in gen/);
  assert.equal(run(['check', 'api/zz_generated.go'], root).code, 1);
});

test('worker threads give the same output, in the same order, as one thread', () => {
  const root = temporaryFolder('gbg-jobs-');
  for (let folder = 0; folder < 12; folder++) {
    mkdirSync(join(root, `pkg${folder}`));
    for (let file = 0; file < 3; file++) {
      writeFileSync(join(root, `pkg${folder}`, `f${file}.go`), BAD_SERVER.replace('func Serve()', `func Serve${file}()`).replace('package api', `package pkg${folder}`));
    }
  }
  const one = run(['check', '--jobs', '1', '--format', 'json', '.'], root);
  const two = run(['check', '--jobs', '2', '--format', 'json', '.'], root);
  assert.equal(one.code, 1);
  assert.equal(JSON.parse(one.stdout).findings.length, 36);
  assert.deepEqual({ code: two.code, stdout: two.stdout, stderr: two.stderr }, { code: one.code, stdout: one.stdout, stderr: one.stderr });
});

describe('the configuration file', () => {
  test('severities, excludes and the size limit apply; the nearest file wins', () => {
    const root = project();
    mkdirSync(join(root, '.git'), { recursive: true });
    mkdirSync(join(root, 'api/gen'));
    writeFileSync(join(root, 'api/gen/x.go'), BAD_SERVER);
    writeFileSync(join(root, '.go-backend-guide.json'), JSON.stringify({ rules: { 'http-server-timeouts': 'error' }, exclude: ['api/gen/**'] }));
    const { code, stdout } = run(['check', '--format', 'json', '.'], root);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout).findings.map((f: { file: string; severity: string }) => `${f.file} ${f.severity}`), ['api/server.go error']);
    writeFileSync(join(root, 'api/.go-backend-guide.json'), '{ "rules": { "http-server-timeouts": "off" } }');
    assert.deepEqual(run(['check', '.'], root).stdout, '');
  });

  test('an invalid file is reported with positions, the valid parts apply, exit 2', () => {
    const root = project();
    writeFileSync(join(root, '.go-backend-guide.json'), '{\n  "rules": { "http-server-timeouts": "error", "no-such-rule": "off", "sql-rows-close": "loud" },\n  "colour": true\n}\n');
    const { code, stdout, stderr } = run(['check', 'api'], root);
    assert.equal(code, 2);
    assert.match(stdout, /api\/server\.go:6:11: /);
    assert.match(stderr, /\.go-backend-guide\.json:2:47: unknown rule "no-such-rule"/);
    assert.match(stderr, /\.go-backend-guide\.json:2:88: the severity of sql-rows-close must be one of error, warning, information, hint, off/);
    assert.match(stderr, /\.go-backend-guide\.json:3:3: unknown setting "colour"/);
    writeFileSync(join(root, '.go-backend-guide.json'), '{ "rules": ');
    const broken = run(['check', 'api'], root);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /not valid JSON/);
    assert.match(broken.stdout, /api\/server\.go:6:11: /);
  });

  test('--config names the file; a missing one is a usage error', () => {
    const root = project();
    writeFileSync(join(root, 'strict.json'), '{ "rules": { "http-server-timeouts": "off" } }');
    assert.deepEqual(run(['check', '--config', 'strict.json', 'api'], root).code, 0);
    const missing = run(['check', '--config', 'nope.json', 'api'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the configuration file nope\.json/);
  });
});

test('on a terminal, progress goes to stderr and is wiped before the findings', { skip: spawnSync('script', ['--version']).status !== 0 && 'needs script(1) for a pseudo-terminal' }, () => {
  const root = project();
  const cli = join(ROOT, 'bin/go-backend-guide.js');
  // script(1) runs the CLI on a pseudo-terminal, so stderr.isTTY is true as for a person.
  const result = spawnSync('script', ['-qec', `"${process.execPath}" "${cli}" check api`, '/dev/null'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 1);
  assert.match(result.stdout, /\r\x1b\[K/);
  assert.match(result.stdout, /api\/server\.go:6:11: /);
});
