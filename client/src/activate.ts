// What the desktop and the web extension share: the client's options and middleware, the
// commands, the guide view and the API; each entry point only says how the server is started.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { GUIDE_HOME } from '../../server/src/guide/chapters';
import { checkWorkspace, CHECK_WORKSPACE_COMMAND } from './check-workspace';
import { watchServer } from './crash-handler';
import { answerFileRequests } from './file-requests';
import { commandLinkFor, displayLanguage, openGuide, OPEN_GUIDE_COMMAND } from './guide';
import { GuideTree, GUIDE_VIEW } from './guide-view';

/** What the extension hands to other extensions (and to its own end-to-end tests). */
export interface GoBackendGuideApi {
  guideTree: GuideTree;
  environment: Environment;
  /** Whether the language server runs, and the messages shown about it stopping. */
  server: { readonly running: boolean; readonly notices: readonly string[] };
}

/** Where this copy of the extension runs, as observed at activation (not assumed from the entry point). */
export interface Environment {
  /** Node's `process` exists: the desktop's or a VS Code server's Node extension host. */
  process: boolean;
  /** The extension runs inside a web worker: the browser's extension host. */
  webWorker: boolean;
}

/** How an entry point starts the language server and a client connected to it. */
export interface ServerLauncher {
  /** Where the server runs, for the output channel. */
  description: string;
  create(id: string, name: string, clientOptions: LanguageClientOptions): BaseLanguageClient;
}

let client: BaseLanguageClient | undefined;

export async function activateGoBackendGuide(context: vscode.ExtensionContext, launcher: ServerLauncher): Promise<GoBackendGuideApi> {
  const output = vscode.window.createOutputChannel('Go Backend Guide', { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand(OPEN_GUIDE_COMMAND, (target?: string) => openGuide(context.extensionUri, target)));

  const watch = watchServer(output);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'go' }],
    outputChannel: output,
    errorHandler: watch.errorHandler,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.go,go.mod,.go-backend-guide.json,.go-backend-guide-baseline.json}'),
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

  const started = launcher.create('goBackendGuide', 'Go Backend Guide', clientOptions);
  client = started;
  context.subscriptions.push(...answerFileRequests(started));
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(started)));
  context.subscriptions.push(watch.restartCommand(started));
  await started.start();
  output.info(`language server started (${launcher.description})`);
  const guideTree = new GuideTree(started, displayLanguage);
  context.subscriptions.push(guideTree, vscode.window.createTreeView(GUIDE_VIEW, { treeDataProvider: guideTree, showCollapseAll: true }));
  return {
    guideTree,
    environment: observedEnvironment(),
    server: {
      get running() {
        return started.state === State.Running;
      },
      notices: watch.notices,
    },
  };
}

function observedEnvironment(): Environment {
  const scope = globalThis as { process?: unknown; WorkerGlobalScope?: abstract new () => unknown };
  return {
    process: typeof scope.process !== 'undefined',
    webWorker: typeof scope.WorkerGlobalScope === 'function' && globalThis instanceof scope.WorkerGlobalScope,
  };
}

export async function deactivateGoBackendGuide(): Promise<void> {
  await client?.stop();
  client = undefined;
}
