// The language server stopped unexpectedly (its process or worker died): restart it, say so once
// it happens twice, and leave it stopped after too many crashes in a short time, with a button to
// start it again. Shared by the desktop and the web extension.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, type BaseLanguageClient, type ErrorHandler } from 'vscode-languageclient';
import { CrashPolicy } from './crash-policy';

export const RESTART_COMMAND = 'goBackendGuide.restartServer';

export interface ServerWatch {
  errorHandler: ErrorHandler;
  /** The messages shown about the server stopping, kept for the extension's API. */
  notices: string[];
  /** Registers the Restart Server command for the client once it exists. */
  restartCommand(client: BaseLanguageClient): vscode.Disposable;
}

export function watchServer(output: vscode.LogOutputChannel): ServerWatch {
  const zh = vscode.env.language.toLowerCase().startsWith('zh');
  const crashes = new CrashPolicy();
  const minutes = Math.round(crashes.windowMs / 60_000);
  const notices: string[] = [];
  /** Shows a message about the server (and keeps it for the API); each action is a button. */
  const notify = async (message: string, show: typeof vscode.window.showWarningMessage, actions: Record<string, () => unknown>) => {
    notices.push(message);
    output.warn(message);
    const chosen = await show(message, ...Object.keys(actions));
    if (chosen) actions[chosen]();
  };
  const showOutput = { [zh ? '查看输出' : 'Show Output']: () => output.show(true) };
  const restart = { [zh ? '重启' : 'Restart']: () => vscode.commands.executeCommand(RESTART_COMMAND) };

  const errorHandler: ErrorHandler = {
    // Errors writing to the server: keep going a few times, then shut the connection down.
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    // The editor sends a restarted server the open documents, and it pulls the settings again.
    closed: () => {
      const { restart: again, crashes: count } = crashes.crashed();
      if (!again) {
        const message = zh
          ? `Go Backend Guide：语言服务器在 ${minutes} 分钟内崩溃了 ${count} 次，已停止。`
          : `Go Backend Guide: the language server crashed ${count} times in ${minutes} minutes and was stopped.`;
        void notify(message, vscode.window.showErrorMessage, { ...restart, ...showOutput });
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      const message = zh
        ? `Go Backend Guide：语言服务器意外退出，已重启（${minutes} 分钟内第 ${count} 次）。`
        : `Go Backend Guide: the language server stopped unexpectedly and was restarted (${count} times in ${minutes} minutes).`;
      if (count > 1) void notify(message, vscode.window.showWarningMessage, showOutput);
      else output.warn(message);
      return { action: CloseAction.Restart, handled: true };
    },
  };

  const restartCommand = (client: BaseLanguageClient) =>
    vscode.commands.registerCommand(RESTART_COMMAND, async () => {
      crashes.reset();
      if (client.state !== State.Stopped) await client.stop();
      await client.start();
      output.info('language server restarted on request');
    });

  return { errorHandler, notices, restartCommand };
}
