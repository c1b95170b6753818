// What .gitignore files say about the paths the CLI walks: a folder's own rules and those of
// every folder above it up to the repository root, read once per folder.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Rules {
  base: string;
  matcher: Ignore;
}

export class GitIgnore {
  private readonly byFolder = new Map<string, Rules[]>();

  /** True when a .gitignore at or above the path's folder (within the repository) ignores it. */
  ignores(path: string, isFolder: boolean): boolean {
    const absolute = resolve(path);
    for (const { base, matcher } of this.rulesFor(dirname(absolute))) {
      const inside = relative(base, absolute).split(sep).join('/');
      if (inside && !inside.startsWith('..') && matcher.ignores(isFolder ? `${inside}/` : inside)) return true;
    }
    return false;
  }

  private rulesFor(folder: string): Rules[] {
    let rules = this.byFolder.get(folder);
    if (!rules) {
      rules = this.load(folder);
      this.byFolder.set(folder, rules);
    }
    return rules;
  }

  private load(folder: string): Rules[] {
    const own: Rules[] = [];
    let text: string | undefined;
    try {
      text = readFileSync(join(folder, '.gitignore'), 'utf8');
    } catch {
      // no .gitignore here (or none that can be read)
    }
    if (text !== undefined) own.push({ base: folder, matcher: ignore().add(text) });
    // Stop at the repository root (the folder holding .git) or the file system root.
    let isRoot = false;
    try {
      statSync(join(folder, '.git'));
      isRoot = true;
    } catch {
      // not a repository root, or one that cannot be seen
    }
    const parent = dirname(folder);
    if (isRoot || parent === folder) return own;
    return [...this.rulesFor(parent), ...own];
  }
}
