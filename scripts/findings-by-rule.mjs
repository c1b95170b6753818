// Counts the findings of `go-backend-guide check --format json` per rule, for corpus triage:
//   node bin/go-backend-guide.js check --format json /usr/share/go-1.19/src | node scripts/findings-by-rule.mjs
// With --list RULE it prints that rule's findings as path:line:col: message, one per line.
import { readFileSync } from 'node:fs';

const { findings } = JSON.parse(readFileSync(0, 'utf8'));
const listed = process.argv.indexOf('--list');
if (listed !== -1) {
  const rule = process.argv[listed + 1];
  for (const f of findings.filter((finding) => finding.rule === rule)) console.log(`${f.file}:${f.line}:${f.column}: ${f.message}`);
} else {
  const counts = new Map();
  for (const { rule, file } of findings) {
    const count = counts.get(rule) ?? { all: 0, tests: 0 };
    count.all++;
    if (file.endsWith('_test.go')) count.tests++;
    counts.set(rule, count);
  }
  console.log('rule'.padEnd(34), 'findings', 'in tests');
  for (const [rule, { all, tests }] of [...counts].sort()) console.log(rule.padEnd(34), String(all).padStart(8), String(tests).padStart(8));
  console.log('total'.padEnd(34), String(findings.length).padStart(8));
}
