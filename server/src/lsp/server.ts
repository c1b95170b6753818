import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { GoChecker } from '../checker';
import type { GoDocument } from '../core/document';
import type { AnalysisResult } from '../core/analyzer';
import { DEFAULT_BUDGET_MS } from '../core/budget';
import type { GrammarBinaries } from '../core/go-parser';
import { guideLanguage, ruleGuideUrl, type GuideLanguage } from '../guide/chapters';
import { ruleById } from '../rules/registry';
import type { FileHost } from './file-host';
import { cardHover } from './card-hover';
import { catalog } from './catalog';
import { CATALOG_REQUEST, type Catalog } from './requests';
import { CHECK_FILES_REQUEST, codeActionsFor, findingsAt, findingsContaining, fixAllAction, FIX_ALL_KIND, hoverFor, SHOW_DOCUMENTATION_COMMAND, SOURCE, toDiagnostic } from './protocol';
import { CONFIG_FILE_NAME } from '../core/config';
import { PackageIndex } from '../core/package-index';
import { turnOffInConfigAction } from './config-action';
import { ProjectConfigs, type ProjectConfigFile } from './project-config';
import { DEFAULT_SETTINGS, mergeSettings, readSettings, type UserSettings } from './settings';
import { Workspace } from './workspace';

export interface ServerOptions {
  binaries: GrammarBinaries;
  /** Builds the file host once settings (the size limit) are known. */
  fileHost(maxFileBytes: () => number): FileHost;
}

/** Serves the analysis over LSP on any connection (stdio, IPC, or a web worker's ports). */
export function startServer(connection: Connection, options: ServerOptions): void {
  const started = Date.now();
  // Loading the grammar starts now, while the client is still sending `initialize`; the rules'
  // query is compiled after the answer (see onInitialized), so the editor need not wait for it.
  const loading = GoChecker.create(options.binaries);
  let checker: GoChecker;
  let workspace: Workspace;
  let configs: ProjectConfigs;
  let host: FileHost;
  /** Closed files whose findings came from "Check Workspace": kept when their editor closes. */
  const checkedOnDisk = new Set<string>();
  /** The editor's display language; the `language` setting can override it. */
  let localeLanguage: GuideLanguage = 'en';
  const languageOf = (settings: UserSettings): GuideLanguage => (settings.language === 'auto' ? localeLanguage : settings.language);
  let pullConfiguration = false;
  let pushedSettings: UserSettings = DEFAULT_SETTINGS;
  const settingsCache = new Map<string, Promise<UserSettings>>();
  const results = new Map<string, AnalysisResult>();
  const pending = new Map<string, NodeJS.Timeout | number>();
  /** Files already announced as skipped (too large, or over the time budget): one notice each. */
  const toldSkipped = new Set<string>();
  const log = (message: string) => connection.console.log(message);

  let workspaceFolders: string[] = [];

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    workspaceFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    localeLanguage = guideLanguage(params.locale);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    checker = await loading;
    if (init?.settings !== undefined) pushedSettings = readSettings(init.settings, checker.rules);
    host = options.fileHost(() => pushedSettings.maxFileSize);
    workspace = new Workspace(checker, host, log);
    configs = new ProjectConfigs(host, new Set(checker.rules.map((rule) => rule.meta.id)), publishConfigProblems);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
      },
      serverInfo: { name: 'go-backend-guide', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    log(`ready in ${Date.now() - started} ms: ${checker.rules.length} rules, editor language ${localeLanguage}`);
    // `initialize` was answered before the rules' query was compiled; compile it now, unless the
    // first document's analysis has already done so.
    setTimeout(() => checker.analyzer.prepare(), 0);
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'goBackendGuide' });
  });

  function settingsFor(uri: string): Promise<UserSettings> {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    let settings = settingsCache.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'goBackendGuide' }).then(
        (raw: unknown) => {
          const problems: string[] = [];
          const read = readSettings(raw, checker.rules, problems);
          for (const problem of problems) log(`settings: ${problem}`);
          return read;
        },
        () => DEFAULT_SETTINGS,
      );
      settingsCache.set(uri, settings);
    }
    return settings;
  }

  /** Coalesces bursts of edits: the analysis runs once the current batch of messages is handled. */
  function schedule(uri: string, delay = 0): void {
    const previous = pending.get(uri);
    if (previous !== undefined) clearTimeout(previous as NodeJS.Timeout);
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  /** Problems of a configuration file go on the file itself, with one message to say so. */
  function publishConfigProblems(file: ProjectConfigFile): void {
    const diagnostics = file.problems.map((problem) => ({ range: problem.range, severity: DiagnosticSeverity.Error, source: SOURCE, message: problem.message }));
    void connection.sendDiagnostics({ uri: file.uri, diagnostics });
    if (file.problems.length === 0) return;
    const name = file.uri.slice(file.uri.lastIndexOf('/') + 1);
    const message = `Go Backend Guide: ${name} has ${file.problems.length} problem${file.problems.length > 1 ? 's' : ''} (see the Problems panel); the rest of it applies.`;
    log(message);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
  }

  /** Findings of a document under the settings and configuration that apply to it. */
  async function analyze(uri: string, document: GoDocument): Promise<{ result: AnalysisResult; settings: UserSettings }> {
    const settings = await settingsFor(uri);
    const project = await configs.forDocument(uri);
    let index = await workspace.indexFor(uri);
    if (project?.config.go) index = new PackageIndex(index.files, project.config.go);
    const skip = !settings.enable || (project !== undefined && ProjectConfigs.excludes(project, uri));
    const result = skip ? { findings: [] } : checker.analyzeDocument(document, index, mergeSettings(settings, project?.config));
    return { result, settings };
  }

  function publish(uri: string, result: AnalysisResult, settings: UserSettings): Promise<void> {
    const language = languageOf(settings);
    const diagnostics = result.findings.map((finding) => toDiagnostic(finding, ruleById(finding.rule)!, language));
    return connection.sendDiagnostics({ uri, diagnostics });
  }

  async function validate(uri: string): Promise<void> {
    const document = workspace.document(uri);
    if (!document) return;
    try {
      const { result, settings } = await analyze(uri, document);
      if (workspace.document(uri) !== document) return; // closed or reopened meanwhile
      results.set(uri, result);
      if ((result.skipped === 'too-large' || result.skipped === 'budget') && !toldSkipped.has(uri)) {
        toldSkipped.add(uri);
        const why =
          result.skipped === 'too-large'
            ? `it is larger than goBackendGuide.maxFileSize (${settings.maxFileSize} bytes)`
            : `its analysis took longer than ${DEFAULT_BUDGET_MS} ms (deeply nested or machine-written code?)`;
        const message = `Go Backend Guide skipped ${uri.slice(uri.lastIndexOf('/') + 1)}: ${why}.`;
        log(message);
        // A notification, not a request: nothing to wait for, and no client can fail it.
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
      }
      await publish(uri, result, settings);
    } catch (error) {
      log(`analysis of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /**
   * Checks a file that is not open, as it is on disk, and publishes its findings: the
   * "Check Workspace" command fills the Problems panel this way, a batch at a time.
   */
  async function validateOnDisk(uri: string): Promise<number> {
    if (workspace.document(uri)) return results.get(uri)?.findings.length ?? 0;
    const text = await host.readText(uri);
    if (text === undefined) return 0;
    const document = checker.openDocument(uri, text);
    try {
      const { result, settings } = await analyze(uri, document);
      checkedOnDisk.add(uri);
      await publish(uri, result, settings);
      return result.findings.length;
    } finally {
      document.dispose();
    }
  }

  connection.onDidOpenTextDocument(({ textDocument }) => {
    workspace.open(textDocument.uri, textDocument.text);
    schedule(textDocument.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    workspace.change(textDocument.uri, contentChanges);
    schedule(textDocument.uri);
    // Declarations in this file can change what the rules see in the rest of its package.
    for (const mate of workspace.packageMates(textDocument.uri)) schedule(mate, 300);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const uri = textDocument.uri;
    workspace.close(uri);
    results.delete(uri);
    toldSkipped.delete(uri);
    if (checkedOnDisk.has(uri)) void validateOnDisk(uri);
    else void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onRequest(CATALOG_REQUEST, ({ language }: { language?: string }): Catalog => catalog(checker.rules, guideLanguage(language)));

  connection.onRequest(CHECK_FILES_REQUEST, async ({ uris }: { uris: string[] }, token) => {
    let findings = 0;
    let checked = 0;
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      try {
        findings += await validateOnDisk(uri);
      } catch (error) {
        log(`checking ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      checked++;
    }
    return { checked, findings };
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    const raw = (change.settings as { goBackendGuide?: unknown } | undefined)?.goBackendGuide;
    if (!pullConfiguration && raw !== undefined) {
      const problems: string[] = [];
      pushedSettings = readSettings(raw, checker.rules, problems);
      for (const problem of problems) log(`settings: ${problem}`);
    }
    for (const uri of workspace.openUris) schedule(uri);
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      if (change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) configs.invalidate();
      else workspace.invalidate(change.uri);
    }
    for (const uri of workspace.openUris) schedule(uri, 100);
  });

  connection.onHover(async ({ textDocument, position }) => {
    const uri = textDocument.uri;
    const result = results.get(uri);
    const settings = await settingsFor(uri);
    const language = languageOf(settings);
    const findings = result ? hoverFor(findingsContaining(result.findings, position), ruleById, language) : undefined;
    if (findings) return findings;
    const document = workspace.document(uri);
    if (!document || !settings.apiHovers) return undefined;
    const api = checker.apiAt(document, await workspace.indexFor(uri), position);
    return api && cardHover(api, language);
  });

  connection.onCodeAction(async ({ textDocument, range, context }) => {
    const uri = textDocument.uri;
    const result = results.get(uri);
    const document = workspace.document(uri);
    if (!result || !document) return [];
    const language = languageOf(await settingsFor(uri));
    const only = context.only;
    const actions: CodeAction[] = [];
    if (!only || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind))) {
      const project = await configs.forDocument(uri);
      const offered = new Set<string>();
      for (const finding of findingsAt(result.findings, range, context.diagnostics)) {
        const rule = ruleById(finding.rule)!;
        actions.push(...codeActionsFor(uri, finding, result.findings, document.lines, language, toDiagnostic(finding, rule, language)));
        if (finding.unnecessary || offered.has(finding.rule)) continue;
        offered.add(finding.rule);
        actions.push(turnOffInConfigAction(finding.rule, uri, project, workspaceFolders, language === 'zh-cn'));
      }
    }
    if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind.startsWith(CodeActionKind.Source))) {
      const fixAll = fixAllAction(uri, result.findings);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== SHOW_DOCUMENTATION_COMMAND) return;
    const rule = typeof args?.[0] === 'string' ? ruleById(args[0]) : undefined;
    if (!rule) return;
    const uri = typeof args?.[1] === 'string' ? args[1] : undefined;
    const language = languageOf(uri ? await settingsFor(uri) : pushedSettings);
    await connection.window.showDocument({ uri: ruleGuideUrl(rule, language), external: true });
  });

  connection.listen();
}
