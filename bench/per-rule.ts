// Time of one full analysis of the keystroke benchmark's file, per rule: where the budget goes.
import { performance } from 'node:perf_hooks';
import { GoChecker } from '../server/src/checker';
import { PackageIndex } from '../server/src/core/package-index';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { RULES } from '../server/src/rules/registry';
import { buildFile } from './keystroke-file';
import { ms, summarize } from './stats';

async function main(): Promise<void> {
  const text = buildFile(5000);
  for (const rule of [undefined, ...RULES]) {
    const checker = await GoChecker.create(readGrammarBinaries(), rule ? [rule] : []);
    const samples: number[] = [];
    let count = 0;
    for (let i = 0; i < 12; i++) {
      // A fresh document each time: the per-declaration cache must not hide the rule's cost.
      const document = checker.openDocument('file:///bench/big.go', text);
      const started = performance.now();
      const index = new PackageIndex([checker.summarize(document)], '1.22');
      count = checker.analyzeDocument(document, index).findings.length;
      samples.push(performance.now() - started);
      document.dispose();
    }
    const s = summarize(samples.slice(2));
    console.log(`${(rule?.meta.id ?? '(summary + index, no rule)').padEnd(28)} p50 ${ms(s.p50)}  ${count} findings`);
  }
}

void main();
