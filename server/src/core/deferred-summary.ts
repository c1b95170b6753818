// The summary of a file the rules never analyse (generated code, a program kept out of every
// build), made the first time something asks for what it declares. Such files are still part of
// their package, so the index must see their declarations, but in the Go standard library they
// are 30% of the text, and a package index is asked about few of their names: parsing them all
// cost as much as every rule together.
import { offBudget } from './budget';
import type { FileSummary, FuncSignature, StructType } from './file-summary';
import type { FileImports } from './imports';
import type { TypeRef } from './go-types';
import { isNameUnit, namesIn, topLevelNames, type TopLevelNames } from './top-level-names';

/** What is known of a file before it is parsed: its package clause and imports (see `headerEnd`). */
export type SummaryHeader = Pick<FileSummary, 'uri' | 'packageName' | 'imports' | 'fingerprint'>;

/**
 * A `FileSummary` whose declarations are read from the text on first use. An index first asks
 * whether the file could answer its question (`declares…`, `mentions`; see `PackageIndex`), and
 * makes the summary only if so; anything else that reads a declaration field makes it at once,
 * so every reader sees what an eager summary would have said.
 */
export class DeferredSummary implements FileSummary {
  readonly uri: string;
  readonly packageName: string;
  readonly imports: FileImports;
  readonly fingerprint: string;
  private made?: FileSummary;
  private words?: Set<string>;
  private searches = 0;
  private topLevel?: TopLevelNames;

  constructor(
    header: SummaryHeader,
    private text: string | undefined,
    /** Summarises the whole text (it parses it). */
    private readonly make: (text: string) => FileSummary,
  ) {
    this.uri = header.uri;
    this.packageName = header.packageName;
    this.imports = header.imports;
    this.fingerprint = header.fingerprint;
  }

  /** Whether the summary has been made (see `full`). */
  get isMade(): boolean {
    return this.made !== undefined;
  }

  /**
   * Whether `name` is written in the file as a whole word. A file that does not write a name
   * declares nothing of that name, and calls, defers, changes and resets nothing by it.
   */
  mentions(name: string): boolean {
    if (this.text === undefined) return true;
    // A few names are searched for; a file asked about many has its words collected once.
    if (!this.words && ++this.searches <= SEARCHES_BEFORE_WORDS) return writes(this.text, name);
    return this.wordsOf(this.text).has(name);
  }

  /** Whether the file may declare a function, type or constant of this name at package level. */
  declares(name: string): boolean {
    return this.text === undefined || this.topLevelOf(this.text).names.has(name);
  }

  /** Whether the file may declare a method of this name on this type. */
  declaresMethod(receiverType: string, name: string): boolean {
    return this.text === undefined || this.topLevelOf(this.text).methods.has(`${receiverType}.${name}`);
  }

  /** Whether the file may declare a package-level variable of this name. */
  declaresVariable(name: string): boolean {
    return this.text === undefined || this.topLevelOf(this.text).variables.has(name);
  }

  /** Whether the file may declare a package-level variable whose declaration writes a name that passes `test`. */
  declaresVariableWith(test: (word: string) => boolean): boolean {
    if (this.text === undefined) return true;
    for (const word of this.topLevelOf(this.text).variableWords) if (test(word)) return true;
    return false;
  }

  /** The summary as an eager one would be; its text is let go once it is made. */
  full(): FileSummary {
    if (!this.made) {
      const text = this.text ?? '';
      // Made for the package, on behalf of whichever file's analysis asked first.
      this.made = offBudget(() => this.make(text));
      this.text = undefined;
      this.words = undefined;
      this.topLevel = undefined;
    }
    return this.made;
  }

  /**
   * The same file summarised another way (`transform` of the whole summary), still deferred
   * while this one is: the two are made separately, as they are kept apart (see `forImporters`).
   */
  derive(header: SummaryHeader, transform: (summary: FileSummary) => FileSummary): FileSummary {
    if (this.made || this.text === undefined) return transform(this.full());
    const make = this.make;
    return new DeferredSummary(header, this.text, (text) => transform(make(text)));
  }

  /** The text still to summarise, for handing the summary to another thread; undefined once made. */
  get pendingText(): string | undefined {
    return this.made ? undefined : this.text;
  }

  get structs(): StructType[] {
    return this.full().structs;
  }
  get otherTypes(): Map<string, TypeRef> {
    return this.full().otherTypes;
  }
  get funcs(): FuncSignature[] {
    return this.full().funcs;
  }
  get vars(): Map<string, TypeRef> {
    return this.full().vars;
  }
  get calledMethods(): Set<string> {
    return this.full().calledMethods;
  }
  get deferredNames(): Set<string> {
    return this.full().deferredNames;
  }
  get errorTexts(): Set<string> {
    return this.full().errorTexts;
  }
  get changedFields(): Set<string> {
    return this.full().changedFields;
  }
  get sendingFields(): Set<string> {
    return this.full().sendingFields;
  }
  get periodicResets(): Set<string> {
    return this.full().periodicResets;
  }

  private wordsOf(text: string): Set<string> {
    this.words ??= namesIn(text, 0, text.length, new Set());
    return this.words;
  }

  private topLevelOf(text: string): TopLevelNames {
    this.topLevel ??= topLevelNames(text);
    return this.topLevel;
  }
}

/** Whether a summary still has its declarations to read (see `DeferredSummary`). */
export function isPending(summary: FileSummary): summary is DeferredSummary {
  return summary instanceof DeferredSummary && !summary.isMade;
}

/**
 * Where a file's package clause and imports end: the first line that starts a declaration of
 * another kind, which Go requires to come after them all. Undefined when no line does. A line cut
 * inside a comment or a string leaves a header that does not parse cleanly, which the caller checks.
 */
export function headerEnd(text: string): number | undefined {
  const found = /^(?:func|type|var|const)(?![\p{L}\p{Nd}_])/mu.exec(text);
  return found ? found.index : undefined;
}

/** How many names `mentions` searches a text for before it collects the text's words instead. */
const SEARCHES_BEFORE_WORDS = 8;

/** Whether `text` writes `name` as a whole word (see `isNameUnit`). */
function writes(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (!isNameUnit(text.charCodeAt(at - 1)) && !isNameUnit(text.charCodeAt(at + name.length))) return true;
  }
  return false;
}

