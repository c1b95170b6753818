// The command-line face of the analysis: `go-backend-guide check …` for CI and
// `go-backend-guide lsp --stdio` for editors other than VS Code.
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { GoChecker } from '../checker';
import { DEFAULT_MAX_FILE_BYTES } from '../core/analyzer';
import { MAX_PARSED_CHARS } from '../core/document';
import type { MessageLanguage, Severity } from '../core/findings';
import { ruleGuideUrl, ruleSection } from '../guide/chapters';
import { readGrammarBinaries } from '../node/grammar-files';
import { RULES, ruleById } from '../rules/registry';
import { isExcluded } from '../core/config';
import type { AnalysisSettings } from '../core/analyzer';
import { ConfigFiles, type LoadedConfig } from '../node/config-files';
import { Adoption, ADOPTION_OPTIONS, ADOPTION_USAGE, AdoptionError, adoptionRequest, takeWriteBaselineFile } from './adoption';
import { checkFiles, display, folderJobs, type FolderJob } from './check';
import { checkInWorkers, workerCount } from './parallel';
import { collectGoFiles } from './collect';
import { ResultCache } from './result-cache';
import { parseShard, shareOf } from './shard';
import { userCacheDir } from '../node/cache-dir';
import { fixFiles, formatDiff, writeFixes } from './fix';
import { FORMATS, formatReport, isFormat, needsFingerprints } from './formats';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const VERSION = '0.1.0';
const SEVERITY_ORDER: Severity[] = ['hint', 'information', 'warning', 'error'];

const USAGE = `Usage:
  go-backend-guide check [options] PATH...
  go-backend-guide lsp --stdio
  go-backend-guide --list-rules | --explain RULE-ID | --version

--lang en|zh-cn (anywhere on the command line) sets the language of messages, rule titles and
explanations (default en).

check walks folders (skipping vendor/, testdata/, node_modules/ and hidden folders) and checks
every .go file. Options:
  --format FORMAT            text (default: path:line:col: message (rule)), json, sarif,
                             github (workflow commands: annotations on pull requests),
                             checkstyle (XML) or gitlab (Code Quality report)
  --fix                      apply every finding's preferred fix in place, then report the rest
                             (fixes of starting values, such as timeouts, are left to you)
  --diff                     print the fixes as a unified diff instead of writing them
                             (exit 1 when there is anything to fix)
  --severity LEVEL           lowest severity that fails the run: hint, information,
                             warning (default) or error; lower findings are still printed
  --max-file-size BYTES      skip larger files (default ${DEFAULT_MAX_FILE_BYTES}; files over
                             ${MAX_PARSED_CHARS} bytes are never parsed, whatever the limit)
  --jobs N                   worker threads (default: one per core for 200 files or more)
  --config FILE              the configuration file to use (default: the nearest
                             .go-backend-guide.json at or above each folder)
  --shard K/N                check only the K-th of N shares of the packages (for a CI
                             matrix); the N outputs together are the output of one run
  --no-cache                 check every package again instead of replaying the findings
                             kept for unchanged packages (kept in GO_BACKEND_GUIDE_CACHE,
                             else the user cache folder)
${ADOPTION_USAGE}Exit status: 0 no failing findings, 1 findings, 2 usage or I/O error, 3 internal error.
`;

export async function main(args: readonly string[]): Promise<number> {
  const chosen = takeLanguage(args);
  if (typeof chosen === 'number') return chosen;
  const { language, argv } = chosen;
  const [command, ...rest] = argv;
  switch (command) {
    case '--version':
    case 'version':
      process.stdout.write(`go-backend-guide ${VERSION}\n`);
      return EXIT_CLEAN;
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return EXIT_CLEAN;
    case '--list-rules':
      return listRules(language);
    case '--explain':
      return explain(rest[0], language);
    case 'lsp':
      return runLsp(rest);
    case 'check':
      // A baseline or a change set that cannot be read stops the run before anything is reported.
      return runCheck(rest, language).catch((error: unknown) => (error instanceof AdoptionError ? failure(error.message) : Promise.reject(error)));
    default:
      return usageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  }
}

/** `--lang X` or `--lang=X`, wherever it is, taken out of the arguments. */
function takeLanguage(args: readonly string[]): { language: MessageLanguage; argv: string[] } | number {
  const argv = [...args];
  let language: string = 'en';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--lang') [language] = argv.splice(i--, 2).slice(1);
    else if (argv[i].startsWith('--lang=')) language = argv.splice(i--, 1)[0].slice('--lang='.length);
  }
  if (language !== 'en' && language !== 'zh-cn') return usageError(`--lang must be en or zh-cn, not "${language ?? ''}"`);
  return { language, argv };
}

function listRules(language: MessageLanguage): number {
  const rows = RULES.map((rule) => [rule.meta.id, rule.meta.defaultSeverity, rule.meta.fixable ? 'fix' : '-', rule.meta.title[language]]);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ')}\n`);
  return EXIT_CLEAN;
}

function explain(id: string | undefined, language: MessageLanguage): number {
  const rule = id ? ruleById(id) : undefined;
  if (!rule) return usageError(id ? `no rule "${id}" (see --list-rules)` : '--explain needs a rule id');
  const guide = language === 'zh-cn' ? '指南' : 'Guide';
  process.stdout.write(`${rule.meta.id}: ${rule.meta.title[language]}\n\n${ruleSection(rule, language)}\n\n${guide}: ${ruleGuideUrl(rule, language)}\n`);
  return EXIT_CLEAN;
}

async function runCheck(commandLine: string[], language: MessageLanguage): Promise<number> {
  const { args, file: writeBaselineFile } = takeWriteBaselineFile(commandLine);
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...ADOPTION_OPTIONS,
        format: { type: 'string', default: 'text' },
        fix: { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        severity: { type: 'string', default: 'warning' },
        jobs: { type: 'string' },
        config: { type: 'string' },
        'max-file-size': { type: 'string' },
        shard: { type: 'string' },
        'no-cache': { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { format, fix, diff, severity } = parsed.values;
  if (!isFormat(format)) return usageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  if (!SEVERITY_ORDER.includes(severity as Severity)) return usageError(`--severity must be one of ${SEVERITY_ORDER.join(', ')}, not "${severity}"`);
  if (fix && diff) return usageError('--fix writes the fixes and --diff prints them: choose one');
  const request = adoptionRequest(parsed.values, writeBaselineFile, fix || diff);
  if (typeof request === 'string') return usageError(request);
  const maxFileBytes = parsed.values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_BYTES : Number(parsed.values['max-file-size']);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) return usageError('--max-file-size takes a positive number of bytes');
  if (parsed.positionals.length === 0) return usageError('check needs at least one PATH (a folder or a .go file)');
  const jobs = parsed.values.jobs === undefined ? undefined : Number(parsed.values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) return usageError('--jobs takes a whole number of worker threads, 1 or more');
  const shard = parsed.values.shard === undefined ? undefined : parseShard(parsed.values.shard);
  if (shard === null) return usageError(`--shard takes K/N with 1 ≤ K ≤ N, as in --shard 2/4, not "${parsed.values.shard}"`);

  const cwd = resolve('.');
  const collected = collectGoFiles(parsed.positionals);
  const settings = { maxFileBytes };
  const errors = [...collected.errors];
  const configs = new ConfigFiles(new Set(RULES.map((rule) => rule.meta.id)), parsed.values.config && resolve(parsed.values.config));
  let planned;
  try {
    planned = await planJobs(collected.files, configs, settings, parsed.values['max-file-size'] !== undefined);
  } catch (error) {
    return usageError(`cannot read the configuration file ${parsed.values.config}: ${(error as Error).message}`);
  }
  for (const config of planned.configs) {
    for (const problem of config.problems) {
      errors.push(`${display(config.path, cwd)}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message} (the rest of the configuration applies)`);
    }
  }
  const folders = shard ? shareOf(planned.jobs, shard.index, shard.count) : planned.jobs;
  const adoption = await Adoption.prepare(request, { cwd, configs, paths: parsed.positionals });
  let outcome;
  let pendingFixes = false;
  if (fix || diff) {
    const fixed = await fixFiles(await GoChecker.create(readGrammarBinaries()), folders, settings, cwd);
    outcome = fixed.remaining;
    if (diff) process.stdout.write(formatDiff(fixed.changed));
    else errors.push(...(await writeFixes(fixed.changed)));
    // Like `ruff check --diff`: a diff that is not empty fails the run, so CI can use it.
    pendingFixes = diff && fixed.changed.size > 0;
  } else {
    const fileCount = folders.reduce((sum, job) => sum + job.wanted.length, 0);
    const workers = jobs ?? workerCount(fileCount);
    const cache = parsed.values['no-cache'] ? undefined : new ResultCache(userCacheDir());
    outcome =
      workers > 1
        ? await checkInWorkers(folders, workers, settings, cwd, progressLine(), cache?.root)
        : await checkFiles(() => GoChecker.create(readGrammarBinaries()), folders, settings, cwd, { keepText: false, cache }, progressLine());
    if (outcome.cache?.writes) cache?.trim();
  }
  const adopted = await adoption.apply(outcome, needsFingerprints(format));
  outcome = adopted.outcome;
  if (!diff && !adopted.wroteBaseline) process.stdout.write(formatReport(format, adopted, { rules: RULES, version: VERSION, cwd, language }));
  for (const note of adopted.notes) process.stderr.write(`go-backend-guide: ${note}\n`);
  for (const folder of collected.empty) process.stderr.write(`go-backend-guide: warning: no .go files in ${folder}\n`);
  for (const notice of outcome.notices) process.stderr.write(`go-backend-guide: ${notice}\n`);
  errors.push(...outcome.errors);
  for (const error of errors) process.stderr.write(`go-backend-guide: ${error}\n`);
  if (errors.length > 0) return EXIT_ERROR;
  if (adopted.wroteBaseline) return EXIT_CLEAN;
  const threshold = SEVERITY_ORDER.indexOf(severity as Severity);
  const failing = outcome.findings.filter((finding) => SEVERITY_ORDER.indexOf(finding.severity as Severity) >= threshold);
  return failing.length > 0 || pendingFixes ? EXIT_FINDINGS : EXIT_CLEAN;
}

/**
 * One job per folder, with the settings of the folder's configuration file: its severities,
 * its size limit (unless --max-file-size was given) and its Go version; excluded files dropped.
 */
async function planJobs(files: readonly string[], configs: ConfigFiles, settings: AnalysisSettings, sizeGiven: boolean) {
  const used = new Set<LoadedConfig>();
  const jobs: FolderJob[] = [];
  for (const job of folderJobs(files)) {
    const loaded = await configs.forFolder(resolve(job.folder));
    if (!loaded) {
      jobs.push(job);
      continue;
    }
    used.add(loaded);
    const { config } = loaded;
    const wanted = job.wanted.filter((file) => !isExcluded(config, relative(loaded.folder, resolve(file)).split(sep).join('/')));
    if (wanted.length === 0) continue;
    jobs.push({
      folder: job.folder,
      wanted,
      goVersion: config.go,
      settings: { severities: config.rules, maxFileBytes: sizeGiven ? settings.maxFileBytes : (config.maxFileSize ?? settings.maxFileBytes) },
    });
  }
  return { jobs, configs: [...used] };
}

/** A one-line progress counter on stderr, only when a person is watching it. */
function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    process.stderr.write(done < total ? `\rchecking ${done}/${total} files…` : '\r\x1b[K');
  };
}

async function runLsp(args: string[]): Promise<number> {
  if (!args.includes('--stdio')) return usageError('lsp speaks over stdio only: run `go-backend-guide lsp --stdio`');
  const { runLanguageServer } = await import('../lsp/main');
  runLanguageServer();
  return new Promise<number>(() => {}); // the connection ends the process on exit
}

/** A problem with what the user asked for that is not a matter of syntax: no usage text. */
function failure(problem: string): number {
  process.stderr.write(`go-backend-guide: ${problem}\n`);
  return EXIT_ERROR;
}

function usageError(problem: string): number {
  process.stderr.write(`go-backend-guide: ${problem}\n\n${USAGE}`);
  return EXIT_ERROR;
}
