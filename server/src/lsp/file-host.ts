import type { ModuleFiles } from '../checker';
import type { GoModule } from '../core/module-index';
import type { ModuleCallers } from '../core/callers';
import type { ToolVerdicts } from '../core/tool-code';

/** What the language server needs from the place files live; Node and web hosts differ. */
export interface FileHost {
  /** URIs of the other `.go` files in the directory of `uri`; empty when it cannot list. */
  siblingGoFiles(uri: string): Promise<string[]>;
  /** The text of a file, or undefined when it cannot be read. */
  readText(uri: string): Promise<string | undefined>;
  /** The nearest go.mod at or above the directory of `uri`. */
  findGoMod(uri: string): Promise<{ uri: string; text: string } | undefined>;
  /** The nearest `.go-backend-guide.json` at or above the directory of `uri`, within its repository. */
  findConfig(uri: string): Promise<{ uri: string; text: string } | undefined>;
  /**
   * The module's packages as they are on disk now, read synchronously when a chain of facts goes
   * past the packages a file imports (see `onlyCarriesValues`); absent where files cannot be read
   * synchronously (the web).
   */
  moduleFiles?(module: GoModule): ModuleFiles | undefined;
  /**
   * Whether a folder on disk holds a program, read synchronously, for telling code only
   * command-line tools run (see core/programs); absent on the web, where such code keeps its warnings.
   */
  holdsProgram?(folder: string): boolean;
  /** What the module's program graph concludes, read from disk synchronously; absent on the web. */
  programVerdicts?(module: GoModule): ToolVerdicts | undefined;
  /** The module's calls (see core/callers), read from disk synchronously; absent on the web. */
  moduleCallers?(module: GoModule): ModuleCallers | undefined;
}

export function directoryOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}
