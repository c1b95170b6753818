// Applies `go-backend-guide check --fix` to a copy of a folder of Go code and checks every file
// it changed: it still parses, gofmt leaves it alone when it left the original alone, its
// imports are right, a package that built before (standard-library imports only) still builds,
// and a re-check no longer reports what was fixed. The folder itself is never written.
//
//   npm run fix-check -- /work/corpus [--keep] [--sample N] [--cli path/to/go-backend-guide.js]
//
// Prints fixes per rule and every problem; writes the diff of all fixes to <copy>/../fixes.diff
// and, with --sample N, a seeded random sample of N fixed hunks to read by eye. --cli runs the
// fixes of another build (an older checkout, to compare).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { GoChecker } from '../server/src/checker';
import { checkFiles, folderJobs } from '../server/src/cli/check';
import { collectGoFiles } from '../server/src/cli/collect';
import { preferredFix, type Finding } from '../server/src/core/findings';
import { isStandardLibrary } from '../server/src/core/import-edits';
import { readGrammarBinaries } from '../server/src/node/grammar-files';
import { gofmtAll } from '../test/gofmt';
import { importProblems } from '../test/go-imports';

const ROOT = join(__dirname, '..', '..');

interface Snapshot {
  texts: Map<string, string>;
  findings: Map<string, Finding[]>;
}

async function snapshot(checker: GoChecker, folder: string): Promise<Snapshot> {
  const { files } = await collectGoFiles([folder]);
  const outcome = await checkFiles(checker, folderJobs(files), {}, folder);
  const texts = new Map<string, string>();
  const findings = new Map<string, Finding[]>();
  for (const file of outcome.files) {
    texts.set(file.path, file.text);
    findings.set(file.path, file.findings);
  }
  return { texts, findings };
}

/** `go vet` on one package directory in GOPATH mode: only standard-library imports resolve. */
function vets(directory: string, scratch: string): { ok: boolean; output: string } {
  const copy = join(scratch, 'src', 'pkg');
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy, { recursive: true });
  for (const name of readdirSync(directory)) if (name.endsWith('.go')) cpSync(join(directory, name), join(copy, name));
  const result = spawnSync('go', ['vet', '.'], {
    cwd: copy,
    encoding: 'utf8',
    env: { ...process.env, GO111MODULE: 'off', GOPATH: scratch, GOFLAGS: '', GOCACHE: join(scratch, 'cache') },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** True when every .go file of the directory imports the standard library only. */
function standardOnly(directory: string, texts: Map<string, string>): boolean {
  const names = readdirSync(directory).filter((name) => name.endsWith('.go'));
  if (names.length === 0) return false;
  return names.every((name) => {
    const text = texts.get(join(directory, name)) ?? readFileSync(join(directory, name), 'utf8');
    const imports = [...text.matchAll(/^\s*(?:[\w.]+\s+)?"([^"\n]+)"\s*$/gm), ...text.matchAll(/^import\s+(?:[\w.]+\s+)?"([^"\n]+)"/gm)].map((m) => m[1]);
    return imports.every((path) => isStandardLibrary(path) && path !== 'C');
  });
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const sampleAt = args.indexOf('--sample');
  const sampleSize = sampleAt === -1 ? 0 : Number(args[sampleAt + 1]);
  const cliAt = args.indexOf('--cli');
  const cliPath = cliAt === -1 ? join(ROOT, 'bin/go-backend-guide.js') : args[cliAt + 1];
  const source = args.find((arg, i) => !arg.startsWith('--') && !/^\d+$/.test(arg) && args[i - 1] !== '--cli');
  if (!source || !existsSync(source) || !existsSync(cliPath)) {
    process.stderr.write('usage: npm run fix-check -- FOLDER [--keep] [--sample N] [--cli path/to/go-backend-guide.js]\n');
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'gbg-fix-check-'));
  const copy = join(work, 'code');
  cpSync(source, copy, { recursive: true, filter: (path) => !path.split('/').includes('.git') });
  console.log(`copied ${source} to ${copy}`);

  const checker = await GoChecker.create(readGrammarBinaries());
  const before = await snapshot(checker, copy);
  const unformattedBefore = gofmtAll(before.texts);
  console.log(`${before.texts.size} files checked; running check --fix on the copy …`);

  const cli = spawnSync(process.execPath, [cliPath, 'check', '--fix', '--format', 'json', copy], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (cli.status !== 0 && cli.status !== 1) {
    process.stderr.write(`check --fix failed (exit ${cli.status}):\n${cli.stderr}\n`);
    return 3;
  }

  const after = await snapshot(checker, copy);
  const changed = [...after.texts].filter(([path, text]) => before.texts.get(path) !== text).map(([path]) => path);
  const problems: string[] = [];
  const afterVerdicts = gofmtAll(new Map(changed.map((path) => [path, after.texts.get(path)!])));
  const packageNames = new Map<string, Set<string>>();
  for (const path of changed) {
    const shown = relative(copy, path);
    const verdict = afterVerdicts.get(path)!;
    if (verdict.syntaxErrors) problems.push(`${shown}: gofmt cannot parse the fixed file: ${verdict.syntaxErrors}`);
    else if (verdict.unformatted && !unformattedBefore.get(path)!.unformatted) {
      const diff = spawnSync('gofmt', ['-d', path], { encoding: 'utf8' }).stdout;
      problems.push(`${shown}: gofmt-clean before the fixes, not after:\n${diff}`);
    }
    const old = checker.openDocument(path, before.texts.get(path)!);
    const fixed = checker.openDocument(path, after.texts.get(path)!);
    if (fixed.tree.rootNode.hasError && !old.tree.rootNode.hasError) problems.push(`${shown}: the fixed file does not parse (tree-sitter)`);
    const directory = dirname(path);
    let declared = packageNames.get(directory);
    if (!declared) {
      declared = new Set();
      for (const [other, text] of after.texts) {
        if (dirname(other) !== directory) continue;
        const document = checker.openDocument(other, text);
        const summary = checker.summarize(document);
        for (const fn of summary.funcs) declared.add(fn.name);
        for (const name of summary.vars.keys()) declared.add(name);
        for (const struct of summary.structs) declared.add(struct.name);
        document.dispose();
      }
      packageNames.set(directory, declared);
    }
    for (const problem of importProblems(old.tree, fixed.tree, declared)) problems.push(`${shown}: ${problem}`);
    old.dispose();
    fixed.dispose();
  }

  // Packages of the standard library alone can be compiled: they must build after if they did before.
  const scratch = join(work, 'gopath');
  const directories = [...new Set(changed.map((path) => dirname(path)))].filter((directory) => standardOnly(directory, after.texts));
  let built = 0;
  for (const directory of directories) {
    const original = join(work, 'original');
    rmSync(original, { recursive: true, force: true });
    mkdirSync(original, { recursive: true });
    for (const [path, text] of before.texts) if (dirname(path) === directory) writeFileSync(join(original, relative(directory, path)), text);
    const wasOk = vets(original, scratch);
    if (!wasOk.ok) continue;
    built++;
    const now = vets(directory, scratch);
    if (!now.ok) problems.push(`${relative(copy, directory)}: go vet passed before the fixes, fails after:\n${now.output}`);
  }

  // What was fixed, per rule: findings with a preferred fix before (what --fix applies), and how many remain.
  const count = (snap: Snapshot, withFix: boolean) => {
    const counts = new Map<string, number>();
    for (const findings of snap.findings.values()) {
      for (const f of findings) if (!withFix || preferredFix(f)) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    }
    return counts;
  };
  const fixableBefore = count(before, true);
  const allBefore = count(before, false);
  const allAfter = count(after, false);
  const fixableAfter = count(after, true);
  console.log(`\n${'rule'.padEnd(32)} ${'findings'.padStart(8)} ${'fixable'.padStart(8)} ${'after'.padStart(8)} ${'fixable after'.padStart(14)}`);
  for (const rule of [...new Set([...allBefore.keys(), ...allAfter.keys()])].sort()) {
    const row = [allBefore.get(rule) ?? 0, fixableBefore.get(rule) ?? 0, allAfter.get(rule) ?? 0, fixableAfter.get(rule) ?? 0];
    console.log(`${rule.padEnd(32)} ${row.map((n, i) => String(n).padStart(i === 3 ? 14 : 8)).join(' ')}`);
  }
  const applied = [...fixableBefore].reduce((sum, [rule, n]) => sum + Math.max(0, n - (fixableAfter.get(rule) ?? 0)), 0);
  console.log(`${'fixes applied'.padEnd(32)} ${String(applied).padStart(8)}`);
  for (const [rule, left] of fixableAfter) problems.push(`${rule}: ${left} finding(s) with a fix are still reported after --fix`);

  const diff = changed
    .sort()
    .map((path) => createTwoFilesPatch(`a/${relative(copy, path)}`, `b/${relative(copy, path)}`, before.texts.get(path)!, after.texts.get(path)!, undefined, undefined, { context: 4 }))
    .join('');
  writeFileSync(join(work, 'fixes.diff'), diff);
  if (sampleSize > 0) {
    const hunks = diff.split(/^(?=Index: |={60,})/m).flatMap((file) => {
      const header = /^\+\+\+ (\S+)/m.exec(file)?.[1] ?? '';
      return file.split(/^(?=@@ )/m).slice(1).map((hunk) => `${header}\n${hunk}`);
    });
    const random = seeded(11);
    const sample = hunks.map((hunk) => ({ hunk, key: random() })).sort((a, b) => a.key - b.key).slice(0, sampleSize).map((entry) => entry.hunk);
    writeFileSync(join(work, 'sample.diff'), sample.join('\n'));
    console.log(`\n${sample.length} of ${hunks.length} hunks sampled into ${join(work, 'sample.diff')}`);
  }

  console.log(`\n${changed.length} files changed; ${directories.length} changed packages import the standard library only, ${built} of them built before and were vetted after`);
  console.log(`diff of every fix: ${join(work, 'fixes.diff')}`);
  if (problems.length > 0) {
    console.log(`\n${problems.length} problem(s):`);
    for (const problem of problems) console.log(`- ${problem}`);
  } else console.log('no problems found');
  if (!keep) rmSync(copy, { recursive: true, force: true });
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) main().then((code) => process.exit(code));
