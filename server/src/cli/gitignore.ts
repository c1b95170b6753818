// What .gitignore files say about the paths the CLI walks: a folder's own rules and those of
// every folder above it up to the repository root, read once per folder.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

interface Rules {
  base: string;
  matcher: Ignore;
}

export class GitIgnore {
  private readonly byFolder = new Map<string, Promise<Rules[]>>();

  /** True when a .gitignore at or above the path's folder (within the repository) ignores it. */
  async ignores(path: string, isFolder: boolean): Promise<boolean> {
    const absolute = resolve(path);
    for (const { base, matcher } of await this.rulesFor(dirname(absolute))) {
      const inside = relative(base, absolute).split(sep).join('/');
      if (inside && !inside.startsWith('..') && matcher.ignores(isFolder ? `${inside}/` : inside)) return true;
    }
    return false;
  }

  private rulesFor(folder: string): Promise<Rules[]> {
    let rules = this.byFolder.get(folder);
    if (!rules) {
      rules = this.load(folder);
      this.byFolder.set(folder, rules);
    }
    return rules;
  }

  private async load(folder: string): Promise<Rules[]> {
    const own: Rules[] = [];
    const text = await readFile(join(folder, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) own.push({ base: folder, matcher: ignore().add(text) });
    // Stop at the repository root (the folder holding .git) or the file system root.
    const isRoot = await stat(join(folder, '.git')).then(
      () => true,
      () => false,
    );
    const parent = dirname(folder);
    if (isRoot || parent === folder) return own;
    return [...(await this.rulesFor(parent)), ...own];
  }
}
