// Refreshes grammars/tree-sitter-go.wasm from the pinned tree-sitter-go npm package and
// rewrites the provenance note beside it. Run after changing the version in package.json.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'node_modules/tree-sitter-go/package.json'), 'utf8'));
const runtime = JSON.parse(readFileSync(join(root, 'node_modules/web-tree-sitter/package.json'), 'utf8'));
const source = join(root, 'node_modules/tree-sitter-go/tree-sitter-go.wasm');
const target = join(root, 'grammars/tree-sitter-go.wasm');
copyFileSync(source, target);
const sha256 = createHash('sha256').update(readFileSync(target)).digest('hex');
writeFileSync(
  join(root, 'grammars/tree-sitter-go.wasm.info'),
  [
    `package: tree-sitter-go@${pkg.version} (npm registry)`,
    `file: tree-sitter-go.wasm (prebuilt, shipped in the package)`,
    `license: ${pkg.license}`,
    `repository: ${typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url}`,
    `loaded by: web-tree-sitter@${runtime.version}`,
    `sha256: ${sha256}`,
    `refresh: npm run update-grammar`,
    '',
  ].join('\n'),
);
console.log(`grammars/tree-sitter-go.wasm ← tree-sitter-go@${pkg.version} (${sha256.slice(0, 12)}…)`);
