// Entry point of the language server in Node: stdio or IPC, as the client chooses.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeFileHost } from '../node/node-file-host';
import { readGrammarBinaries } from '../node/grammar-files';
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
    fileHost: (maxFileBytes) => new NodeFileHost(maxFileBytes, (message) => connection.console.log(message)),
  });
}
