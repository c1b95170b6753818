// The server's window on files it cannot read itself (virtual workspaces, the browser): its
// requests are answered with workspace.fs, which reaches every file system the editor has.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, type DirectoryEntry } from '../../server/src/lsp/requests';

export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(READ_DIRECTORY_REQUEST, async ({ uri }: { uri: string }): Promise<DirectoryEntry[] | null> => {
      try {
        const directory = vscode.Uri.parse(uri);
        const entries = await vscode.workspace.fs.readDirectory(directory);
        return entries.map(([name, type]) => ({
          name,
          uri: vscode.Uri.joinPath(directory, name).toString(),
          directory: (type & vscode.FileType.Directory) !== 0,
        }));
      } catch {
        return null; // missing, or no file system for the scheme: the server stops looking here
      }
    }),
    client.onRequest(READ_FILE_REQUEST, async ({ uri, maxBytes }: { uri: string; maxBytes?: number }): Promise<string | null> => {
      try {
        const file = vscode.Uri.parse(uri);
        if (maxBytes !== undefined && (await vscode.workspace.fs.stat(file)).size > maxBytes) return null;
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch {
        return null;
      }
    }),
  ];
}
