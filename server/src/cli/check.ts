import { readdirSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isLongRunningRule, type GoChecker, type SourceText } from '../checker';
import { withoutFixedByCallers } from '../core/callers';
import { asToolCode } from '../core/tool-code';
import { DEFAULT_MAX_FILE_BYTES, type AnalysisResult, type AnalysisSettings } from '../core/analyzer';
import type { Finding } from '../core/findings';
import { LineIndex } from '../core/text';
import { MAX_PARSED_CHARS } from '../core/document';
import { skipNotice } from '../core/skipped';
import { digestOf } from '../node/digest';
import { describe, readSourceSync } from '../node/read-source';
import { packagePathsOf } from '../core/module-index';
import { checkingPlan, GoMods, importedFilesKey } from './go-modules';
import { compareLocated, locate, type Located } from './report';
import { ResultCache } from './result-cache';

/** A requested file with its text and its findings, for the fix and SARIF writers. */
export interface CheckedFile {
  path: string;
  /** As printed: relative to the working directory when inside it. */
  shown: string;
  text: string;
  findings: Finding[];
  /** Some bytes are not UTF-8: the text has U+FFFD in their place, so fixes must not write it back. */
  notUtf8?: boolean;
}

export interface CheckOutcome {
  findings: Located[];
  files: CheckedFile[];
  errors: string[];
  notices: string[];
  /** Packages answered from the result cache, and packages written to it. */
  cache?: { hits: number; writes: number };
}

/** The checker, or how to get one when a package is not in the cache after all (see `once`). */
export type CheckerSource = GoChecker | (() => Promise<GoChecker>);

export interface FolderOptions {
  /** Texts to use instead of the files on disk (fixes not yet written, for `--diff`). */
  overrides?: ReadonlyMap<string, string>;
  /** Keep each file's text in the outcome (the fixer needs it; output does not). */
  keepText?: boolean;
  cache?: ResultCache;
}

/** One folder's share of the work: the files asked for, checked as one package. */
export interface FolderJob {
  folder: string;
  wanted: string[];
  /** This folder's settings (from its configuration file), when they differ from the run's. */
  settings?: AnalysisSettings;
  /** The configuration's `go` version, which overrides go.mod's. */
  goVersion?: string;
  /** False when no other folder of the run imports this package (see `plannedJobs`). */
  imported?: boolean;
}

/** Checks one folder; runs in the main thread or in a worker (see ./parallel). */
export type FolderRunner = (job: FolderJob) => Promise<CheckOutcome>;

/** Groups files by folder: each folder is one Go package. Sorted, so output order is stable. */
export function folderJobs(files: readonly string[]): FolderJob[] {
  const byFolder = new Map<string, string[]>();
  // `./main.go` and `main.go` are one file: paths take the form the folder's own files are
  // listed in (folder joined with name), or the file is not recognised among them.
  for (const file of new Set(files.map((path) => normalize(path)))) {
    const folder = dirname(file);
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), file]);
  }
  return [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1)).map(([folder, wanted]) => ({ folder, wanted }));
}

/**
 * Checks files folder by folder: each folder is one package, so the other .go files of the
 * folder are read for the package index even when only some files were asked for.
 */
export async function checkFiles(
  checker: CheckerSource,
  jobs: readonly FolderJob[],
  settings: AnalysisSettings,
  cwd: string,
  options: FolderOptions = {},
  /** Called after each folder with the number of requested files checked so far. */
  progress?: (done: number, total: number) => void,
): Promise<CheckOutcome> {
  const goMods = new GoMods();
  const source = typeof checker === 'function' ? once(checker) : checker;
  const plan = plannedJobs(jobs, goMods);
  const outcome = await runJobs(plan.jobs, (job) => checkFolder(source, job, settings, cwd, goMods, options), progress, 1, plan.order);
  // Entries were written while the run went on; it ends when they are in place.
  await options.cache?.flush();
  return outcome;
}

/**
 * The jobs, each told whether another folder of the run imports it, and the order to run them in
 * (see `checkingPlan`). A package nothing imports keeps no summaries for importers: in a run over
 * the Go standard library (module `std`, whose imports name no module path) that was every
 * package: a two-job run peaked at 247-258 MiB (median 252) instead of 260-270 (median 262).
 */
export function plannedJobs(jobs: readonly FolderJob[], goMods: GoMods): { jobs: FolderJob[]; order: number[]; imports: number[][] } {
  const { order, imported, imports } = checkingPlan(
    jobs.map((job) => job.folder),
    goMods,
  );
  return { jobs: jobs.map((job, index) => ({ ...job, imported: imported[index] })), order, imports };
}

/** A checker made the first time it is needed, then reused: the grammar and query load once. */
export function once(make: () => Promise<GoChecker>): () => Promise<GoChecker> {
  let made: Promise<GoChecker> | undefined;
  return () => (made ??= make());
}

/**
 * Runs the jobs with `runner` (any number at once) and merges their outcomes in a stable order.
 * With `imports` (by job, the jobs it imports), a lane takes the first job in `order` whose
 * imports are all done, when there is one: a package whose import is still being checked on
 * another lane has that import parsed again for its index. When none is, it takes the first
 * anyway: parsing again costs less than a core left idle.
 */
export async function runJobs(
  jobs: readonly FolderJob[],
  runner: FolderRunner,
  progress?: (done: number, total: number) => void,
  concurrency = 1,
  /** The order to run the jobs in (indexes into `jobs`); the outcomes merge in the jobs' order all the same. */
  order: readonly number[] = jobs.map((_, index) => index),
  imports?: readonly (readonly number[])[],
): Promise<CheckOutcome> {
  const total = jobs.reduce((sum, job) => sum + job.wanted.length, 0);
  const outcomes: CheckOutcome[] = new Array(jobs.length);
  const waiting = [...order];
  const finished = new Array<boolean>(jobs.length).fill(false);
  const next = (): number => {
    const ready = imports ? waiting.findIndex((at) => imports[at].every((imported) => finished[imported])) : 0;
    return waiting.splice(Math.max(ready, 0), 1)[0];
  };
  let done = 0;
  const lane = async () => {
    while (waiting.length > 0) {
      const at = next();
      outcomes[at] = await runner(jobs[at]);
      finished[at] = true;
      done += jobs[at].wanted.length;
      progress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  const merged: CheckOutcome = { findings: [], files: [], errors: [], notices: [], cache: { hits: 0, writes: 0 } };
  for (const outcome of outcomes) {
    merged.findings.push(...outcome.findings);
    merged.files.push(...outcome.files);
    merged.errors.push(...outcome.errors);
    merged.notices.push(...outcome.notices);
    merged.cache!.hits += outcome.cache?.hits ?? 0;
    merged.cache!.writes += outcome.cache?.writes ?? 0;
  }
  merged.findings.sort(compareLocated);
  return merged;
}

export async function checkFolder(
  checker: CheckerSource,
  job: FolderJob,
  settings: AnalysisSettings,
  cwd: string,
  goMods: GoMods,
  { overrides = new Map(), keepText = true, cache }: FolderOptions = {},
): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { findings: [], files: [], errors: [], notices: [], cache: { hits: 0, writes: 0 } };
  const wanted = new Set(job.wanted);
  const folderSettings = job.settings ?? settings;
  const maxFileBytes = folderSettings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const sizeLimit = { name: 'the size limit', bytes: maxFileBytes };
  const sources: Required<SourceText>[] = [];
  const paths = new Map<string, string>();
  const notUtf8 = new Set<string>();
  // Read synchronously: the thread has nothing else to do meanwhile, and awaiting the files one
  // at a time left the core idle for a tenth of the run.
  for (const path of packageFiles(job.folder, wanted)) {
    const requested = wanted.has(path);
    const shown = display(path, cwd);
    let text = overrides.get(path);
    if (text === undefined) {
      // Other files of the folder only feed the package index: what cannot be read is left out quietly.
      // Bytes are never fewer than UTF-16 units: within both limits in bytes, within both in units.
      const read = readSourceSync(path, Math.min(maxFileBytes, MAX_PARSED_CHARS));
      if (read.kind === 'too-large') {
        if (requested) {
          outcome.notices.push(`${shown}: skipped: ${skipNotice(read.bytes > maxFileBytes ? 'too-large' : 'too-large-to-parse', sizeLimit).why}`);
          outcome.files.push({ path, shown, text: '', findings: [] });
        }
        continue;
      }
      if (read.kind !== 'text') {
        if (requested) outcome.errors.push(`${shown}: ${read.kind === 'error' ? `cannot read: ${describe(read.error)}` : `not read: it is ${read.what}, not a regular file`}`);
        continue;
      }
      if (!read.utf8) notUtf8.add(path);
      text = read.text;
    }
    if (text.includes('\0')) {
      if (requested) outcome.errors.push(`${shown}: not a text file (it contains NUL bytes)`);
      continue;
    }
    const uri = pathToFileURL(path).href;
    sources.push({ uri, text, key: digestOf(text) });
    paths.set(uri, path);
  }
  const goMod = goMods.nearest(job.folder);
  const goVersion = job.goVersion ?? goMod.goVersion;
  const module = goMod.module && goMods.filesOf(goMod.module, maxFileBytes);
  const names = new Map(sources.map((source) => [source.uri, basename(paths.get(source.uri)!)]));
  // A package with an unreadable file or an unsaved text is not cached: its inputs are not all on disk.
  const key =
    cache && overrides.size === 0 && outcome.errors.length === 0
      ? ResultCache.key({
          settings: folderSettings,
          goVersion,
          wanted: job.wanted.map((path) => basename(path)).sort(),
          files: sources.map((source) => [names.get(source.uri)!, source.key] as const),
          imported: module ? importedFilesKey(sources.map((source) => source.text), module) : [],
          packagePaths: goMod.module ? packagePathsOf(goMod.module, `${pathToFileURL(job.folder).href}/`) : [],
        })
      : undefined;
  const cached = key === undefined ? undefined : cache!.get(key);
  let results: Map<string, AnalysisResult>;
  if (cached) {
    const byName = new Map(cached.map((file) => [file.name, { findings: file.findings, skipped: file.skipped }]));
    results = new Map(sources.map((source) => [source.uri, byName.get(names.get(source.uri)!) ?? { findings: [] }]));
    outcome.cache!.hits++;
  } else {
    results = (typeof checker === 'function' ? await checker() : checker).checkPackage(sources, goVersion, folderSettings, module, job.imported ?? true);
    const kept = sources.filter((source) => wanted.has(paths.get(source.uri)!)).map((source) => ({ name: names.get(source.uri)!, ...results.get(source.uri)! }));
    // A file skipped for time is tried again next run: the machine may have been busy.
    if (key !== undefined && !kept.some((file) => file.skipped === 'budget')) {
      cache!.set(key, kept);
      outcome.cache!.writes++;
    }
  }
  for (const source of sources) {
    const path = paths.get(source.uri)!;
    if (!wanted.has(path)) continue;
    let result = results.get(source.uri)!;
    // After the cache: which programs run the code is a fact of the whole module.
    const module = goMod.module;
    if (module) {
      const directory = `${pathToFileURL(job.folder).href}/`;
      const tools = goMods.toolCode(cache, maxFileBytes);
      const onlyTools = (offset: number) => tools.onlyToolsRun(module, directory, source.text, offset);
      const findings = withoutFixedByCallers(result.findings, () => goMods.callersFor(module, directory, maxFileBytes));
      result = { ...result, findings: asToolCode(findings, source.text, isLongRunningRule, onlyTools) };
    }
    const shown = display(path, cwd);
    if (result.skipped) {
      const notice = skipNotice(result.skipped, sizeLimit, folderSettings.budgetMs);
      if (notice.limit) outcome.notices.push(`${shown}: skipped: ${notice.why}`);
    }
    outcome.files.push({ path, shown, text: keepText ? source.text : '', findings: result.findings, ...(notUtf8.has(path) ? { notUtf8: true } : {}) });
    if (result.findings.length === 0) continue;
    const lines = new LineIndex(source.text);
    for (const finding of result.findings) outcome.findings.push(locate(shown, finding, lines));
  }
  return outcome;
}

/** The .go files of a folder (for the package index), plus any requested file not listed. */
function packageFiles(folder: string, wanted: Set<string>): string[] {
  let names: string[] = [];
  try {
    // A folder named x.go is a package of its own, walked as such.
    names = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.name.endsWith('.go') && !entry.isDirectory()).map((entry) => entry.name);
  } catch {
    // unreadable folder: the requested files report their own errors below
  }
  return [...new Set([...names.map((name) => join(folder, name)), ...wanted])].sort();
}

/** Paths as Go tools print them: relative to the working directory, with forward slashes. */
export function display(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  const shown = inside === '' || inside.startsWith('..') ? resolve(path) : inside;
  return sep === '/' ? shown : shown.split(sep).join('/');
}
