// The language server process dies (killed here): the extension restarts it, says so from the
// second time, and stays stopped after the fourth crash in three minutes until "Restart Server".
// Node extension host only: the server is found and killed as a process (Linux /proc). Runs last,
// since it restarts the server the other suites talk to.
import { assert } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { GoBackendGuideApi } from '../../../client/src/extension';
import { diagnosticsWhere, hasRule, lacksRule } from './diagnostics';

suite('The language server comes back after a crash', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, 'server.go');
  const api = () => vscode.extensions.getExtension<GoBackendGuideApi>('go-backend-guide.go-backend-guide')!.exports;

  /** Our language server: the child of this extension host that runs dist/server.js. */
  function serverPid(): number | undefined {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('dist/server.js')) return Number(name);
      } catch {
        // the process ended meanwhile
      }
    }
    return undefined;
  }

  /** Kills the server and resolves once its diagnostics are gone (the client saw it die). */
  async function crash(): Promise<number> {
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding before the crash');
    const pid = serverPid();
    assert.ok(pid, 'no language server process found');
    process.kill(pid!, 'SIGKILL');
    await diagnosticsWhere(uri, (d) => d.length === 0, 'the diagnostics of the dead server to be cleared');
    return pid!;
  }

  suiteSetup(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  test('killed, the server is restarted; diagnostics, hovers and settings work again', async () => {
    const killed = await crash();
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding from the restarted server');
    assert.ok(api().server.running);
    const pid = serverPid();
    assert.ok(pid && pid !== killed, `a new server process (${pid}, killed ${killed})`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, 12));
    const text = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''));
    assert.ok(text.some((value) => value.includes('`http-server-timeouts`')), `hover after the restart: ${text.join(' | ')}`);
    const settings = vscode.workspace.getConfiguration('goBackendGuide');
    await settings.update('rules', { 'http-server-timeouts': 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsWhere(uri, lacksRule('http-server-timeouts'), 'the setting to apply in the restarted server');
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding to be back on');
  });

  test('after four crashes in three minutes it stays stopped with a message, until "Restart Server"', async () => {
    for (let crashes = 2; crashes <= 3; crashes++) {
      await crash();
      await diagnosticsWhere(uri, hasRule('http-server-timeouts'), `the finding after restart ${crashes}`);
    }
    await crash();
    assert.equal(api().server.running, false);
    const notices = api().server.notices;
    assert.ok(notices.some((notice) => notice.includes('stopped unexpectedly and was restarted (2 times in 3 minutes)')), notices.join(' | '));
    assert.match(notices.at(-1)!, /crashed 4 times in 3 minutes and was stopped/);
    await vscode.commands.executeCommand('goBackendGuide.restartServer');
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding after "Restart Server"');
    assert.ok(api().server.running);
  });
});
