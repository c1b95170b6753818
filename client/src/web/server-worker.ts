import * as vscode from 'vscode';
import type { WorkerStart } from '../../../server/src/web/main';

/**
 * Starts the language server in a web worker made from a `blob:` URL of its bundle's text, and
 * hands it the two WebAssembly binaries; the client then speaks LSP over the worker's messages.
 *
 * Why a blob: the extension's own URI cannot always start a worker. A VS Code server (code-server,
 * Codespaces in the browser) serves a web extension from `vscode-remote:`, and its extension
 * host refuses workers from there (microsoft/vscode#144235). workspace.fs reads the bundle from
 * every place an extension is served from, and a blob URL made here always starts one (the
 * extension host's own page allows blob: workers and scripts), the same way on vscode.dev and on
 * a server: one path to test.
 *
 * Why a worker, not the extension host's own thread (a MessageChannel to an in-thread server):
 * the browser runs every web extension on that one thread, so each analysis would stall the
 * others, and the host's unresponsiveness watchdog with them. In its own worker the analysis
 * runs beside the host; the cost is one more postMessage hop per message, which does not show:
 * keystroke → squiggle on a 1,000-line file, measured in the page (npm run bench:browser,
 * code-server and Chromium on two cores shared with other work), was p50 53–81 ms, p95 97–386 ms
 * here, against p50 82–128 ms, p95 256–396 ms with the desktop design's Node server (through the
 * VS Code server), over four runs of 40–100 keystrokes.
 */
export async function startServerWorker(extensionUri: vscode.Uri): Promise<Worker> {
  const read = (path: string) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, path));
  const [source, runtime, go] = await Promise.all([read('dist/web/server.js'), read('dist/web-tree-sitter.wasm'), read('dist/tree-sitter-go.wasm')]);
  const url = URL.createObjectURL(new Blob([ownBuffer(source)], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'Go Backend Guide language server' });
  // Its first reply means the worker has loaded its script: the URL is no longer needed.
  worker.addEventListener('message', () => URL.revokeObjectURL(url), { once: true });
  const start: WorkerStart = { runtime: ownBuffer(runtime), go: ownBuffer(go) };
  worker.postMessage(start, [start.runtime, start.go]);
  return worker;
}

/** The bytes in an ArrayBuffer of their own, which can be transferred without copying. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
