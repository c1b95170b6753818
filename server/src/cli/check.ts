import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GoChecker, SourceText } from '../checker';
import type { AnalysisResult, AnalysisSettings } from '../core/analyzer';
import { DEFAULT_BUDGET_MS } from '../core/budget';
import type { Finding } from '../core/findings';
import { goVersionFromGoMod } from '../core/go-mod';
import { LineIndex } from '../core/text';
import { describe } from './collect';
import { compareLocated, locate, type Located } from './report';
import { hashText, ResultCache } from './result-cache';

/** A requested file with its text and its findings, for the fix and SARIF writers. */
export interface CheckedFile {
  path: string;
  /** As printed: relative to the working directory when inside it. */
  shown: string;
  text: string;
  findings: Finding[];
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
}

/** Checks one folder; runs in the main thread or in a worker (see ./parallel). */
export type FolderRunner = (job: FolderJob) => Promise<CheckOutcome>;

/** Groups files by folder: each folder is one Go package. Sorted, so output order is stable. */
export function folderJobs(files: readonly string[]): FolderJob[] {
  const byFolder = new Map<string, string[]>();
  for (const file of files) {
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
  const goMods = new Map<string, string | undefined>();
  const source = typeof checker === 'function' ? once(checker) : checker;
  return runJobs(jobs, (job) => checkFolder(source, job, settings, cwd, goMods, options), progress);
}

/** A checker made the first time it is needed, then reused: the grammar and query load once. */
export function once(make: () => Promise<GoChecker>): () => Promise<GoChecker> {
  let made: Promise<GoChecker> | undefined;
  return () => (made ??= make());
}

/** Runs the jobs with `runner` (any number at once) and merges their outcomes in a stable order. */
export async function runJobs(
  jobs: readonly FolderJob[],
  runner: FolderRunner,
  progress?: (done: number, total: number) => void,
  concurrency = 1,
): Promise<CheckOutcome> {
  const total = jobs.reduce((sum, job) => sum + job.wanted.length, 0);
  const outcomes: CheckOutcome[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const at = next++;
      outcomes[at] = await runner(jobs[at]);
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
  goMods: Map<string, string | undefined>,
  { overrides = new Map(), keepText = true, cache }: FolderOptions = {},
): Promise<CheckOutcome> {
  const outcome: CheckOutcome = { findings: [], files: [], errors: [], notices: [], cache: { hits: 0, writes: 0 } };
  const wanted = new Set(job.wanted);
  const sources: SourceText[] = [];
  const paths = new Map<string, string>();
  // Read synchronously: the thread has nothing else to do meanwhile, and awaiting the files one
  // at a time left the core idle for a tenth of the run.
  for (const path of packageFiles(job.folder, wanted)) {
    const requested = wanted.has(path);
    let text: string;
    try {
      text = overrides.get(path) ?? readFileSync(path, 'utf8');
    } catch (error) {
      if (requested) outcome.errors.push(`${display(path, cwd)}: cannot read: ${describe(error)}`);
      continue;
    }
    if (text.includes('\0')) {
      if (requested) outcome.errors.push(`${display(path, cwd)}: not a text file (it contains NUL bytes)`);
      continue;
    }
    const uri = pathToFileURL(path).href;
    sources.push({ uri, text });
    paths.set(uri, path);
  }
  const goVersion = job.goVersion ?? nearestGoVersion(job.folder, goMods);
  const folderSettings = job.settings ?? settings;
  const names = new Map(sources.map((source) => [source.uri, basename(paths.get(source.uri)!)]));
  // A package with an unreadable file or an unsaved text is not cached: its inputs are not all on disk.
  const key =
    cache && overrides.size === 0 && outcome.errors.length === 0
      ? ResultCache.key({
          settings: folderSettings,
          goVersion,
          wanted: job.wanted.map((path) => basename(path)).sort(),
          files: sources.map((source) => [names.get(source.uri)!, hashText(source.text)] as const),
        })
      : undefined;
  const cached = key === undefined ? undefined : cache!.get(key);
  let results: Map<string, AnalysisResult>;
  if (cached) {
    const byName = new Map(cached.map((file) => [file.name, { findings: file.findings, skipped: file.skipped }]));
    results = new Map(sources.map((source) => [source.uri, byName.get(names.get(source.uri)!) ?? { findings: [] }]));
    outcome.cache!.hits++;
  } else {
    results = (typeof checker === 'function' ? await checker() : checker).checkPackage(sources, goVersion, folderSettings);
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
    const result = results.get(source.uri)!;
    const shown = display(path, cwd);
    if (result.skipped === 'too-large') outcome.notices.push(`${shown}: skipped, larger than the size limit (${(job.settings ?? settings).maxFileBytes} bytes)`);
    if (result.skipped === 'budget') outcome.notices.push(`${shown}: skipped, its analysis took longer than ${(job.settings ?? settings).budgetMs ?? DEFAULT_BUDGET_MS} ms (deeply nested or machine-written code?)`);
    outcome.files.push({ path, shown, text: keepText ? source.text : '', findings: result.findings });
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
    names = readdirSync(folder).filter((name) => name.endsWith('.go'));
  } catch {
    // unreadable folder: the requested files report their own errors below
  }
  return [...new Set([...names.map((name) => join(folder, name)), ...wanted])].sort();
}

/** The `go` line of the nearest go.mod; read synchronously, like the package's files, once per folder. */
function nearestGoVersion(folder: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(folder)) return cache.get(folder);
  let version: string | undefined;
  try {
    version = goVersionFromGoMod(readFileSync(join(folder, 'go.mod'), 'utf8'));
  } catch {
    version = dirname(folder) === folder ? undefined : nearestGoVersion(dirname(folder), cache);
  }
  cache.set(folder, version);
  return version;
}

/** Paths as Go tools print them: relative to the working directory, with forward slashes. */
export function display(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  const shown = inside === '' || inside.startsWith('..') ? resolve(path) : inside;
  return sep === '/' ? shown : shown.split(sep).join('/');
}
