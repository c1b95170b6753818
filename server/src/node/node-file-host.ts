import { statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ModuleFiles } from '../checker';
import { CONFIG_FILE_NAME } from '../core/config';
import type { GoModule } from '../core/module-index';
import type { FileHost } from '../lsp/file-host';
import { ModuleCallers } from '../core/callers';
import { ProgramGraph } from '../core/programs';
import type { ToolVerdicts } from '../core/tool-code';
import { holdsProgram, moduleFilesOnDisk, modulePackagesOnDisk } from './module-files';
import { readSource, readSourceSync } from './read-source';

/** go.mod and the configuration file: far larger ones are not what they claim to be. */
export const MAX_CONFIG_BYTES = 1 << 20;

/**
 * File access for `file:` URIs; other schemes (virtual workspaces) get no siblings. Only
 * regular files are read (see read-source): a named pipe in a package folder must not hang it.
 */
export class NodeFileHost implements FileHost {
  private readonly told = new Set<string>();

  constructor(
    private readonly maxFileBytes: () => number,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async siblingGoFiles(uri: string): Promise<string[]> {
    const path = toPath(uri);
    if (!path) return [];
    try {
      const directory = dirname(path);
      const entries = await readdir(directory, { withFileTypes: true });
      return entries.filter((entry) => entry.name.endsWith('.go') && !entry.isDirectory()).map((entry) => pathToFileURL(join(directory, entry.name)).href);
    } catch {
      return [];
    }
  }

  async readText(uri: string): Promise<string | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    const read = await readSource(path, this.maxFileBytes());
    if (read.kind === 'not-regular' && !this.told.has(path)) {
      this.told.add(path);
      this.log(`not read: ${path} is ${read.what}, not a regular file`);
    }
    return read.kind === 'text' ? read.text : undefined;
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

  /** Read when first asked, and kept by the workspace until a file changes on disk (see `Workspace.deeperReach`). */
  moduleFiles(module: GoModule): ModuleFiles {
    return moduleFilesOnDisk(module, this.maxFileBytes(), (file) => file);
  }

  holdsProgram(folder: string): boolean {
    return holdsProgram(folder);
  }

  /** Read when first asked, and kept by the workspace until a file changes on disk (see `Workspace.moduleFindings`). */
  programVerdicts(module: GoModule): ToolVerdicts {
    return new ProgramGraph(modulePackagesOnDisk(module, this.maxFileBytes())).verdicts();
  }

  /** Read when first asked, and kept by the workspace until a file changes on disk (see `Workspace.moduleFindings`). */
  moduleCallers(module: GoModule): ModuleCallers {
    return new ModuleCallers(modulePackagesOnDisk(module, this.maxFileBytes()));
  }

  async findGoMod(uri: string): Promise<{ uri: string; text: string } | undefined> {
    const path = toPath(uri);
    if (!path) return undefined;
    for (let directory = dirname(path); ; directory = dirname(directory)) {
      const goMod = join(directory, 'go.mod');
      const read = await readSource(goMod, MAX_CONFIG_BYTES);
      if (read.kind === 'text') return { uri: pathToFileURL(goMod).href, text: read.text };
      if (dirname(directory) === directory) return undefined;
    }
  }
}

/** The configuration file of one folder, if it has one. */
export async function configIn(directory: string): Promise<{ path: string; text: string } | undefined> {
  const path = join(directory, CONFIG_FILE_NAME);
  const read = await readSource(path, MAX_CONFIG_BYTES);
  return read.kind === 'text' ? { path, text: read.text } : undefined;
}

/** The search for a configuration stops at the repository root (the folder with .git) or the file system's. */
export async function searchEndsAt(directory: string): Promise<boolean> {
  if (dirname(directory) === directory) return true;
  return stat(join(directory, '.git')).then(
    () => true,
    () => false,
  );
}

/** configIn, synchronously, for the CLI: awaiting each folder's look-up left its thread idle. */
export function configInSync(directory: string): { path: string; text: string } | undefined {
  const path = join(directory, CONFIG_FILE_NAME);
  const read = readSourceSync(path, MAX_CONFIG_BYTES);
  return read.kind === 'text' ? { path, text: read.text } : undefined;
}

/** searchEndsAt, synchronously. */
export function searchEndsAtSync(directory: string): boolean {
  if (dirname(directory) === directory) return true;
  try {
    statSync(join(directory, '.git'));
    return true;
  } catch {
    return false;
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
