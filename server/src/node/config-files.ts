// Finds and reads `.go-backend-guide.json` for a folder: the nearest one at or above it, up to
// the repository root (the folder holding .git).
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type ConfigProblem, type ProjectConfig } from '../core/config';

export interface LoadedConfig {
  path: string;
  folder: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export class ConfigFiles {
  private readonly byFolder = new Map<string, LoadedConfig | undefined>();

  constructor(
    private readonly ruleIds: ReadonlySet<string>,
    /** A file given with --config: used for every folder. */
    private readonly explicit?: string,
  ) {}

  /** Reads a given file; throws with a clear message when it cannot be read. */
  load(path: string): LoadedConfig {
    const text = readFileSync(path, 'utf8');
    return { path, folder: dirname(path), ...parseConfig(text, this.ruleIds) };
  }

  forFolder(folder: string): LoadedConfig | undefined {
    if (this.explicit) return this.cached(this.explicit, () => this.load(this.explicit!));
    return this.cached(folder, () => {
      const candidate = join(folder, CONFIG_FILE_NAME);
      if (exists(candidate)) return this.load(candidate);
      const parent = dirname(folder);
      if (exists(join(folder, '.git')) || parent === folder) return undefined;
      return this.forFolder(parent);
    });
  }

  private cached(key: string, load: () => LoadedConfig | undefined): LoadedConfig | undefined {
    if (!this.byFolder.has(key)) this.byFolder.set(key, load());
    return this.byFolder.get(key);
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
