// Builds every bundle with esbuild: the extension client, the language server, the CLI, the web
// extension's client and server (build-web.mjs) and,
// with --tests, the test and bench files. Each output folder gets the two .wasm files beside it.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webBundles, webTestBundle } from './build-web.mjs';

const root = new URL('..', import.meta.url).pathname;
const withTests = process.argv.includes('--tests');
const production = process.argv.includes('--production');
// `--out=out-x` builds only the test bundles, into out-x/: several people (or agents) can then
// run the fixture tests in one checkout without overwriting each other's bundles.
const privateOut = process.argv.find((arg) => arg.startsWith('--out='))?.slice('--out='.length);

/** A hash of everything that decides what the analysis finds: caches keyed by it die with the build. */
function buildId() {
  const hash = createHash('sha256');
  const add = (path) => hash.update(path).update(readFileSync(join(root, path)));
  const walk = (folder) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(`${folder}/${entry.name}`);
      else add(`${folder}/${entry.name}`);
    }
  };
  walk('server/src');
  for (const file of ['package-lock.json', 'grammars/tree-sitter-go.wasm']) add(file);
  return hash.digest('base64url').slice(0, 16);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  loader: { '.scm': 'text', '.md': 'text' },
  // The ESM build locates itself through import.meta.url, which a CommonJS bundle lacks.
  // jsonc-parser's UMD build requires its modules at run time; its ESM build bundles.
  alias: {
    'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs',
    'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  },
  absWorkingDir: root,
  define: { __BUILD_ID__: JSON.stringify(buildId()) },
};

const wasmFiles = [
  join(root, 'grammars/tree-sitter-go.wasm'),
  join(root, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'),
];

function withWasm(directory) {
  mkdirSync(directory, { recursive: true });
  for (const file of wasmFiles) copyFileSync(file, join(directory, file.split('/').pop()));
}

if (privateOut) {
  if (!/^out-[a-z0-9-]+$/.test(privateOut)) throw new Error(`--out must name a folder out-<name> at the root, got ${privateOut}`);
  const tests = readdirSync(join(root, 'test')).filter((name) => name.endsWith('.test.ts')).map((name) => `test/${name}`);
  await build({ ...common, entryPoints: tests, outdir: `${privateOut}/test`, external: ['vscode', 'esbuild'] });
  withWasm(join(root, privateOut, 'test'));
  process.exit(0);
}

await Promise.all([
  build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: {
      server: 'server/src/entries/server.ts',
      'server-main': 'server/src/entries/server-main.ts',
      cli: 'server/src/entries/cli.ts',
      'cli-main': 'server/src/entries/cli-main.ts',
      'cli-worker': 'server/src/entries/cli-worker.ts',
    },
    outdir: 'dist',
  }),
  ...webBundles({ production }).map((options) => build(options)),
]);
withWasm(join(root, 'dist'));

if (withTests) {
  const entries = (folder) =>
    readdirSync(join(root, folder))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => `${folder}/${name}`);
  await Promise.all([
    // esbuild's API finds its binary from its own package: test/web-bundle.test.ts loads it from there.
    build({ ...common, entryPoints: entries('test'), outdir: 'out/test', external: ['vscode', 'esbuild'] }),
    build({ ...common, entryPoints: entries('bench'), outdir: 'out/bench' }),
    build({ ...common, entryPoints: ['scripts/write-guide.ts', 'scripts/fix-check.ts'], outdir: 'out/scripts' }),
    // The extension-host suite: `vscode` comes from the host, mocha from node_modules.
    build({ ...common, entryPoints: { index: 'test/e2e/suite/index.ts' }, outdir: 'out/e2e/suite', external: ['vscode', 'mocha'] }),
    build({ ...common, entryPoints: { electron: 'test/e2e/electron.ts' }, outdir: 'out/e2e', external: ['@vscode/test-electron'] }),
    build(webTestBundle()).then(() => copyFileSync(join(root, 'test/e2e/web/package.json'), join(root, 'out/e2e/web/package.json'))),
  ]);
  withWasm(join(root, 'out/test'));
  withWasm(join(root, 'out/bench'));
  withWasm(join(root, 'out/scripts'));
}
