import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type ConnectionOptions,
  type DidChangeTextDocumentParams,
  type DidChangeWatchedFilesParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type ExecuteCommandParams,
  type HoverParams,
  type InitializeResult,
  type RequestMessage,
} from 'vscode-languageserver';
import { GoChecker } from '../checker';
import type { GoDocument } from '../core/document';
import type { GrammarBinaries } from '../core/go-parser';
import { skipNotice } from '../core/skipped';
import { guideLanguage, ruleGuideUrl, type GuideLanguage } from '../guide/chapters';
import { ruleById } from '../rules/registry';
import { Analyses, type Analysed } from './analyses';
import type { FileHost } from './file-host';
import { cardHover } from './card-hover';
import { catalog } from './catalog';
import { CATALOG_REQUEST, type Catalog } from './requests';
import {
  CHECK_FILES_REQUEST,
  codeActionsFor,
  findingsAt,
  findingsContaining,
  fixAllAction,
  FIX_ALL_KIND,
  hoverFor,
  SHOW_DOCUMENTATION_COMMAND,
  SOURCE,
  toDiagnostic,
  type DocumentVersion,
} from './protocol';
import { CONFIG_FILE_NAME } from '../core/config';
import { EditorBaselines, type LoadedBaseline } from './baseline';
import { turnOffInConfigAction } from './config-action';
import * as params from './params';
import { ProjectConfigs, type ProjectConfigFile } from './project-config';
import { DEFAULT_SETTINGS, mergeSettings, readSettings, type UserSettings } from './settings';
import { Workspace } from './workspace';

export interface ServerOptions {
  binaries: GrammarBinaries;
  /** Builds the file host once settings (the size limit) are known. */
  fileHost(maxFileBytes: () => number): FileHost;
}

/**
 * Options for the connection the server runs on: a request cancelled before it started is
 * answered at once, without running it.
 */
export const CONNECTION_OPTIONS: ConnectionOptions = {
  connectionStrategy: {
    cancelUndispatched: (message) => ({
      jsonrpc: message.jsonrpc,
      id: (message as RequestMessage).id,
      error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it started' },
    }),
  },
};

/** rust-analyzer's convention: clients that ask for it are told when all analysis is done. */
const SERVER_STATUS_NOTIFICATION = 'experimental/serverStatus';

/** Serves the analysis over LSP on any connection (stdio, IPC, or a web worker's ports). */
export function startServer(connection: Connection, options: ServerOptions): void {
  const started = Date.now();
  // Loading the grammar starts now, while the client is still sending `initialize`; the rules'
  // query is compiled after the answer (see onInitialized), so the editor need not wait for it.
  const loading = GoChecker.create(options.binaries);
  let checker: GoChecker;
  let workspace: Workspace;
  let analyses: Analyses;
  let configs: ProjectConfigs;
  let baselines: EditorBaselines;
  let host: FileHost;
  /** Closed files whose findings came from "Check Workspace": kept when their editor closes. */
  const checkedOnDisk = new Set<string>();
  /** The editor's display language; the `language` setting can override it. */
  let localeLanguage: GuideLanguage = 'en';
  const languageOf = (settings: UserSettings): GuideLanguage => (settings.language === 'auto' ? localeLanguage : settings.language);
  let pullConfiguration = false;
  let versionedEdits = false;
  let pushedSettings: UserSettings = DEFAULT_SETTINGS;
  const settingsCache = new Map<string, Promise<UserSettings>>();
  /** Files told about being skipped, with the reason told. */
  const toldSkipped = new Map<string, string>();
  /** Problems of notifications already logged: each is logged once. */
  const loggedProblems = new Set<string>();
  const log = (message: string) => connection.console.log(message);
  const logOnce = (problem: string) => {
    if (loggedProblems.has(problem)) return;
    loggedProblems.add(problem);
    log(`ignored: ${problem}`);
  };

  let workspaceFolders: string[] = [];

  connection.onInitialize(async (init): Promise<InitializeResult> => {
    workspaceFolders = init.workspaceFolders?.map((folder) => folder.uri) ?? (init.rootUri ? [init.rootUri] : []);
    localeLanguage = guideLanguage(init.locale);
    pullConfiguration = init.capabilities.workspace?.configuration === true;
    versionedEdits = init.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    const statusWanted = (init.capabilities.experimental as { serverStatusNotification?: unknown } | undefined)?.serverStatusNotification === true;
    const initializationOptions = init.initializationOptions as { settings?: unknown } | undefined;
    checker = await loading;
    if (initializationOptions?.settings !== undefined) pushedSettings = readSettings(initializationOptions.settings, checker.rules);
    host = options.fileHost(() => pushedSettings.maxFileSize);
    workspace = new Workspace(checker, host, log, (directory) => {
      // The package's own documents, and those of packages of the module that import it.
      for (const uri of workspace.dependents(directory)) {
        analyses.invalidate(uri);
        analyses.schedule(uri);
      }
    });
    analyses = new Analyses(workspace, analyse, publish, log, (quiescent) => {
      if (statusWanted) void connection.sendNotification(SERVER_STATUS_NOTIFICATION, { health: 'ok', quiescent });
    });
    configs = new ProjectConfigs(host, new Set(checker.rules.map((rule) => rule.meta.id)), publishConfigProblems);
    baselines = new EditorBaselines(host, log);
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

  /**
   * Findings of a document under the settings and configuration that apply to it. Everything
   * that may wait (settings, configuration file, the package's first read) is awaited first;
   * the index and the analysis then run in one go, on one version of the text.
   */
  async function analyse(uri: string): Promise<Analysed | undefined> {
    const settings = await settingsFor(uri);
    const project = await configs.forDocument(uri);
    const baseline = await baselines.forProject(project);
    await workspace.packageReady(uri);
    const document = workspace.document(uri);
    if (!document) return undefined;
    const result = analyseText(uri, document, settings, project, baseline);
    return { uri, document, version: document.version, lines: document.lines, settings, result };
  }

  function analyseText(uri: string, document: GoDocument, settings: UserSettings, project: ProjectConfigFile | undefined, baseline: LoadedBaseline | undefined) {
    if (!settings.enable || (project !== undefined && ProjectConfigs.excludes(project, uri))) return { findings: [] };
    let index = workspace.packageIndex(uri);
    if (project?.config.go) index = index.withGoVersion(project.config.go);
    const analysed = checker.analyzeDocument(document, index, mergeSettings(settings, project?.config));
    const result = { ...analysed, findings: workspace.moduleFindings(uri, document.text, analysed.findings) };
    return EditorBaselines.apply(baseline, document, result, settings.baselinedFindings);
  }

  function diagnosticsOf(analysed: Pick<Analysed, 'result' | 'settings' | 'lines'>) {
    const language = languageOf(analysed.settings);
    const lines = analysed.lines;
    return analysed.result.findings.map((finding) => toDiagnostic(finding, ruleById(finding.rule)!, language, lines));
  }

  function publish(analysed: Analysed): Promise<void> {
    tellSkipped(analysed.uri, analysed.result.skipped, analysed.settings);
    return connection.sendDiagnostics({ uri: analysed.uri, version: analysed.version, diagnostics: diagnosticsOf(analysed) });
  }

  /** Says once per file why it has no findings: a message for limits, a log line for the rest. */
  function tellSkipped(uri: string, reason: Analysed['result']['skipped'], settings: UserSettings): void {
    if (!reason || toldSkipped.get(uri) === reason) return;
    toldSkipped.set(uri, reason);
    const notice = skipNotice(reason, { name: 'goBackendGuide.maxFileSize', bytes: settings.maxFileSize });
    const message = `Go Backend Guide skipped ${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))}: ${notice.why}.`;
    log(message);
    // A notification, not a request: nothing to wait for, and no client can fail it.
    if (notice.limit) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  }

  /**
   * Checks a file that is not open, as it is on disk, and publishes its findings: the
   * "Check Workspace" command fills the Problems panel this way, a batch at a time.
   */
  async function validateOnDisk(uri: string): Promise<number> {
    if (workspace.document(uri)) return (await analyses.current(uri))?.result.findings.length ?? 0;
    const text = await host.readText(uri);
    if (text === undefined) return 0;
    const settings = await settingsFor(uri);
    const project = await configs.forDocument(uri);
    const baseline = await baselines.forProject(project);
    await workspace.packageReady(uri);
    settingsCache.delete(uri);
    if (workspace.document(uri)) return 0; // opened meanwhile: its own analysis publishes
    const document = checker.openDocument(uri, text);
    try {
      const result = analyseText(uri, document, settings, project, baseline);
      checkedOnDisk.add(uri);
      await connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf({ result, settings, lines: document.lines }) });
      return result.findings.length;
    } finally {
      document.dispose();
    }
  }

  /**
   * The analysis of the text a request was made against: call it as the request arrives.
   * Undefined when the document changed while the request waited, since the request's
   * positions then no longer say anything about the text.
   */
  async function analysisFor(uri: string, token: CancellationToken): Promise<Analysed | undefined> {
    const document = workspace.document(uri);
    if (!document) return undefined;
    const asked = { document, version: document.version };
    const analysed = await analyses.current(uri);
    throwIfCancelled(token);
    return analysed && analysed.document === asked.document && analysed.version === asked.version && workspace.document(uri) === asked.document ? analysed : undefined;
  }

  function versionOf(analysed: Analysed): DocumentVersion {
    return { uri: analysed.uri, version: analysed.version, lines: analysed.lines, tree: analysed.document.tree, versioned: versionedEdits };
  }

  connection.onDidOpenTextDocument((raw: DidOpenTextDocumentParams) => {
    const problem = params.notificationProblem('textDocument/didOpen', params.DID_OPEN, raw);
    if (problem) return logOnce(problem);
    const { uri, text, version } = raw.textDocument;
    try {
      workspace.open(uri, text, version);
    } catch (error) {
      log(`could not open ${uri}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    analyses.forget(uri);
    analyses.schedule(uri);
    for (const mate of workspace.packageMates(uri)) {
      analyses.invalidate(mate);
      analyses.schedule(mate, 300);
    }
  });

  connection.onDidChangeTextDocument((raw: DidChangeTextDocumentParams) => {
    const problem = params.notificationProblem('textDocument/didChange', params.DID_CHANGE, raw);
    if (problem) return logOnce(problem);
    const { textDocument, contentChanges } = raw;
    const uri = textDocument.uri;
    if (!workspace.document(uri)) return logOnce(`textDocument/didChange for ${uri}, which is not open`);
    try {
      workspace.change(uri, contentChanges, textDocument.version);
    } catch (error) {
      // The text can no longer be trusted: stop analysing it until it is opened again.
      log(`could not apply a change to ${uri}, no longer analysed until reopened: ${error instanceof Error ? error.message : String(error)}`);
      workspace.close(uri);
      analyses.forget(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    analyses.schedule(uri);
    // Declarations in this file can change what the rules see in the rest of its package.
    for (const mate of workspace.packageMates(uri)) {
      analyses.invalidate(mate);
      analyses.schedule(mate, 300);
    }
  });

  connection.onDidCloseTextDocument((raw: DidCloseTextDocumentParams) => {
    const problem = params.notificationProblem('textDocument/didClose', params.DID_CLOSE, raw);
    if (problem) return logOnce(problem);
    const uri = raw.textDocument.uri;
    workspace.close(uri);
    const mates = workspace.packageMates(uri);
    analyses.forget(uri);
    toldSkipped.delete(uri);
    settingsCache.delete(uri);
    // The package now has this file as it is on disk.
    for (const mate of mates) {
      analyses.invalidate(mate);
      analyses.schedule(mate, 300);
    }
    if (checkedOnDisk.has(uri)) void validateOnDisk(uri);
    else void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onRequest(CATALOG_REQUEST, (raw: unknown): Catalog => {
    const { language } = params.requestParams<{ language?: string } | undefined>(CATALOG_REQUEST, params.CATALOG, raw) ?? {};
    return catalog(checker.rules, guideLanguage(language));
  });

  connection.onRequest(CHECK_FILES_REQUEST, async (raw: unknown, token) => {
    const { uris } = params.requestParams<{ uris: string[] }>(CHECK_FILES_REQUEST, params.CHECK_FILES, raw);
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
    const raw = (change?.settings as { goBackendGuide?: unknown } | undefined)?.goBackendGuide;
    if (!pullConfiguration && raw !== undefined) {
      const problems: string[] = [];
      pushedSettings = readSettings(raw, checker.rules, problems);
      for (const problem of problems) log(`settings: ${problem}`);
    }
    analyses.invalidateAll();
    for (const uri of workspace.openUris) analyses.schedule(uri);
  });

  connection.onDidChangeWatchedFiles((raw: DidChangeWatchedFilesParams) => {
    const problem = params.notificationProblem('workspace/didChangeWatchedFiles', params.DID_CHANGE_WATCHED_FILES, raw);
    if (problem) return logOnce(problem);
    let configChanged = false;
    for (const change of raw.changes) {
      if (change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) configChanged = true;
      else if (baselines.invalidate(change.uri)) configChanged = true;
      else workspace.invalidate(change.uri); // re-read in the background; its documents are then scheduled
    }
    if (!configChanged) return;
    configs.invalidate();
    baselines.clear();
    analyses.invalidateAll();
    for (const uri of workspace.openUris) analyses.schedule(uri, 100);
  });

  connection.onHover(async (raw: HoverParams, token) => {
    const { textDocument, position } = params.requestParams<HoverParams>('textDocument/hover', params.HOVER, raw);
    const analysed = await analysisFor(textDocument.uri, token);
    if (!analysed) return null;
    const lines = analysed.lines;
    const language = languageOf(analysed.settings);
    const findings = hoverFor(findingsContaining(analysed.result.findings, position, lines), ruleById, language, lines);
    if (findings) return findings;
    if (!analysed.settings.apiHovers) return null;
    const api = checker.apiAt(analysed.document, workspace.packageIndex(textDocument.uri), lines.fromEditor(position));
    const card = api && cardHover(api, language);
    return card ? { ...card, range: card.range && lines.toEditorRange(card.range) } : null;
  });

  connection.onCodeAction(async (raw: CodeActionParams, token) => {
    const { textDocument, range, context } = params.requestParams<CodeActionParams>('textDocument/codeAction', params.CODE_ACTION, raw);
    const uri = textDocument.uri;
    const analysed = await analysisFor(uri, token);
    if (!analysed) return [];
    const project = await configs.forDocument(uri); // read by the analysis already: no wait
    const document = versionOf(analysed);
    const findings = analysed.result.findings;
    const language = languageOf(analysed.settings);
    const only = context.only;
    const actions: CodeAction[] = [];
    if (!only || only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind))) {
      const offered = new Set<string>();
      for (const finding of findingsAt(findings, range, context.diagnostics, document.lines)) {
        const rule = ruleById(finding.rule)!;
        actions.push(...codeActionsFor(document, finding, findings, language, toDiagnostic(finding, rule, language, document.lines)));
        if (finding.unnecessary || offered.has(finding.rule)) continue;
        offered.add(finding.rule);
        actions.push(turnOffInConfigAction(finding.rule, uri, project, workspaceFolders, language === 'zh-cn'));
      }
    }
    if (only?.some((kind) => FIX_ALL_KIND.startsWith(kind) && kind.startsWith(CodeActionKind.Source))) {
      const fixAll = fixAllAction(document, findings);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  });

  connection.onExecuteCommand(async (raw: ExecuteCommandParams) => {
    const { command, arguments: args } = params.requestParams<ExecuteCommandParams>('workspace/executeCommand', params.EXECUTE_COMMAND, raw);
    if (command !== SHOW_DOCUMENTATION_COMMAND) throw new ResponseError(ErrorCodes.InvalidParams, `workspace/executeCommand: unknown command "${command}"`);
    const rule = typeof args?.[0] === 'string' ? ruleById(args[0]) : undefined;
    if (!rule) throw new ResponseError(ErrorCodes.InvalidParams, `${SHOW_DOCUMENTATION_COMMAND} needs a rule id as its first argument`);
    const uri = typeof args?.[1] === 'string' ? args[1] : undefined;
    const language = languageOf(uri ? await settingsFor(uri) : pushedSettings);
    await connection.window.showDocument({ uri: ruleGuideUrl(rule, language), external: true });
    return null;
  });

  connection.listen();
}

function throwIfCancelled(token: CancellationToken): void {
  if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
}
