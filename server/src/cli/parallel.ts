// Checks folders on worker threads, one grammar and one set of compiled queries per worker:
// tree-sitter's WebAssembly runs on one thread, so this is how the CLI uses more than one core.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { AnalysisSettings } from '../core/analyzer';
import { plannedJobs, runJobs, type CheckOutcome, type FolderJob } from './check';
import type { SharedSummary } from '../core/module-index';
import { GoMods } from './go-modules';

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES = 200;

export interface WorkerRequest {
  id: number;
  job: FolderJob;
  settings: AnalysisSettings;
  cwd: string;
  /** The result cache's folder; none when the cache is off. */
  cacheDirectory?: string;
  /** The summaries the other workers made since this one last heard (see `ModuleIndex.share`). */
  summaries: SharedSummary[];
}

export interface WorkerReply {
  id: number;
  outcome?: CheckOutcome;
  /** The summaries the worker made for this job. */
  summaries?: SharedSummary[];
  error?: string;
}

export function workerCount(files: number): number {
  return files < MIN_FILES ? 1 : Math.min(availableParallelism(), 8);
}

export async function checkInWorkers(
  jobs: readonly FolderJob[],
  count: number,
  settings: AnalysisSettings,
  cwd: string,
  progress?: (done: number, total: number) => void,
  cacheDirectory?: string,
): Promise<CheckOutcome> {
  // A worker's memory only grows (WebAssembly memory never shrinks, and V8 keeps its heap at the
  // high-water mark), and each worker has its own: V8 is asked to favour memory over speed before
  // they start. On the Go standard library with two workers the peak fell from 350-370 MiB to
  // 255-285 MiB for about 15% more CPU time. The flag is read when each worker's heap is set up.
  setFlagsFromString('--optimize-for-size');
  const workers = Array.from({ length: count }, () => new Worker(join(__dirname, 'cli-worker.js')));
  const idle = [...workers];
  const waiting: Array<(worker: Worker) => void> = [];
  const take = () => new Promise<Worker>((resolve) => (idle.length > 0 ? resolve(idle.pop()!) : waiting.push(resolve)));
  const release = (worker: Worker) => (waiting.length > 0 ? waiting.shift()!(worker) : idle.push(worker));
  let ids = 0;
  const plan = plannedJobs(jobs, new GoMods());
  // Each worker's summaries go to the others with their next job: a package one worker checked is
  // otherwise parsed again by every other worker whose packages import it. On the Go standard
  // library two workers took 60% more CPU time than one before they shared.
  const shared: Array<{ from: Worker; summary: SharedSummary }> = [];
  const heard = new Map<Worker, number>();
  let dropped = 0;
  const news = (worker: Worker): SharedSummary[] => {
    const from = (heard.get(worker) ?? 0) - dropped;
    heard.set(worker, dropped + shared.length);
    const fresh = shared.slice(from).flatMap((entry) => (entry.from === worker ? [] : [entry.summary]));
    // What every worker has heard is not kept here.
    const heardByAll = Math.min(...workers.map((other) => heard.get(other) ?? 0)) - dropped;
    if (heardByAll > 0) {
      shared.splice(0, heardByAll);
      dropped += heardByAll;
    }
    return fresh;
  };
  try {
    return await runJobs(
      plan.jobs,
      async (job) => {
        const worker = await take();
        try {
          const id = ids++;
          const reply = await new Promise<WorkerReply>((resolve, reject) => {
            const onMessage = (message: WorkerReply) => {
              if (message.id !== id) return;
              worker.off('message', onMessage);
              worker.off('error', reject);
              resolve(message);
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
            worker.postMessage({ id, job, settings, cwd, cacheDirectory, summaries: news(worker) } satisfies WorkerRequest);
          });
          if (reply.error) throw new Error(reply.error);
          for (const summary of reply.summaries ?? []) shared.push({ from: worker, summary });
          return reply.outcome!;
        } finally {
          release(worker);
        }
      },
      progress,
      count,
      plan.order,
      plan.imports,
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
