// The CLI's view of `.go-backend-guide.json`: the file given with --config, or for each folder
// the nearest one, found the same way the language server finds it (NodeFileHost.findConfig).
import { dirname } from 'node:path';
import { parseConfig, type ConfigProblem, type ProjectConfig } from '../core/config';
import { configInSync, MAX_CONFIG_BYTES, searchEndsAtSync } from './node-file-host';
import { describe, readSource } from './read-source';

export interface LoadedConfig {
  path: string;
  folder: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export class ConfigFiles {
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly byFolder = new Map<string, LoadedConfig | undefined>();

  constructor(
    private readonly ruleIds: ReadonlySet<string>,
    /** A file given with --config: used for every folder. */
    private readonly explicit?: string,
  ) {}

  /** The configuration for a folder; throws when the --config file cannot be read. */
  async forFolder(folder: string): Promise<LoadedConfig | undefined> {
    if (this.explicit) {
      const read = await readSource(this.explicit, MAX_CONFIG_BYTES);
      if (read.kind === 'text') return this.parsed(this.explicit, read.text);
      throw new Error(read.kind === 'error' ? describe(read.error) : read.kind === 'too-large' ? `larger than ${MAX_CONFIG_BYTES} bytes` : `it is ${read.what}, not a regular file`);
    }
    return this.nearest(folder);
  }

  /**
   * NodeFileHost.findConfig's search, one folder at a time: folders of a tree share their
   * parents'. Synchronous: the run waits for it anyway, and awaiting each folder's look-up in
   * turn left the thread idle for a tenth of a second over the Go standard library.
   */
  private nearest(folder: string): LoadedConfig | undefined {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const found = configInSync(folder);
    const loaded = found ? this.parsed(found.path, found.text) : searchEndsAtSync(folder) ? undefined : this.nearest(dirname(folder));
    this.byFolder.set(folder, loaded);
    return loaded;
  }

  /** Parsed once per file, so its problems are reported once however many folders it covers. */
  private parsed(path: string, text: string): LoadedConfig {
    let loaded = this.byPath.get(path);
    if (!loaded) {
      loaded = { path, folder: dirname(path), ...parseConfig(text, this.ruleIds) };
      this.byPath.set(path, loaded);
    }
    return loaded;
  }
}
