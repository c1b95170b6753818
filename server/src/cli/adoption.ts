// Adopting the checker in a codebase that already has findings: a baseline of the accepted ones,
// only the findings in changed code, and the fingerprints CI systems track findings by. It runs on
// the check's outcome, between the check and the report.
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { BASELINE_FILE_NAME, type Baseline, type BaselineEntry } from '../core/baseline';
import { fingerprintFindings, type FindingAnchor } from '../core/fingerprint';
import type { Finding } from '../core/findings';
import type { ConfigFiles } from '../node/config-files';
import { BaselineError, BaselineFiles, pathInBaseline, writeBaselineFile } from './baseline-files';
import { ChangeError, changedInPatch, changedSinceRevision, realPath, type ChangedLines } from './changed-lines';
import { display, type CheckedFile, type CheckOutcome } from './check';
import { anchorFiles } from './identify';
import { compareLocated, locate, type Located } from './report';

/** The options of this module, for the CLI's parseArgs. */
export const ADOPTION_OPTIONS = {
  baseline: { type: 'string' },
  'write-baseline': { type: 'boolean' },
  'new-from-rev': { type: 'string' },
  'new-from-patch': { type: 'string' },
} as const;

export const ADOPTION_USAGE = `  --baseline FILE            report only findings that are not in this baseline (default: the
                             "baseline" of the configuration file)
  --write-baseline[=FILE]    record today's findings as the baseline and exit 0; findings fixed
                             since drop out (default FILE: the baseline in use, else
                             ${BASELINE_FILE_NAME})
  --new-from-rev REV         report only findings in code changed since REV (git diff REV and
                             untracked files; a changed line counts for its whole declaration)
  --new-from-patch FILE      the same from a unified diff (paths relative to the working folder)
`;

export interface AdoptionRequest {
  baseline?: string;
  /** `true`: to the baseline in use (or the default file); a string: to that file. */
  writeBaseline?: true | string;
  newFromRev?: string;
  newFromPatch?: string;
}

/** A problem with the request that stops the run before anything is reported (exit 2). */
export class AdoptionError extends Error {}

export interface Identity {
  fingerprint: string;
  /** True when the finding is in the baseline that applies to its file. */
  baselined: boolean;
}

export interface Adopted {
  /** Files with the findings in scope (baselined ones included); `findings`: only those to report. */
  outcome: CheckOutcome;
  /** Fingerprints, when asked for or needed. */
  identities?: ReadonlyMap<Finding, Identity>;
  /** True when some file had a baseline, so every finding is either new or unchanged. */
  baselineInUse: boolean;
  /** True when the run wrote baselines instead of reporting. */
  wroteBaseline: boolean;
  /** One-line notes for stderr. */
  notes: string[];
}

/**
 * `--write-baseline=FILE` is taken out before the options are parsed: a bare `--write-baseline`
 * must not swallow the PATH that follows it, so only the `=` form names a file.
 */
export function takeWriteBaselineFile(args: readonly string[]): { args: string[]; file?: string } {
  let file: string | undefined;
  const rest = args.filter((arg) => {
    if (!arg.startsWith('--write-baseline=')) return true;
    file = arg.slice('--write-baseline='.length);
    return false;
  });
  return { args: file === undefined ? rest : [...rest, '--write-baseline'], file };
}

/** The request from parsed options, or a usage error. */
export function adoptionRequest(
  values: { baseline?: string; 'write-baseline'?: boolean; 'new-from-rev'?: string; 'new-from-patch'?: string },
  writeFile: string | undefined,
  fixing: boolean,
): AdoptionRequest | string {
  const request: AdoptionRequest = {
    baseline: values.baseline,
    writeBaseline: writeFile ?? (values['write-baseline'] ? true : undefined),
    newFromRev: values['new-from-rev'],
    newFromPatch: values['new-from-patch'],
  };
  for (const [option, value] of [['--baseline', request.baseline], ['--write-baseline=', writeFile], ['--new-from-rev', request.newFromRev], ['--new-from-patch', request.newFromPatch]]) {
    if (value === '') return `${option} needs a value`;
  }
  if (request.newFromRev !== undefined && request.newFromPatch !== undefined) return '--new-from-rev and --new-from-patch both choose the code to report: give one';
  if (request.writeBaseline && (request.newFromRev !== undefined || request.newFromPatch !== undefined)) {
    return '--write-baseline records every finding, so it does not combine with --new-from-rev or --new-from-patch';
  }
  if (request.writeBaseline && fixing) return '--write-baseline records the findings as they are, so it does not combine with --fix or --diff';
  return request;
}

export class Adoption {
  private constructor(
    private readonly request: AdoptionRequest,
    private readonly cwd: string,
    private readonly baselines: BaselineFiles,
    /** Absolute paths named on the command line. */
    private readonly given: readonly string[],
    private readonly changed?: ChangedLines,
  ) {}

  /** Reads what can be read before the check (git's diff, the patch), so a typo fails fast. */
  static async prepare(request: AdoptionRequest, context: { cwd: string; configs: ConfigFiles; paths: readonly string[] }): Promise<Adoption> {
    let changed: ChangedLines | undefined;
    try {
      if (request.newFromRev !== undefined) changed = await changedSinceRevision(request.newFromRev, context.cwd);
      else if (request.newFromPatch !== undefined) changed = await changedInPatch(request.newFromPatch, context.cwd);
    } catch (error) {
      if (error instanceof ChangeError) throw new AdoptionError(error.message);
      throw error;
    }
    const explicit = request.baseline === undefined ? undefined : resolve(context.cwd, request.baseline);
    const given = context.paths.map((path) => resolve(context.cwd, path === '...' ? '.' : path.replace(/\/\.\.\.$/, '') || '/'));
    return new Adoption(request, context.cwd, new BaselineFiles(context.configs, explicit), given, changed);
  }

  async apply(outcome: CheckOutcome, fingerprintsWanted: boolean): Promise<Adopted> {
    if (this.request.writeBaseline !== undefined) return this.writeBaselines(outcome);
    const targets = new Map<CheckedFile, string | undefined>();
    for (const file of outcome.files) targets.set(file, await this.baselines.pathFor(file.path));
    const baselines = new Map<string, Baseline>();
    for (const path of new Set(targets.values())) if (path) baselines.set(path, await rethrown(this.baselines.read(path)));
    const baselineInUse = baselines.size > 0;
    if (!baselineInUse && !this.changed && !fingerprintsWanted) return { outcome, baselineInUse, wroteBaseline: false, notes: [] };

    // Files the change did not touch are out of scope as a whole: they need no parse.
    const scoped: CheckedFile[] = [];
    const touchedLines = new Map<CheckedFile, Set<number> | 'all'>();
    let outsideChanges = 0;
    for (const file of outcome.files) {
      if (file.findings.length === 0) continue;
      const touched = this.changed ? this.changed.get(await realPath(resolve(file.path))) : 'all';
      if (touched === undefined) outsideChanges += file.findings.length;
      else {
        scoped.push(file);
        touchedLines.set(file, touched);
      }
    }
    const identities = new Map<Finding, Identity>();
    const matched = new Set<string>();
    const inScope = new Map<CheckedFile, Finding[]>();
    const located: Located[] = [];
    for (const { file, lines, anchors, fingerprints } of await this.identify(scoped, targets)) {
      const touched = touchedLines.get(file)!;
      const baseline = baselines.get(targets.get(file) ?? '');
      const kept = file.findings.filter((finding, i) => {
        if (!touches(touched, anchors[i])) {
          outsideChanges++;
          return false;
        }
        const baselined = baseline?.fingerprints.has(fingerprints[i]) ?? false;
        if (baselined) matched.add(fingerprints[i]);
        else located.push(locate(file.shown, finding, lines));
        identities.set(finding, { fingerprint: fingerprints[i], baselined });
        return true;
      });
      inScope.set(file, kept);
    }
    const notes: string[] = [];
    if (baselineInUse) notes.push(this.baselineNote(identities, matched, baselines, targets));
    if (this.changed && outsideChanges > 0) {
      const since = this.request.newFromRev !== undefined ? `since ${this.request.newFromRev}` : `by ${this.request.newFromPatch}`;
      notes.push(`${count(outsideChanges, 'finding')} in code not changed ${since} not reported`);
    }
    const files = outcome.files.map((file) => ({ ...file, findings: inScope.get(file) ?? [] }));
    return { outcome: { ...outcome, files, findings: located.sort(compareLocated) }, identities, baselineInUse, wroteBaseline: false, notes };
  }

  /**
   * The fingerprint of every finding, with the path it is computed from: relative to the file's
   * baseline when it has one (as the baseline records it), else to the repository's root.
   */
  private async identify(files: readonly CheckedFile[], targets: ReadonlyMap<CheckedFile, string | undefined>) {
    const repository = repositoryRoot(this.cwd);
    return (await anchorFiles(files)).map((anchored) => {
      const target = targets.get(anchored.file);
      const path = target ? pathInBaseline(target, anchored.file.path) : relative(repository, resolve(anchored.file.path)).split(sep).join('/');
      return { ...anchored, path, fingerprints: fingerprintFindings(path, anchored.file.findings, anchored.anchors) };
    });
  }

  /** --write-baseline: each file's findings go to its baseline; nothing is reported. */
  private async writeBaselines(outcome: CheckOutcome): Promise<Adopted> {
    const named = this.request.writeBaseline;
    const targets = new Map<CheckedFile, string>();
    for (const file of outcome.files) {
      const target = typeof named === 'string' ? resolve(this.cwd, named) : ((await this.baselines.pathFor(file.path)) ?? resolve(this.cwd, BASELINE_FILE_NAME));
      targets.set(file, target);
    }
    const entries = new Map<string, BaselineEntry[]>([...new Set(targets.values())].map((target) => [target, []]));
    for (const { file, anchors, path, fingerprints } of await this.identify(outcome.files, targets)) {
      const target = entries.get(targets.get(file)!)!;
      file.findings.forEach((finding, i) => target.push({ file: path, rule: finding.rule, declaration: anchors[i].declaration, fingerprint: fingerprints[i] }));
    }
    const checked = new Set(outcome.files.map((file) => resolve(file.path)));
    const inUse = new Set<string | undefined>();
    for (const file of outcome.files) inUse.add(await this.baselines.pathFor(file.path));
    const notes: string[] = [];
    for (const [target, found] of [...entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const { written, dropped } = await rethrown(writeBaselineFile(target, found, checked, this.given));
      const shown = display(target, this.cwd);
      notes.push(`wrote ${count(written, 'finding')} to ${shown}${dropped > 0 ? `; ${count(dropped, 'finding')} no longer there dropped` : ''}`);
      if (!inUse.has(target)) notes.push(`to use it, add "baseline": "${relative(this.cwd, target).split(sep).join('/')}" to .go-backend-guide.json (the editor reads it there too) or pass --baseline ${shown}`);
    }
    return { outcome, baselineInUse: false, wroteBaseline: true, notes };
  }

  private baselineNote(identities: ReadonlyMap<Finding, Identity>, matched: ReadonlySet<string>, baselines: ReadonlyMap<string, Baseline>, targets: ReadonlyMap<CheckedFile, string | undefined>): string {
    const baselined = [...identities.values()].filter((identity) => identity.baselined).length;
    let gone = 0;
    for (const [path, baseline] of baselines) {
      const checked = new Set([...targets].filter(([, target]) => target === path).map(([file]) => pathInBaseline(path, file.path)));
      gone += baseline.entries.filter((entry) => checked.has(entry.file) && !matched.has(entry.fingerprint)).length;
    }
    const note = `${count(baselined, 'finding')} baselined`;
    // With --new-from-*, findings outside the change were never compared: none can be called gone.
    return gone === 0 || this.changed ? note : `${note}; ${count(gone, 'baselined finding')} no longer there (--write-baseline drops ${gone === 1 ? 'it' : 'them'})`;
  }
}

/** A baseline file's problem stops the run: as an AdoptionError, which the CLI reports with exit 2. */
async function rethrown<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw error instanceof BaselineError ? new AdoptionError(error.message) : error;
  }
}

/** True when a changed line falls within the finding's declaration: a change anywhere in a function counts for all of it. */
function touches(changed: Set<number> | 'all', anchor: FindingAnchor): boolean {
  if (changed === 'all') return true;
  for (let line = anchor.lines.start + 1; line <= anchor.lines.end + 1; line++) if (changed.has(line)) return true;
  return false;
}

/** The folder holding .git at or above `cwd`, else `cwd`: the root that fingerprint paths start from without a baseline. */
function repositoryRoot(cwd: string): string {
  for (let folder = cwd; ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return folder;
    if (dirname(folder) === folder) return cwd;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
