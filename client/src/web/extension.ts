// The web extension (package.json `browser`): vscode.dev, github.dev, and any VS Code web
// workbench (code-server, Codespaces in the browser) running it in its web-worker extension host.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateGoBackendGuide, deactivateGoBackendGuide, type GoBackendGuideApi } from '../activate';
import { startServerWorker } from './server-worker';

export function activate(context: vscode.ExtensionContext): Promise<GoBackendGuideApi> {
  // A browser server ignores `exit`: its worker ends when the client starts another (a restart)
  // and when the extension's subscriptions are disposed, after deactivate has stopped the client.
  let worker: Worker | undefined;
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  return activateGoBackendGuide(context, {
    description: 'dist/web/server.js in a web worker',
    create: (id, name, clientOptions) =>
      new LanguageClient(
        id,
        name,
        // The transports, not the worker: the client tells a worker by `instanceof Worker`, and
        // the extension host's wrapped Worker constructor makes workers that fail that test.
        async () => {
          worker?.terminate();
          worker = await startServerWorker(context.extensionUri);
          return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        },
        clientOptions,
      ),
  });
}

export const deactivate = deactivateGoBackendGuide;
