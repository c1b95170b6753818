// The extension-host entry point inside the browser's web-worker extension host: mocha's browser
// build, then the suites for the window it finds itself in. On the test workspace (a folder of
// the VS Code server, vscode-remote:) the whole extension-host suite and the browser checks; on
// memfs:/shop (a virtual workspace) the package checks.
import 'mocha/mocha.js';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 60_000, color: false });
  if (vscode.workspace.workspaceFolders?.[0].uri.scheme === 'memfs') {
    require('./virtual.e2e');
  } else {
    require('./web-host.e2e');
    require('../suite/extension.e2e');
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
  });
}
