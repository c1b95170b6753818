// Where the code runs: the browser's web-worker extension host, not a Node extension host.
import { assert } from 'chai';
import * as vscode from 'vscode';
import type { GoBackendGuideApi } from '../../../client/src/extension';

suite('In the browser', () => {
  test('the extension runs its web entry inside the web worker extension host, where there is no Node', async () => {
    const extension = vscode.extensions.getExtension<GoBackendGuideApi>('go-backend-guide.go-backend-guide');
    assert.ok(extension, 'Go Backend Guide does not run in this (web worker) extension host');
    const api = await extension.activate();
    // Observed by the extension itself at activation, and by this suite beside it.
    assert.deepEqual(api.environment, { process: false, webWorker: true });
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined');
    assert.strictEqual(extension.packageJSON.browser, './dist/web/extension.js');
    assert.strictEqual(extension.extensionKind, vscode.ExtensionKind.UI, 'a web extension runs on the UI side, in the browser');
  });
});
