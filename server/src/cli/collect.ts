import type { Dirent } from 'node:fs';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, fileKind } from '../node/read-source';
import { GitIgnore } from './gitignore';

/** Folders never walked into: dependencies, test inputs and hidden folders (.git, .cache, …). */
const SKIPPED_FOLDERS = new Set(['vendor', 'testdata', 'node_modules']);

export interface Collected {
  files: string[];
  /** Problems with the given paths: each names the path and what is wrong. */
  errors: string[];
  /** Folders that held no Go file. */
  empty: string[];
}

/**
 * Expands the command line's paths into .go files. A folder is walked, skipping the folders
 * Go tooling skips and whatever .gitignore ignores; a file must be a .go file. Named paths are
 * checked even inside skipped or ignored folders: an explicit argument wins. A .go name that
 * is not a regular file (a named pipe, a socket, a device) is an error: reading it would hang
 * or never end. Synchronous: awaiting each folder's listing in turn left the thread idle for
 * a fifth of a second of a walk over the Go standard library, and it has nothing else to do.
 */
export function collectGoFiles(paths: readonly string[]): Collected {
  const collected: Collected = { files: [], errors: [], empty: [] };
  const gitignore = new GitIgnore();
  for (const given of paths) {
    // Go's `./...` (this folder and everything below) is how Go users name a tree; we walk
    // folders recursively anyway, so it means the folder itself.
    const path = given === '...' ? '.' : given.endsWith('/...') ? given.slice(0, -4) || '/' : given;
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      collected.errors.push(`${path}: ${describe(error)}`);
      continue;
    }
    if (info.isDirectory()) {
      const before = collected.files.length;
      walk(path, collected, gitignore);
      if (collected.files.length === before) collected.empty.push(path);
    } else if (!info.isFile()) {
      collected.errors.push(notRegular(path, fileKind(info)));
    } else if (!path.endsWith('.go')) {
      collected.errors.push(`${path}: not a Go file (give .go files or folders)`);
    } else {
      collected.files.push(path);
    }
  }
  collected.files = [...new Set(collected.files)].sort();
  return collected;
}

function walk(directory: string, collected: Collected, gitignore: GitIgnore): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    collected.errors.push(`${directory}: ${describe(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name) || gitignore.ignores(path, true)) continue;
      walk(path, collected, gitignore);
    } else if (entry.name.endsWith('.go') && !gitignore.ignores(path, false)) {
      addGoFile(path, entry, collected);
    }
  }
}

/** A .go entry of a folder: a regular file (or a link to one) is checked; a link to a folder is not followed. */
function addGoFile(path: string, entry: Dirent, collected: Collected): void {
  if (entry.isFile()) {
    collected.files.push(path);
    return;
  }
  if (!entry.isSymbolicLink()) {
    collected.errors.push(notRegular(path, fileKind(entry)));
    return;
  }
  let target;
  try {
    target = statSync(path);
  } catch {
    collected.files.push(path); // a dangling link: the check names it as unreadable
    return;
  }
  if (target.isFile()) collected.files.push(path);
  else if (!target.isDirectory()) collected.errors.push(notRegular(path, fileKind(target)));
}

function notRegular(path: string, what: string): string {
  return `${path}: not read: it is ${what}, not a regular file`;
}
