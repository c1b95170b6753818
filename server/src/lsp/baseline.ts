// The baseline in the editor: findings recorded in the baseline that the configuration file names
// are not shown as problems (or are shown as hints, with goBackendGuide.baselinedFindings), so the
// editor agrees with `go-backend-guide check` in CI. The fingerprints are the CLI's own.
import type { AnalysisResult } from '../core/analyzer';
import { parseBaseline, type Baseline } from '../core/baseline';
import type { GoDocument } from '../core/document';
import type { Localized, Text } from '../core/findings';
import { anchorFindings, fingerprintFindings } from '../core/fingerprint';
import { directoryOf, type FileHost } from './file-host';
import type { ProjectConfigFile } from './project-config';

export type BaselinedFindings = 'hide' | 'hint';

/** A baseline file and where it is (its paths are relative to its folder). */
export interface LoadedBaseline {
  uri: string;
  baseline: Baseline;
}

export class EditorBaselines {
  private readonly byUri = new Map<string, Promise<Baseline | undefined>>();

  constructor(
    private readonly host: FileHost,
    private readonly log: (message: string) => void,
  ) {}

  /**
   * The baseline the project's configuration names, read once; undefined without one or when it
   * cannot be read. Awaited before the analysis, so applying it needs no wait.
   */
  async forProject(project: ProjectConfigFile | undefined): Promise<LoadedBaseline | undefined> {
    const name = project?.config.baseline;
    if (name === undefined) return undefined;
    const uri = new URL(name, project!.uri).href;
    const baseline = await this.read(uri);
    return baseline && { uri, baseline };
  }

  /** The result without the findings of the baseline (`hide`), or with them turned into hints (`hint`). */
  static apply(loaded: LoadedBaseline | undefined, document: GoDocument, result: AnalysisResult, mode: BaselinedFindings): AnalysisResult {
    if (!loaded || result.findings.length === 0) return result;
    const path = relativePath(directoryOf(loaded.uri), document.uri);
    if (path === undefined) return result;
    const fingerprints = fingerprintFindings(path, result.findings, anchorFindings(document.tree, document.lines, result.findings));
    const findings = result.findings.flatMap((finding, i) => {
      if (!loaded.baseline.fingerprints.has(fingerprints[i])) return [finding];
      return mode === 'hide' ? [] : [{ ...finding, severity: 'hint' as const, message: markBaselined(finding.message) }];
    });
    return { ...result, findings };
  }

  /** Forgets a baseline file that changed on disk; true when it was one of ours. */
  invalidate(uri: string): boolean {
    return this.byUri.delete(uri);
  }

  /** The configuration changed: it may name another baseline, or the same one written anew. */
  clear(): void {
    this.byUri.clear();
  }

  private read(uri: string): Promise<Baseline | undefined> {
    let baseline = this.byUri.get(uri);
    if (!baseline) {
      baseline = this.host.readText(uri).then((text) => {
        if (text === undefined) {
          this.log(`baseline ${uri} cannot be read: every finding is shown`);
          return undefined;
        }
        const parsed = parseBaseline(text);
        if ('problem' in parsed) {
          this.log(`baseline ${uri}: ${parsed.problem}; every finding is shown`);
          return undefined;
        }
        return parsed.baseline;
      });
      this.byUri.set(uri, baseline);
    }
    return baseline;
  }
}

/** The path of `uri` from the folder `folderUri`, with `/`, as the CLI writes it; undefined across schemes or hosts. */
export function relativePath(folderUri: string, uri: string): string | undefined {
  const from = new URL(folderUri);
  const to = new URL(uri);
  if (from.protocol !== to.protocol || from.host !== to.host) return undefined;
  const folder = from.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const file = to.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let shared = 0;
  while (shared < folder.length && shared < file.length - 1 && folder[shared] === file[shared]) shared++;
  return [...folder.slice(shared).map(() => '..'), ...file.slice(shared)].join('/');
}

function markBaselined(message: Text): Localized {
  const en = typeof message === 'string' ? message : message.en;
  const zh = typeof message === 'string' ? message : message['zh-cn'];
  return { en: `${en} (in the baseline)`, 'zh-cn': `${zh}（已记入基线）` };
}
