// `npm run fuzz [-- --edits N --seed S --files N --corpus DIR]`: the long fuzz run for release
// checks (100,000 edits by default; about an hour on two cores). Prints issue 16's acceptance
// figures and writes the whole report to .artifacts/fuzz/; exits 1 when one is not met.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzz, Random, repositoryGoFiles, type FuzzReport } from './fuzz';
import { ROOT } from './helpers';

const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '16' },
    files: { type: 'string', default: '50' },
    'check-every': { type: 'string', default: '50' },
    corpus: { type: 'string' },
  },
});
const seed = Number(values.seed);
const count = Number(values.files);

/** Go files of a tree, tests and vendored code left out, up to 3,000 lines each. */
function corpusFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'vendor' && entry.name !== 'testdata') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.go') && statSync(path).size < 100_000) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

const pool = values.corpus ? corpusFiles(values.corpus) : repositoryGoFiles(ROOT);
const random = new Random(seed);
const files = new Set<string>();
while (files.size < Math.min(count, pool.length)) files.add(random.pick(pool));

void main();

async function main(): Promise<void> {
  const report = await fuzz({
    seed,
    edits: Number(values.edits),
    files: [...files],
    checkEvery: Number(values['check-every']),
    progress: (line) => process.stderr.write(`fuzz: ${line}\n`),
  });

  const out = join(ROOT, '.artifacts/fuzz');
  mkdirSync(out, { recursive: true });
  const path = join(out, `report-seed${seed}-${report.edits}.json`);
  writeFileSync(path, JSON.stringify(report, null, 2));
  const verdicts = acceptance(report);
  process.stdout.write(
    [
      `fuzz: seed ${seed}, ${files.size} files (${values.corpus ?? 'repository test data'}), ${report.seconds} s`,
      `  edits ${report.edits} (${Object.entries(report.kinds).map(([k, n]) => `${k} ${n}`).join(', ')})`,
      `  requests: ${report.hovers} hovers, ${report.codeActions} code actions; ${report.fixesApplied} fixes applied; ${report.checks} comparisons with a fresh server`,
      ...verdicts.map(([ok, line]) => `  ${ok ? 'ok  ' : 'FAIL'} ${line}`),
      `  preferred fixes whose result has more syntax errors than before: ${report.brokenFixes.length}`,
      ...report.slow.slice(0, 20).map((slow) => `    slow: ${slow.method} ${slow.ms} ms on ${slow.file} after ${slow.after}`),
      ...[...report.mismatches, ...report.staleEdits, ...report.protocolErrors, ...report.brokenFixes].slice(0, 20).map((line) => `    ${line.split('\n')[0]}`),
      `  report: ${path}`,
      '',
    ].join('\n'),
  );
  process.exitCode = verdicts.every(([ok]) => ok) ? 0 : 1;
}

function acceptance(r: FuzzReport): [boolean, string][] {
  const growth = r.rss.startMB > 0 ? r.rss.endMB / r.rss.startMB - 1 : Infinity;
  return [
    [r.crashes === 0, `crashes: ${r.crashes}`],
    [r.protocolErrors.length === 0, `protocol errors: ${r.protocolErrors.length}`],
    [r.slow.length === 0, `requests over 1 s: ${r.slow.length}`],
    [r.mismatches.length === 0, `incremental/fresh mismatches: ${r.mismatches.length}`],
    [r.staleEdits.length === 0, `code action edits that do not apply to their version: ${r.staleEdits.length}`],
    [growth <= 0.25, `RSS after GC: ${r.rss.startMB} MB at the start, ${r.rss.endMB} MB at the end (${growth >= 0 ? '+' : ''}${Math.round(growth * 100)}%), peak ${r.rss.peakMB} MB`],
  ];
}
