// The packages of a Go module as the rules see them from another package: each package's index
// made from per-file summaries, kept by file content so a file is summarised once per version.
import { DeferredSummary, isPending, type SummaryHeader } from './deferred-summary';
import type { FileSummary } from './file-summary';
import { hash } from './file-summary';
import { modulePathFromGoMod } from './go-mod';
import { isExported, PackageIndex } from './package-index';
import { clientFields, isHttpClient } from './response-wrappers';
import { isTestFile } from './syntax';

/** A module: its path (from go.mod) and the directory go.mod is in, ending in a slash. */
export interface GoModule {
  path: string;
  root: string;
  /** The module whose folder holds this one's go.mod (a nested module), if any. */
  enclosing?: GoModule;
}

export interface FileText {
  uri: string;
  text: string;
}

/**
 * A file of an imported package as the index asks for it: its content key (`contentKey`, or a
 * host's own digest, one kind for every file of a run), and its text, read only when the index
 * has no summary of that content. A run over a whole module then reads each imported file once,
 * however many packages import it.
 */
export interface ModuleFile {
  uri: string;
  key: string;
  /** The text, or undefined when it can no longer be read. */
  text(): string | undefined;
}

/** The module a go.mod declares, found in `directory` (ending in a slash); undefined without a `module` line. */
export function moduleFrom(goModText: string, directory: string): GoModule | undefined {
  const path = modulePathFromGoMod(goModText);
  return path === undefined ? undefined : { path, root: directory.endsWith('/') ? directory : `${directory}/` };
}

/** The import path of the package in `directory` (in the form of `module.root`), when it is inside the module. */
export function importPathOfDirectory(module: GoModule, directory: string): string | undefined {
  if (!directory.startsWith(module.root)) return undefined;
  const inside = directory.slice(module.root.length).replace(/\/+$/, '');
  return inside ? `${module.path}/${decodeURIComponent(inside)}` : module.path;
}

/**
 * The import paths of the package in `directory`: in its module, and in the module enclosing it
 * (`examples/oidc` with its own `module oidc` is `github.com/gin-gonic/examples/oidc` there).
 */
export function packagePathsOf(module: GoModule, directory: string): string[] {
  const own = importPathOfDirectory(module, directory);
  const outer = module.enclosing && importPathOfDirectory(module.enclosing, directory);
  return [own, outer].filter((path): path is string => path !== undefined);
}

/**
 * The directory (in the form of `module.root`) of the package an import path names, when the
 * path is inside the module; undefined for other modules and for vendored copies.
 */
export function directoryOfImport(module: GoModule, importPath: string): string | undefined {
  if (importPath === module.path) return module.root;
  if (!importPath.startsWith(`${module.path}/`)) return undefined;
  const parts = importPath.slice(module.path.length + 1).split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..' || part === 'vendor' || part === 'testdata')) return undefined;
  return `${module.root}${parts.join('/')}/`;
}

/** The import paths inside the module that some of `files` import, sorted. */
export function moduleImports(files: readonly FileSummary[], module: GoModule): string[] {
  const found = new Set<string>();
  for (const file of files) {
    for (const path of file.imports.byPath.keys()) if (directoryOfImport(module, path) !== undefined) found.add(path);
  }
  return [...found].sort();
}

/**
 * The files of a package that importers see: test files are left out, and so are files of
 * another package name than most (a stray `main`, an ignored generator).
 */
export function importerView(summaries: readonly FileSummary[]): FileSummary[] {
  const own = summaries.filter((summary) => !isTestFile(summary.uri));
  const name = mostCommon(own.map((summary) => summary.packageName));
  return own.filter((summary) => summary.packageName === name);
}

/**
 * A file's summary as importers see it, with its content key: what one index gives another (by
 * message, between threads). A summary not made yet (see `DeferredSummary`) goes as its header,
 * with the text to make it from.
 */
export type SharedSummary = { uri: string; key: string } & ({ summary: FileSummary } | { header: SummaryHeader; text: string });

/**
 * Summaries of the module's files by URI, each kept with the content key of the text it was made from,
 * and the package indexes made of them. A package asked for again with the same texts costs a
 * hash per file; a changed file is summarised again, alone.
 */
export class ModuleIndex {
  private readonly summaries = new Map<string, { key: string; summary: FileSummary }>();
  /** The summaries made here since they were last taken, when they are shared (see `takeShared`). */
  private made?: Array<{ uri: string; key: string; summary: FileSummary }>;
  private readonly packages = new Map<string, { index: PackageIndex; reach?: (path: string) => PackageIndex | undefined }>();

  constructor(private readonly summarize: (file: FileText) => FileSummary) {}

  /** Keeps a summary made elsewhere (by the package's own check), so it is not made again. */
  remember(file: FileText & { key?: string }, summary: FileSummary): void {
    if (!isTestFile(file.uri)) this.keep(file.uri, file.key ?? contentKey(file.text), forImporters(summary));
  }

  /**
   * Starts collecting the summaries this index makes, for other indexes of the same run: the
   * CLI's workers each have one, and a package one of them checked is imported by packages the
   * others check (see cli/parallel).
   */
  share(): void {
    this.made ??= [];
  }

  /** The summaries made since the last call (see `share`). */
  takeShared(): SharedSummary[] {
    return (this.made?.splice(0) ?? []).map(({ uri, key, summary }) => {
      const text = summary instanceof DeferredSummary ? summary.pendingText : undefined;
      // A deferred summary made is `importerFacts`' plain copy.
      if (text === undefined) return { uri, key, summary: fully(summary) };
      return { uri, key, header: importerHeader(summary), text };
    });
  }

  /** Keeps the summaries another index made, for files this one has none of. */
  adopt(shared: readonly SharedSummary[]): void {
    for (const entry of shared) {
      const { uri, key } = entry;
      if (this.summaries.has(uri)) continue;
      const made = (text: string) => forImporters(fully(this.summarize({ uri, text })));
      this.summaries.set(uri, { key, summary: 'summary' in entry ? entry.summary : new DeferredSummary(entry.header, entry.text, made) });
    }
  }

  private keep(uri: string, key: string, summary: FileSummary): void {
    this.summaries.set(uri, { key, summary });
    this.made?.push({ uri, key, summary });
  }

  /** Forgets a file (deleted, or its package no longer needed). */
  forget(uri: string): void {
    this.summaries.delete(uri);
  }

  /**
   * The index of one package as importers see it (see `importerView`), from its directory's `.go`
   * files; `reach` gives the module's packages it imports in turn (see `PackageIndex`).
   */
  packageIndex(directory: string, files: readonly ModuleFile[], reach?: (path: string) => PackageIndex | undefined): PackageIndex {
    const own = importerView(files.filter((file) => !isTestFile(file.uri)).flatMap((file) => this.summaryOf(file) ?? []));
    const previous = this.packages.get(directory);
    // Another `reach` reads the module's files afresh (a new run): what it leads to may differ.
    if (previous && previous.reach === reach && previous.index.files.length === own.length && previous.index.files.every((file, i) => file === own[i])) return previous.index;
    const index = new PackageIndex(own, undefined, undefined, undefined, reach);
    this.packages.set(directory, { index, reach });
    return index;
  }

  /** How many file summaries are kept (for the memory measurements). */
  get size(): number {
    return this.summaries.size;
  }

  private summaryOf(file: ModuleFile): FileSummary | undefined {
    const known = this.summaries.get(file.uri);
    if (known?.key === file.key) return known.summary;
    const text = file.text();
    if (text === undefined) return undefined;
    const summary = forImporters(this.summarize({ uri: file.uri, text }));
    // The key the host gave: its hosts may hash differently (see node/digest).
    this.keep(file.uri, file.key, summary);
    return summary;
  }
}

/**
 * What importers read of a file's summary: its exported functions and methods (with their
 * facts), its error texts and its package name, and what a chain of context facts needs to go
 * on inside the package (see `onlyCarriesValues`): the unexported functions a context is passed
 * to, or a Gin request handed to be aborted (see `AbortFact`), and the package variables of a type
 * of the package or made by a call, or exported and of a named type (`object.ApiLatency`); and
 * what a chain of response wrappers needs (see `responseFactOf`): the wrappers, and the variables
 * and struct fields holding an `http.Client`. The rest (types, other variables, imports, other
 * unexported functions) would only take memory in a run over thousands of files.
 */
function forImporters(summary: FileSummary): FileSummary {
  return isPending(summary) ? summary.derive(importerHeader(summary), importerFacts) : importerFacts(summary);
}

/** What importers read of a file's header: its package name, no imports (copied, as in `importerFacts`). */
function importerHeader(summary: FileSummary): SummaryHeader {
  const { uri, packageName, fingerprint } = summary;
  return structuredClone({ uri, packageName, fingerprint, imports: { byName: new Map(), byPath: new Map(), dotImports: [] } });
}

/** The summary made, if it was deferred. */
function fully(summary: FileSummary): FileSummary {
  return summary instanceof DeferredSummary ? summary.full() : summary;
}

function importerFacts(summary: FileSummary): FileSummary {
  // Copied: a long string sliced from the file's text (an import path, an error text) can keep
  // the whole text alive in V8, and these summaries outlive it. Without the copy, a two-job run
  // over the standard library peaked about 20 MB higher.
  return structuredClone({
    uri: summary.uri,
    packageName: summary.packageName,
    imports: { byName: new Map(), byPath: new Map(), dotImports: [] },
    structs: clientFields(summary.structs),
    otherTypes: new Map(),
    funcs: summary.funcs.filter((fn) => isExported(fn.name) || fn.contextUses || fn.aborts || fn.response),
    vars: new Map([...summary.vars].filter(([name, type]) => type.madeBy || type.pkg === '' || (isExported(name) && type.name) || isHttpClient(type))),
    calledMethods: new Set(),
    deferredNames: new Set(),
    // An importer compares the texts of the errors this package returns to it.
    errorTexts: summary.errorTexts,
    // Who changes a field of a package is that package's own question.
    changedFields: new Set(),
    sendingFields: new Set(),
    // A vec of this package that it resets may be labelled by an importer.
    periodicResets: summary.periodicResets,
    fingerprint: summary.fingerprint,
  });
}

/** What tells two versions of a file apart for the index: its length and a 32-bit hash. */
export function contentKey(text: string): string {
  return `${text.length}:${(hash(text) >>> 0).toString(36)}`;
}

function mostCommon(names: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  let best: string | undefined;
  for (const [name, count] of counts) if (best === undefined || count > counts.get(best)!) best = name;
  return best;
}
