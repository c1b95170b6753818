import { Language, Parser } from 'web-tree-sitter';
import { installTreeMemos } from './tree-memo';

/** The two WebAssembly binaries the parser needs; the host decides how to read them. */
export interface GrammarBinaries {
  /** web-tree-sitter's own runtime (`web-tree-sitter.wasm`). */
  runtime: Uint8Array;
  /** The Go grammar (`grammars/tree-sitter-go.wasm`). */
  go: Uint8Array;
}

let loading: Promise<Language> | undefined;

/** Loads the runtime and the Go grammar once per process (or worker). */
export function loadGoLanguage(binaries: GrammarBinaries): Promise<Language> {
  loading ??= (async () => {
    installTreeMemos();
    await Parser.init({ wasmBinary: binaries.runtime });
    return Language.load(binaries.go);
  })();
  return loading;
}

export function newGoParser(language: Language): Parser {
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}
