// Entry point of the language server in Node: stdio or IPC, as the client chooses.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeFileHost } from '../node/node-file-host';
import { readGrammarBinaries } from '../node/grammar-files';
import { startServer } from './server';

export function runLanguageServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    binaries: readGrammarBinaries(),
    fileHost: (maxFileBytes) => new NodeFileHost(maxFileBytes),
  });
}
