// How soon the language server can answer: from spawning dist/server.js to the initialize
// response (the grammar is loaded and every rule's query compiled by then), and the same work
// measured in-process, without Node's own start-up.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { GoChecker } from '../server/src/checker';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { ms, summarize } from './stats';

async function spawnToReady(): Promise<{ toInitialized: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  const toInitialized = performance.now() - started;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => child.once('exit', resolve));
  connection.dispose();
  return { toInitialized };
}

async function main(): Promise<void> {
  const started = performance.now();
  await GoChecker.create(readGrammarBinaries());
  const inProcess = performance.now() - started;
  const runs: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 9; i++) {
    runs.push((await spawnToReady()).toInitialized);
    const started = performance.now();
    await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).once('exit', resolve));
    bare.push(performance.now() - started);
  }
  const s = summarize(runs);
  const b = summarize(bare);
  console.log('server start-up');
  console.log(`  grammar load + query compile, in process   ${ms(inProcess)}`);
  console.log(`  spawn → initialize answered (9 runs)       p50 ${ms(s.p50)}  max ${ms(s.max)}  budget p50 ≤ 300 ms: ${s.p50 <= 300 ? 'met' : 'MISSED'}`);
  console.log(`  for reference, spawning \`node -e 0\`       p50 ${ms(b.p50)}  max ${ms(b.max)}`);
}

void main();
