import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GoChecker, SourceText } from '../checker';
import type { AnalysisSettings } from '../core/analyzer';
import type { Finding } from '../core/findings';
import { goVersionFromGoMod } from '../core/go-mod';
import { LineIndex } from '../core/text';
import { describe } from './collect';
import { compareLocated, locate, type Located } from './report';

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
}

/**
 * Checks files folder by folder: each folder is one package, so the other .go files of the
 * folder are read for the package index even when only some files were asked for.
 */
export async function checkFiles(
  checker: GoChecker,
  files: readonly string[],
  settings: AnalysisSettings,
  cwd: string,
  /** Texts to use instead of the files on disk (fixes not yet written, for `--diff`). */
  overrides: ReadonlyMap<string, string> = new Map(),
  /** Called after each folder with the number of requested files checked so far. */
  progress?: (done: number, total: number) => void,
): Promise<CheckOutcome> {
  let done = 0;
  const outcome: CheckOutcome = { findings: [], files: [], errors: [], notices: [] };
  const byFolder = new Map<string, Set<string>>();
  for (const file of files) {
    const folder = dirname(file);
    byFolder.set(folder, (byFolder.get(folder) ?? new Set()).add(file));
  }
  const goMods = new Map<string, Promise<string | undefined>>();
  for (const [folder, wanted] of [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sources: SourceText[] = [];
    const paths = new Map<string, string>();
    for (const path of await packageFiles(folder, wanted)) {
      const requested = wanted.has(path);
      let text: string;
      try {
        text = overrides.get(path) ?? (await readFile(path, 'utf8'));
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
    done += wanted.size;
    progress?.(done, files.length);
    const goVersion = await nearestGoVersion(folder, goMods);
    const results = checker.checkPackage(sources, goVersion, settings);
    for (const source of sources) {
      const path = paths.get(source.uri)!;
      if (!wanted.has(path)) continue;
      const result = results.get(source.uri)!;
      if (result.skipped === 'too-large') {
        outcome.notices.push(`${display(path, cwd)}: skipped, larger than the size limit (${settings.maxFileBytes} bytes)`);
      }
      const shown = display(path, cwd);
      outcome.files.push({ path, shown, text: source.text, findings: result.findings });
      if (result.findings.length === 0) continue;
      const lines = new LineIndex(source.text);
      for (const finding of result.findings) outcome.findings.push(locate(shown, finding, lines));
    }
  }
  outcome.findings.sort(compareLocated);
  progress?.(files.length, files.length);
  return outcome;
}

/** The .go files of a folder (for the package index), plus any requested file not listed. */
async function packageFiles(folder: string, wanted: Set<string>): Promise<string[]> {
  let names: string[] = [];
  try {
    names = (await readdir(folder)).filter((name) => name.endsWith('.go'));
  } catch {
    // unreadable folder: the requested files report their own errors below
  }
  return [...new Set([...names.map((name) => join(folder, name)), ...wanted])].sort();
}

async function nearestGoVersion(folder: string, cache: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  let cached = cache.get(folder);
  if (!cached) {
    cached = readFile(join(folder, 'go.mod'), 'utf8').then(
      (text) => goVersionFromGoMod(text),
      () => (dirname(folder) === folder ? undefined : nearestGoVersion(dirname(folder), cache)),
    );
    cache.set(folder, cached);
  }
  return cached;
}

/** Paths as Go tools print them: relative to the working directory, with forward slashes. */
export function display(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  const shown = inside === '' || inside.startsWith('..') ? resolve(path) : inside;
  return sep === '/' ? shown : shown.split(sep).join('/');
}
