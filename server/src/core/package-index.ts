import { isPending, type DeferredSummary } from './deferred-summary';
import type { FileSummary, FuncSignature, StructType } from './file-summary';
import { matchesErrorText } from './error-texts';
import { goVersionAtLeast } from './go-mod';
import { isExampleCode } from './example-code';
import type { TypeRef } from './go-types';
import type { FileImports } from './imports';

/**
 * What the rules know about a file's package without a type checker: the package-level
 * declarations of every `.go` file in the same directory and the `go` version of the module.
 * Built from per-file summaries, so an edit re-summarises one file and rebuilds this cheaply.
 */
export class PackageIndex {
  private readonly structs = new Declared<StructType>();
  private readonly otherTypes = new Declared<TypeRef>();
  private readonly funcs = new Declared<FuncSignature>();
  private readonly methods = new Declared<FuncSignature>();
  private readonly vars = new Declared<TypeRef>();
  private readonly importsByFile = new Map<string, FileImports>();
  private readonly calledMethods = new Set<string>();
  private readonly deferredNames = new Set<string>();
  private readonly errorTexts = new Set<string>();
  private readonly changedFields = new Set<string>();
  private readonly sendingFields = new Set<string>();
  private readonly periodicResets = new Set<string>();
  readonly packageNames = new Set<string>();
  /** Files whose summaries are not made yet, with their places in `files`: read when asked about (see `settle`). */
  private pending: Array<{ file: DeferredSummary; position: number }> = [];
  /** The package is example code (see `isExampleCode`): its warnings are information. */
  readonly isExampleCode: boolean;
  /** Changes whenever anything a rule can learn from the index changes. */
  readonly fingerprint: string;

  constructor(
    readonly files: readonly FileSummary[],
    /** The `go` directive of the nearest go.mod, if any. */
    readonly goVersion?: string,
    /**
     * The other packages of the module that these files import, by import path (see
     * `ModuleIndex`): their exported functions' facts are visible through `imported`.
     */
    private readonly modulePackages: ReadonlyMap<string, PackageIndex> = new Map(),
    /** The package's import paths (see `packagePathsOf`), when it is inside a module. */
    readonly packagePaths: readonly string[] = [],
    /**
     * For a package as importers see it: the module's packages it imports, built on demand, so a
     * chain of facts can go on from it (see `onlyCarriesValues`). Not part of the fingerprint:
     * those chains are bounded, and the caches that outlive a run key on the files they reach.
     */
    private readonly reach?: (path: string) => PackageIndex | undefined,
  ) {
    this.isExampleCode = packagePaths.some(isExampleCode);
    const imported = [...modulePackages].map(([path, index]) => `${path}=${index.fingerprint}`);
    this.fingerprint = `${goVersion ?? '-'}|${packagePaths.join(',')}|${files.map((file) => `${file.uri}=${file.fingerprint}`).join('|')}${imported.length > 0 ? `|${imported.join('|')}` : ''}`;
    files.forEach((file, position) => {
      this.importsByFile.set(file.uri, file.imports);
      if (file.packageName) this.packageNames.add(file.packageName);
      if (isPending(file)) this.pending.push({ file, position });
      else this.add(file, position);
    });
  }

  /** Takes in what a file declares; `position` is its place in `files`, where a later file wins. */
  private add(file: FileSummary, position: number): void {
    for (const struct of file.structs) this.structs.set(struct.name, struct, position);
    for (const [name, type] of file.otherTypes) this.otherTypes.set(name, type, position);
    for (const [name, type] of file.vars) this.vars.set(name, type, position);
    for (const name of file.calledMethods) this.calledMethods.add(name);
    for (const name of file.deferredNames) this.deferredNames.add(name);
    for (const text of file.errorTexts) this.errorTexts.add(text);
    for (const name of file.changedFields) this.changedFields.add(name);
    for (const name of file.sendingFields) this.sendingFields.add(name);
    for (const name of file.periodicResets) this.periodicResets.add(name);
    for (const fn of file.funcs) {
      if (fn.receiver) this.methods.set(`${fn.receiver}.${fn.name}`, fn, position);
      else this.funcs.set(fn.name, fn, position);
    }
  }

  /**
   * Makes and takes in the summaries not made yet of the files `due` picks out (all of them
   * without it), before a question whose answer they could change. Summaries made by another
   * reader since are taken in too: they cost nothing more.
   */
  private settle(due?: (file: DeferredSummary) => boolean): void {
    if (this.pending.length === 0) return;
    const waiting: typeof this.pending = [];
    for (const entry of this.pending) {
      if (entry.file.isMade || !due || due(entry.file)) this.add(entry.file.full(), entry.position);
      else waiting.push(entry);
    }
    this.pending = waiting;
  }

  /** `settle` for the files that may declare a function, type or constant `name`. */
  private settleDeclared(name: string): void {
    if (this.pending.length > 0) this.settle((file) => file.declares(name));
  }

  /** `settle` for the files that write `name`: only they can call, defer or change something by it. */
  private settleMentioned(name: string): void {
    if (this.pending.length > 0) this.settle((file) => file.mentions(name));
  }

  /**
   * The files that may declare, call or change something by the name `word`: every file but those
   * whose summaries are not made yet and that do not write it (see `DeferredSummary.mentions`).
   * For a question about every file that only files writing the word can answer.
   */
  filesMentioning(word: string): FileSummary[] {
    return this.files.filter((file) => !isPending(file) || file.mentions(word));
  }

  /** The same index under another `go` version (a configuration file's, which overrides go.mod's). */
  withGoVersion(goVersion: string): PackageIndex {
    return new PackageIndex(this.files, goVersion, this.modulePackages, this.packagePaths, this.reach);
  }

  /** The import path a file binds to `name` (`nethttp` → `net/http`), if it does. */
  importPath(fileUri: string, name: string): string | undefined {
    return this.importsByFile.get(fileUri)?.byName.get(name);
  }

  /** The local names a file uses for an import path (aliases included). */
  importNames(fileUri: string, path: string): readonly string[] {
    return this.importsByFile.get(fileUri)?.byPath.get(path) ?? [];
  }

  imports(fileUri: string): FileImports | undefined {
    return this.importsByFile.get(fileUri);
  }

  struct(name: string): StructType | undefined {
    this.settleDeclared(name);
    return this.structs.get(name);
  }

  /** The declared type of a field of a struct of this package, following embedded structs. */
  fieldType(structName: string, field: string, seen = new Set<string>()): TypeRef | undefined {
    const struct = this.struct(structName);
    if (!struct || seen.has(structName)) return undefined;
    seen.add(structName);
    const direct = struct.fields.get(field);
    if (direct) return direct;
    for (const embedded of struct.embedded) {
      if (embedded.pkg === '' && embedded.name) {
        const promoted = this.fieldType(embedded.name, field, seen);
        if (promoted) return promoted;
      }
    }
    return undefined;
  }

  func(name: string): FuncSignature | undefined {
    this.settleDeclared(name);
    return this.funcs.get(name);
  }

  method(receiverType: string, name: string): FuncSignature | undefined {
    if (this.pending.length > 0) this.settle((file) => file.declaresMethod(receiverType, name));
    return this.methods.get(`${receiverType}.${name}`);
  }

  /** The index of another package of the module, by import path, when these files import it. */
  imported(path: string): PackageIndex | undefined {
    return this.modulePackages.get(path) ?? this.reach?.(path);
  }

  /** The import paths of the module's packages these files import. */
  get importedPaths(): string[] {
    return [...this.modulePackages.keys()];
  }

  /** An exported function of another package of the module (`repo.CloseRows`). */
  importedFunc(path: string, name: string): FuncSignature | undefined {
    return isExported(name) ? this.modulePackages.get(path)?.func(name) : undefined;
  }

  /** An exported method of a type of another package of the module. */
  importedMethod(path: string, receiverType: string, name: string): FuncSignature | undefined {
    return isExported(name) ? this.modulePackages.get(path)?.method(receiverType, name) : undefined;
  }

  packageVar(name: string): TypeRef | undefined {
    if (this.pending.length > 0) this.settle((file) => file.declaresVariable(name));
    return this.vars.get(name);
  }

  /**
   * The package-level variables, by name. With `wanted`, a test of the names the caller needs
   * written in a variable's declaration (its name, its type's, its value's), a file whose
   * variable declarations write none is not read.
   */
  packageVars(wanted?: (word: string) => boolean): ReadonlyMap<string, TypeRef> {
    this.settle(wanted && ((file) => file.declaresVariableWith(wanted)));
    return this.vars.all;
  }

  namedType(name: string): TypeRef | undefined {
    this.settleDeclared(name);
    return this.otherTypes.get(name);
  }

  /**
   * True when some file of the package calls a method of this name through a selector
   * (`srv.Shutdown(ctx)`), whatever the receiver. Only names in `WATCHED_METHODS` are recorded.
   */
  callsMethod(name: string): boolean {
    this.settleMentioned(name);
    return this.calledMethods.has(name);
  }

  /**
   * True when some file of the package defers a call of a function or method of this name
   * (`defer handlePanic()`, `defer s.handlePanic()`), whatever the qualifier.
   */
  defers(name: string): boolean {
    this.settleMentioned(name);
    return this.deferredNames.has(name);
  }

  /**
   * True when some file of the package may change an unexported field of this name, of whatever
   * struct: assigns it or something under it (`c.hc.Timeout = …`), or takes its address.
   */
  changesField(name: string): boolean {
    this.settleMentioned(name);
    return this.changedFields.has(name);
  }

  /** True when some file of the package sends an HTTP request through a field of this name (`c.hc.Do(req)`). */
  sendsThroughField(name: string): boolean {
    this.settleMentioned(name);
    return this.sendingFields.has(name);
  }

  /**
   * True when a file of the package, or of a module package it imports, resets a value of this
   * name in a loop (`for range ticker.C { ApiThroughput.Reset() }`; see `periodicResetsOf`).
   */
  resetsPeriodically(name: string): boolean {
    return [this, ...this.modulePackages.values()].some((index) => index.resetsHere(name));
  }

  private resetsHere(name: string): boolean {
    this.settleMentioned(name);
    return this.periodicResets.has(name);
  }

  /**
   * True when a file of the package, or of a module package it imports, gives an error this text
   * (as written between quotes; see `errorTextsOf`), exactly or as a format's output.
   */
  createsErrorText(text: string): boolean {
    return [this, ...this.modulePackages.values()].some((index) => index.createsErrorTextHere(text));
  }

  private createsErrorTextHere(text: string): boolean {
    // A format (`%s`) matches texts it does not spell: every file that is not read yet is.
    this.settle();
    return matchesErrorText(this.errorTexts, text);
  }

  /** True when go.mod says at least `major.minor`; undefined when there is no go.mod. */
  goAtLeast(major: number, minor: number): boolean | undefined {
    return this.goVersion === undefined ? undefined : goVersionAtLeast(this.goVersion, major, minor);
  }
}

/** What the files of a package declare by one kind of name, where a later file's declaration wins. */
class Declared<T> {
  private readonly values = new Map<string, T>();
  /** The place in the list of files of the declaration held for each name. */
  private readonly positions = new Map<string, number>();

  set(name: string, value: T, position: number): void {
    if ((this.positions.get(name) ?? -1) > position) return;
    this.values.set(name, value);
    this.positions.set(name, position);
  }

  get(name: string): T | undefined {
    return this.values.get(name);
  }

  get all(): ReadonlyMap<string, T> {
    return this.values;
  }
}

/** A name other packages can use: it starts with an upper-case letter. */
export function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}
