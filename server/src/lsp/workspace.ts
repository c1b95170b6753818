import { isLongRunningRule, type GoChecker } from '../checker';
import type { Finding } from '../core/findings';
import { withoutFixedByCallers } from '../core/callers';
import { asToolCode, ToolCodeIndex } from '../core/tool-code';
import type { GoDocument, TextChange } from '../core/document';
import type { FileSummary } from '../core/file-summary';
import { goVersionFromGoMod } from '../core/go-mod';
import { directoryOfImport, importerView, importPathOfDirectory, packagePathsOf, moduleFrom, moduleImports, type GoModule } from '../core/module-index';
import { PackageIndex } from '../core/package-index';
import { directoryOf, type FileHost } from './file-host';

interface PackageState {
  /** Summaries of the package's files as they are on disk, open ones included. */
  onDisk: Map<string, FileSummary>;
  goVersion?: string;
  /** The module of the nearest go.mod, whose other packages this one may import. */
  module?: GoModule;
  /** Set until the first read is done; later reads keep the previous summaries meanwhile. */
  firstRead?: Promise<void>;
  /** Counts reads, so that only the newest one lands. */
  reads: number;
}

/** Packages of closed files kept after their read (for "Check Workspace", which goes file by file). */
const CLOSED_PACKAGES_KEPT = 16;

/**
 * The open documents as syntax trees, and for each directory the package index made of the
 * open documents' current text plus the other files of the directory as they are on disk, with
 * the module's packages it imports read the same way (their facts are what importers see).
 */
export class Workspace {
  private readonly documents = new Map<string, GoDocument>();
  /**
   * Summaries of the open documents, by directory and URI; undefined after a change until a
   * package index needs it, so a burst of changes reads the tree once (see GoDocument).
   */
  private readonly openSummaries = new Map<string, Map<string, FileSummary | undefined>>();
  /**
   * Open documents whose last change (or close) may have changed what importers learn from them:
   * the open packages that import theirs are analysed again too (see `packageMates`).
   */
  private readonly factsMoved = new Set<string>();
  /** The index importers see of each package read, kept while its summaries stay the same. */
  private readonly importerIndexes = new Map<string, { index: PackageIndex; reach?: (path: string) => PackageIndex | undefined }>();
  /** Which code only command-line tools run, where the host can read the module (see `asToolCode`). */
  private readonly toolCode: ToolCodeIndex | undefined;
  /** By kind and module root: what was read of the module on disk, kept until a file changes on disk (see `inBackground`). */
  private readonly moduleFacts = new Map<string, unknown>();
  private readonly moduleFactsPending = new Set<string>();
  /** By module root: see `deeperReach`. */
  private readonly deeperReaches = new Map<string, ((path: string) => PackageIndex | undefined) | undefined>();
  /** By directory, least recently used first. */
  private readonly packages = new Map<string, PackageState>();

  constructor(
    private readonly checker: GoChecker,
    private readonly host: FileHost,
    private readonly log: (message: string) => void,
    /** Called when a package's files were read again from disk (its index changed). */
    private readonly onPackageRead: (directory: string) => void = () => undefined,
  ) {
    const { holdsProgram, programVerdicts } = host;
    if (holdsProgram && programVerdicts) {
      this.toolCode = new ToolCodeIndex({
        holdsProgram: (folder) => holdsProgram.call(host, folder),
        // A module with no code only tools run (most services) changes no finding.
        verdicts: (module) => this.inBackground('programs', module, () => programVerdicts.call(host, module) ?? {}, (verdicts) => Object.keys(verdicts).length > 0),
      });
    }
  }

  /**
   * A fact read from the module on disk (its program graph, its calls). Reading a large module
   * takes a few hundred milliseconds, so it is never done on a keystroke: the first ask starts it
   * in the background and the findings stand as they are meanwhile; once read, the module's open
   * documents are analysed again when the fact can change what they report.
   */
  private inBackground<T>(kind: string, module: GoModule, read: () => T, changesFindings: (fact: T) => boolean): T | undefined {
    const key = `${kind}\0${module.root}`;
    if (this.moduleFacts.has(key)) return this.moduleFacts.get(key) as T;
    if (this.moduleFactsPending.has(key)) return undefined;
    this.moduleFactsPending.add(key);
    setTimeout(() => {
      if (!this.moduleFactsPending.delete(key)) return; // files changed on disk meanwhile: asked again later
      const fact = read();
      this.moduleFacts.set(key, fact);
      this.toolCode?.forget();
      if (!changesFindings(fact)) return;
      const directories = new Set([...this.documents.keys()].map(directoryOf).filter((directory) => directory.startsWith(module.root)));
      for (const directory of directories) this.onPackageRead(directory);
    }, 0);
    return undefined;
  }

  get openUris(): string[] {
    return [...this.documents.keys()];
  }

  document(uri: string): GoDocument | undefined {
    return this.documents.get(uri);
  }

  /** Opens (or re-opens) a document; the previous one is released only once the new one exists. */
  open(uri: string, text: string, version: number): GoDocument {
    const document = this.checker.openDocument(uri, text, version);
    const summary = this.checker.summarize(document);
    this.documents.get(uri)?.dispose();
    this.documents.set(uri, document);
    this.setSummary(uri, summary);
    return document;
  }

  change(uri: string, changes: readonly TextChange[], version: number): GoDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    document.applyChanges(changes, version);
    // Summarised when next needed. Whether importers see something new is known only then, so
    // they are analysed again after any change; their analysis is cached while their index holds.
    this.openSummaries.get(directoryOf(uri))?.set(uri, undefined);
    this.factsMoved.add(uri);
    return document;
  }

  /** Closes a document: its package sees the file as it is on disk again. */
  close(uri: string): void {
    const directory = directoryOf(uri);
    const open = this.openSummaries.get(directory);
    const disk = this.packages.get(directory)?.onDisk.get(uri);
    if (open?.has(uri) && this.openSummary(uri)?.fingerprint !== disk?.fingerprint) this.factsMoved.add(uri);
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
    open?.delete(uri);
    if (open?.size === 0) this.openSummaries.delete(directory);
    this.releaseClosedPackages();
  }

  /**
   * Keeps the summary of an open document, noting whether importers see something new: an
   * importer has only read the package when its state exists, so a first read needs no note.
   */
  private setSummary(uri: string, summary: FileSummary): void {
    const directory = directoryOf(uri);
    let open = this.openSummaries.get(directory);
    if (!open) this.openSummaries.set(directory, (open = new Map()));
    const previous = open.get(uri) ?? this.packages.get(directory)?.onDisk.get(uri);
    if (previous !== undefined && previous.fingerprint !== summary.fingerprint) this.factsMoved.add(uri);
    open.set(uri, summary);
  }

  /** The summary of an open document, made now if a change made it stale. */
  private openSummary(uri: string): FileSummary | undefined {
    const open = this.openSummaries.get(directoryOf(uri));
    const document = this.documents.get(uri);
    if (!open || !document) return undefined;
    let summary = open.get(uri);
    if (!summary) open.set(uri, (summary = this.checker.summarize(document)));
    return summary;
  }

  /** A file or go.mod changed on disk: the packages concerned are read again, in the background. */
  invalidate(uri: string): void {
    // What is on disk changed: the next deeper read sees it (see `deeperReach`).
    this.deeperReaches.clear();
    this.toolCode?.forget();
    this.moduleFacts.clear();
    this.moduleFactsPending.clear();
    const directories = uri.endsWith('/go.mod') ? [...this.packages.keys()].filter((key) => key.startsWith(directoryOf(uri))) : [directoryOf(uri)];
    for (const directory of directories) {
      const state = this.packages.get(directory);
      if (state && !state.firstRead) void this.read(directory, uri, state).then(() => this.onPackageRead(directory));
    }
  }

  /**
   * Open documents whose index includes the package of `uri` (after its open, change or close):
   * those of the same directory (the given one excepted) and, when the change moved what
   * importers see, those of the module's packages that import it.
   */
  packageMates(uri: string): string[] {
    const directory = directoryOf(uri);
    const mates = [...(this.openSummaries.get(directory)?.keys() ?? [])].filter((other) => other !== uri);
    return this.factsMoved.delete(uri) ? [...mates, ...this.importersOf(directory)] : mates;
  }

  /** Open documents whose package is `directory` or imports it (after a read from disk). */
  dependents(directory: string): string[] {
    return [...(this.openSummaries.get(directory)?.keys() ?? []), ...this.importersOf(directory)];
  }

  /** Open documents of other directories whose packages import the one in `directory`. */
  private importersOf(directory: string): string[] {
    const found: string[] = [];
    for (const [other, open] of this.openSummaries) {
      if (other !== directory && this.importedDirectories(other).includes(directory)) found.push(...open.keys());
    }
    return found;
  }

  /**
   * Resolves once the package of `uri` has been read from disk at least once. A package read
   * again after a change on disk does not wait: its previous summaries serve meanwhile.
   */
  async packageReady(uri: string): Promise<void> {
    await this.directoryReady(directoryOf(uri), uri);
    // Then the module's packages it imports, so that their facts are there for the analysis.
    await Promise.all(this.importedDirectories(directoryOf(uri)).map((directory) => this.directoryReady(directory, `${directory}go.mod`)));
  }

  private async directoryReady(directory: string, uri: string): Promise<void> {
    let state = this.packages.get(directory);
    if (state) {
      this.packages.delete(directory);
      this.packages.set(directory, state);
    } else {
      const fresh: PackageState = { onDisk: new Map(), reads: 0 };
      fresh.firstRead = this.read(directory, uri, fresh).finally(() => (fresh.firstRead = undefined));
      this.packages.set(directory, fresh);
      state = fresh;
      this.releaseClosedPackages();
    }
    await state.firstRead;
  }

  /**
   * The findings of a document as the module around it makes them, as the CLI makes them: without
   * those whose parameters every caller in the module fixes (see core/callers), and with the
   * warnings of long-running rules lowered where only command-line tools run the code (see
   * core/programs). The module is read from disk in the background, and kept until a file changes on disk.
   */
  moduleFindings(uri: string, text: string, findings: Finding[]): Finding[] {
    const directory = directoryOf(uri);
    const module = this.packages.get(directory)?.module;
    if (!module) return findings;
    const readCallers = this.host.moduleCallers;
    const callers = () => {
      const packagePath = importPathOfDirectory(module, directory);
      const known = readCallers && packagePath !== undefined ? this.inBackground('callers', module, () => readCallers.call(this.host, module), () => true) : undefined;
      return known && packagePath !== undefined && (/\/internal(\/|$)/.test(packagePath) || known.linkedByPrograms.has(packagePath)) ? known : undefined;
    };
    const kept = withoutFixedByCallers(findings, callers);
    const tools = this.toolCode;
    return tools ? asToolCode(kept, text, isLongRunningRule, (offset) => tools.onlyToolsRun(module, directory, text, offset)) : kept;
  }

  /** The package index of `uri` now: the files on disk, with open documents as they are. */
  packageIndex(uri: string): PackageIndex {
    const directory = directoryOf(uri);
    const state = this.packages.get(directory);
    const summaries = this.summaries(directory);
    const imported = new Map<string, PackageIndex>();
    if (state?.module) {
      // Past the packages it imports, the module is read from disk, and only when a chain of
      // facts goes that far (the CLI reads it the same way).
      const reach = this.deeperReach(state.module);
      for (const path of moduleImports(summaries, state.module)) {
        const index = this.importerIndex(directoryOfImport(state.module, path)!, reach);
        if (index) imported.set(path, index);
      }
    }
    return new PackageIndex(summaries, state?.goVersion, imported, state?.module ? packagePathsOf(state.module, directory) : []);
  }

  /**
   * How an imported package's index reaches the packages it imports in turn: through one view of
   * the module on disk, kept until a file changes on disk, so the importer indexes built with it
   * are reused from one keystroke to the next.
   */
  private deeperReach(module: GoModule): ((path: string) => PackageIndex | undefined) | undefined {
    let reach = this.deeperReaches.get(module.root);
    if (!reach && !this.deeperReaches.has(module.root)) {
      const onDisk = this.host.moduleFiles?.(module);
      reach = onDisk && this.checker.reachOf(onDisk);
      this.deeperReaches.set(module.root, reach);
    }
    return reach;
  }

  /**
   * The package in `directory` as importers see it (see `importerView`), reaching the module's
   * packages it imports through `reach`; undefined when it has no files.
   */
  private importerIndex(directory: string, reach?: (path: string) => PackageIndex | undefined): PackageIndex | undefined {
    const files = importerView(this.summaries(directory));
    if (files.length === 0) return undefined;
    const kept = this.importerIndexes.get(directory);
    if (kept && kept.reach === reach && kept.index.files.length === files.length && kept.index.files.every((file, i) => file === files[i])) return kept.index;
    const index = new PackageIndex(files, undefined, undefined, undefined, reach);
    this.importerIndexes.set(directory, { index, reach });
    return index;
  }

  /** The summaries of a directory's files: as on disk, open documents as they are. */
  private summaries(directory: string): FileSummary[] {
    const summaries = new Map(this.packages.get(directory)?.onDisk);
    for (const openUri of this.openSummaries.get(directory)?.keys() ?? []) summaries.set(openUri, this.openSummary(openUri)!);
    return [...summaries.values()];
  }

  /** The directories of the module's packages that the package in `directory` imports. */
  private importedDirectories(directory: string): string[] {
    const module = this.packages.get(directory)?.module;
    if (!module) return [];
    return moduleImports(this.summaries(directory), module).map((path) => directoryOfImport(module, path)!);
  }

  async indexFor(uri: string): Promise<PackageIndex> {
    await this.packageReady(uri);
    return this.packageIndex(uri);
  }

  /** The module with the one whose folder holds its go.mod, if any (see `packagePathsOf`). */
  private async withEnclosing(module: GoModule, goModUri: string): Promise<GoModule> {
    const folder = directoryOf(goModUri);
    const parent = directoryOf(folder.slice(0, -1));
    if (parent === folder || !parent.includes('/')) return module;
    const outer = await this.host.findGoMod(`${parent}go.mod`);
    const enclosing = outer && moduleFrom(outer.text, directoryOf(outer.uri));
    return enclosing ? { ...module, enclosing } : module;
  }

  private async read(directory: string, uri: string, state: PackageState): Promise<void> {
    const read = ++state.reads;
    const onDisk = new Map<string, FileSummary>();
    let goVersion: string | undefined;
    let module: GoModule | undefined;
    try {
      const goMod = await this.host.findGoMod(uri);
      goVersion = goMod ? goVersionFromGoMod(goMod.text) : undefined;
      module = goMod ? moduleFrom(goMod.text, directoryOf(goMod.uri)) : undefined;
      if (goMod && module) module = await this.withEnclosing(module, goMod.uri);
      for (const sibling of await this.host.siblingGoFiles(uri)) {
        const text = await this.host.readText(sibling);
        if (text === undefined) continue;
        onDisk.set(sibling, this.checker.summarizeText(sibling, text));
      }
    } catch (error) {
      this.log(`could not read the package in ${directory}: ${String(error)}`);
    }
    if (read !== state.reads) return;
    state.onDisk = onDisk;
    state.goVersion = goVersion;
    state.module = module;
  }

  /**
   * Forgets the packages of directories with no open document (and not imported by the package
   * of one), the most recently used excepted.
   */
  private releaseClosedPackages(): void {
    const open = new Set(this.openSummaries.keys());
    for (const directory of [...open]) for (const imported of this.importedDirectories(directory)) open.add(imported);
    let closed = [...this.packages.keys()].filter((directory) => !open.has(directory) && !this.packages.get(directory)!.firstRead);
    while (closed.length > CLOSED_PACKAGES_KEPT) {
      this.packages.delete(closed[0]);
      this.importerIndexes.delete(closed[0]);
      closed = closed.slice(1);
    }
  }
}
