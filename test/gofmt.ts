// The real gofmt (Debian's golang-go) as the judge of "the fix keeps the file gofmt-clean".
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { temporaryFolder } from './helpers';

let checked: string | undefined;

/**
 * The gofmt binary, installed with apt-get when it is missing and we run as root (CI in a fresh
 * container, as bench/corpus.ts does for golang-src); otherwise an error that says what to do.
 */
export function gofmt(): string {
  if (checked) return checked;
  const found = () => spawnSync('gofmt', ['-l'], { input: '', encoding: 'utf8' }).status === 0;
  if (!found() && process.getuid?.() === 0) {
    execFileSync('sh', ['-c', 'apt-get install -y golang-go >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y golang-go >/dev/null 2>&1)']);
  }
  if (!found()) throw new Error('gofmt is not installed: the fix-safety tests need it (Debian/Ubuntu: `sudo apt-get install golang-go`)');
  checked = 'gofmt';
  return checked;
}

export interface GofmtVerdict {
  /** gofmt would change the file. */
  unformatted: boolean;
  /** gofmt's syntax errors, when it cannot parse the file. */
  syntaxErrors?: string;
}

/** Runs gofmt once over many texts (name → Go source); one verdict per name. */
export function gofmtAll(texts: ReadonlyMap<string, string>): Map<string, GofmtVerdict> {
  const binary = gofmt();
  const folder = temporaryFolder('gbg-gofmt-');
  const pathOf = new Map<string, string>();
  let n = 0;
  for (const [name, text] of texts) {
    const path = join(folder, String(n++), name.replace(/[^\w.-]+/g, '_'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    pathOf.set(name, path);
  }
  const result = spawnSync(binary, ['-l', folder], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const listed = new Set(result.stdout.split('\n').filter(Boolean));
  const verdicts = new Map<string, GofmtVerdict>();
  for (const [name, path] of pathOf) {
    const errors = result.stderr
      .split('\n')
      .filter((line) => line.startsWith(`${path}:`))
      .map((line) => line.slice(path.length + 1))
      .join('\n');
    verdicts.set(name, errors ? { unformatted: true, syntaxErrors: errors } : { unformatted: listed.has(path) });
  }
  return verdicts;
}

/** gofmt's diff for one text, to show in a failing assertion. */
export function gofmtDiff(text: string): string {
  return spawnSync(gofmt(), ['-d'], { input: text, encoding: 'utf8' }).stdout;
}
