import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { GUIDE_HOME } from '../../server/src/guide/chapters';
import { checkWorkspace, CHECK_WORKSPACE_COMMAND } from './check-workspace';
import { CrashPolicy } from './crash-policy';
import { commandLinkFor, displayLanguage, openGuide, OPEN_GUIDE_COMMAND } from './guide';
import { GuideTree, GUIDE_VIEW } from './guide-view';

/** What the extension hands to other extensions (and to its own end-to-end tests). */
export interface GoBackendGuideApi {
  guideTree: GuideTree;
  /** Whether the language server runs, and the messages shown about it stopping. */
  server: { readonly running: boolean; readonly notices: readonly string[] };
}

const RESTART_COMMAND = 'goBackendGuide.restartServer';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<GoBackendGuideApi> {
  const output = vscode.window.createOutputChannel('Go Backend Guide', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand(OPEN_GUIDE_COMMAND, (target?: string) => openGuide(context.extensionUri, target)));

  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const zh = vscode.env.language.toLowerCase().startsWith('zh');
  const crashes = new CrashPolicy();
  const notices: string[] = [];
  /** Shows a message about the server (and keeps it for the API); each action is a button. */
  const notify = async (message: string, show: typeof vscode.window.showWarningMessage, actions: Record<string, () => unknown>) => {
    notices.push(message);
    output.warn(message);
    const chosen = await show(message, ...Object.keys(actions));
    if (chosen) actions[chosen]();
  };
  const showOutput = { [zh ? '查看输出' : 'Show Output']: () => output.show(true) };
  const restart = { [zh ? '重启' : 'Restart']: () => vscode.commands.executeCommand(RESTART_COMMAND) };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'go' }],
    outputChannel: output,
    // The server process died: it is restarted (the editor sends it the open documents and it
    // pulls the settings again), said once it happens twice, and left stopped after four
    // crashes within three minutes, with a button to start it again.
    errorHandler: {
      error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        const { restart: again, crashes: count } = crashes.crashed();
        if (!again) {
          const message = zh
            ? `Go Backend Guide：语言服务器在 ${Math.round(crashes.windowMs / 60_000)} 分钟内崩溃了 ${count} 次，已停止。`
            : `Go Backend Guide: the language server crashed ${count} times in ${Math.round(crashes.windowMs / 60_000)} minutes and was stopped.`;
          void notify(message, vscode.window.showErrorMessage, { ...restart, ...showOutput });
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const minutes = Math.round(crashes.windowMs / 60_000);
        const message = zh
          ? `Go Backend Guide：语言服务器意外退出，已重启（${minutes} 分钟内第 ${count} 次）。`
          : `Go Backend Guide: the language server stopped unexpectedly and was restarted (${count} times in ${minutes} minutes).`;
        if (count > 1) void notify(message, vscode.window.showWarningMessage, showOutput);
        else output.warn(message);
        return { action: CloseAction.Restart, handled: true };
      },
    },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.go,go.mod,.go-backend-guide.json}'),
      // Tells the server when our settings change; it then pulls them per file.
      configurationSection: 'goBackendGuide',
    },
    markdown: { isTrusted: { enabledCommands: [OPEN_GUIDE_COMMAND] } },
    middleware: {
      // Guide links point at the published guide; inside VS Code they open the bundled copy.
      handleDiagnostics(uri, diagnostics, next) {
        for (const diagnostic of diagnostics) {
          const code = diagnostic.code;
          if (typeof code === 'object' && code.target) {
            const link = commandLinkFor(code.target.toString(true));
            if (link) diagnostic.code = { value: code.value, target: link };
          }
        }
        next(uri, diagnostics);
      },
      async provideHover(document, position, token, next) {
        const hover = await next(document, position, token);
        if (!hover) return hover;
        const contents = hover.contents.map((content) => {
          if (!(content instanceof vscode.MarkdownString) || !content.value.includes(GUIDE_HOME)) return content;
          const rewritten = content.value.replace(/\]\((https:[^)\s]+)\)/g, (whole, url: string) => {
            const link = commandLinkFor(url);
            return link ? `](${link.toString()})` : whole;
          });
          const markdown = new vscode.MarkdownString(rewritten);
          markdown.isTrusted = { enabledCommands: [OPEN_GUIDE_COMMAND] };
          return markdown;
        });
        return new vscode.Hover(contents, hover.range);
      },
      window: {
        async showDocument(params, token, next) {
          if (!params.uri.startsWith(GUIDE_HOME)) return next(params, token);
          await openGuide(context.extensionUri, params.uri);
          return { success: true };
        },
      },
    },
  };

  const started = new LanguageClient('goBackendGuide', 'Go Backend Guide', serverOptions, clientOptions);
  client = started;
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(started)));
  context.subscriptions.push(
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      crashes.reset();
      await (started.state === State.Stopped ? started.start() : started.restart());
      output.info('language server restarted on request');
    }),
  );
  await started.start();
  output.info(`language server started (${module})`);
  const guideTree = new GuideTree(started, displayLanguage);
  context.subscriptions.push(guideTree, vscode.window.createTreeView(GUIDE_VIEW, { treeDataProvider: guideTree, showCollapseAll: true }));
  return {
    guideTree,
    server: {
      get running() {
        return started.state === State.Running;
      },
      notices,
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
