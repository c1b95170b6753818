import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/config';
import { directoryOf, type FileHost } from './file-host';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, type DirectoryEntry } from './requests';

/**
 * File access through the language client, which answers with VS Code's `workspace.fs`: every
 * scheme the editor can read (github.dev's `vscode-vfs:`, a VS Code server's `vscode-remote:`,
 * vscode.dev's local folders, a test's `memfs:`), where the server has no file system of its
 * own. One request per directory listed or file read; the workspace caches what it learns.
 */
export class ClientFileHost implements FileHost {
  constructor(
    private readonly client: Pick<Connection, 'sendRequest'>,
    private readonly maxFileBytes: () => number,
  ) {}

  async siblingGoFiles(uri: string): Promise<string[]> {
    const entries = (await this.list(directoryOf(uri))) ?? [];
    return entries.filter((entry) => !entry.directory && entry.name.endsWith('.go')).map((entry) => entry.uri);
  }

  readText(uri: string): Promise<string | undefined> {
    return this.read(uri, this.maxFileBytes());
  }

  findGoMod(uri: string): Promise<{ uri: string; text: string } | undefined> {
    return this.findUp(uri, 'go.mod', false);
  }

  /** Like NodeFileHost.findConfig: the nearest one, not above the repository's root. */
  findConfig(uri: string): Promise<{ uri: string; text: string } | undefined> {
    return this.findUp(uri, CONFIG_FILE_NAME, true);
  }

  private async findUp(uri: string, name: string, stopAtRepositoryRoot: boolean): Promise<{ uri: string; text: string } | undefined> {
    for (let directory = directoryOf(uri) || undefined; directory; directory = parentDirectory(directory)) {
      const entries = await this.list(directory);
      if (!entries) return undefined;
      const file = entries.find((entry) => entry.name === name && !entry.directory);
      const text = file && (await this.read(file.uri));
      if (file && text !== undefined) return { uri: file.uri, text };
      if (stopAtRepositoryRoot && entries.some((entry) => entry.name === '.git')) return undefined;
    }
    return undefined;
  }

  private async list(directory: string): Promise<DirectoryEntry[] | undefined> {
    if (pathStart(directory) === undefined) return undefined;
    try {
      return (await this.client.sendRequest<DirectoryEntry[] | null>(READ_DIRECTORY_REQUEST, { uri: directory })) ?? undefined;
    } catch {
      return undefined; // a client that does not answer: the file is checked alone
    }
  }

  private async read(uri: string, maxBytes?: number): Promise<string | undefined> {
    if (pathStart(uri) === undefined) return undefined;
    try {
      return (await this.client.sendRequest<string | null>(READ_FILE_REQUEST, { uri, maxBytes })) ?? undefined;
    } catch {
      return undefined;
    }
  }
}

/** `scheme://authority/a/b/` → `scheme://authority/a/`; undefined at the root. */
export function parentDirectory(directory: string): string | undefined {
  const root = pathStart(directory);
  if (root === undefined || directory.length <= root + 1) return undefined;
  const trimmed = directory.slice(0, -1);
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}

/** Where the path of a hierarchical URI starts (its first `/`); undefined for `untitled:Untitled-1`. */
function pathStart(uri: string): number | undefined {
  const prefix = /^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i.exec(uri)?.[0];
  return prefix !== undefined && uri[prefix.length] === '/' ? prefix.length : undefined;
}
