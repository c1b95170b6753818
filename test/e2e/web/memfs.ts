import * as vscode from 'vscode';

type Entry = { type: vscode.FileType.File; data: Uint8Array; ctime: number; mtime: number } | { type: vscode.FileType.Directory; ctime: number; mtime: number };

/**
 * A file system held in memory, as github.dev's or vscode.dev's are held elsewhere: no disk
 * behind it, so an extension reaches its files only through workspace.fs. Paths are flat keys;
 * a directory exists when something was created under it.
 */
export class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, Entry>([['/', directory()]]);
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  constructor(readonly scheme: string) {}

  /** Creates `path` (and its parent directories) with `text`, telling watchers. */
  seed(path: string, text: string): void {
    this.writeFile(vscode.Uri.from({ scheme: this.scheme, path }), new TextEncoder().encode(text), { create: true, overwrite: true });
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined); // every change is announced; nothing to start
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.entry(uri);
    return { type: entry.type, ctime: entry.ctime, mtime: entry.mtime, size: entry.type === vscode.FileType.File ? entry.data.byteLength : 0 };
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const path = this.directoryPath(uri);
    if (this.entry(uri).type !== vscode.FileType.Directory) throw vscode.FileSystemError.FileNotADirectory(uri);
    const children: [string, vscode.FileType][] = [];
    for (const [key, entry] of this.entries) {
      if (key === path || !key.startsWith(path) || key.slice(path.length).includes('/')) continue;
      children.push([key.slice(path.length), entry.type]);
    }
    return children;
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const entry = this.entry(uri);
    if (entry.type !== vscode.FileType.File) throw vscode.FileSystemError.FileIsADirectory(uri);
    return entry.data;
  }

  writeFile(uri: vscode.Uri, data: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const path = normalized(uri.path);
    const existing = this.entries.get(path);
    if (existing?.type === vscode.FileType.Directory) throw vscode.FileSystemError.FileIsADirectory(uri);
    if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (existing && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    const events: vscode.FileChangeEvent[] = [];
    for (let parent = parentOf(path); parent && !this.entries.has(parent); parent = parentOf(parent)) {
      this.entries.set(parent, directory());
      events.push({ type: vscode.FileChangeType.Created, uri: uri.with({ path: parent }) });
    }
    const now = Date.now();
    this.entries.set(path, { type: vscode.FileType.File, data, ctime: existing?.ctime ?? now, mtime: now });
    events.push({ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri });
    this.changed.fire(events);
  }

  createDirectory(uri: vscode.Uri): void {
    this.entries.set(normalized(uri.path), directory());
    this.changed.fire([{ type: vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    const path = normalized(uri.path);
    this.entry(uri);
    for (const key of [...this.entries.keys()]) if (key === path || key.startsWith(`${path}/`)) this.entries.delete(key);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename is not needed by the tests');
  }

  private entry(uri: vscode.Uri): Entry {
    const entry = this.entries.get(normalized(uri.path));
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }

  /** `/a/b` → `/a/b/`, the prefix of its children's keys; `/` stays. */
  private directoryPath(uri: vscode.Uri): string {
    const path = normalized(uri.path);
    return path === '/' ? path : `${path}/`;
  }
}

function directory(): Entry {
  const now = Date.now();
  return { type: vscode.FileType.Directory, ctime: now, mtime: now };
}

function normalized(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path || '/';
}

function parentOf(path: string): string | undefined {
  if (path === '/') return undefined;
  const at = path.lastIndexOf('/');
  return at <= 0 ? '/' : path.slice(0, at);
}
