// Which code of a module only command-line tools run, asked finding by finding: from what the
// module's program graph concludes (core/programs), kept per module, and the folders that hold
// programs. A warning of a rule whose harm takes a process that keeps running is information there.
import type { Finding } from './findings';
import { importPathOfDirectory, type GoModule } from './module-index';
import { blank, declarationsOf, importsOf, type Declaration } from './program-text';
import { LineIndex } from './text';

/** For each code that only command-line tools run: the programs (import paths) whose processes reach it. */
export type ToolVerdicts = Record<string, readonly string[]>;

/**
 * True when the code at `offset` of `text` (a file of the package `packagePath`, as it is now) is
 * run only by command-line tools of the module: some process reaches it, none of those serves,
 * and one of their programs holds the package in its folder (the program's own code, not a
 * library of the module that only an example or a tool happens to run).
 */
export function onlyToolsRun(verdicts: ToolVerdicts, packagePath: string, text: string, offset: number, declarations = fileDeclarations(packagePath, text)): boolean {
  const declaration = declarations.find((declaration) => declaration.start <= offset && offset < declaration.end);
  if (!declaration) return false;
  // A variable's initialiser runs at init.
  const id = declaration.kind === 'variable' ? `${packagePath}#init` : declaration.id;
  const programs = Object.hasOwn(verdicts, id) ? verdicts[id] : undefined;
  return programs !== undefined && programs.some((program) => packagePath === program || packagePath.startsWith(`${program}/`));
}

/**
 * Whether the folder (in the form of `module.root`), or one above it inside the module, holds a
 * program: only code in such folders can be a command-line tool's own (see `onlyToolsRun`).
 */
export function underAProgram(module: GoModule, directory: string, holdsProgram: (folder: string) => boolean): boolean {
  for (let folder = directory; folder.startsWith(module.root); folder = folder.slice(0, folder.lastIndexOf('/', folder.length - 2) + 1)) {
    if (holdsProgram(folder)) return true;
  }
  return false;
}

/** A file's declarations as the graph names them. */
function fileDeclarations(packagePath: string, text: string): Declaration[] {
  // The imports matter here only for telling a command's action by its signature.
  return declarationsOf(packagePath, blank(text), importsOf(text, new Map()));
}

/** Where a `ToolCodeIndex` reads the module: the CLI from disk and its cache, the editor from disk. */
export interface ModulePrograms {
  /** Whether the folder holds a program (see `underAProgram`). */
  holdsProgram(folder: string): boolean;
  /** What the module's program graph concludes; undefined when the module cannot be read. */
  verdicts(module: GoModule): ToolVerdicts | undefined;
}

/** `onlyToolsRun` for the files of a run or a session, reading each folder and each module once. */
export class ToolCodeIndex {
  private readonly holds = new Map<string, boolean>();
  private readonly verdictsByModule = new Map<string, ToolVerdicts | undefined>();
  private lastFile: { text: string; packagePath: string; declarations: Declaration[] } | undefined;
  /** By module root and package: see `holdsToolCode`. */
  private readonly packagesWithToolCode = new Map<string, boolean>();

  constructor(private readonly programs: ModulePrograms) {}

  /** Whether only command-line tools run the code at `offset` of `text`, a file in `directory` of the module. */
  onlyToolsRun(module: GoModule, directory: string, text: string, offset: number): boolean {
    const holds = (folder: string) => {
      let answer = this.holds.get(folder);
      if (answer === undefined) this.holds.set(folder, (answer = this.programs.holdsProgram(folder)));
      return answer;
    };
    const packagePath = importPathOfDirectory(module, directory);
    if (packagePath === undefined || !underAProgram(module, directory, holds)) return false;
    if (!this.verdictsByModule.has(module.root)) this.verdictsByModule.set(module.root, this.programs.verdicts(module));
    const verdicts = this.verdictsByModule.get(module.root);
    // Most packages hold no code only tools run: no need to read the file's declarations.
    if (verdicts === undefined || !this.holdsToolCode(module.root, verdicts, packagePath)) return false;
    // A file's findings are asked about one after another, on one text.
    if (this.lastFile?.text !== text || this.lastFile.packagePath !== packagePath) this.lastFile = { text, packagePath, declarations: fileDeclarations(packagePath, text) };
    return onlyToolsRun(verdicts, packagePath, text, offset, this.lastFile.declarations);
  }

  /** Whether any code of the package is only tools' (by the ids' prefix; a look-alike path only costs a read). */
  private holdsToolCode(root: string, verdicts: ToolVerdicts, packagePath: string): boolean {
    const key = `${root}\0${packagePath}`;
    let answer = this.packagesWithToolCode.get(key);
    if (answer === undefined) {
      answer = Object.keys(verdicts).some((id) => id.startsWith(`${packagePath}.`) || id.startsWith(`${packagePath}#`));
      this.packagesWithToolCode.set(key, answer);
    }
    return answer;
  }

  /** Files changed on disk: folders and modules are read again when next asked. */
  forget(): void {
    this.holds.clear();
    this.verdictsByModule.clear();
    this.packagesWithToolCode.clear();
  }
}

/**
 * The findings of a file as they stand when only command-line tools run some of its code: there, a
 * warning of a rule whose harm takes a process that keeps running is information. `onlyToolsRun`
 * is asked only for such warnings.
 */
export function asToolCode(findings: Finding[], text: string, isLongRunning: (rule: string) => boolean, onlyToolsRun: (offset: number) => boolean): Finding[] {
  const lowerable = (finding: Finding) => finding.severity === 'warning' && isLongRunning(finding.rule);
  if (!findings.some(lowerable)) return findings;
  const lines = new LineIndex(text);
  return findings.map((finding) => (lowerable(finding) && onlyToolsRun(lines.offsetAt(finding.range.start)) ? { ...finding, severity: 'information' } : finding));
}
