// The nearest go.mod of each folder the CLI checks, and synchronous reading of the module's other
// packages for the module index (see core/module-index).
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ModuleFiles } from '../checker';
import { goVersionFromGoMod } from '../core/go-mod';
import { MAX_HOPS } from '../core/context-params';
import { directoryOfImport, importPathOfDirectory, moduleFrom, type GoModule, type ModuleFile } from '../core/module-index';
import { MAX_PARSED_CHARS } from '../core/document';
import { ModuleCallers } from '../core/callers';
import { ProgramGraph } from '../core/programs';
import { ToolCodeIndex, type ToolVerdicts } from '../core/tool-code';
import { goFilesIn, holdsProgram, moduleFilesOnDisk, modulePackagesOnDisk } from '../node/module-files';
import { MAX_CONFIG_BYTES } from '../node/node-file-host';
import { readSourceSync } from '../node/read-source';
import { ResultCache } from './result-cache';

export interface GoModInfo {
  goVersion?: string;
  module?: GoModule;
}

/** go.mod files found by walking up from each folder, read once per folder. */
export class GoMods {
  private readonly byFolder = new Map<string, GoModInfo>();
  private readonly filesByModule = new Map<string, DiskModuleFiles>();
  private tools: ToolCodeIndex | undefined;
  private readonly callersByModule = new Map<string, ModuleCallers>();

  /** The module's files on disk, one reader per module for the run (see `diskModuleFiles`). */
  filesOf(module: GoModule, maxFileBytes: number): DiskModuleFiles {
    const key = `${module.root}\0${module.enclosing?.root ?? ''}\0${maxFileBytes}`;
    let files = this.filesByModule.get(key);
    if (!files) this.filesByModule.set(key, (files = diskModuleFiles(module, maxFileBytes)));
    return files;
  }

  /**
   * Which code only command-line tools run (see core/programs): a module is read for it once per
   * run, and only when a folder above the file holds a program. What the graph concludes is kept
   * in `cache` by the module's content, so an unchanged module is not analysed again.
   */
  toolCode(cache: ResultCache | undefined, maxFileBytes: number): ToolCodeIndex {
    this.tools ??= new ToolCodeIndex({
      holdsProgram,
      verdicts: (module) => {
        const packages = modulePackagesOnDisk(module, maxFileBytes);
        const key = cache && ResultCache.programsKey(packages);
        const kept = key === undefined ? undefined : cache!.get<ToolVerdicts>(key);
        if (kept) return kept;
        const verdicts = new ProgramGraph(packages).verdicts();
        if (key !== undefined) cache!.set(key, verdicts);
        return verdicts;
      },
    });
    return this.tools;
  }

  /**
   * The module's calls, for findings that stand only while callers may pass anything (see
   * core/callers); undefined for a package the module's programs do not use and that is not under
   * `internal/`: a library, whose callers are other modules.
   */
  callersFor(module: GoModule, directory: string, maxFileBytes: number): ModuleCallers | undefined {
    const packagePath = importPathOfDirectory(module, directory);
    if (packagePath === undefined) return undefined;
    let callers = this.callersByModule.get(module.root);
    if (!callers) this.callersByModule.set(module.root, (callers = new ModuleCallers(modulePackagesOnDisk(module, maxFileBytes))));
    return /\/internal(\/|$)/.test(packagePath) || callers.linkedByPrograms.has(packagePath) ? callers : undefined;
  }

  nearest(folder: string): GoModInfo {
    const known = this.byFolder.get(folder);
    if (known) return known;
    let info: GoModInfo;
    const read = readSourceSync(join(folder, 'go.mod'), MAX_CONFIG_BYTES);
    if (read.kind === 'text') {
      const module = moduleFrom(read.text, pathToFileURL(folder).href);
      // A nested module's folder may sit in an examples folder of the module around it.
      const enclosing = module && dirname(folder) !== folder ? this.nearest(dirname(folder)).module : undefined;
      info = { goVersion: goVersionFromGoMod(read.text), module: module && enclosing ? { ...module, enclosing: { path: enclosing.path, root: enclosing.root } } : module };
    } else {
      info = dirname(folder) === folder ? {} : this.nearest(dirname(folder));
    }
    this.byFolder.set(folder, info);
    return info;
  }
}

/** A file of an imported package on disk: its content key (a digest, see node/digest) serves the result cache too. */
export interface DiskModuleFile extends ModuleFile {
  /** The packages of the module its import section names (see `importedFilesKey`). */
  imports: string[];
}

/** The module's files as the CLI reads them: each directory once per run, keys kept, texts not. */
export interface DiskModuleFiles extends ModuleFiles {
  goFiles(directory: string): DiskModuleFile[];
}

/**
 * Reads the module's package directories from disk, as the package's own check reads its folder.
 * A directory is read once per run: packages imported by many (a module's `errors` or `log`)
 * would otherwise be read and hashed again for every importer.
 */
export function diskModuleFiles(module: GoModule, maxFileBytes: number): DiskModuleFiles {
  const quoted = quotedImports(module);
  return moduleFilesOnDisk(module, maxFileBytes, (file, text) => ({
    ...file,
    // Copied: a slice of the text would keep the whole text alive for the run.
    imports: structuredClone([...new Set([...importSection(text).matchAll(quoted)].map((match) => match[1]))]),
  }));
}

/**
 * What the result cache must know of the module's packages a folder may import: their files'
 * names and digests. The imports are read from the texts (any string naming a package of the
 * module), so a package that is not imported after all only makes the key stricter. The packages
 * those import count too, up to `MAX_HOPS` imports away: a chain of context facts (see
 * `onlyCarriesValues`) reads them.
 */
export function importedFilesKey(texts: readonly string[], files: DiskModuleFiles): string[] {
  const { module } = files;
  const quoted = quotedImports(module);
  const paths = new Set<string>();
  for (const text of texts) for (const match of importSection(text).matchAll(quoted)) if (directoryOfImport(module, match[1]) !== undefined) paths.add(match[1]);
  let frontier = [...paths];
  for (let depth = 1; depth < MAX_HOPS && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const file of files.goFiles(directoryOfImport(module, path)!)) {
        for (const imported of file.imports) {
          if (!paths.has(imported) && directoryOfImport(module, imported) !== undefined) {
            paths.add(imported);
            next.push(imported);
          }
        }
      }
    }
    frontier = next;
  }
  const key: string[] = [];
  for (const path of [...paths].sort()) {
    for (const file of files.goFiles(directoryOfImport(module, path)!)) key.push(`${file.uri}=${file.key}`);
  }
  return key;
}

/**
 * The part of a file that holds its imports: Go puts them before every other declaration, so the
 * text stops at the first line that starts one (roughly: a `func` in a block comment above the
 * imports cuts it short, which only costs an ordering or a stricter cache key).
 */
function importSection(text: string): string {
  const end = text.search(/^(?:func|type|var|const)\b/m);
  return end < 0 ? text : text.slice(0, end);
}

/** The order to check a run's folders in, and which of them a folder of the run imports. */
export interface CheckingPlan {
  /** Indexes into the folders; see `checkingPlan`. */
  order: number[];
  /** By folder: whether another folder of the run imports it (as far as its import blocks show). */
  imported: boolean[];
  /** By folder: the folders of the run it imports (indexes). */
  imports: number[][];
}

/**
 * The order to check folders in so that a package comes before the module's packages that import
 * it (as far as their import blocks show): its files' summaries are then kept from its own check
 * and read back for the importers, instead of each file being parsed a second time. Folders of
 * no module, and ties, keep their place.
 */
export function checkingPlan(folders: readonly string[], goMods: GoMods): CheckingPlan {
  const byDirectory = new Map(folders.map((folder, index) => [`${pathToFileURL(folder).href}/`, index]));
  const imports = folders.map((folder) => {
    const module = goMods.nearest(folder).module;
    if (!module) return [];
    const found = new Set<number>();
    const quoted = quotedImports(module);
    for (const path of goFilesIn(`${pathToFileURL(folder).href}/`)) {
      const read = readSourceSync(path, MAX_PARSED_CHARS);
      if (read.kind !== 'text') continue;
      for (const match of importSection(read.text).matchAll(quoted)) {
        const directory = directoryOfImport(module, match[1]);
        const index = directory === undefined ? undefined : byDirectory.get(directory);
        if (index !== undefined) found.add(index);
      }
    }
    return [...found].sort((a, b) => a - b);
  });
  const order: number[] = [];
  const state = new Array<'visiting' | 'done' | undefined>(folders.length);
  const visit = (index: number) => {
    if (state[index]) return; // done, or an import cycle (not valid Go): left where it is
    state[index] = 'visiting';
    for (const imported of imports[index]) visit(imported);
    state[index] = 'done';
    order.push(index);
  };
  folders.forEach((_, index) => visit(index));
  const imported = folders.map(() => false);
  for (const found of imports) for (const index of found) imported[index] = true;
  return { order, imported, imports };
}

/** Quoted import paths of the module's packages (`"example.com/shop/internal/repo"`), the path in group 1. */
function quotedImports(module: GoModule): RegExp {
  return new RegExp(`"(${module.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/[^"\\s]*)?)"`, 'g');
}
