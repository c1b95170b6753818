// Entry point of the language server in a browser's web worker (dist/web/server.js): the
// client posts the two WebAssembly binaries first, then speaks LSP over the worker's messages.
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { ClientFileHost } from '../lsp/client-file-host';
import { startServer } from '../lsp/server';

/** The worker's first message. The client reads the binaries from the extension's own URI. */
export interface WorkerStart {
  runtime: ArrayBuffer;
  go: ArrayBuffer;
}

export function runWebLanguageServer(scope: DedicatedWorkerGlobalScope): void {
  const onStart = (event: MessageEvent<WorkerStart>) => {
    scope.removeEventListener('message', onStart);
    const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope));
    // As in Node: one bad file or failed request is logged, and the server keeps serving.
    // (preventDefault: an error left to bubble reaches the client's Worker as a connection error.)
    scope.addEventListener('unhandledrejection', (event) => {
      event.preventDefault();
      connection.console.error(`unhandled rejection: ${describe(event.reason)}`);
    });
    scope.addEventListener('error', (event) => {
      event.preventDefault();
      connection.console.error(`uncaught exception: ${describe(event.error ?? event.message)}`);
    });
    startServer(connection, {
      binaries: { runtime: new Uint8Array(event.data.runtime), go: new Uint8Array(event.data.go) },
      // No disk here: the package, go.mod and the configuration come through the client.
      fileHost: (maxFileBytes) => new ClientFileHost(connection, maxFileBytes),
    });
  };
  scope.addEventListener('message', onStart);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
