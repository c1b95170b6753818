// "Go Backend Guide: Check Workspace": every Go file of the workspace into the Problems panel,
// in batches the language server checks from disk (or through workspace.fs where it has none),
// with a cancellable progress notification.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CHECK_FILES_REQUEST } from '../../server/src/lsp/requests';

export const CHECK_WORKSPACE_COMMAND = 'goBackendGuide.checkWorkspace';

/** The folders Go tooling skips; hidden ones (.git, .cache, …) are skipped too. */
const SKIPPED = ['vendor', 'testdata', 'node_modules'];
const EXCLUDE = `{${SKIPPED.map((name) => `**/${name}/**`).join(',')},**/.*/**}`;
/** Where VS Code's own search (ripgrep on the disk, or on the VS Code server's) serves findFiles. */
const SEARCHED_BY_VS_CODE = new Set(['file', 'vscode-remote']);
const BATCH = 25;

export async function checkWorkspace(client: BaseLanguageClient): Promise<{ checked: number; findings: number; cancelled: boolean }> {
  const zh = vscode.env.language.toLowerCase().startsWith('zh');
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: zh ? 'Go Backend Guide：检查工作区' : 'Go Backend Guide: checking the workspace', cancellable: true },
    async (progress, token) => {
      const files = (await goFiles(token)).sort((a, b) => (a.path < b.path ? -1 : 1));
      let checked = 0;
      let findings = 0;
      for (let at = 0; at < files.length && !token.isCancellationRequested; at += BATCH) {
        const batch = files.slice(at, at + BATCH).map((uri) => uri.toString());
        const reply = await client.sendRequest<{ checked: number; findings: number }>(CHECK_FILES_REQUEST, { uris: batch }, token);
        checked += reply.checked;
        findings += reply.findings;
        progress.report({ increment: (100 * batch.length) / files.length, message: `${checked}/${files.length}` });
      }
      const cancelled = token.isCancellationRequested;
      const summary = zh
        ? `Go Backend Guide：${cancelled ? '已取消，' : ''}检查了 ${checked} 个 Go 文件，发现 ${findings} 个问题。`
        : `Go Backend Guide: ${cancelled ? 'cancelled after checking' : 'checked'} ${checked} Go files; ${findings} findings.`;
      void vscode.window.showInformationMessage(summary);
      return { checked, findings, cancelled };
    },
  );
}

/**
 * The Go files of every workspace folder. Elsewhere than on a disk, findFiles needs a search
 * provider from the file system's extension, and without one it waits for it forever (a memfs:
 * workspace): there the folders are walked through workspace.fs.
 */
async function goFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (SEARCHED_BY_VS_CODE.has(folder.uri.scheme)) files.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.go'), EXCLUDE, undefined, token)));
    else await walk(folder.uri, files, token);
  }
  return files;
}

async function walk(directory: vscode.Uri, files: vscode.Uri[], token: vscode.CancellationToken): Promise<void> {
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(directory)).catch(() => []);
  for (const [name, type] of entries) {
    if (token.isCancellationRequested) return;
    // A symbolic link to a directory is not followed: it could lead back up.
    if (type === vscode.FileType.Directory && !name.startsWith('.') && !SKIPPED.includes(name)) await walk(vscode.Uri.joinPath(directory, name), files, token);
    else if ((type & vscode.FileType.File) !== 0 && name.endsWith('.go')) files.push(vscode.Uri.joinPath(directory, name));
  }
}
