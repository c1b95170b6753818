import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { GUIDE_HOME } from '../../server/src/guide/chapters';
import { checkWorkspace, CHECK_WORKSPACE_COMMAND } from './check-workspace';
import { commandLinkFor, displayLanguage, openGuide, OPEN_GUIDE_COMMAND } from './guide';
import { GuideTree, GUIDE_VIEW } from './guide-view';

/** What the extension hands to other extensions (and to its own end-to-end tests). */
export interface GoBackendGuideApi {
  guideTree: GuideTree;
}

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
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'go' }],
    outputChannel: output,
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

  const started = new LanguageClient('goBackendGuide', 'Go Backend Guide', serverOptions, clientOptions);
  client = started;
  context.subscriptions.push(vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, () => checkWorkspace(started)));
  await started.start();
  output.info(`language server started (${module})`);
  const guideTree = new GuideTree(started, displayLanguage);
  context.subscriptions.push(guideTree, vscode.window.createTreeView(GUIDE_VIEW, { treeDataProvider: guideTree, showCollapseAll: true }));
  return { guideTree };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
