// `--new-from-rev` and `--new-from-patch` on a throwaway git repository made here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from './adoption-fixtures';
import { temporaryFolder } from './helpers';

const HANDLERS_GO = `package handlers

import (
	"database/sql"
	"net/http"
)

func Users(db *sql.DB) ([]string, error) {
	rows, err := db.Query("SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var names []string
	for rows.Next() {
		var name string
		_ = rows.Scan(&name)
		names = append(names, name)
	}
	return names, nil
}

func Fetch(url string) (*http.Response, error) {
	return http.Get(url)
}

func Count(db *sql.DB) (int, error) {
	rows, err := db.Query("SELECT count(*) FROM users")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int
	for rows.Next() {
		_ = rows.Scan(&n)
	}
	return n, rows.Err()
}
`;

/** The package passes contexts elsewhere, so a function without one is worth a note (context-propagation). */
const PING_GO = `package handlers

import (
	"context"
	"database/sql"
)

func Ping(ctx context.Context, db *sql.DB) error {
	return db.PingContext(ctx)
}
`;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

/** A repository whose first commit has findings in Users (rows never closed, rows.Err unchecked, no context), Fetch and Count. */
function repository(): string {
  const root = temporaryFolder('gbg-newcode-');
  git(root, 'init', '-q');
  mkdirSync(join(root, 'handlers'));
  writeFileSync(join(root, 'handlers/handlers.go'), HANDLERS_GO);
  writeFileSync(join(root, 'handlers/ping.go'), PING_GO);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'first');
  return root;
}

function findings(root: string, args: string[]): { found: string[]; code: number | null; stderr: string } {
  const { code, stdout, stderr } = runCli(['check', '--format', 'json', '--severity', 'hint', ...args, '.'], root);
  assert.ok(stdout, stderr);
  return { found: (JSON.parse(stdout).findings as { file: string; line: number; rule: string }[]).map((f) => `${f.file}:${f.line} ${f.rule}`), code, stderr };
}

/** Fetch changes (a line of it, not the flagged one); Count loses its `defer rows.Close()`; Users is untouched. */
const CHANGED = HANDLERS_GO.replace('\treturn http.Get(url)', '\turl = url + "?v=2"\n\treturn http.Get(url)').replace('\tdefer rows.Close()\n', '');

describe('--new-from-rev', () => {
  test('reports findings in changed declarations only, and says how many it left out', () => {
    const root = repository();
    assert.equal(findings(root, []).found.length, 5, 'Users has three findings, Fetch and Count one each');
    writeFileSync(join(root, 'handlers/handlers.go'), CHANGED);
    git(root, 'commit', '-q', '-am', 'second');
    const { found, code, stderr } = findings(root, ['--new-from-rev', 'HEAD~1']);
    assert.deepEqual(found, ['handlers/handlers.go:24 http-client-timeout', 'handlers/handlers.go:28 sql-rows-close', 'handlers/handlers.go:28 context-propagation']);
    assert.equal(code, 1);
    assert.equal(stderr, 'go-backend-guide: 3 findings in code not changed since HEAD~1 not reported\n');
  });

  test('uncommitted edits and untracked files count as changed; nothing changed reports nothing', () => {
    const root = repository();
    assert.deepEqual(findings(root, ['--new-from-rev', 'HEAD']), { found: [], code: 0, stderr: 'go-backend-guide: 5 findings in code not changed since HEAD not reported\n' });
    writeFileSync(join(root, 'handlers/handlers.go'), CHANGED);
    mkdirSync(join(root, 'extra'));
    writeFileSync(join(root, 'extra/client.go'), 'package extra\n\nimport "net/http"\n\nvar Client = &http.Client{}\n');
    assert.deepEqual(findings(root, ['--new-from-rev', 'HEAD']).found, [
      'extra/client.go:5 http-client-timeout',
      'handlers/handlers.go:24 http-client-timeout',
      'handlers/handlers.go:28 sql-rows-close',
      'handlers/handlers.go:28 context-propagation',
    ]);
  });

  test('combined with a baseline: only new findings in changed code, and nothing outside the change called gone', () => {
    const root = repository();
    assert.equal(runCli(['check', '--write-baseline=baseline.json', '.'], root).code, 0);
    writeFileSync(join(root, 'handlers/handlers.go'), CHANGED);
    const { found, code, stderr } = findings(root, ['--new-from-rev', 'HEAD', '--baseline', 'baseline.json']);
    assert.deepEqual({ found, code }, { found: ['handlers/handlers.go:28 sql-rows-close'], code: 1 });
    assert.equal(stderr, 'go-backend-guide: 2 findings baselined\ngo-backend-guide: 3 findings in code not changed since HEAD not reported\n');
  });

  test('an unknown revision, a folder outside git, and a missing git are clear errors with exit 2', () => {
    const root = repository();
    const unknown = runCli(['check', '--new-from-rev', 'no-such-branch', '.'], root);
    assert.deepEqual({ code: unknown.code, stdout: unknown.stdout }, { code: 2, stdout: '' });
    assert.match(unknown.stderr, /^go-backend-guide: unknown revision "no-such-branch" in the repository at .+\n$/);
    assert.match(runCli(['check', '--new-from-rev=--output=x', '.'], root).stderr, /takes a revision, not "--output=x"/);

    const outside = temporaryFolder('gbg-nogit-');
    writeFileSync(join(outside, 'a.go'), 'package a\n');
    const notRepository = runCli(['check', '--new-from-rev', 'HEAD', '.'], outside, { ...process.env, GIT_CEILING_DIRECTORIES: outside });
    assert.equal(notRepository.code, 2);
    assert.match(notRepository.stderr, /--new-from-rev needs a git repository, and .+ is not inside one/);

    const noGit = runCli(['check', '--new-from-rev', 'HEAD', '.'], root, { ...process.env, PATH: temporaryFolder('gbg-empty-path-') });
    assert.equal(noGit.code, 2);
    assert.match(noGit.stderr, /--new-from-rev needs git, and git is not installed \(or not on PATH\)/);
  });
});

describe('--new-from-patch', () => {
  test('a patch from git diff gives what --new-from-rev gives', () => {
    const root = repository();
    writeFileSync(join(root, 'handlers/handlers.go'), CHANGED);
    writeFileSync(join(root, 'change.patch'), git(root, 'diff', 'HEAD'));
    const fromPatch = findings(root, ['--new-from-patch', 'change.patch']);
    assert.deepEqual(fromPatch.found, findings(root, ['--new-from-rev', 'HEAD']).found);
    assert.deepEqual(fromPatch.found, ['handlers/handlers.go:24 http-client-timeout', 'handlers/handlers.go:28 sql-rows-close', 'handlers/handlers.go:28 context-propagation']);
    assert.match(fromPatch.stderr, /not changed by change\.patch not reported/);
  });

  test('a plain diff -u without a/ and b/ works; a file that is no diff is a clear error', () => {
    const root = repository();
    const patch = `--- handlers/handlers.go\t2024-01-01\n+++ handlers/handlers.go\t2024-01-02\n@@ -22,2 +22,3 @@\n func Fetch(url string) (*http.Response, error) {\n+\turl = url + "?v=2"\n \treturn http.Get(url)\n`;
    writeFileSync(join(root, 'handlers/handlers.go'), HANDLERS_GO.replace('\treturn http.Get(url)', '\turl = url + "?v=2"\n\treturn http.Get(url)'));
    writeFileSync(join(root, 'plain.diff'), patch);
    assert.deepEqual(findings(root, ['--new-from-patch', 'plain.diff']).found, ['handlers/handlers.go:24 http-client-timeout']);
    writeFileSync(join(root, 'notes.diff'), '@@ -1,3 +1,3 @@\n+only one line\n');
    const broken = runCli(['check', '--new-from-patch', 'notes.diff', '.'], root);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /notes\.diff is not a unified diff: /);
    const missing = runCli(['check', '--new-from-patch', 'nope.diff', '.'], root);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the patch nope\.diff: no such file or folder/);
  });
});
