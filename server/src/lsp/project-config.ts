// The `.go-backend-guide.json` that applies to a document, as the language server sees it:
// found through the file host, parsed once per text, its problems published on the file itself.
import { isExcluded, parseConfig, type ConfigProblem, type ProjectConfig } from '../core/config';
import { directoryOf, type FileHost } from './file-host';

export interface ProjectConfigFile {
  uri: string;
  text: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
}

export class ProjectConfigs {
  private readonly byFolder = new Map<string, Promise<ProjectConfigFile | undefined>>();
  private readonly announced = new Map<string, string>();

  constructor(
    private readonly host: FileHost,
    private readonly ruleIds: ReadonlySet<string>,
    /** Called when a configuration file's problems change (an empty list clears them). */
    private readonly onProblems: (file: ProjectConfigFile, text: string) => void,
  ) {}

  forDocument(uri: string): Promise<ProjectConfigFile | undefined> {
    const folder = directoryOf(uri);
    let found = this.byFolder.get(folder);
    if (!found) {
      found = this.host.findConfig(uri).then((file) => {
        if (!file) return undefined;
        const parsed: ProjectConfigFile = { uri: file.uri, text: file.text, ...parseConfig(file.text, this.ruleIds) };
        if (this.announced.get(file.uri) !== file.text) {
          this.announced.set(file.uri, file.text);
          this.onProblems(parsed, file.text);
        }
        return parsed;
      });
      this.byFolder.set(folder, found);
    }
    return found;
  }

  /** A configuration file was created, changed or deleted: read them all again. */
  invalidate(): void {
    this.byFolder.clear();
  }

  /** True when the document is excluded by the configuration's globs. */
  static excludes(file: ProjectConfigFile, documentUri: string): boolean {
    const base = directoryOf(file.uri);
    if (!documentUri.startsWith(base)) return false;
    return isExcluded(file.config, decodeURIComponent(documentUri.slice(base.length)));
  }
}
