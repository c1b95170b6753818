import { performance } from 'node:perf_hooks';
import { GoChecker } from '../server/src/checker';
import { PackageIndex } from '../server/src/core/package-index';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { buildFile } from './keystroke-file';
(async () => {
  const text = buildFile(5000);
  const checker = await GoChecker.create(readGrammarBinaries());
  const document = checker.openDocument('file:///bench/big.go', text);
  let s0 = checker.summarize(document);
  checker.analyzeDocument(document, new PackageIndex([s0], '1.22'));
  const offset = text.indexOf('names = append') + 5;
  for (let i = 0; i < Number(process.env.N ?? 6); i++) {
    const start = document.lines.positionAt(offset);
    const t0 = performance.now();
    document.applyChanges([{ range: { start, end: i % 2 ? document.lines.positionAt(offset + 1) : start }, text: i % 2 ? '' : 'x' }]);
    const t1 = performance.now();
    const s = checker.summarize(document);
    const t2 = performance.now();
    const index = new PackageIndex([s], '1.22');
    const t3 = performance.now();
    checker.analyzeDocument(document, index);
    const t4 = performance.now();
    console.log(`parse ${(t1-t0).toFixed(2)} summary ${(t2-t1).toFixed(2)} index ${(t3-t2).toFixed(2)} analyze ${(t4-t3).toFixed(2)} fp-same ${s.fingerprint === s0.fingerprint}`);
    s0 = s;
  }
})();
