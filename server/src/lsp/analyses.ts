import type { AnalysisResult } from '../core/analyzer';
import type { GoDocument } from '../core/document';
import type { LineIndex } from '../core/text';
import type { UserSettings } from './settings';
import type { Workspace } from './workspace';

/** The findings of one version of an open document, with what they were computed under. */
export interface Analysed {
  uri: string;
  /** The document object analysed: a re-opened document is another one, even at the same version. */
  document: GoDocument;
  version: number;
  /** The lines of that version's text: positions of the findings convert through them. */
  lines: LineIndex;
  result: AnalysisResult;
  settings: UserSettings;
}

interface Stored extends Analysed {
  generation: number;
}

/**
 * The analysis of every open document, kept for its version. A request asks for `current(uri)`
 * and gets the findings of the text it was made against, computed then if need be; diagnostics
 * go out through a queue that analyses one document per turn of the event loop, so a request
 * that arrives meanwhile waits for one file at most, never for a whole package.
 */
export class Analyses {
  private readonly stored = new Map<string, Stored>();
  private readonly running = new Map<string, Promise<void>>();
  /** Documents whose package changed since their last analysis (a package mate edited, a file on disk). */
  private readonly dirty = new Set<string>();
  private readonly published = new Map<string, Analysed>();
  private readonly queue = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private draining = false;
  private quiescent = true;
  /** Bumped when settings or configuration change: every stored analysis is then out of date. */
  private generation = 0;

  constructor(
    private readonly workspace: Workspace,
    /** Analyses the document as it is when the returned promise settles. */
    private readonly analyse: (uri: string) => Promise<Analysed | undefined>,
    private readonly publish: (analysed: Analysed) => Promise<void>,
    private readonly log: (message: string) => void,
    /** Told when the queue empties (true) and when work arrives after that (false). */
    private readonly onQuiescent: (quiescent: boolean) => void = () => undefined,
  ) {}

  /** Settings or configuration changed: analyse everything again. */
  invalidateAll(): void {
    this.generation++;
  }

  /** The package of `uri` changed; its text did not. */
  invalidate(uri: string): void {
    this.dirty.add(uri);
  }

  /** The document closed: nothing of it is kept. */
  forget(uri: string): void {
    this.stored.delete(uri);
    this.published.delete(uri);
    this.dirty.delete(uri);
    this.queue.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.settle();
  }

  /**
   * The analysis of the document's current version, under the current settings and package.
   * When the document keeps changing meanwhile, the newest analysis made (its version says which).
   */
  async current(uri: string): Promise<Analysed | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const document = this.workspace.document(uri);
      if (!document) return undefined;
      const stored = this.stored.get(uri);
      if (stored && this.isCurrent(stored, document)) return stored;
      await this.run(uri);
    }
    return this.stored.get(uri);
  }

  /** Validates `uri` (analyses and publishes) after `delay` ms, once whatever is queued before it is done. */
  schedule(uri: string, delay = 0): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (delay > 0) {
      this.timers.set(
        uri,
        setTimeout(() => {
          this.timers.delete(uri);
          this.enqueue(uri);
        }, delay),
      );
      this.busy();
      return;
    }
    this.enqueue(uri);
  }

  private isCurrent(stored: Stored, document: GoDocument): boolean {
    return stored.document === document && stored.version === document.version && stored.generation === this.generation && !this.dirty.has(stored.uri);
  }

  /** One analysis of `uri` at a time; a caller arriving meanwhile waits for it. */
  private run(uri: string): Promise<void> {
    let running = this.running.get(uri);
    if (!running) {
      const generation = this.generation;
      this.dirty.delete(uri);
      running = this.analyse(uri)
        .then(
          (analysed) => {
            if (analysed && this.workspace.document(uri) === analysed.document) this.stored.set(uri, { ...analysed, generation });
          },
          (error: unknown) => this.log(`analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
        )
        .finally(() => {
          this.running.delete(uri);
          this.settle();
        });
      this.running.set(uri, running);
    }
    return running;
  }

  private enqueue(uri: string): void {
    this.queue.add(uri);
    this.busy();
    if (this.draining) return;
    this.draining = true;
    nextTurn(() => void this.drain());
  }

  private busy(): void {
    if (!this.quiescent) return;
    this.quiescent = false;
    this.onQuiescent(false);
  }

  /** Tells the client once nothing is queued, waiting or running. */
  private settle(): void {
    if (this.quiescent || this.draining || this.queue.size > 0 || this.timers.size > 0 || this.running.size > 0) return;
    this.quiescent = true;
    this.onQuiescent(true);
  }

  private async drain(): Promise<void> {
    const [uri] = this.queue;
    if (uri === undefined) {
      this.draining = false;
      this.settle();
      return;
    }
    this.queue.delete(uri);
    try {
      const analysed = await this.current(uri);
      const document = this.workspace.document(uri);
      if (analysed && document === analysed.document && analysed.version === document.version && this.published.get(uri) !== analysed) {
        this.published.set(uri, analysed);
        await this.publish(analysed);
      }
    } catch (error) {
      this.log(`publishing the findings of ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // The next document on a later turn: messages that arrived meanwhile are handled first.
    nextTurn(() => void this.drain());
  }
}

/**
 * Runs `task` after the messages already received are handled: setImmediate in Node; a
 * zero-delay timer in a web worker, which has no setImmediate.
 */
function nextTurn(task: () => void): void {
  const immediate = (globalThis as { setImmediate?: (task: () => void) => unknown }).setImmediate;
  if (immediate) immediate(task);
  else setTimeout(task, 0);
}
