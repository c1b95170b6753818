// The web extension's two bundles, for the browser (vscode.dev, github.dev, a VS Code web
// workbench): the client for the web-worker extension host, and the language server that runs
// in a worker of its own. No Node built-ins may reach them (test/web-bundle.test.ts checks).
// Also the browser tests' extension.
const common = ({ production }) => ({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    loader: { '.scm': 'text', '.md': 'text' },
    // The CommonJS build of web-tree-sitter needs no import.meta; its package.json maps the
    // `fs` it would load in Node to nothing for the browser.
    alias: {
      'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs',
      'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
    },
    absWorkingDir: new URL('..', import.meta.url).pathname,
});

/** esbuild options of dist/web/extension.js and dist/web/server.js. */
export function webBundles({ production = false } = {}) {
  return [
    // The web extension host loads extensions as CommonJS modules with `vscode` provided.
    { ...common({ production }), entryPoints: { extension: 'client/src/web/extension.ts' }, outdir: 'dist/web', format: 'cjs', external: ['vscode'] },
    // A classic worker script: the client starts it from a blob: URL.
    { ...common({ production }), entryPoints: { server: 'server/src/entries/web-server.ts' }, outdir: 'dist/web', format: 'iife' },
  ];
}

/**
 * The browser tests' extension (test/e2e/web) in out/e2e/web/dist: its code, and the suite the
 * web-worker extension host runs from inside it (a test module must lie within the extension
 * whose host runs it). Its package.json is copied beside.
 */
export function webTestBundle() {
  return { ...common({ production: false }), entryPoints: { extension: 'test/e2e/web/extension.ts', suite: 'test/e2e/web/index.ts' }, outdir: 'out/e2e/web/dist', format: 'cjs', external: ['vscode'] };
}
