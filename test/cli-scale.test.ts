// The CLI on large trees: the result cache (a re-run parses nothing) and --shard (the shares of a
// CI matrix add up to one run).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Log, Result } from 'sarif';
import { checkFiles, folderJobs } from '../server/src/cli/check';
import { ResultCache } from '../server/src/cli/result-cache';
import { parseShard, shareOf } from '../server/src/cli/shard';
import { userCacheDir } from '../server/src/node/cache-dir';
import { checkerFor, packageDirectories, ROOT, RULES_DIR, temporaryFolder } from './helpers';

const LEAKY = `package api

import "net/http"

func Serve() error {
	return http.ListenAndServe(":80", nil)
}
`;

const HANDLER = `package api

import (
	"context"
	"net/http"

	"example.com/panel/service"
)

var itemService = service.NewIItemService()

func CreateItem(w http.ResponseWriter, r *http.Request) {
	_ = itemService.Create(context.Background(), r.FormValue("name"))
}
`;

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A tree of many packages with findings: every rule's test data, one package per folder. */
function ruleTree(): string {
  const root = temporaryFolder('gbg-tree-');
  packageDirectories(RULES_DIR)
    .filter((folder) => folder.includes('/testdata'))
    .forEach((folder, i) => cpSync(folder, join(root, `p${String(i).padStart(3, '0')}`), { recursive: true, filter: (path) => !path.endsWith('.golden') }));
  return root;
}

function goFilesOf(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.go'))
    .map((name) => join(folder, name));
}

describe('the result cache', () => {
  test('an unchanged package is answered from the cache without parsing; a changed one is checked again', async () => {
    const root = temporaryFolder('gbg-cache-');
    for (const name of ['a', 'b']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'server.go'), LEAKY.replace('package api', `package ${name}`));
    }
    const jobs = folderJobs([join(root, 'a/server.go'), join(root, 'b/server.go')]);
    const cache = new ResultCache(temporaryFolder('gbg-cache-dir-'));
    const checker = await checkerFor();
    let made = 0;
    const first = await checkFiles(() => (made++, checkerFor()), jobs, {}, root, { cache });
    assert.deepEqual(first.cache, { hits: 0, writes: 2 });
    assert.equal(made, 1, 'one checker (grammar and query) for the whole run');
    assert.equal(first.findings.length, 2);

    const noParsing = () => Promise.reject(new Error('parsed a package the cache has'));
    const second = await checkFiles(noParsing, jobs, {}, root, { cache });
    assert.deepEqual(second.cache, { hits: 2, writes: 0 });
    assert.deepEqual(second.findings, first.findings);
    assert.deepEqual(second.files, first.files);

    // Another text, other settings or another Go version: checked again.
    writeFileSync(join(root, 'b/server.go'), LEAKY.replace('package api', 'package b\n\n// changed'));
    const third = await checkFiles(checker, jobs, {}, root, { cache });
    assert.deepEqual(third.cache, { hits: 1, writes: 1 });
    assert.equal(third.findings[1].line, 8);
    const off = await checkFiles(checker, jobs, { severities: { 'http-serve-without-timeouts': 'off' } }, root, { cache });
    assert.deepEqual({ cache: off.cache, findings: off.findings.length }, { cache: { hits: 0, writes: 2 }, findings: 0 });
    const older = await checkFiles(checker, jobs.map((job) => ({ ...job, goVersion: '1.20' })), {}, root, { cache });
    assert.deepEqual(older.cache, { hits: 0, writes: 2 });
  });

  test("a package is checked again when a package of the module it imports changes, and sees that package's helpers", async () => {
    const root = temporaryFolder('gbg-cache-module-');
    cpSync(join(RULES_DIR, 'sql-rows-close/testdata/module'), root, { recursive: true });
    const helpers = join(root, 'internal/rowsutil/rowsutil.go');
    const jobs = folderJobs([join(root, 'report/bad.go')]);
    const cache = new ResultCache(temporaryFolder('gbg-cache-dir-'));
    const checker = await checkerFor();
    const lines = (outcome: { findings: { rule: string; line: number }[] }) => outcome.findings.filter((f) => f.rule === 'sql-rows-close').map((f) => f.line);
    const first = await checkFiles(checker, jobs, {}, root, { cache });
    assert.deepEqual(lines(first), [11, 20], 'IDs only reads the rows; Close runs after an early return');
    assert.deepEqual((await checkFiles(checker, jobs, {}, root, { cache })).cache, { hits: 1, writes: 0 });
    writeFileSync(helpers, readFileSync(helpers, 'utf8').replace('\tvar ids []int64\n', '\tdefer rows.Close()\n\tvar ids []int64\n'));
    const changed = await checkFiles(checker, jobs, {}, root, { cache });
    assert.deepEqual(changed.cache, { hits: 0, writes: 1 });
    assert.deepEqual(lines(changed), [20]);
  });

  test('a package is checked again when a package two imports away changes the facts it reads', async () => {
    const root = temporaryFolder('gbg-cache-values-');
    cpSync(join(RULES_DIR, 'context-propagation/testdata/values'), root, { recursive: true, filter: (path) => !path.endsWith('.golden') });
    const repo = join(root, 'repo/repo.go');
    // The handler's package imports the service alone: the repository is two imports away.
    writeFileSync(join(root, 'api/bad.go'), HANDLER);
    const jobs = folderJobs([join(root, 'api/bad.go')]);
    const cache = new ResultCache(temporaryFolder('gbg-cache-dir-'));
    const checker = await checkerFor();
    const severity = (outcome: { findings: { rule: string; line: number; severity: string }[] }) => outcome.findings.find((f) => f.rule === 'context-propagation' && f.line === 13)?.severity;
    assert.equal(severity(await checkFiles(checker, jobs, {}, root, { cache })), 'information', 'api → service → repo: the repository only reads a value');
    writeFileSync(repo, readFileSync(repo, 'utf8').replace('\tif tx, ok := ctx.Value(txKey{}).(*Tx); ok {', '\t<-ctx.Done()\n\tif tx, ok := ctx.Value(txKey{}).(*Tx); ok {'));
    const changed = await checkFiles(checker, jobs, {}, root, { cache });
    assert.deepEqual(changed.cache, { hits: 0, writes: 1 });
    assert.equal(severity(changed), 'warning');
  });

  test('two CLIs at once share one cache folder safely; the next run replays it; --no-cache leaves it alone', async () => {
    const root = ruleTree();
    const cache = temporaryFolder('gbg-cache-shared-');
    const env = { ...process.env, GO_BACKEND_GUIDE_CACHE: cache };
    const once = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--jobs', '1', '--format', 'json', '.'], { cwd: root, env });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    const [a, b] = await Promise.all([once(), once()]);
    const fresh = run(['check', '--jobs', '1', '--format', 'json', '--no-cache', '.'], root);
    assert.equal(fresh.code, 1);
    assert.ok(JSON.parse(fresh.stdout).findings.length > 50);
    assert.deepEqual([a, b], [fresh, fresh].map(({ code, stdout }) => ({ code, stdout })));
    const entries = readdirSync(join(cache, 'results'));
    assert.ok(entries.length > 30 && entries.every((name) => name.endsWith('.json')), 'complete entries only, no temporary files left');
    for (const name of entries) JSON.parse(readFileSync(join(cache, 'results', name), 'utf8'));
    assert.deepEqual(run(['check', '--jobs', '2', '--format', 'json', '.'], root, { GO_BACKEND_GUIDE_CACHE: cache }), fresh);

    const untouched = temporaryFolder('gbg-cache-off-');
    run(['check', '--no-cache', '.'], root, { GO_BACKEND_GUIDE_CACHE: untouched });
    assert.ok(!existsSync(join(untouched, 'results')), 'no findings kept (the compiled-code cache is another matter)');
  });

  test('past its size the cache loses its least recently used entries', async () => {
    const cache = new ResultCache(temporaryFolder('gbg-cache-trim-'));
    for (let i = 0; i < 10; i++) cache.set(`entry${i}`, [{ name: 'x.go', findings: [], skipped: undefined }, { name: 'padding'.repeat(100), findings: [] }]);
    await cache.flush();
    for (let i = 0; i < 10; i++) {
      const when = new Date(Date.now() - (10 - i) * 60_000);
      utimesSync(join(cache.directory, `entry${i}.json`), when, when);
    }
    assert.ok(cache.get('entry0')); // used just now: the youngest
    const size = readFileSync(join(cache.directory, 'entry1.json')).length;
    cache.trim(size * 6); // down to three quarters of that: four entries
    assert.deepEqual(readdirSync(cache.directory).sort(), ['entry0.json', 'entry7.json', 'entry8.json', 'entry9.json']);
  });

  test('the cache folder: GO_BACKEND_GUIDE_CACHE, else the platform user cache folder', () => {
    assert.equal(userCacheDir({ GO_BACKEND_GUIDE_CACHE: '/tmp/x' }, 'linux'), '/tmp/x');
    assert.equal(userCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux'), '/xdg/go-backend-guide');
    assert.match(userCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux'), /\/\.cache\/go-backend-guide$/);
    assert.match(userCacheDir({}, 'darwin'), /\/Library\/Caches\/go-backend-guide$/);
    assert.match(userCacheDir({ LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' }, 'win32'), /AppData.Local.go-backend-guide$/);
  });
});

describe('--shard K/N', () => {
  test('the shares hold every package once, in an even split that does not change', () => {
    assert.deepEqual(parseShard('2/3'), { index: 1, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3']) assert.equal(parseShard(bad), null);
    const jobs = folderJobs(packageDirectories(RULES_DIR).flatMap(goFilesOf));
    const shares = [0, 1, 2].map((index) => shareOf(jobs, index, 3));
    assert.deepEqual(shares.flat().map((job) => job.folder).sort(), jobs.map((job) => job.folder).sort());
    const sizes = shares.map((share) => share.reduce((sum, job) => sum + job.wanted.length, 0));
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= Math.max(...jobs.map((job) => job.wanted.length)), `uneven: ${sizes}`);
    assert.deepEqual(shareOf([...jobs].reverse(), 1, 3), shares[1]);
  });

  test('the JSON and SARIF outputs of the shards together are those of one run', () => {
    const root = ruleTree();
    const whole = (format: string) => run(['check', '--no-cache', '--format', format, '.'], root);
    const shards = (format: string) => [1, 2, 3].map((k) => run(['check', '--no-cache', '--format', format, '--shard', `${k}/3`, '.'], root));
    const json = whole('json');
    const jsonShares = shards('json');
    const findings = jsonShares.flatMap((share) => JSON.parse(share.stdout).findings as Array<Record<string, string | number>>);
    const order = (a: Record<string, string | number>, b: Record<string, string | number>) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || Number(a.line) - Number(b.line) || Number(a.column) - Number(b.column) || String(a.rule).localeCompare(String(b.rule));
    assert.ok(jsonShares.every((share) => JSON.parse(share.stdout).findings.length > 0), 'every share has work');
    assert.deepEqual(findings.sort(order), JSON.parse(json.stdout).findings);

    const sarif = JSON.parse(whole('sarif').stdout) as Log;
    const sarifShares = shards('sarif').map((share) => JSON.parse(share.stdout) as Log);
    const uri = (result: Result) => result.locations![0].physicalLocation!.artifactLocation!.uri!;
    const results = sarifShares.flatMap((share) => share.runs[0].results!);
    results.sort((a, b) => (uri(a) < uri(b) ? -1 : uri(a) > uri(b) ? 1 : 0));
    assert.deepEqual(results, sarif.runs[0].results);
    for (const share of sarifShares) assert.deepEqual({ ...share.runs[0], results: [] }, { ...sarif.runs[0], results: [] });
  });

  test('a malformed share is a usage error', () => {
    const { code, stderr } = run(['check', '--shard', '3/2', '.'], temporaryFolder('gbg-shard-'));
    assert.equal(code, 2);
    assert.match(stderr, /--shard takes K\/N with 1 ≤ K ≤ N/);
  });
});

describe('start-up', () => {
  test('the CLI keeps its compiled code, reuses it, and survives a damaged copy', () => {
    const cache = temporaryFolder('gbg-code-cache-');
    const version = () => run(['--version'], ROOT, { GO_BACKEND_GUIDE_CACHE: cache });
    assert.match(version().stdout, /^go-backend-guide \d/);
    const [file] = readdirSync(join(cache, 'code'));
    assert.match(file, /^cli-main-\d+-\d+\.bin$/);
    const path = join(cache, 'code', file);
    const kept = statSync(path).mtimeMs;
    assert.match(version().stdout, /^go-backend-guide \d/);
    assert.equal(statSync(path).mtimeMs, kept, 'accepted by V8, so not written again');
    writeFileSync(path, 'damaged');
    assert.match(version().stdout, /^go-backend-guide \d/);
    assert.ok(statSync(path).size > 1000, 'rejected, then written anew');
    assert.deepEqual(readdirSync(join(cache, 'code')), [file]);
  });
});
