// The desktop extension (package.json `main`): the language server is dist/server.js, a Node
// process the client starts and talks to over IPC.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateGoBackendGuide, deactivateGoBackendGuide, type GoBackendGuideApi } from './activate';

export type { GoBackendGuideApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<GoBackendGuideApi> {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  return activateGoBackendGuide(context, {
    description: module,
    create: (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions),
  });
}

export const deactivate = deactivateGoBackendGuide;
