// From a one-character edit to the diagnostics of every rule, on a 5,000-line Go file, compared
// with the bare incremental re-parse (tree.edit + parse with the old tree): our physical limit.
// Twice: on valid Go, and on the same file with a half-typed statement elsewhere in it.
import { performance } from 'node:perf_hooks';
import { Edit } from 'web-tree-sitter';
import { GoChecker } from '../server/src/checker';
import { PackageIndex } from '../server/src/core/package-index';
import { LineIndex } from '../server/src/core/text';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { RULES } from '../server/src/rules/registry';
import { buildFile } from './keystroke-file';
import { ms, summarize } from './stats';

async function main(): Promise<void> {
  // BENCH_RULES=none measures the engine alone; a comma-separated list picks rules.
  const only = process.env.BENCH_RULES;
  const rules = only === undefined ? RULES : RULES.filter((rule) => only.split(',').includes(rule.meta.id));
  const checker = await GoChecker.create(readGrammarBinaries(), rules);
  const iterations = Number(process.env.BENCH_EDITS ?? 1000);
  const clean = buildFile(5000);
  // The same file with a statement half typed in a function in its middle: every re-parse then
  // recovers from a syntax error, and the document parses the text afresh (see GoDocument).
  const middle = clean.indexOf('names = append', clean.length / 2);
  const broken = `${clean.slice(0, middle)}total :=\n\t\t${clean.slice(middle)}`;
  const check = checker.parser.parse(broken);
  if (!check?.rootNode.hasError) throw new Error('the half-typed statement parses: no syntax error to measure with');
  check.delete();
  for (const [label, text] of [
    ['', clean],
    [', a syntax error elsewhere in the file', broken],
  ] as const) {
    const { bare, full, bareCpu, fullCpu, findings } = measure(checker, text, iterations);
    const b = summarize(bare.slice(50));
    const f = summarize(full.slice(50));
    console.log(`keystroke on a ${text.split('\n').length}-line file (${(text.length / 1024).toFixed(0)} KiB)${label}, ${iterations - 50} edits after 50 warm-up`);
    console.log(`  bare incremental re-parse      p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}`);
    console.log(`  edit → diagnostics, all rules  p50 ${ms(f.p50)}  p95 ${ms(f.p95)}  max ${ms(f.max)}  (${findings} findings)`);
    const overhead = f.p95 - b.p95;
    console.log(`  overhead over the bare parse   p50 ${ms(f.p50 - b.p50)}  p95 ${ms(overhead)}${label ? '' : `  target p95 ≤ 3 ms: ${overhead <= 3 ? 'met' : 'MISSED'}`}`);
    const bc = summarize(bareCpu.slice(50));
    const fc = summarize(fullCpu.slice(50));
    console.log(`  CPU time (process, not wall)   bare p50 ${ms(bc.p50)} p95 ${ms(bc.p95)}; edit → diagnostics p50 ${ms(fc.p50)} p95 ${ms(fc.p95)}; overhead p95 ${ms(fc.p95 - bc.p95)}`);
  }
}

/**
 * Typing inside function bodies: add one character to the end of an identifier, then take it
 * away, at spots spread over the file, timed as the bare re-parse and as edit → diagnostics.
 */
function measure(checker: GoChecker, text: string, iterations: number): { bare: number[]; full: number[]; bareCpu: number[]; fullCpu: number[]; findings: number } {
  const spots: number[] = [];
  for (let at = text.indexOf('names = append'); at !== -1; at = text.indexOf('names = append', at + 1)) spots.push(at + 'names'.length);
  const edits = Array.from({ length: iterations }, (_, i) => {
    const offset = spots[(Math.floor(i / 2) * 37) % spots.length];
    return i % 2 === 0 ? { offset, insert: true } : { offset, insert: false };
  });

  // CPU time next to wall time: on a shared machine, a wall-clock p95 mostly measures the other
  // processes that had the core (the bare re-parse's own p95 swings tenfold between runs).
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const bare: number[] = [];
  const bareCpu: number[] = [];
  {
    let source = text;
    let tree = checker.parser.parse(source)!;
    for (const { offset, insert } of edits) {
      const lines = new LineIndex(source);
      const position = lines.positionAt(offset);
      const point = { row: position.line, column: position.character };
      const after = { row: point.row, column: point.column + 1 };
      const started = performance.now();
      const startedCpu = cpu();
      source = insert ? source.slice(0, offset) + 'x' + source.slice(offset) : source.slice(0, offset) + source.slice(offset + 1);
      tree.edit(
        new Edit({
          startIndex: offset,
          oldEndIndex: insert ? offset : offset + 1,
          newEndIndex: insert ? offset + 1 : offset,
          startPosition: point,
          oldEndPosition: insert ? point : after,
          newEndPosition: insert ? after : point,
        }),
      );
      const next = checker.parser.parse(source, tree)!;
      bare.push(performance.now() - started);
      bareCpu.push(cpu() - startedCpu);
      tree.delete();
      tree = next;
    }
    tree.delete();
  }

  const full: number[] = [];
  const fullCpu: number[] = [];
  let findings = 0;
  {
    const document = checker.openDocument('file:///bench/big.go', text);
    checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)], '1.22'));
    for (const { offset, insert } of edits) {
      const start = document.lines.positionAt(offset);
      const end = insert ? start : document.lines.positionAt(offset + 1);
      const started = performance.now();
      const startedCpu = cpu();
      document.applyChanges([{ range: { start, end }, text: insert ? 'x' : '' }]);
      const index = new PackageIndex([checker.summarize(document)], '1.22');
      findings = checker.analyzeDocument(document, index).findings.length;
      full.push(performance.now() - started);
      fullCpu.push(cpu() - startedCpu);
    }
    document.dispose();
  }
  return { bare, full, bareCpu, fullCpu, findings };
}

void main();
