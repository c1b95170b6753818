// The nearest go.mod of each folder the CLI checks, and synchronous reading of the module's other
// packages for the module index (see core/module-index).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleFiles } from '../checker';
import { goVersionFromGoMod } from '../core/go-mod';
import { directoryOfImport, moduleFrom, type FileText, type GoModule } from '../core/module-index';
import { MAX_PARSED_CHARS } from '../core/document';
import { MAX_CONFIG_BYTES } from '../node/node-file-host';
import { readSourceSync } from '../node/read-source';
import { hashText } from './result-cache';

export interface GoModInfo {
  goVersion?: string;
  module?: GoModule;
}

/** go.mod files found by walking up from each folder, read once per folder. */
export class GoMods {
  private readonly byFolder = new Map<string, GoModInfo>();

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

/** Reads the module's package directories from disk, as the package's own check reads its folder. */
export function moduleFilesOnDisk(module: GoModule, maxFileBytes: number): ModuleFiles {
  return {
    module,
    goFiles(directory: string): FileText[] {
      let folder: string;
      let names: string[];
      try {
        folder = fileURLToPath(directory);
        names = readdirSync(folder, { withFileTypes: true })
          .filter((entry) => entry.name.endsWith('.go') && !entry.name.endsWith('_test.go') && !entry.isDirectory())
          .map((entry) => entry.name)
          .sort();
      } catch {
        return [];
      }
      const files: FileText[] = [];
      for (const name of names) {
        const read = readSourceSync(join(folder, name), Math.min(maxFileBytes, MAX_PARSED_CHARS));
        if (read.kind === 'text' && !read.text.includes('\0')) files.push({ uri: pathToFileURL(join(folder, name)).href, text: read.text });
      }
      return files;
    },
  };
}

/**
 * What the result cache must know of the module's packages a folder may import: their files'
 * names and hashes. The imports are read from the texts (any string naming a package of the
 * module), so a package that is not imported after all only makes the key stricter.
 */
export function importedFilesKey(texts: readonly string[], files: ModuleFiles): string[] {
  const { module } = files;
  const quoted = quotedImports(module);
  const paths = new Set<string>();
  for (const text of texts) for (const match of text.matchAll(quoted)) if (directoryOfImport(module, match[1]) !== undefined) paths.add(match[1]);
  const key: string[] = [];
  for (const path of [...paths].sort()) {
    for (const file of files.goFiles(directoryOfImport(module, path)!)) key.push(`${file.uri}=${hashText(file.text)}`);
  }
  return key;
}

/** The import block of a file: what comes before the first declaration that is not an import, roughly. */
const IMPORTS = /^\s*import\s*(?:\([^)]*\)|[^\n]*)/gm;

/**
 * The order to check folders in so that a package comes before the module's packages that import
 * it (as far as their import blocks show): its files' summaries are then kept from its own check
 * and read back for the importers, instead of each file being parsed a second time. Folders of
 * no module, and ties, keep their place.
 */
export function checkingOrder(folders: readonly string[], goMods: GoMods): number[] {
  const byDirectory = new Map(folders.map((folder, index) => [`${pathToFileURL(folder).href}/`, index]));
  const imports = folders.map((folder) => {
    const module = goMods.nearest(folder).module;
    if (!module) return [];
    const found = new Set<number>();
    const quoted = quotedImports(module);
    for (const file of moduleFilesOnDisk(module, MAX_PARSED_CHARS).goFiles(`${pathToFileURL(folder).href}/`)) {
      for (const block of file.text.matchAll(IMPORTS)) {
        for (const match of block[0].matchAll(quoted)) {
          const directory = directoryOfImport(module, match[1]);
          const index = directory === undefined ? undefined : byDirectory.get(directory);
          if (index !== undefined) found.add(index);
        }
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
  return order;
}

/** Quoted import paths of the module's packages (`"example.com/shop/internal/repo"`), the path in group 1. */
function quotedImports(module: GoModule): RegExp {
  return new RegExp(`"(${module.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:/[^"\\s]*)?)"`, 'g');
}
