// Findings per 1,000 lines of the Go code a check read, per severity, for comparing runs:
//   node bin/go-backend-guide.js check --format json DIR > out.json
//   node scripts/findings-density.mjs out.json DIR [before.json]
// Lines are counted in the .go files the CLI walks (it skips vendor/, testdata/, node_modules/
// and hidden folders) that are not generated (a `// Code generated … DO NOT EDIT` header). Test
// files count: the CLI reads them too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [current, folder, previous] = process.argv.slice(2);
if (!current || !folder) {
  process.stderr.write('usage: findings-density.mjs FINDINGS.json DIR [BEFORE.json]\n');
  process.exit(2);
}

const SKIPPED = new Set(['vendor', 'testdata', 'node_modules']);
const GENERATED = /^\/\/ Code generated .*DO NOT EDIT/m;

function count(directory, totals) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) count(path, totals);
    } else if (entry.isFile() && entry.name.endsWith('.go')) {
      const text = readFileSync(path, 'utf8');
      const header = text.slice(0, Math.max(0, text.search(/^package /m)));
      if (GENERATED.test(header)) continue;
      totals.files++;
      totals.lines += text.split('\n').length;
    }
  }
  return totals;
}

const { files, lines } = count(folder, { files: 0, lines: 0 });
const severities = ['error', 'warning', 'information', 'hint'];
const tally = (path) => {
  const counts = Object.fromEntries(severities.map((s) => [s, 0]));
  for (const finding of JSON.parse(readFileSync(path, 'utf8')).findings) counts[finding.severity]++;
  return counts;
};
const after = tally(current);
const before = previous ? tally(previous) : undefined;
const per = (n) => ((n / lines) * 1000).toFixed(2);
console.log(`${files} non-generated files, ${lines} lines`);
console.log(`severity      ${before ? 'before           ' : ''}after`);
for (const severity of severities) {
  const now = `${String(after[severity]).padStart(5)} (${per(after[severity])}/kloc)`;
  const then = before ? `${String(before[severity]).padStart(5)} (${per(before[severity])}/kloc)   ` : '';
  console.log(`${severity.padEnd(12)}  ${then}${now}`);
}
