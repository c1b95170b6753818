// The verdict of every warning a run reports, from the review tables in docs/ (review 5, the
// recall audit and the sessions after it), so the share of TRUE warnings can be checked again:
//   node bin/go-backend-guide.js check --no-cache --format json /work/corpus > out.json
//   node scripts/warning-verdicts.mjs out.json CORPUS_DIR [--table]
// Prints the counts per verdict, and every warning that no table has judged (exit 1 if any):
// a new warning must be read before a share is claimed. With --table, a markdown row per warning.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [findingsFile, corpus, flag] = process.argv.slice(2);
if (!findingsFile || !corpus) {
  process.stderr.write('usage: warning-verdicts.mjs FINDINGS.json CORPUS_DIR [--table]\n');
  process.exit(2);
}
const docs = join(import.meta.dirname, '..', 'docs');
const root = corpus.endsWith('/') ? corpus : `${corpus}/`;

/** Verdicts by `repo/path:line`, each with its rule and where it is written. */
const verdicts = new Map();
const record = (where, rule, verdict, source) => verdicts.set(`${where} ${rule}`, { verdict, source });

// Review 5: | # | rule | file:line | verdict | reason |
for (const line of readFileSync(join(docs, 'corpus-review-5.md'), 'utf8').split('\n')) {
  const row = /^\| (\d+) \| ([\w-]+) \| ([^|]+?) \| (TRUE|NOISE|FALSE)\b[^|]*\|/.exec(line);
  if (row) record(row[3], row[2], row[4], `corpus-review-5.md #${row[1]}`);
}
// The recall audit: | # | file:line[, line…] | rule | verdict | why |, and its sessions' tables,
// | file:line | rule | before → after | verdict / why |, where a new warning's verdict leads the last cell.
for (const line of readFileSync(join(docs, 'corpus-recall-1.md'), 'utf8').split('\n')) {
  const judged = /^\| ([\d, -]+) \| ([^|]+?) \| ([\w-]+) \| (TRUE|NOISE|FALSE)\b[^|]*\|/.exec(line);
  const added = /^\| ([^|]+?:\d+) \| ([\w-]+) \| – → warning \| (TRUE|NOISE|FALSE)\b/.exec(line);
  if (judged) {
    const [file, lines] = judged[2].split(/:(?=\d)/);
    for (const at of lines.split(/,\s*/)) record(`${file}:${at}`, judged[3], judged[4], `corpus-recall-1.md #${judged[1]}`);
  } else if (added) {
    record(added[1], added[2], added[3], 'corpus-recall-1.md, session table');
  }
}

const report = JSON.parse(readFileSync(findingsFile, 'utf8'));
const warnings = (report.findings ?? report).filter((finding) => finding.severity === 'warning');
const counts = { TRUE: 0, NOISE: 0, FALSE: 0, unjudged: 0 };
const rows = [];
for (const finding of warnings) {
  const where = `${finding.file.startsWith(root) ? finding.file.slice(root.length) : finding.file}:${finding.line}`;
  const verdict = verdicts.get(`${where} ${finding.rule}`);
  counts[verdict ? verdict.verdict : 'unjudged']++;
  rows.push({ where, rule: finding.rule, verdict });
}
const share = warnings.length > 0 ? ((100 * counts.TRUE) / warnings.length).toFixed(1) : '-';
console.log(`${warnings.length} warnings: ${counts.TRUE} TRUE (${share}%), ${counts.NOISE} NOISE, ${counts.FALSE} FALSE, ${counts.unjudged} not judged`);
for (const row of rows) if (!row.verdict) console.log(`not judged: ${row.where} ${row.rule}`);
if (flag === '--table') {
  rows.sort((a, b) => a.rule.localeCompare(b.rule) || a.where.localeCompare(b.where, 'en', { numeric: true }));
  console.log('\n| # | rule | file:line | verdict | where it is argued |\n|--:|---|---|---|---|');
  rows.forEach((row, index) => console.log(`| ${index + 1} | ${row.rule} | ${row.where} | ${row.verdict?.verdict ?? '?'} | ${row.verdict?.source ?? ''} |`));
}
process.exitCode = counts.unjudged > 0 ? 1 : 0;
