import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { collectGoFiles } from '../server/src/cli/collect';
import { loadGoLanguage, newGoParser } from '../server/src/core/go-parser';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
async function main() {
  const { files } = collectGoFiles(['/usr/share/go-1.19/src']);
  const parser = newGoParser(await loadGoLanguage(readGrammarBinaries()));
  const keep = process.argv[2] === 'keep';
  const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'));
  for (let r = 0; r < 3; r++) {
    let held: { delete(): void }[] = []; let dir = '';
    let read = 0, parse = 0, free = 0;
    const t0 = performance.now();
    for (const path of files) {
      let s = performance.now();
      if (keep && dirOf(path) !== dir) { for (const t of held) t.delete(); held = []; dir = dirOf(path); }
      const text = readFileSync(path, 'utf8');
      read += performance.now() - s; s = performance.now();
      const tree = parser.parse(text)!;
      parse += performance.now() - s; s = performance.now();
      if (keep) held.push(tree); else tree.delete();
      free += performance.now() - s;
    }
    console.log(`total ${((performance.now() - t0) / 1000).toFixed(2)} read ${(read / 1000).toFixed(2)} parse ${(parse / 1000).toFixed(2)} free ${(free / 1000).toFixed(2)}`);
  }
}
void main();
