// The CLI's view of `.go-backend-guide.json`: the file given with --config, or for each folder
// the nearest one, found the same way the language server finds it (NodeFileHost.findConfig).
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseConfig, type ConfigProblem, type ProjectConfig } from '../core/config';
import { MAX_CONFIG_BYTES, NodeFileHost } from './node-file-host';
import { describe, readSource } from './read-source';

export interface LoadedConfig {
  path: string;
  folder: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export class ConfigFiles {
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly byFolder = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly host = new NodeFileHost(() => Infinity);

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
    let loaded = this.byFolder.get(folder);
    if (!loaded) {
      // findConfig looks from the folder of a file: name a file inside `folder`.
      loaded = this.host.findConfig(pathToFileURL(join(folder, 'x.go')).href).then((found) => found && this.parsed(fileURLToPath(found.uri), found.text));
      this.byFolder.set(folder, loaded);
    }
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
