// How soon the language server can answer: from spawning dist/server.js to the initialize
// response, and to the first diagnostics of a 1,000-line file opened right after; the grammar
// load and query compile measured in-process for reference, and node's own start-up.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, PublishDiagnosticsNotification, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { GoChecker } from '../server/src/checker';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { buildFile } from './keystroke-file';
import { ms, summarize } from './stats';

const SERVER = process.env.BENCH_SERVER ?? join(__dirname, '..', '..', 'dist', 'server.js');

async function spawnToReady(uri: string, text: string, cache: string): Promise<{ initialized: number; diagnosed: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, GO_BACKEND_GUIDE_CACHE: cache } });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const diagnosed = new Promise<number>((resolve) =>
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(performance.now() - started);
    }),
  );
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const initialized = performance.now() - started;
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
  const result = { initialized, diagnosed: await diagnosed };
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => child.once('exit', resolve));
  connection.dispose();
  return result;
}

async function main(): Promise<void> {
  const started = performance.now();
  await GoChecker.create(readGrammarBinaries());
  const inProcess = performance.now() - started;
  const folder = mkdtempSync(join(tmpdir(), 'gbg-bench-startup-'));
  try {
    const text = buildFile(1000);
    const path = join(folder, 'service.go');
    writeFileSync(path, text);
    const uri = pathToFileURL(path).href;
    const cache = join(folder, 'cache');
    await spawnToReady(uri, text, cache); // the first start fills the user cache (compiled code)
    const initialized: number[] = [];
    const diagnosed: number[] = [];
    const bare: number[] = [];
    const runs = Number(process.env.BENCH_STARTS ?? 11);
    for (let i = 0; i < runs; i++) {
      const run = await spawnToReady(uri, text, cache);
      initialized.push(run.initialized);
      diagnosed.push(run.diagnosed);
      const started = performance.now();
      await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
      bare.push(performance.now() - started);
    }
    const i = summarize(initialized);
    const d = summarize(diagnosed);
    const b = summarize(bare);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(`server start-up (${runs} runs after one that fills the cache)`);
    console.log(`  grammar load + query compile, in process      ${ms(inProcess)}`);
    console.log(`  spawn → initialize answered                   p50 ${ms(i.p50)}  max ${ms(i.max)}  target p50 ≤ 220 ms: ${verdict(i.p50 <= 220)}`);
    console.log(`  spawn → diagnostics of a ${text.split('\n').length}-line file        p50 ${ms(d.p50)}  max ${ms(d.max)}  target p50 ≤ 400 ms: ${verdict(d.p50 <= 400)}`);
    console.log(`  for reference, spawning \`node -e 0\`          p50 ${ms(b.p50)}  max ${ms(b.max)}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
