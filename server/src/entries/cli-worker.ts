// Bundle entry of dist/cli-worker.js: checks the folders the CLI sends it (see cli/parallel).
import { parentPort } from 'node:worker_threads';
import { GoChecker } from '../checker';
import { checkFolder, once } from '../cli/check';
import { GoMods } from '../cli/go-modules';
import type { WorkerReply, WorkerRequest } from '../cli/parallel';
import { ResultCache } from '../cli/result-cache';
import { readGrammarBinaries } from '../node/grammar-files';

// The grammar is loaded for the first package the result cache does not have.
const checkerSource = once(() => GoChecker.create(readGrammarBinaries()));
const goMods = new GoMods();
let cache: ResultCache | undefined;

parentPort!.on('message', async ({ id, job, settings, cwd, cacheDirectory }: WorkerRequest) => {
  try {
    if (cacheDirectory !== undefined && cache?.root !== cacheDirectory) cache = new ResultCache(cacheDirectory);
    // The texts stay here: only findings travel back, which is all the output needs.
    const outcome = await checkFolder(checkerSource, job, settings, cwd, goMods, { keepText: false, cache: cacheDirectory === undefined ? undefined : cache });
    parentPort!.postMessage({ id, outcome } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
});
