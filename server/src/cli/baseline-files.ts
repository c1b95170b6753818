// Which baseline applies to a file (--baseline, else the "baseline" of its configuration file),
// reading those files, and writing them again with --write-baseline.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { createBaseline, formatBaseline, parseBaseline, type Baseline, type BaselineEntry } from '../core/baseline';
import type { ConfigFiles } from '../node/config-files';
import { describe } from '../node/read-source';

export class BaselineError extends Error {}

export class BaselineFiles {
  private readonly loaded = new Map<string, Promise<Baseline>>();
  private readonly byFolder = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly configs: ConfigFiles,
    /** --baseline, resolved: used for every file. */
    private readonly explicit: string | undefined,
  ) {}

  /** The baseline file that applies to a checked file, if any. */
  pathFor(file: string): Promise<string | undefined> {
    if (this.explicit) return Promise.resolve(this.explicit);
    const folder = dirname(resolve(file));
    let path = this.byFolder.get(folder);
    if (!path) {
      path = this.configs.forFolder(folder).then(
        (config) => (config?.config.baseline === undefined ? undefined : resolve(config.folder, config.config.baseline)),
        () => undefined,
      );
      this.byFolder.set(folder, path);
    }
    return path;
  }

  /** The baseline in a file, read once; a missing or broken file is a BaselineError. */
  read(path: string): Promise<Baseline> {
    let baseline = this.loaded.get(path);
    if (!baseline) {
      baseline = readFile(path, 'utf8').then(
        (text) => {
          const parsed = parseBaseline(text);
          if ('problem' in parsed) throw new BaselineError(`the baseline ${path} is not usable: ${parsed.problem}`);
          return parsed.baseline;
        },
        (error: unknown) => {
          throw new BaselineError(`cannot read the baseline ${path}: ${describe(error)} (write one with --write-baseline)`);
        },
      );
      this.loaded.set(path, baseline);
    }
    return baseline;
  }
}

/** A file's path as a baseline records it: relative to the baseline's folder, with `/`. */
export function pathInBaseline(baselinePath: string, file: string): string {
  return relative(dirname(baselinePath), resolve(file)).split(sep).join('/');
}

/**
 * Writes a baseline of today's findings. Entries of files this run checked are replaced (so fixed
 * findings drop out); entries of files it did not reach (outside the paths given) are kept, as long
 * as the file still exists.
 */
export async function writeBaselineFile(
  path: string,
  entries: readonly BaselineEntry[],
  /** Absolute paths of the files this run checked. */
  checked: ReadonlySet<string>,
  /** Absolute paths given on the command line: files under them that were not checked are gone or excluded. */
  given: readonly string[],
): Promise<{ written: number; dropped: number }> {
  const folder = dirname(path);
  const previous = await readFile(path, 'utf8').then(
    (text) => {
      const parsed = parseBaseline(text);
      return 'baseline' in parsed ? parsed.baseline.entries : [];
    },
    () => [],
  );
  const inside = (root: string, file: string) => {
    const path = relative(root, file);
    return !path.startsWith('..') && !isAbsolute(path);
  };
  const reached = (file: string) => checked.has(file) || given.some((root) => inside(root, file));
  const kept = previous.filter((entry) => {
    const file = resolve(folder, entry.file);
    return !reached(file) && existsSync(file);
  });
  const baseline = createBaseline([...kept, ...entries]);
  try {
    await writeFile(path, formatBaseline(baseline));
  } catch (error) {
    throw new BaselineError(`cannot write the baseline ${path}: ${describe(error)}`);
  }
  const stillThere = new Set(baseline.entries.map((entry) => entry.fingerprint));
  return { written: baseline.entries.length, dropped: previous.filter((entry) => !stillThere.has(entry.fingerprint)).length };
}
