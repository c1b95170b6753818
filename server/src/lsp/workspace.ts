import type { GoChecker } from '../checker';
import type { GoDocument, TextChange } from '../core/document';
import type { FileSummary } from '../core/file-summary';
import { goVersionFromGoMod } from '../core/go-mod';
import { PackageIndex } from '../core/package-index';
import { directoryOf, type FileHost } from './file-host';

interface PackageState {
  /** Summaries of the package's files as they are on disk, open ones included. */
  onDisk: Map<string, FileSummary>;
  goVersion?: string;
  /** Set until the first read is done; later reads keep the previous summaries meanwhile. */
  firstRead?: Promise<void>;
  /** Counts reads, so that only the newest one lands. */
  reads: number;
}

/** Packages of closed files kept after their read (for "Check Workspace", which goes file by file). */
const CLOSED_PACKAGES_KEPT = 16;

/**
 * The open documents as syntax trees, and for each directory the package index made of the
 * open documents' current text plus the other files of the directory as they are on disk.
 */
export class Workspace {
  private readonly documents = new Map<string, GoDocument>();
  /** Summaries of open documents, made when a package index first needs them after a change. */
  private readonly openSummaries = new Map<string, FileSummary>();
  /** By directory, least recently used first. */
  private readonly packages = new Map<string, PackageState>();

  constructor(
    private readonly checker: GoChecker,
    private readonly host: FileHost,
    private readonly log: (message: string) => void,
    /** Called when a package's files were read again from disk (its index changed). */
    private readonly onPackageRead: (directory: string) => void = () => undefined,
  ) {}

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
    this.openSummaries.set(uri, summary);
    return document;
  }

  change(uri: string, changes: readonly TextChange[], version: number): GoDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    document.applyChanges(changes, version);
    // Summarized when next needed: a burst of changes reads the tree once (see GoDocument).
    this.openSummaries.delete(uri);
    return document;
  }

  /** Closes a document: its package sees the file as it is on disk again. */
  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
    this.openSummaries.delete(uri);
    this.releaseClosedPackages();
  }

  /** A file or go.mod changed on disk: the packages concerned are read again, in the background. */
  invalidate(uri: string): void {
    const directories = uri.endsWith('/go.mod') ? [...this.packages.keys()].filter((key) => key.startsWith(directoryOf(uri))) : [directoryOf(uri)];
    for (const directory of directories) {
      const state = this.packages.get(directory);
      if (state && !state.firstRead) void this.read(directory, uri, state).then(() => this.onPackageRead(directory));
    }
  }

  /** Open documents of the same directory, the given one excepted. */
  packageMates(uri: string): string[] {
    const directory = directoryOf(uri);
    return this.openUris.filter((other) => other !== uri && directoryOf(other) === directory);
  }

  /**
   * Resolves once the package of `uri` has been read from disk at least once. A package read
   * again after a change on disk does not wait: its previous summaries serve meanwhile.
   */
  async packageReady(uri: string): Promise<void> {
    const directory = directoryOf(uri);
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

  /** The package index of `uri` now: the files on disk, with open documents as they are. */
  packageIndex(uri: string): PackageIndex {
    const directory = directoryOf(uri);
    const state = this.packages.get(directory);
    const summaries = new Map(state?.onDisk);
    for (const [openUri, document] of this.documents) {
      if (directoryOf(openUri) !== directory) continue;
      let summary = this.openSummaries.get(openUri);
      if (!summary) {
        summary = this.checker.summarize(document);
        this.openSummaries.set(openUri, summary);
      }
      summaries.set(openUri, summary);
    }
    return new PackageIndex([...summaries.values()], state?.goVersion);
  }

  async indexFor(uri: string): Promise<PackageIndex> {
    await this.packageReady(uri);
    return this.packageIndex(uri);
  }

  private async read(directory: string, uri: string, state: PackageState): Promise<void> {
    const read = ++state.reads;
    const onDisk = new Map<string, FileSummary>();
    let goVersion: string | undefined;
    try {
      const goMod = await this.host.findGoMod(uri);
      goVersion = goMod ? goVersionFromGoMod(goMod.text) : undefined;
      for (const sibling of await this.host.siblingGoFiles(uri)) {
        const text = await this.host.readText(sibling);
        if (text === undefined) continue;
        const document = this.checker.openDocument(sibling, text);
        try {
          onDisk.set(sibling, this.checker.summarize(document));
        } finally {
          document.dispose();
        }
      }
    } catch (error) {
      this.log(`could not read the package in ${directory}: ${String(error)}`);
    }
    if (read !== state.reads) return;
    state.onDisk = onDisk;
    state.goVersion = goVersion;
  }

  /** Forgets the packages of directories with no open document, the most recently used excepted. */
  private releaseClosedPackages(): void {
    const open = new Set([...this.documents.keys()].map(directoryOf));
    let closed = [...this.packages.keys()].filter((directory) => !open.has(directory) && !this.packages.get(directory)!.firstRead);
    while (closed.length > CLOSED_PACKAGES_KEPT) {
      this.packages.delete(closed[0]);
      closed = closed.slice(1);
    }
  }
}
