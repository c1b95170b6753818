// The CLI's findings per package, kept between runs as staticcheck and golangci-lint keep theirs:
// a package whose files, settings and tool build have not changed is not parsed again.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SkipReason } from '../core/analyzer';
import type { Finding } from '../core/findings';
import { digestOf } from '../node/digest';

/** What is kept of one requested file of a package. */
export interface CachedFile {
  name: string;
  findings: Finding[];
  skipped?: SkipReason;
}

/** Bumped when what is stored changes shape. */
const FORMAT = 1;
/** The cache is trimmed, oldest entries first, to three quarters of this when it grows past it. */
const MAX_BYTES = 100 * 1024 * 1024;

export class ResultCache {
  readonly directory: string;
  /** Entries being written (see `set`). */
  private writes: Array<Promise<void>> = [];
  /** The entries there were when the run first asked (see `listed`), and those it wrote since. */
  private entries?: Set<string>;
  private folderMade = false;

  /** `root` is the tool's cache folder (see userCacheDir); entries go in its `results/`. */
  constructor(readonly root: string) {
    this.directory = join(root, 'results');
  }

  /**
   * The key of a package's findings: the tool's build, the settings that apply, the Go version,
   * the files asked for, and every file of the package (the index reads them all) by content.
   */
  static key(parts: {
    settings: unknown;
    goVersion: string | undefined;
    wanted: readonly string[];
    files: ReadonlyArray<readonly [string, string]>;
    /** The files of the module's packages the folder imports, with their hashes (see `importedFilesKey`). */
    imported: readonly string[];
    /** The package's import paths: they decide whether the package is example code. */
    packagePaths: readonly string[];
  }): string {
    return digestOf(JSON.stringify([FORMAT, __BUILD_ID__, parts.settings, parts.goVersion ?? null, parts.wanted, parts.files, parts.imported, parts.packagePaths]));
  }

  /**
   * The key of what a module's program graph concluded (see core/programs): the tool's build and
   * every file of the module's packages by content.
   */
  static programsKey(packages: ReadonlyArray<{ importPath: string; files: ReadonlyArray<{ uri: string; text: string }> }>): string {
    const files = packages.map((pkg) => [pkg.importPath, pkg.files.map((file) => [file.uri.slice(file.uri.lastIndexOf('/') + 1), digestOf(file.text)])]);
    return digestOf(JSON.stringify([FORMAT, __BUILD_ID__, 'programs', files]));
  }

  get<T = CachedFile[]>(key: string): T | undefined {
    const path = join(this.directory, `${key}.json`);
    if (!this.listed().has(`${key}.json`)) return undefined;
    try {
      const files = JSON.parse(readFileSync(path, 'utf8')) as T;
      // Used entries stay young, so trimming takes the ones no run has needed for longest.
      const now = new Date();
      utimesSync(path, now, now);
      return files;
    } catch {
      return undefined;
    }
  }

  /**
   * The names in the folder, read once: a lookup of each missing entry (most of them, in a run
   * after a change) cost half a millisecond here while the run's own entries were being written.
   * An entry another run writes meanwhile is not seen, which only costs a check.
   */
  private listed(): Set<string> {
    if (!this.entries) {
      try {
        this.entries = new Set(readdirSync(this.directory));
      } catch {
        this.entries = new Set();
      }
    }
    return this.entries;
  }

  /**
   * Written to a file of its own and renamed into place, so two runs at once never see half an
   * entry (the rename is atomic; the last writer wins with the same content). A cache that
   * cannot be written is no reason to fail a run. The writing goes on while the run checks the
   * next packages (a file written costs about a millisecond here, a run over the Go standard
   * library writes 400): `flush` waits for it.
   */
  set(key: string, files: readonly CachedFile[] | object): void {
    const path = join(this.directory, `${key}.json`);
    const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const text = JSON.stringify(files);
    try {
      if (!this.folderMade) mkdirSync(this.directory, { recursive: true });
      this.folderMade = true;
    } catch {
      return;
    }
    this.writes.push(
      writeFile(temporary, text)
        .then(() => rename(temporary, path))
        .then(() => void this.entries?.add(`${key}.json`))
        .catch(() => rm(temporary, { force: true }).catch(() => undefined)),
    );
  }

  /** Waits until every entry `set` so far is in place (or given up). */
  async flush(): Promise<void> {
    while (this.writes.length > 0) await Promise.all(this.writes.splice(0));
  }

  /** After a run that added entries: the oldest go while the cache is over its size. */
  trim(maxBytes = MAX_BYTES): void {
    let entries: Array<{ path: string; size: number; used: number }>;
    try {
      entries = readdirSync(this.directory).map((name) => {
        const path = join(this.directory, name);
        const info = statSync(path);
        return { path, size: info.size, used: info.mtimeMs };
      });
    } catch {
      return;
    }
    let total = entries.reduce((sum, entry) => sum + entry.size, 0);
    if (total <= maxBytes) return;
    entries.sort((a, b) => a.used - b.used);
    for (const entry of entries) {
      if (total <= maxBytes * 0.75) break;
      rmSync(entry.path, { force: true });
      this.entries?.delete(basename(entry.path));
      total -= entry.size;
    }
  }
}
