// Throughput on a large real corpus (the Go standard library from Debian's golang-src): the bare
// parse against parse + package index + every rule, measured in the same run, same files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { GoChecker, type SourceText } from '../server/src/checker';
import { readGrammarBinaries } from '../server/src/node/grammar-files';

function corpusRoot(): string {
  const given = process.argv[2];
  if (given) return given;
  const find = () => (existsSync('/usr/share') ? readdirSync('/usr/share').filter((n) => /^go-1\.\d+$/.test(n)).map((n) => `/usr/share/${n}/src`) : []);
  if (find().length === 0 && process.getuid?.() === 0) {
    console.log('installing golang-src (the Go standard library source) with apt-get …');
    execFileSync('sh', ['-c', 'apt-get install -y golang-src >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y golang-src >/dev/null 2>&1)']);
  }
  const found = find().sort().pop();
  if (!found) throw new Error('no corpus: pass a folder of Go code, or install golang-src');
  return found;
}

function goFiles(directory: string, into: string[] = []): string[] {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== 'testdata' && !entry.name.startsWith('.')) goFiles(path, into);
    else if (entry.isFile() && entry.name.endsWith('.go')) into.push(path);
  }
  return into;
}

async function main(): Promise<void> {
  const root = corpusRoot();
  const paths = goFiles(root).sort();
  const packages = new Map<string, SourceText[]>();
  let bytes = 0;
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    bytes += Buffer.byteLength(text);
    const files = packages.get(dirname(path)) ?? [];
    files.push({ uri: pathToFileURL(path).href, text });
    packages.set(dirname(path), files);
  }
  const checker = await GoChecker.create(readGrammarBinaries());
  const all = [...packages.values()];

  const bare = () => {
    const started = performance.now();
    for (const files of all) for (const file of files) checker.parser.parse(file.text)!.delete();
    return performance.now() - started;
  };
  const findingsByRule = new Map<string, number>();
  const full = () => {
    findingsByRule.clear();
    const started = performance.now();
    for (const files of all) {
      for (const result of checker.checkPackage(files, '1.19').values()) {
        for (const finding of result.findings) findingsByRule.set(finding.rule, (findingsByRule.get(finding.rule) ?? 0) + 1);
      }
    }
    return performance.now() - started;
  };
  // Alternate the two and keep the best of each, so neither pays for a cold cache alone.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  let bestBare = Infinity;
  let bestFull = Infinity;
  for (let i = 0; i < rounds; i++) {
    bestBare = Math.min(bestBare, bare());
    bestFull = Math.min(bestFull, full());
  }
  const mib = bytes / 1024 / 1024;
  console.log(`corpus ${root}: ${paths.length} files, ${mib.toFixed(1)} MiB, ${packages.size} packages`);
  console.log(`  bare parse                 ${(mib / (bestBare / 1000)).toFixed(2)} MiB/s  (${(bestBare / 1000).toFixed(1)} s)`);
  console.log(`  parse + index + all rules  ${(mib / (bestFull / 1000)).toFixed(2)} MiB/s  (${(bestFull / 1000).toFixed(1)} s)`);
  console.log(`  ratio ${((bestBare / bestFull) * 100).toFixed(0)}% of the bare parse (target ≥ 60%)`);
  console.log(`  findings: ${[...findingsByRule].map(([rule, n]) => `${rule} ${n}`).join(', ') || 'none'}`);
}

void main();
