// A virtual workspace: memfs:/shop, a Go module held in memory by this test extension. The
// findings in main.go need server.go, go.mod and .go-backend-guide.json, which the language
// server can only read through the client's workspace.fs.
import { assert } from 'chai';
import * as vscode from 'vscode';
import type { GoBackendGuideApi } from '../../../client/src/extension';
import { codeOf, diagnosticsWhere, hasRule, lacksRule } from '../suite/diagnostics';

suite('A virtual workspace (memfs:)', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const main = vscode.Uri.joinPath(folder, 'cmd/shop/main.go');

  test('the workspace is virtual, and the extension runs in the web worker', async () => {
    assert.strictEqual(folder.toString(), 'memfs:/shop');
    const extension = vscode.extensions.getExtension<GoBackendGuideApi>('go-backend-guide.go-backend-guide');
    assert.ok(extension, 'Go Backend Guide does not run in this (web worker) extension host');
    const api = await extension.activate();
    assert.deepEqual(api.environment, { process: false, webWorker: true });
  });

  test("main.go: the server configured in server.go, at the configuration's severity, and the go.mod version", async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(main));
    const wanted = (d: vscode.Diagnostic[]) => hasRule('http-server-shutdown')(d) && hasRule('goroutine-loop-var')(d);
    const diagnostics = await diagnosticsWhere(main, wanted, 'http-server-shutdown and goroutine-loop-var');
    const shutdown = diagnostics.find((d) => codeOf(d) === 'http-server-shutdown')!;
    assert.strictEqual(shutdown.range.start.line, 20);
    assert.strictEqual(shutdown.severity, vscode.DiagnosticSeverity.Warning, 'information by default; .go-backend-guide.json makes it a warning');
  });

  test('a Shutdown call written to another file of the package clears the finding', async () => {
    const shutdown = vscode.Uri.joinPath(folder, 'cmd/shop/shutdown.go');
    const text = 'package main\n\nimport "context"\n\nfunc stop(ctx context.Context) error {\n\treturn srv.Shutdown(ctx)\n}\n';
    await vscode.workspace.fs.writeFile(shutdown, new TextEncoder().encode(text));
    await diagnosticsWhere(main, lacksRule('http-server-shutdown'), 'http-server-shutdown to go away');
  });

  test('"Check Workspace" finds and checks every Go file of the virtual workspace', async () => {
    const result = await vscode.commands.executeCommand('goBackendGuide.checkWorkspace');
    // main.go (open): goroutine-in-loop and goroutine-loop-var; server.go and shutdown.go: none.
    assert.deepEqual(result, { checked: 3, findings: 2, cancelled: false });
  });
});
