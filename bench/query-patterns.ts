// Where the rules' query spends its time, rule by rule: each rule's patterns compiled alone and
// run over every declaration of the files of a folder (the Go standard library by default),
// with the number of matches they return. A rule whose patterns return many matches for few
// findings is where a trigger, a required word or `queryWanted` pays.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Query } from 'web-tree-sitter';
import { collectGoFiles } from '../server/src/cli/collect';
import { loadGoLanguage, newGoParser } from '../server/src/core/go-parser';
import { isGeneratedFile } from '../server/src/core/generated';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { RULES } from '../server/src/rules/registry';

async function main(): Promise<void> {
  const root = process.argv[2] ?? '/usr/share/go-1.19/src';
  const language = await loadGoLanguage(readGrammarBinaries());
  const parser = newGoParser(language);
  const texts = collectGoFiles([root]).files.map((path) => readFileSync(path, 'utf8')).filter((text) => !isGeneratedFile(text));
  const withQuery = RULES.filter((rule) => rule.query?.trim());
  const queries = withQuery.map((rule) => new Query(language, rule.query!));
  const ms = new Array<number>(withQuery.length).fill(0);
  const matches = new Array<number>(withQuery.length).fill(0);
  for (const text of texts) {
    const tree = parser.parse(text)!;
    queries.forEach((query, i) => {
      const started = performance.now();
      matches[i] += query.matches(tree.rootNode).length;
      ms[i] += performance.now() - started;
    });
    tree.delete();
  }
  console.log(`${texts.length} files of ${root}`);
  const order = withQuery.map((_, i) => i).sort((a, b) => ms[b] - ms[a]);
  for (const i of order) console.log(`${withQuery[i].meta.id.padEnd(32)} ${ms[i].toFixed(0).padStart(6)} ms ${String(matches[i]).padStart(8)} matches`);
}

void main();
