import type { Language, Parser } from 'web-tree-sitter';
import { apiAt, type ApiAt } from './core/api-at';
import { Analyzer, materializeFixes, type AnalysisResult, type AnalysisSettings } from './core/analyzer';
import { GoDocument, MAX_PARSED_CHARS } from './core/document';
import { DeferredSummary, headerEnd } from './core/deferred-summary';
import { summarizeFile, type FileSummary } from './core/file-summary';
import { isBuildIgnored, isGeneratedFile } from './core/generated';
import { loadGoLanguage, newGoParser, type GrammarBinaries } from './core/go-parser';
import { contentKey, directoryOfImport, ModuleIndex, packagePathsOf, moduleImports, type GoModule, type ModuleFile } from './core/module-index';
import { PackageIndex } from './core/package-index';
import { isTestFile, isTestSupportPackage } from './core/syntax';
import type { Position } from './core/text';
import { TypeResolver } from './core/type-resolver';
import type { Rule } from './core/rule';
import { RULES } from './rules/registry';

export interface SourceText {
  uri: string;
  text: string;
  /** The text's content key, when the host has one already (see `ModuleFile.key`). */
  key?: string;
}

/** The module a package belongs to, and a way to read its other packages' files (synchronously). */
export interface ModuleFiles {
  module: GoModule;
  /** The `.go` files of a directory of the module (a URI ending in a slash); empty when unreadable. */
  goFiles(directory: string): ModuleFile[];
}

/**
 * The analysis core as the editor, the CLI and the tests use it: parsing, the package index and
 * the rules, with no file system or protocol in sight. Runs in Node and in a web worker alike.
 */
export class GoChecker {
  readonly analyzer: Analyzer;
  readonly parser: Parser;
  private readonly reaches = new WeakMap<ModuleFiles, (path: string) => PackageIndex | undefined>();
  /**
   * How much text (in UTF-16 units) of one package keeps its tree between the package index being
   * built and the analysis; the files past it are parsed a second time instead. Trees take about
   * 35 bytes per character of WebAssembly memory, which never shrinks, so one large package (the
   * Go runtime: 3 MB of Go) set each worker's memory for the rest of a run. At 512 KiB a two-job
   * run over the Go standard library peaked at 260-271 MiB instead of 285-318 MiB, parsing 12% of
   * its text twice (about 3% more CPU time); at 256 KiB 248-252 MiB, for 20% parsed twice.
   * Unbounded unless set: the CLI's workers set it (see cli-worker), where each worker's memory
   * adds to the others'; one thread keeps every tree and parses each file once.
   */
  keptTreeChars = Infinity;
  /** The module's packages as importers see them, summarised once per file version. */
  readonly moduleIndex = new ModuleIndex((file) => this.summarizeText(file.uri, file.text));

  private constructor(
    readonly language: Language,
    rules: readonly Rule[],
  ) {
    this.parser = newGoParser(language);
    this.analyzer = new Analyzer(language, rules);
  }

  static async create(binaries: GrammarBinaries, rules: readonly Rule[] = RULES): Promise<GoChecker> {
    return new GoChecker(await loadGoLanguage(binaries), rules);
  }

  get rules(): readonly Rule[] {
    return this.analyzer.rules;
  }

  openDocument(uri: string, text: string, version?: number): GoDocument {
    return new GoDocument(uri, text, this.parser, version);
  }

  /** With the text's content key, the summary's fingerprint is that key (see `summarizeFile`). */
  summarize(document: GoDocument, key?: string): FileSummary {
    return summarizeFile(document.uri, document.tree, document.declarations, key);
  }

  /**
   * The summary of a file the editor does not hold open: parsed now, or, for a file the rules
   * never analyse (generated code, a program kept out of every build), parsed when an index first
   * needs its declarations (see `DeferredSummary`); its fingerprint is then its content key.
   */
  summarizeText(uri: string, text: string, key?: string): FileSummary {
    if (isGeneratedFile(text) || isBuildIgnored(text)) {
      const deferred = this.deferredSummary(uri, text, key ?? contentKey(text));
      if (deferred) return deferred;
    }
    return this.summarizeNow(uri, text, key);
  }

  private summarizeNow(uri: string, text: string, key?: string): FileSummary {
    const document = this.openDocument(uri, text);
    try {
      return this.summarize(document, key);
    } finally {
      document.dispose();
    }
  }

  /** Reads the package clause and imports alone; undefined when they do not parse cleanly so cut. */
  private deferredSummary(uri: string, text: string, key: string): DeferredSummary | undefined {
    // A text too large to parse has an empty summary, made at once.
    const end = text.length > MAX_PARSED_CHARS ? undefined : headerEnd(text);
    if (end === undefined) return undefined;
    const header = this.parser.parse(text.slice(0, end));
    try {
      if (!header || header.rootNode.hasError) return undefined;
      return new DeferredSummary(summarizeFile(uri, header, undefined, key), text, (whole) => this.summarizeNow(uri, whole, key));
    } finally {
      header?.delete();
    }
  }

  analyzeDocument(document: GoDocument, index: PackageIndex, settings?: AnalysisSettings): AnalysisResult {
    const summary = index.files.find((file) => file.uri === document.uri);
    return this.analyzer.analyze(
      {
        uri: document.uri,
        text: document.text,
        tree: document.tree,
        lines: document.lines,
        isTest: isTestFile(document.uri) || isTestSupportPackage(summary?.packageName ?? '') || importsTesting(summary),
        packageName: summary?.packageName ?? '',
        declarations: document.declarations,
      },
      index,
      settings,
    );
  }

  /** The indexes of the module's packages that `summaries` import, by import path. */
  importedPackages(summaries: readonly FileSummary[], files: ModuleFiles): Map<string, PackageIndex> {
    const reach = this.reachOf(files);
    const imported = new Map<string, PackageIndex>();
    for (const path of moduleImports(summaries, files.module)) {
      const index = reach(path);
      if (index) imported.set(path, index);
    }
    return imported;
  }

  /**
   * The module's package at an import path as importers see it, read through `files`: one
   * function per `files`, so the indexes it builds are kept as long as the files are the same.
   */
  reachOf(files: ModuleFiles): (path: string) => PackageIndex | undefined {
    let reach = this.reaches.get(files);
    if (!reach) {
      const { module, goFiles } = files;
      const found = (path: string): PackageIndex | undefined => {
        const directory = directoryOfImport(module, path);
        const index = directory === undefined ? undefined : this.moduleIndex.packageIndex(directory, goFiles(directory), found);
        return index && index.files.length > 0 ? index : undefined;
      };
      this.reaches.set(files, (reach = found));
    }
    return reach;
  }

  /** The library API named at a position, for the guidance cards. */
  apiAt(document: GoDocument, index: PackageIndex, position: Position): ApiAt | undefined {
    return apiAt(document.tree, position, new TypeResolver(document.uri, index), index);
  }

  /**
   * Checks the files of one package (one directory) together, so each sees the others' declarations;
   * with `module`, the facts of the module's packages they import too.
   */
  checkPackage(
    files: readonly SourceText[],
    goVersion: string | undefined,
    settings?: AnalysisSettings,
    module?: ModuleFiles,
    /** Whether packages checked later may import this one: only then are its summaries kept for them. */
    imported = true,
  ): Map<string, AnalysisResult> {
    const limit = Math.min(settings?.maxFileBytes ?? Infinity, MAX_PARSED_CHARS);
    const summaries: FileSummary[] = [];
    const documents = new Map<string, GoDocument>();
    const results = new Map<string, AnalysisResult>();
    /** Files to analyse whose trees were not kept (see `keptTreeChars`): parsed again in their turn. */
    const parseAgain = new Set<string>();
    let keptChars = 0;
    try {
      for (const file of files) {
        if (file.text.length > limit) {
          results.set(file.uri, { findings: [], skipped: file.text.length > (settings?.maxFileBytes ?? Infinity) ? 'too-large' : 'too-large-to-parse' });
          continue;
        }
        // Generated files count for the index but are not analysed: they are parsed only if the
        // index needs their declarations, and then not kept.
        const skipped = this.analyzer.skipReason(file.text, settings);
        if (skipped) {
          const summary = this.summarizeText(file.uri, file.text, file.key);
          summaries.push(summary);
          if (module && imported) this.moduleIndex.remember(file, summary);
          results.set(file.uri, { findings: [], skipped });
          continue;
        }
        const document = this.openDocument(file.uri, file.text);
        const summary = this.summarize(document, file.key);
        summaries.push(summary);
        if (module && imported) this.moduleIndex.remember(file, summary);
        if (keptChars + file.text.length > this.keptTreeChars) {
          document.dispose();
          parseAgain.add(file.uri);
        } else {
          keptChars += file.text.length;
          documents.set(file.uri, document);
        }
      }
      const packagePaths = module && files.length > 0 ? packagePathsOf(module.module, files[0].uri.slice(0, files[0].uri.lastIndexOf('/') + 1)) : [];
      const index = new PackageIndex(summaries, goVersion, module && this.importedPackages(summaries, module), packagePaths);
      for (const file of files) {
        const kept = documents.get(file.uri);
        const document = kept ?? (parseAgain.has(file.uri) ? this.openDocument(file.uri, file.text) : undefined);
        if (!document) continue;
        try {
          // Kept documents are disposed below: their findings' fixes are worked out first.
          results.set(file.uri, materializeFixes(this.analyzeDocument(document, index, settings)));
        } finally {
          if (!kept) document.dispose();
        }
      }
      return new Map(files.map((file) => [file.uri, results.get(file.uri)!]));
    } finally {
      for (const document of documents.values()) document.dispose();
    }
  }
}

const LONG_RUNNING = new Set(RULES.filter((rule) => rule.meta.longRunning).map((rule) => rule.meta.id));

/** Whether a rule's harm takes a process that keeps running (see `RuleMeta.longRunning`). */
export function isLongRunningRule(id: string): boolean {
  return LONG_RUNNING.has(id);
}

/**
 * A file outside `_test.go` that imports "testing" is test support code: helpers that take a
 * `*testing.T`, start servers for a test and dial them. Production code has no use for the package.
 */
function importsTesting(summary: FileSummary | undefined): boolean {
  return (summary?.imports.byPath.get('testing')?.length ?? 0) > 0;
}
