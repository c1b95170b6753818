import type { GoChecker } from '../checker';
import type { GoDocument, TextChange } from '../core/document';
import type { FileSummary } from '../core/file-summary';
import { goVersionFromGoMod } from '../core/go-mod';
import { PackageIndex } from '../core/package-index';
import { directoryOf, type FileHost } from './file-host';

interface PackageState {
  /** Summaries of the package's files as they are on disk. */
  onDisk: Map<string, FileSummary>;
  goVersion?: string;
  ready: Promise<void>;
}

/**
 * The open documents as syntax trees, and for each directory the package index made of the
 * open documents' current text plus the other files of the directory as they are on disk.
 */
export class Workspace {
  private readonly documents = new Map<string, GoDocument>();
  private readonly openSummaries = new Map<string, FileSummary>();
  private readonly packages = new Map<string, PackageState>();

  constructor(
    private readonly checker: GoChecker,
    private readonly host: FileHost,
    private readonly log: (message: string) => void,
  ) {}

  get openUris(): string[] {
    return [...this.documents.keys()];
  }

  document(uri: string): GoDocument | undefined {
    return this.documents.get(uri);
  }

  open(uri: string, text: string): GoDocument {
    this.documents.get(uri)?.dispose();
    const document = this.checker.openDocument(uri, text);
    this.documents.set(uri, document);
    this.openSummaries.set(uri, this.checker.summarize(document));
    return document;
  }

  change(uri: string, changes: readonly TextChange[]): GoDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    document.applyChanges(changes);
    this.openSummaries.set(uri, this.checker.summarize(document));
    return document;
  }

  close(uri: string): void {
    this.documents.get(uri)?.dispose();
    this.documents.delete(uri);
    this.openSummaries.delete(uri);
  }

  /** Forgets what was read from disk for a directory (a file or go.mod changed there). */
  invalidate(uri: string): void {
    if (uri.endsWith('/go.mod')) {
      const prefix = directoryOf(uri);
      for (const key of this.packages.keys()) if (key.startsWith(prefix)) this.packages.delete(key);
    } else {
      this.packages.delete(directoryOf(uri));
    }
  }

  /** Open documents of the same directory, the given one excepted. */
  packageMates(uri: string): string[] {
    const directory = directoryOf(uri);
    return this.openUris.filter((other) => other !== uri && directoryOf(other) === directory);
  }

  async indexFor(uri: string): Promise<PackageIndex> {
    const directory = directoryOf(uri);
    let state = this.packages.get(directory);
    if (!state) {
      const fresh: PackageState = { onDisk: new Map(), ready: Promise.resolve() };
      fresh.ready = this.load(uri, fresh);
      this.packages.set(directory, fresh);
      state = fresh;
    }
    await state.ready;
    const summaries = new Map(state.onDisk);
    for (const [openUri, summary] of this.openSummaries) {
      if (directoryOf(openUri) === directory) summaries.set(openUri, summary);
    }
    return new PackageIndex([...summaries.values()], state.goVersion);
  }

  private async load(uri: string, state: PackageState): Promise<void> {
    try {
      const goMod = await this.host.findGoMod(uri);
      state.goVersion = goMod ? goVersionFromGoMod(goMod.text) : undefined;
      for (const sibling of await this.host.siblingGoFiles(uri)) {
        if (this.documents.has(sibling)) continue;
        const text = await this.host.readText(sibling);
        if (text === undefined) continue;
        const document = this.checker.openDocument(sibling, text);
        state.onDisk.set(sibling, this.checker.summarize(document));
        document.dispose();
      }
    } catch (error) {
      this.log(`could not read the package of ${uri}: ${String(error)}`);
    }
  }
}
