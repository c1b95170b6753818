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
  private readonly structs = new Map<string, StructType>();
  private readonly otherTypes = new Map<string, TypeRef>();
  private readonly funcs = new Map<string, FuncSignature>();
  private readonly methods = new Map<string, FuncSignature>();
  private readonly vars = new Map<string, TypeRef>();
  private readonly importsByFile = new Map<string, FileImports>();
  private readonly calledMethods = new Set<string>();
  private readonly deferredNames = new Set<string>();
  private readonly errorTexts = new Set<string>();
  private readonly changedFields = new Set<string>();
  private readonly sendingFields = new Set<string>();
  private readonly periodicResets = new Set<string>();
  readonly packageNames = new Set<string>();
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
    for (const file of files) {
      this.importsByFile.set(file.uri, file.imports);
      if (file.packageName) this.packageNames.add(file.packageName);
      for (const struct of file.structs) this.structs.set(struct.name, struct);
      for (const [name, type] of file.otherTypes) this.otherTypes.set(name, type);
      for (const [name, type] of file.vars) this.vars.set(name, type);
      for (const name of file.calledMethods) this.calledMethods.add(name);
      for (const name of file.deferredNames) this.deferredNames.add(name);
      for (const text of file.errorTexts) this.errorTexts.add(text);
      for (const name of file.changedFields) this.changedFields.add(name);
      for (const name of file.sendingFields) this.sendingFields.add(name);
      for (const name of file.periodicResets) this.periodicResets.add(name);
      for (const fn of file.funcs) {
        if (fn.receiver) this.methods.set(`${fn.receiver}.${fn.name}`, fn);
        else this.funcs.set(fn.name, fn);
      }
    }
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
    return this.structs.get(name);
  }

  /** The declared type of a field of a struct of this package, following embedded structs. */
  fieldType(structName: string, field: string, seen = new Set<string>()): TypeRef | undefined {
    const struct = this.structs.get(structName);
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
    return this.funcs.get(name);
  }

  method(receiverType: string, name: string): FuncSignature | undefined {
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
    return this.vars.get(name);
  }

  /** The package-level variables, by name. */
  get packageVars(): ReadonlyMap<string, TypeRef> {
    return this.vars;
  }

  namedType(name: string): TypeRef | undefined {
    return this.otherTypes.get(name);
  }

  /**
   * True when some file of the package calls a method of this name through a selector
   * (`srv.Shutdown(ctx)`), whatever the receiver. Only names in `WATCHED_METHODS` are recorded.
   */
  callsMethod(name: string): boolean {
    return this.calledMethods.has(name);
  }

  /**
   * True when some file of the package defers a call of a function or method of this name
   * (`defer handlePanic()`, `defer s.handlePanic()`), whatever the qualifier.
   */
  defers(name: string): boolean {
    return this.deferredNames.has(name);
  }

  /**
   * True when some file of the package may change an unexported field of this name, of whatever
   * struct: assigns it or something under it (`c.hc.Timeout = …`), or takes its address.
   */
  changesField(name: string): boolean {
    return this.changedFields.has(name);
  }

  /** True when some file of the package sends an HTTP request through a field of this name (`c.hc.Do(req)`). */
  sendsThroughField(name: string): boolean {
    return this.sendingFields.has(name);
  }

  /**
   * True when a file of the package, or of a module package it imports, resets a value of this
   * name in a loop (`for range ticker.C { ApiThroughput.Reset() }`; see `periodicResetsOf`).
   */
  resetsPeriodically(name: string): boolean {
    return this.periodicResets.has(name) || [...this.modulePackages.values()].some((index) => index.periodicResets.has(name));
  }

  /**
   * True when a file of the package, or of a module package it imports, gives an error this text
   * (as written between quotes; see `errorTextsOf`), exactly or as a format's output.
   */
  createsErrorText(text: string): boolean {
    return matchesErrorText(this.errorTexts, text) || [...this.modulePackages.values()].some((index) => matchesErrorText(index.errorTexts, text));
  }

  /** True when go.mod says at least `major.minor`; undefined when there is no go.mod. */
  goAtLeast(major: number, minor: number): boolean | undefined {
    return this.goVersion === undefined ? undefined : goVersionAtLeast(this.goVersion, major, minor);
  }
}

/** A name other packages can use: it starts with an upper-case letter. */
export function isExported(name: string): boolean {
  return /^\p{Lu}/u.test(name);
}
