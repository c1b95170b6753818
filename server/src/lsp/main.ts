// Entry point of the language server in Node: stdio or IPC, as the client chooses.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeFileHost } from '../node/node-file-host';
import { readGrammarBinaries } from '../node/grammar-files';
import { ClientFileHost } from './client-file-host';
import { fileHostByScheme } from './scheme-file-host';
import { CONNECTION_OPTIONS, startServer } from './server';

export function runLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all, CONNECTION_OPTIONS);
  // One bad file or one failed request must not take the server down with every open editor:
  // log it to the output channel and keep serving.
  const report = (what: string) => (error: unknown) =>
    connection.console.error(`${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.on('unhandledRejection', report('unhandled rejection'));
  process.on('uncaughtException', report('uncaught exception'));
  startServer(connection, {
    binaries: readGrammarBinaries(),
    // Files on disk directly; those of virtual workspaces (github.dev's repositories opened in
    // the desktop) through the client's workspace.fs.
    fileHost: (maxFileBytes) =>
      fileHostByScheme({ file: new NodeFileHost(maxFileBytes, (message) => connection.console.log(message)) }, new ClientFileHost(connection, maxFileBytes)),
  });
}
