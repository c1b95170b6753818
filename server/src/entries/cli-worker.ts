// Bundle entry of dist/cli-worker.js: checks the folders the CLI sends it (see cli/parallel).
import { parentPort } from 'node:worker_threads';
import { GoChecker } from '../checker';
import { checkFolder, once } from '../cli/check';
import { GoMods } from '../cli/go-modules';
import type { WorkerReply, WorkerRequest } from '../cli/parallel';
import { ResultCache } from '../cli/result-cache';
import type { SharedSummary } from '../core/module-index';
import { readGrammarBinaries } from '../node/grammar-files';

/**
 * A worker keeps the trees of at most this much of a package's text between its index and its
 * analysis (see `GoChecker.keptTreeChars`): the workers' WebAssembly memories add up.
 */
const KEPT_TREE_CHARS = 512 * 1024;

/** The other workers' summaries that came before this worker had a checker to keep them. */
const pending: SharedSummary[] = [];
let checker: GoChecker | undefined;

// The grammar is loaded for the first package the result cache does not have.
const checkerSource = once(async () => {
  const made = await GoChecker.create(readGrammarBinaries());
  made.keptTreeChars = KEPT_TREE_CHARS;
  made.moduleIndex.share();
  made.moduleIndex.adopt(pending.splice(0));
  return (checker = made);
});
const goMods = new GoMods();
let cache: ResultCache | undefined;

parentPort!.on('message', async ({ id, job, settings, cwd, cacheDirectory, summaries }: WorkerRequest) => {
  try {
    if (checker) checker.moduleIndex.adopt(summaries);
    else pending.push(...summaries);
    if (cacheDirectory !== undefined && cache?.root !== cacheDirectory) cache = new ResultCache(cacheDirectory);
    // The texts stay here: only findings travel back, which is all the output needs.
    const outcome = await checkFolder(checkerSource, job, settings, cwd, goMods, { keepText: false, cache: cacheDirectory === undefined ? undefined : cache });
    // The main thread may end the run when the last reply comes: its entries are written first.
    await cache?.flush();
    parentPort!.postMessage({ id, outcome, summaries: checker?.moduleIndex.takeShared() ?? [] } satisfies WorkerReply);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
  }
});
