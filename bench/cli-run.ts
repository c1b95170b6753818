// Runs the bundled CLI as a user would and measures it: wall time and peak resident memory.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The CLI under test: dist/cli.js, or BENCH_CLI (another build, to compare before and after). */
export const CLI = process.env.BENCH_CLI ?? join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliRun {
  ms: number;
  maxRssMiB: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; after `timeoutMs` it is killed and the run reports that time. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = Infinity): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', join(__dirname, 'rss-preload.js'), CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const timer = Number.isFinite(timeoutMs) ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      const ms = Math.min(performance.now() - started, timeoutMs);
      const stderr = Buffer.concat(err).toString();
      const rss = /bench-max-rss-kib (\d+)/.exec(stderr);
      resolve({
        ms,
        maxRssMiB: rss ? Number(rss[1]) / 1024 : NaN,
        exitCode: code ?? -1,
        stdout: Buffer.concat(out).toString(),
        stderr: stderr.replace(/\n?bench-max-rss-kib \d+\n/, ''),
      });
    });
  });
}
