// The browser tests' own extension: it serves the Go module of test/shop-package.ts from memory
// under memfs:/shop, so a window can open it as a virtual workspace.
import * as vscode from 'vscode';
import { SHOP } from '../../shop-package';
import { MemoryFileSystem } from './memfs';

export function activate(context: vscode.ExtensionContext): void {
  const memfs = new MemoryFileSystem('memfs');
  for (const [path, text] of Object.entries(SHOP)) memfs.seed(`/shop/${path}`, text);
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider('memfs', memfs, { isCaseSensitive: true }));
}
