// The module index of one Go module (the nearest go.mod of the folder given): the time to
// summarise every file and make every package's index as importers see it, against the bare
// parse of the same files, and the heap the index keeps. Runs alternate; the best is kept.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { GoChecker } from '../server/src/checker';
import { collectGoFiles } from '../server/src/cli/collect';
import { GoMods } from '../server/src/cli/go-modules';
import { contentKey, ModuleIndex, type FileText } from '../server/src/core/module-index';
import { readGrammarBinaries } from '../server/src/node/grammar-files';

async function main(): Promise<void> {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node out/bench/module-index.js <module folder>');
  const module = new GoMods().nearest(root).module;
  if (!module) throw new Error(`no go.mod with a module line at or above ${root}`);
  const { files } = collectGoFiles([root]);
  // The module's own packages: folders whose nearest go.mod is this one.
  const mods = new GoMods();
  const byFolder = new Map<string, FileText[]>();
  for (const path of files) {
    if (path.endsWith('_test.go') || mods.nearest(dirname(path)).module?.root !== module.root) continue;
    const directory = `${pathToFileURL(dirname(path)).href}/`;
    byFolder.set(directory, [...(byFolder.get(directory) ?? []), { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') }]);
  }
  const texts = [...byFolder.values()].flat();
  const checker = await GoChecker.create(readGrammarBinaries());
  const bare = () => {
    const started = performance.now();
    for (const file of texts) checker.parser.parse(file.text)!.delete();
    return performance.now() - started;
  };
  let kept: ModuleIndex | undefined;
  const build = () => {
    kept = undefined;
    const index = new ModuleIndex((file) => {
      const document = checker.openDocument(file.uri, file.text);
      try {
        return checker.summarize(document);
      } finally {
        document.dispose();
      }
    });
    const started = performance.now();
    for (const [directory, folderFiles] of byFolder) index.packageIndex(directory, folderFiles.map((file) => ({ uri: file.uri, key: contentKey(file.text), text: () => file.text })));
    const elapsed = performance.now() - started;
    kept = index;
    return elapsed;
  };
  const heap = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  };
  let bestBare = Infinity;
  let bestBuild = Infinity;
  for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 3); round++) {
    bestBare = Math.min(bestBare, bare());
    bestBuild = Math.min(bestBuild, build());
  }
  kept = undefined;
  const before = heap();
  build();
  const after = heap();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  console.log(`module ${module.path}: ${byFolder.size} packages, ${texts.length} files (tests left out), ${mb(texts.reduce((sum, file) => sum + file.text.length, 0))} of text`);
  console.log(`bare parse:          ${bestBare.toFixed(0)} ms`);
  console.log(`module index built:  ${bestBuild.toFixed(0)} ms (${(bestBuild / bestBare).toFixed(2)}× the bare parse)`);
  console.log(`heap kept by it:     ${(globalThis as { gc?: unknown }).gc ? mb(after - before) : 'run with --expose-gc'} (${kept!.size} file summaries)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(3);
});
