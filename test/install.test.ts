// Installable the way teams install tools: the packed tarball runs with no build step from an empty
// folder, the GitHub Action's steps install and run it, and the pre-commit hook runs on a file list.
// Everything runs from a copy of the checkout, so packing (which builds) never touches this one.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { SERVER_GO } from './adoption-fixtures';
import { ROOT, temporaryFolder } from './helpers';

interface ActionStep {
  name: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** The files a clone would have (tracked, and new ones not ignored), with node_modules linked in. */
function copyOfCheckout(): string {
  const copy = temporaryFolder('gbg-checkout-');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

/** `npm` for the action's steps: `npm ci` is skipped (node_modules is already linked in), the rest is the real npm. */
function npmWithoutCi(): string {
  const folder = temporaryFolder('gbg-fake-npm-');
  const real = execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  writeFileSync(join(folder, 'npm'), `#!/usr/bin/env bash\nif [ "$1" = ci ]; then echo "npm ci: skipped in the test" >&2; exit 0; fi\nexec "${real}" "$@"\n`);
  chmodSync(join(folder, 'npm'), 0o755);
  return folder;
}

/**
 * Runs the action's steps as the runner does: `${{ inputs.* }}` filled in (defaults for the rest),
 * GITHUB_* variables set, each step's additions to GITHUB_PATH on the PATH of the steps after it.
 */
function runAction(steps: readonly ActionStep[], inputs: Record<string, string>, runner: { actionPath: string; workspace: string; temp: string; path: string[] }) {
  const value = (text: string) =>
    text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
      assert.ok(name in action.inputs, `unknown input ${name}`);
      return inputs[name] ?? action.inputs[name].default ?? '';
    });
  const githubPath = join(runner.temp, 'github-path');
  let last = { status: null as number | null, stdout: '', stderr: '' };
  for (const step of steps) {
    assert.equal(step.shell, 'bash', step.name);
    assert.ok(!step.run!.includes('${{'), `${step.name}: inputs must reach the script through env, not be pasted into it`);
    const added = existsSync(githubPath) ? readFileSync(githubPath, 'utf8').split('\n').filter(Boolean).reverse() : [];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [...added, ...runner.path, process.env.PATH].join(delimiter),
      GITHUB_ACTIONS: 'true',
      GITHUB_ACTION_PATH: runner.actionPath,
      GITHUB_WORKSPACE: runner.workspace,
      GITHUB_PATH: githubPath,
      GITHUB_OUTPUT: join(runner.temp, 'github-output'),
      GITHUB_STEP_SUMMARY: join(runner.temp, 'step-summary'),
      RUNNER_TEMP: runner.temp,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([key, text]) => [key, value(text)])),
    };
    const cwd = resolve(runner.workspace, value(step['working-directory'] ?? '.'));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    last = { status: result.status, stdout: result.stdout, stderr: result.stderr };
    if (result.status !== 0) break;
  }
  return last;
}

describe('installing from the packed tarball', () => {
  let checkout: string;
  let runnerTemp: string;
  let tarball: string;

  before(() => {
    checkout = copyOfCheckout();
    runnerTemp = temporaryFolder('gbg-runner-');
    // The action's install step packs the copy (prepack builds it) and installs the tarball.
    const installed = runAction([action.runs.steps[0]], {}, { actionPath: checkout, workspace: temporaryFolder('gbg-ws-'), temp: runnerTemp, path: [npmWithoutCi()] });
    assert.equal(installed.status, 0, installed.stderr);
    tarball = join(runnerTemp, 'go-backend-guide-0.1.0.tgz');
    assert.ok(existsSync(tarball));
  });

  test('the tarball ships the CLI and nothing else, with no dependencies to fetch', () => {
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(listed, [
      'package/LICENSE',
      'package/README.md',
      'package/bin/go-backend-guide.js',
      'package/dist/cli-main.js',
      'package/dist/cli-worker.js',
      'package/dist/cli.js',
      'package/dist/tree-sitter-go.wasm',
      'package/dist/web-tree-sitter.wasm',
      'package/package.json',
    ]);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    assert.equal(manifest.private, undefined, 'npm refuses to publish a private package');
    assert.equal(manifest.dependencies, undefined, 'everything the CLI runs is bundled');
    assert.deepEqual(manifest.bin, { 'go-backend-guide': 'bin/go-backend-guide.js' });
  });

  test('installed into an empty folder, it checks Go code from there, on worker threads too', () => {
    const consumer = temporaryFolder('gbg-consumer-');
    const cache = temporaryFolder('gbg-npm-cache-');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--cache', cache, tarball], { cwd: consumer, stdio: 'pipe' });
    const bin = join(consumer, 'node_modules/.bin/go-backend-guide');
    assert.ok(realpathSync(bin).startsWith(realpathSync(consumer)), 'the installed package runs, not the checkout');
    mkdirSync(join(consumer, 'api'));
    writeFileSync(join(consumer, 'api/server.go'), SERVER_GO.replace(', MaxHeaderBytes: 8 << 10', ''));
    for (const jobs of ['1', '2']) {
      const result = spawnSync(bin, ['check', '--jobs', jobs, '--format', 'json', 'api'], { cwd: consumer, encoding: 'utf8' });
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual((JSON.parse(result.stdout).findings as { rule: string }[]).map((f) => f.rule), ['http-max-header-bytes', 'http-server-timeouts']);
    }
    assert.equal(spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout, 'go-backend-guide 0.1.0\n');
  });

  test('npx runs it straight from the tarball in an empty folder', () => {
    const empty = temporaryFolder('gbg-npx-');
    writeFileSync(join(empty, 'client.go'), 'package client\n\nimport "net/http"\n\nvar Client = &http.Client{}\n');
    const cache = temporaryFolder('gbg-npm-cache-');
    const result = spawnSync('npx', ['--yes', '--offline', '--cache', cache, '--package', tarball, 'go-backend-guide', 'check', '.'], { cwd: empty, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^client\.go:5:15: .*\(http-client-timeout\)\n$/);
  });

  test("the action's check step reports annotations, writes SARIF, and honours new-from-rev", () => {
    const workspace = temporaryFolder('gbg-ws-');
    const service = join(workspace, 'service');
    mkdirSync(join(service, 'api'), { recursive: true });
    writeFileSync(join(service, 'api/server.go'), SERVER_GO.replace(', MaxHeaderBytes: 8 << 10', ''));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const runner = { actionPath: checkout, workspace, temp: runnerTemp, path: [] };
    const check = action.runs.steps.slice(1);

    const annotated = runAction(check, { 'working-directory': 'service' }, runner);
    assert.equal(annotated.status, 1, annotated.stderr);
    assert.match(annotated.stdout, /^::warning file=api\/server\.go,line=6,col=10,.*\(http-server-timeouts\)::http\.Server has no read/m);
    assert.match(annotated.stdout, /^::notice file=api\/server\.go,.*\(http-max-header-bytes\)::/m);

    const sarif = runAction(check, { 'working-directory': 'service', format: 'sarif', output: 'results.sarif', severity: 'error' }, runner);
    assert.equal(sarif.status, 0, 'nothing is an error');
    assert.equal(JSON.parse(readFileSync(join(service, 'results.sarif'), 'utf8')).runs[0].results.length, 2);

    const unchanged = runAction(check, { 'working-directory': 'service', 'new-from-rev': 'HEAD' }, runner);
    assert.deepEqual({ status: unchanged.status, stdout: unchanged.stdout }, { status: 0, stdout: '' });
    appendFileSync(join(service, 'api/server.go'), '\nfunc Other() error { return (&http.Server{}).ListenAndServe() }\n');
    const changed = runAction(check, { 'working-directory': 'service', 'new-from-rev': 'HEAD', paths: 'api\n' }, runner);
    assert.equal(changed.status, 1);
    assert.deepEqual(changed.stdout.trim().split('\n').map((line) => /line=(\d+)/.exec(line)![1]), ['10', '10']);
  });

  test('the pre-commit hook runs the installed package on the file list it is given', () => {
    const [hook, ...others] = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; types: string[] }[];
    assert.equal(others.length, 0);
    assert.deepEqual({ id: hook.id, language: hook.language, types: hook.types }, { id: 'go-backend-guide', language: 'node', types: ['go'] });
    const repository = temporaryFolder('gbg-precommit-');
    writeFileSync(join(repository, 'bad.go'), SERVER_GO.replace(', MaxHeaderBytes: 8 << 10', ''));
    writeFileSync(join(repository, 'good.go'), 'package api\n\nfunc ok() {}\n');
    // pre-commit runs `entry` with the staged files appended, from the repository's root.
    const [command, ...args] = hook.entry.split(' ');
    const env = { ...process.env, PATH: [join(runnerTemp, 'go-backend-guide/node_modules/.bin'), process.env.PATH].join(delimiter) };
    const staged = (files: string[]) => spawnSync(command, [...args, ...files], { cwd: repository, env, encoding: 'utf8' });
    const failing = staged(['bad.go', 'good.go']);
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /^bad\.go:6:10: .*\(http-server-timeouts\)$/m);
    assert.deepEqual({ status: staged(['good.go']).status }, { status: 0 });
  });
});
