import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GrammarBinaries } from '../core/go-parser';

/** Reads the two WebAssembly files that the build copies next to every bundle. */
export function readGrammarBinaries(directory: string = __dirname): GrammarBinaries {
  return {
    runtime: readFileSync(join(directory, 'web-tree-sitter.wasm')),
    go: readFileSync(join(directory, 'tree-sitter-go.wasm')),
  };
}
