// Bundle entry of dist/cli-worker.js: checks the folders the CLI sends it (see cli/parallel).
import { parentPort } from 'node:worker_threads';
import { GoChecker } from '../checker';
import { checkFolder } from '../cli/check';
import type { WorkerReply, WorkerRequest } from '../cli/parallel';
import { readGrammarBinaries } from '../node/grammar-files';

const checker = GoChecker.create(readGrammarBinaries());
const goMods = new Map<string, Promise<string | undefined>>();

parentPort!.on('message', async ({ id, job, settings, cwd }: WorkerRequest) => {
  try {
    // The texts stay here: only findings travel back, which is all the output needs.
    const outcome = await checkFolder(await checker, job, settings, cwd, new Map(), goMods, false);
    parentPort!.postMessage({ id, outcome } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
});
