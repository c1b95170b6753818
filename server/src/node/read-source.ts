// Reading a source or configuration file without ever blocking on one: a named pipe would wait
// forever for a writer and a device (`/dev/urandom` linked as x.go) never ends, so only regular
// files are read, and only when their size is within the limit.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

export type ReadOutcome =
  | {
      kind: 'text';
      text: string;
      /** False when some bytes are not UTF-8: the text has U+FFFD there, so it must not be written back. */
      utf8: boolean;
    }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'not-regular'; what: string }
  | { kind: 'error'; error: unknown };

// Opening a named pipe without O_NONBLOCK waits for a writer; with it, it returns at once.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads `path` as UTF-8 if it is a regular file of at most `maxBytes` bytes (symbolic links followed). */
export async function readSource(path: string, maxBytes: number): Promise<ReadOutcome> {
  let handle: FileHandle | undefined;
  try {
    // A stat first: opening a device can have effects of its own.
    const checked = refuse(await stat(path), maxBytes);
    if (checked) return checked;
    handle = await open(path, OPEN_FLAGS);
    // Again on what was opened: the path may have been replaced since.
    const opened = refuse(await handle.stat(), maxBytes);
    if (opened) return opened;
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) return { kind: 'too-large', bytes: bytes.length };
    return { kind: 'text', text: bytes.toString('utf8'), utf8: isUtf8(bytes) };
  } catch (error) {
    return { kind: 'error', error };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** readSource, synchronously: the CLI has nothing else to do while it reads a package. */
export function readSourceSync(path: string, maxBytes: number): ReadOutcome {
  let fd: number | undefined;
  try {
    const checked = refuse(statSync(path), maxBytes);
    if (checked) return checked;
    fd = openSync(path, OPEN_FLAGS);
    const opened = refuse(fstatSync(fd), maxBytes);
    if (opened) return opened;
    const bytes = readFileSync(fd);
    if (bytes.length > maxBytes) return { kind: 'too-large', bytes: bytes.length };
    return { kind: 'text', text: bytes.toString('utf8'), utf8: isUtf8(bytes) };
  } catch (error) {
    return { kind: 'error', error };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function refuse(info: Stats, maxBytes: number): ReadOutcome | undefined {
  if (!info.isFile()) return { kind: 'not-regular', what: fileKind(info) };
  if (info.size > maxBytes) return { kind: 'too-large', bytes: info.size };
  return undefined;
}

/** What a path is, when it is not a regular file. */
export function fileKind(info: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** A file system error in words. */
export function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
