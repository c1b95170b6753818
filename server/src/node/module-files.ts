// A module's package directories read from disk, synchronously: by the CLI for the packages a
// folder imports, and by the language server for those past them (see `FileHost.moduleFiles`);
// and the whole module, for its program graph.
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleFiles } from '../checker';
import { MAX_PARSED_CHARS } from '../core/document';
import type { GoModule, ModuleFile } from '../core/module-index';
import { isProgram } from '../core/program-text';
import type { PackageTexts } from '../core/programs';
import { digestOf } from './digest';
import { readSourceSync } from './read-source';

/**
 * The module's files on disk, each directory read when first asked and kept for the life of the
 * view; `describe` adds what the caller keeps of each file (the CLI: digests for its cache key).
 * Only keys are kept, not texts: a text is read again in the rare case the index needs it.
 */
export function moduleFilesOnDisk<F extends ModuleFile>(
  module: GoModule,
  maxFileBytes: number,
  describe: (file: ModuleFile, text: string) => F,
): ModuleFiles & { goFiles(directory: string): F[] } {
  const limit = Math.min(maxFileBytes, MAX_PARSED_CHARS);
  const byDirectory = new Map<string, F[]>();
  const readText = (path: string): string | undefined => {
    const read = readSourceSync(path, limit);
    return read.kind === 'text' && !read.text.includes('\0') ? read.text : undefined;
  };
  return {
    module,
    goFiles(directory: string): F[] {
      const known = byDirectory.get(directory);
      if (known) return known;
      const files: F[] = [];
      for (const path of goFilesIn(directory)) {
        const text = readText(path);
        if (text !== undefined) files.push(describe({ uri: pathToFileURL(path).href, key: digestOf(text), text: () => readText(path) }, text));
      }
      byDirectory.set(directory, files);
      return files;
    },
  };
}

/** The paths of a directory's non-test `.go` files (a `file:` URI ending in a slash), sorted; none when it cannot be read. */
export function goFilesIn(directory: string): string[] {
  try {
    const folder = fileURLToPath(directory);
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.name.endsWith('.go') && !entry.name.endsWith('_test.go') && !entry.isDirectory())
      .map((entry) => join(folder, entry.name))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Every package of the module on disk, with its files' texts, for the module's program graph (see
 * core/programs): the folders the go command would build, leaving out `vendor`, `testdata`,
 * folders starting with `.` or `_`, and nested modules.
 */
export function modulePackagesOnDisk(module: GoModule, maxFileBytes: number): PackageTexts[] {
  const limit = Math.min(maxFileBytes, MAX_PARSED_CHARS);
  const packages: PackageTexts[] = [];
  const visit = (folder: string, importPath: string) => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    const files = goFilesIn(`${pathToFileURL(folder).href}/`).flatMap((path) => {
      const read = readSourceSync(path, limit);
      return read.kind === 'text' && !read.text.includes('\0') ? [{ uri: pathToFileURL(path).href, text: read.text }] : [];
    });
    if (files.length > 0) packages.push({ importPath, files });
    for (const entry of entries) {
      if (!entry.isDirectory() || /^[._]/.test(entry.name) || entry.name === 'vendor' || entry.name === 'testdata') continue;
      const inner = join(folder, entry.name);
      if (!existsSync(join(inner, 'go.mod'))) visit(inner, `${importPath}/${entry.name}`);
    }
  };
  visit(fileURLToPath(module.root), module.path);
  return packages;
}

/** Whether the folder (a `file:` URI ending in a slash) holds a program: `package main` with a `func main`. */
export function holdsProgram(folder: string): boolean {
  return goFilesIn(folder).some(isProgramFile);
}

/** A file of `package main` with a `func main`, not left out of builds; the package clause is read from the file's head first. */
function isProgramFile(path: string): boolean {
  let head = '';
  try {
    const descriptor = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      head = buffer.toString('utf8', 0, readSync(descriptor, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(descriptor);
    }
  } catch {
    return false;
  }
  if (!/^package\s+main\b/m.test(head)) return false;
  const read = readSourceSync(path, MAX_PARSED_CHARS);
  return read.kind === 'text' && isProgram(read.text);
}
