// From a one-character edit to the diagnostics of every rule, on a 5,000-line Go file, compared
// with the bare incremental re-parse (tree.edit + parse with the old tree): our physical limit.
import { performance } from 'node:perf_hooks';
import { Edit } from 'web-tree-sitter';
import { GoChecker } from '../server/src/checker';
import { PackageIndex } from '../server/src/core/package-index';
import { LineIndex } from '../server/src/core/text';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { buildFile } from './keystroke-file';
import { ms, summarize } from './stats';

async function main(): Promise<void> {
  const checker = await GoChecker.create(readGrammarBinaries());
  const text = buildFile(5000);
  const lineCount = text.split('\n').length;
  const iterations = Number(process.env.BENCH_EDITS ?? 1000);
  // The same edits for both measurements: type one character at a spot inside the file, then the next.
  const spots = Array.from({ length: iterations }, (_, i) => Math.floor(((i * 7919) % 997) / 997 * (text.length - 1)));

  const bare: number[] = [];
  {
    let source = text;
    let tree = checker.parser.parse(source)!;
    for (const [i, offset] of spots.entries()) {
      const lines = new LineIndex(source);
      const position = lines.positionAt(offset);
      const point = { row: position.line, column: position.character };
      const started = performance.now();
      source = source.slice(0, offset) + (i % 2 ? ' ' : '\n') + source.slice(offset);
      tree.edit(new Edit({ startIndex: offset, oldEndIndex: offset, newEndIndex: offset + 1, startPosition: point, oldEndPosition: point, newEndPosition: i % 2 ? { row: point.row, column: point.column + 1 } : { row: point.row + 1, column: 0 } }));
      const next = checker.parser.parse(source, tree)!;
      bare.push(performance.now() - started);
      tree.delete();
      tree = next;
    }
    tree.delete();
  }

  const full: number[] = [];
  let findings = 0;
  {
    const document = checker.openDocument('file:///bench/big.go', text);
    for (const [i, offset] of spots.entries()) {
      const position = document.lines.positionAt(offset);
      const started = performance.now();
      document.applyChanges([{ range: { start: position, end: position }, text: i % 2 ? ' ' : '\n' }]);
      const index = new PackageIndex([checker.summarize(document)], '1.22');
      findings = checker.analyzeDocument(document, index).findings.length;
      full.push(performance.now() - started);
    }
    document.dispose();
  }

  const b = summarize(bare.slice(50));
  const f = summarize(full.slice(50));
  console.log(`keystroke on a ${lineCount}-line file (${(text.length / 1024).toFixed(0)} KiB), ${iterations - 50} edits after 50 warm-up`);
  console.log(`  bare incremental re-parse      p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}`);
  console.log(`  edit → diagnostics, all rules  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  max ${ms(f.max)}  (${findings} findings)`);
  console.log(`  overhead over the bare parse   p95 ${ms(f.p95 - b.p95)}  budget p95 ≤ 5 ms: ${f.p95 <= 5 ? 'met' : 'MISSED'}`);
}

void main();
