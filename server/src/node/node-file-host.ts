import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAME } from '../core/config';
import type { FileHost } from '../lsp/file-host';

/** File access for `file:` URIs; other schemes (virtual workspaces) get no siblings. */
export class NodeFileHost implements FileHost {
  constructor(private readonly maxFileBytes: () => number) {}

  async siblingGoFiles(uri: string): Promise<string[]> {
    const path = toPath(uri);
    if (!path) return [];
    try {
      const directory = dirname(path);
      const names = await readdir(directory);
      return names.filter((name) => name.endsWith('.go')).map((name) => pathToFileURL(join(directory, name)).href);
    } catch {
      return [];
    }
  }

  async readText(uri: string): Promise<string | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    try {
      if ((await stat(path)).size > this.maxFileBytes()) return undefined;
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  async findConfig(uri: string): Promise<{ uri: string; text: string } | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    for (let directory = dirname(path); ; directory = dirname(directory)) {
      const candidate = join(directory, CONFIG_FILE_NAME);
      const text = await readFile(candidate, 'utf8').catch(() => undefined);
      if (text !== undefined) return { uri: pathToFileURL(candidate).href, text };
      const isRepositoryRoot = await stat(join(directory, '.git')).then(
        () => true,
        () => false,
      );
      if (isRepositoryRoot || dirname(directory) === directory) return undefined;
    }
  }

  async findGoMod(uri: string): Promise<{ uri: string; text: string } | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    for (let directory = dirname(path); ; directory = dirname(directory)) {
      try {
        const goMod = join(directory, 'go.mod');
        return { uri: pathToFileURL(goMod).href, text: await readFile(goMod, 'utf8') };
      } catch {
        // not here: look one level up
      }
      if (dirname(directory) === directory) return undefined;
    }
  }
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
