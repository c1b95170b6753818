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
      const found = await configIn(directory);
      if (found !== undefined) return { uri: pathToFileURL(found.path).href, text: found.text };
      if (await searchEndsAt(directory)) return undefined;
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

/** The configuration file of one folder, if it has one. */
export async function configIn(directory: string): Promise<{ path: string; text: string } | undefined> {
  const path = join(directory, CONFIG_FILE_NAME);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : { path, text };
}

/** The search for a configuration stops at the repository root (the folder with .git) or the file system's. */
export async function searchEndsAt(directory: string): Promise<boolean> {
  if (dirname(directory) === directory) return true;
  return stat(join(directory, '.git')).then(
    () => true,
    () => false,
  );
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
