import { GoChecker } from '../server/src/checker';
import { PackageIndex } from '../server/src/core/package-index';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { RULES } from '../server/src/rules/registry';
import { buildFile } from './keystroke-file';
(async () => {
  const text = buildFile(5000);
  const checker = await GoChecker.create(readGrammarBinaries(), RULES.filter((r) => r.meta.id === process.env.RULE));
  for (let i = 0; i < 30; i++) {
    const document = checker.openDocument('file:///bench/big.go', text);
    checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)], '1.22'));
    document.dispose();
  }
})();
