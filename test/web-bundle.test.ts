// The web extension's bundles, built with the options the build uses: nothing from Node may
// reach them (a browser has no fs, path or process), only `vscode` stays outside the client.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { ROOT } from './helpers';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/** web-tree-sitter's package.json maps these to nothing in the browser; its code loads them only in Node. */
const LEFT_OUT_FOR_THE_BROWSER = ['node_modules/web-tree-sitter/web-tree-sitter.cjs → fs', 'node_modules/web-tree-sitter/web-tree-sitter.cjs → fs/promises'];

async function webBundles(): Promise<BuildOptions[]> {
  const { webBundles } = (await import(pathToFileURL(join(ROOT, 'scripts/build-web.mjs')).href)) as { webBundles: () => BuildOptions[] };
  return webBundles();
}

async function metafileOf(options: BuildOptions): Promise<{ metafile: Metafile; text: string }> {
  const result = await build({ ...options, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'))!;
  return { metafile: result.metafile, text: output.text };
}

describe('web bundles', () => {
  test('are built for the browser, the client as CommonJS for the extension host, the server as a worker script', async () => {
    const [client, server] = await webBundles();
    assert.deepEqual([client.platform, client.format, client.entryPoints], ['browser', 'cjs', { extension: 'client/src/web/extension.ts' }]);
    assert.deepEqual([server.platform, server.format, server.entryPoints], ['browser', 'iife', { server: 'server/src/entries/web-server.ts' }]);
  });

  for (const [index, name] of ['dist/web/extension.js', 'dist/web/server.js'].entries()) {
    test(`${name} carries no Node built-in and imports nothing but vscode`, async () => {
      const { metafile, text } = await metafileOf((await webBundles())[index]);
      const inputs = Object.keys(metafile.inputs);
      assert.deepEqual(inputs.filter((input) => NODE_BUILTINS.has(input)), []);
      const leftOut = Object.entries(metafile.inputs).flatMap(([importer, { imports }]) =>
        imports.filter((i) => i.path.startsWith('(disabled):')).map((i) => `${importer} → ${i.original}`),
      );
      assert.deepEqual(
        leftOut.filter((entry) => !LEFT_OUT_FOR_THE_BROWSER.includes(entry)),
        [],
        'a package maps a Node module to nothing for the browser: does its code still need it there?',
      );
      const externals = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
      assert.deepEqual([...new Set(externals)], index === 0 ? ['vscode'] : []);
      // The server's language-server library is the browser one (it talks over postMessage).
      if (index === 1) assert.ok(inputs.some((input) => input.includes('vscode-jsonrpc/lib/browser/')), 'the browser build of vscode-jsonrpc is missing');
      assert.ok(!/\brequire\(["'](?!vscode["'])/.test(text), 'a require() of something other than vscode is left in the bundle');
    });
  }
});
