// A seeded random sample of the CLI's findings, for reading them as a reviewer would:
//   node bin/go-backend-guide.js check --format json DIR > out.json
//   node scripts/sample-findings.mjs out.json [--seed N] [--size N] [--severity warning] [--context N]
// Prints each sampled finding as path:line:col: message (rule), followed by the code around it,
// so a verdict (true, noise, false) can be written next to it. The same seed and input always
// give the same sample.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const USAGE = 'usage: sample-findings.mjs FINDINGS.json [--seed N] [--size N] [--severity LEVEL] [--context LINES]\n';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      seed: { type: 'string', default: '20261203' },
      size: { type: 'string', default: '80' },
      severity: { type: 'string', default: 'warning' },
      context: { type: 'string', default: '0' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  process.stderr.write(`${error.message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const [input] = positionals;
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!input) {
  process.stderr.write(USAGE);
  process.exit(2);
}

/** mulberry32: a small, well-known seeded generator; enough for picking a sample. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const { findings } = JSON.parse(readFileSync(input, 'utf8'));
const pool = findings.filter((finding) => values.severity === 'all' || finding.severity === values.severity);
const random = generator(Number(values.seed));
// Fisher-Yates over a copy, then the first N in the order the CLI printed them.
const order = pool.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [order[i], order[j]] = [order[j], order[i]];
}
const picked = order.slice(0, Number(values.size)).sort((a, b) => a - b).map((i) => pool[i]);
const around = Number(values.context);
picked.forEach((finding, n) => {
  console.log(`${n + 1}. ${finding.file}:${finding.line}:${finding.column}: ${finding.message} (${finding.rule})`);
  if (around > 0) {
    const lines = readFileSync(finding.file, 'utf8').split('\n');
    for (let line = Math.max(1, finding.line - around); line <= Math.min(lines.length, finding.line + around); line++) {
      console.log(`   ${line === finding.line ? '>' : ' '} ${String(line).padStart(5)}  ${lines[line - 1]}`);
    }
  }
});
const byRule = new Map();
for (const finding of picked) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
console.log(`\n${picked.length} of ${pool.length} ${values.severity} findings, seed ${values.seed}: ${[...byRule].map(([rule, n]) => `${rule} ${n}`).join(', ')}`);
