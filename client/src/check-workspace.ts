// "Go Backend Guide: Check Workspace": every Go file of the workspace into the Problems panel,
// in batches the language server checks from disk, with a cancellable progress notification.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CHECK_FILES_REQUEST } from '../../server/src/lsp/requests';

export const CHECK_WORKSPACE_COMMAND = 'goBackendGuide.checkWorkspace';

/** The folders Go tooling skips, and hidden ones (.git, .cache, …). */
const EXCLUDE = '{**/vendor/**,**/testdata/**,**/node_modules/**,**/.*/**}';
const BATCH = 25;

export async function checkWorkspace(client: BaseLanguageClient): Promise<{ checked: number; findings: number; cancelled: boolean }> {
  const zh = vscode.env.language.toLowerCase().startsWith('zh');
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: zh ? 'Go Backend Guide：检查工作区' : 'Go Backend Guide: checking the workspace', cancellable: true },
    async (progress, token) => {
      const files = (await vscode.workspace.findFiles('**/*.go', EXCLUDE, undefined, token)).sort((a, b) => (a.path < b.path ? -1 : 1));
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
