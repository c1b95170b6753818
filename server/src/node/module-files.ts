// A module's package directories read from disk, synchronously: by the CLI for the packages a
// folder imports, and by the language server for those past them (see `FileHost.moduleFiles`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleFiles } from '../checker';
import { MAX_PARSED_CHARS } from '../core/document';
import { contentKey, type GoModule, type ModuleFile } from '../core/module-index';
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
        if (text !== undefined) files.push(describe({ uri: pathToFileURL(path).href, key: contentKey(text), text: () => readText(path) }, text));
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
