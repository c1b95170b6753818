// The module-wide facts read after the analysis (core/programs: which code only command-line tools
// run; core/callers: what the module's calls pass), for each module given: the time to read its
// packages from disk, to build each, against the bare tree-sitter parse of the same files. Both are
// read from text, without parsing; the CLI builds them only for a module with a finding that asks,
// and caches the program graph's answer. Best of 3 runs.
//   node out/bench/module-facts.js [module folder...]   (default: the standard library's cmd module)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { GoChecker } from '../server/src/checker';
import { ModuleCallers } from '../server/src/core/callers';
import { ProgramGraph } from '../server/src/core/programs';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { modulePackagesOnDisk } from '../server/src/node/module-files';

async function main(): Promise<void> {
  // By default the standard library's `cmd` module, the largest module of programs at hand.
  const standard = existsSync('/usr/share') ? readdirSync('/usr/share').filter((name) => /^go-1\.\d+$/.test(name)).map((name) => `/usr/share/${name}/src/cmd`) : [];
  const roots = process.argv.length > 2 ? process.argv.slice(2) : standard.slice(-1);
  if (roots.length === 0) throw new Error('usage: node out/bench/module-facts.js <module folder>... (or install golang-src)');
  const checker = await GoChecker.create(readGrammarBinaries());
  const best = (run: () => void) => Math.min(...[0, 1, 2].map(() => ((started) => (run(), performance.now() - started))(performance.now())));
  console.log('module facts from text (best of 3), against the bare parse of the same files');
  for (const root of roots) {
    const path = /^module\s+(\S+)/m.exec(readFileSync(join(root, 'go.mod'), 'utf8'))?.[1];
    if (!path) throw new Error(`${root}/go.mod has no module line`);
    const module = { path, root: `${pathToFileURL(root).href}/` };
    let packages = modulePackagesOnDisk(module, Infinity);
    const read = best(() => (packages = modulePackagesOnDisk(module, Infinity)));
    const files = packages.flatMap((pkg) => pkg.files);
    const graph = best(() => new ProgramGraph(packages).verdicts());
    const callers = best(() => new ModuleCallers(packages).passedFor({ function: 'List', method: true, index: 0 }));
    const parse = best(() => {
      for (const file of files) checker.parser.parse(file.text)!.delete();
    });
    const ratio = (ms: number) => (ms / parse).toFixed(2);
    console.log(`  ${path}: ${files.length} files`);
    console.log(`    read from disk  ${read.toFixed(0).padStart(6)} ms`);
    console.log(`    program graph   ${graph.toFixed(0).padStart(6)} ms  = ${ratio(graph)} × the bare parse (${parse.toFixed(0)} ms)`);
    console.log(`    module calls    ${callers.toFixed(0).padStart(6)} ms  = ${ratio(callers)} × the bare parse`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
