// `--new-from-rev` and `--new-from-patch`: which lines of which files a change touched, from
// `git diff REV` or from a unified diff. Callers widen each line to its top-level declaration.
import { execFile } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parsePatch } from 'diff';
import { describe } from '../node/read-source';

/** 1-based lines touched per file (absolute, real path); `'all'` for a file that is new as a whole. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

/** A problem the user can act on: a missing git, an unknown revision, a patch that is not one. */
export class ChangeError extends Error {}

/** Lines added or modified since `rev` in the repository around `cwd`, uncommitted edits and untracked files included. */
export async function changedSinceRevision(rev: string, cwd: string): Promise<ChangedLines> {
  if (rev.startsWith('-')) throw new ChangeError(`--new-from-rev takes a revision, not "${rev}"`);
  const top = (await git(['rev-parse', '--show-toplevel'], cwd)).trim();
  const known = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], cwd).then(
    () => true,
    () => false,
  );
  if (!known) {
    throw new ChangeError(
      `unknown revision "${rev}" in the repository at ${top}` +
        ((await git(['rev-parse', '--is-shallow-repository'], cwd)).trim() === 'true' ? ' (this clone is shallow: fetch more history, e.g. actions/checkout with fetch-depth: 0)' : ''),
    );
  }
  // Fixed prefixes and no external diff, whatever the user's git configuration says.
  const patch = await git(
    ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '--unified=0', '--end-of-options', rev, '--'],
    cwd,
  );
  const changed = await linesOfPatch(patch, (name) => join(top, name));
  const untracked = await git(['ls-files', '--others', '--exclude-standard', '-z'], top);
  for (const name of untracked.split('\0').filter(Boolean)) changed.set(await realPath(join(top, name)), 'all');
  return changed;
}

/** Lines added or modified by a unified diff; its paths are relative to `cwd` (a/ and b/ prefixes allowed). */
export async function changedInPatch(file: string, cwd: string): Promise<ChangedLines> {
  let text;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new ChangeError(`cannot read the patch ${file}: ${describe(error)}`);
  }
  try {
    return await linesOfPatch(text, (name) => resolve(cwd, name));
  } catch (error) {
    if (error instanceof ChangeError) throw error;
    throw new ChangeError(`${file} is not a unified diff: ${(error as Error).message}`);
  }
}

async function linesOfPatch(text: string, locate: (name: string) => string): Promise<ChangedLines> {
  const changed: ChangedLines = new Map();
  for (const patch of parsePatch(text)) {
    const name = newName(patch.oldFileName, patch.newFileName);
    if (name === undefined) continue;
    const path = await realPath(isAbsolute(name) ? name : locate(name));
    const lines = new Set<number>();
    for (const hunk of patch.hunks) {
      let line = hunk.newStart;
      for (const [i, content] of hunk.lines.entries()) {
        if (content.startsWith('+')) lines.add(line++);
        else if (content.startsWith(' ')) line++;
        // A deletion not followed by additions changes the code around it: the line before the
        // gap stands for it (a removed `defer rows.Close()` is a change to its function).
        else if (content.startsWith('-') && !hunk.lines[i + 1]?.startsWith('-') && !hunk.lines[i + 1]?.startsWith('+')) lines.add(Math.max(1, line - 1));
      }
    }
    const before = changed.get(path);
    if (before !== 'all') changed.set(path, new Set([...(before ?? []), ...lines]));
  }
  return changed;
}

/** The changed file's name: git's b/ prefix dropped; undefined for a deleted file. */
function newName(oldName: string | undefined, name: string | undefined): string | undefined {
  if (!name || name === '/dev/null') return undefined;
  const gitStyle = name.startsWith('b/') && (oldName === undefined || oldName === '/dev/null' || oldName.startsWith('a/'));
  return gitStyle ? name.slice(2) : name;
}

/** Git reports real paths; the CLI compares them with the real paths of the files it checked. */
export function realPath(path: string): Promise<string> {
  return realpath(path).catch(() => path);
}

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile('git', args, { cwd, maxBuffer: 1 << 30, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') reject(new ChangeError('--new-from-rev needs git, and git is not installed (or not on PATH)'));
      else if (/not a git repository/i.test(stderr)) reject(new ChangeError(`--new-from-rev needs a git repository, and ${cwd} is not inside one`));
      else reject(new ChangeError(`git ${args[0] === '-c' ? args[2] : args[0]} failed: ${stderr.trim() || error.message}`));
    });
  });
}
