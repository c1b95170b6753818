// The command-line face of the analysis: `go-backend-guide check …` for CI and
// `go-backend-guide lsp --stdio` for editors other than VS Code.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { GoChecker } from '../checker';
import { DEFAULT_MAX_FILE_BYTES } from '../core/analyzer';
import { readGrammarBinaries } from '../node/grammar-files';
import { checkFiles } from './check';
import { collectGoFiles } from './collect';
import { formatJson, formatText } from './report';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage:
  go-backend-guide check [--format text|json] [--max-file-size BYTES] PATH...
  go-backend-guide lsp --stdio
  go-backend-guide --version

check walks folders (skipping vendor/, testdata/, node_modules/ and hidden folders) and checks
every .go file. Exit status: 0 no findings, 1 findings, 2 usage or I/O error.
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === 'version') {
    process.stdout.write('go-backend-guide 0.1.0\n');
    return EXIT_CLEAN;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return EXIT_CLEAN;
  }
  if (command === 'lsp') return runLsp(rest);
  if (command === 'check') return runCheck(rest);
  return usageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
}

async function runCheck(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, 'max-file-size': { type: 'string' } },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const { format } = parsed.values;
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not "${format}"`);
  const maxFileBytes = parsed.values['max-file-size'] === undefined ? DEFAULT_MAX_FILE_BYTES : Number(parsed.values['max-file-size']);
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) return usageError('--max-file-size takes a positive number of bytes');
  if (parsed.positionals.length === 0) return usageError('check needs at least one PATH (a folder or a .go file)');

  const collected = await collectGoFiles(parsed.positionals);
  const checker = await GoChecker.create(readGrammarBinaries());
  const outcome = await checkFiles(checker, collected.files, { maxFileBytes }, resolve('.'));

  process.stdout.write(format === 'json' ? formatJson(outcome.findings) : formatText(outcome.findings));
  for (const folder of collected.empty) process.stderr.write(`go-backend-guide: warning: no .go files in ${folder}\n`);
  for (const notice of outcome.notices) process.stderr.write(`go-backend-guide: ${notice}\n`);
  const errors = [...collected.errors, ...outcome.errors];
  for (const error of errors) process.stderr.write(`go-backend-guide: ${error}\n`);
  if (errors.length > 0) return EXIT_ERROR;
  return outcome.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

async function runLsp(args: string[]): Promise<number> {
  if (!args.includes('--stdio')) return usageError('lsp speaks over stdio only: run `go-backend-guide lsp --stdio`');
  const { runLanguageServer } = await import('../lsp/main');
  runLanguageServer();
  return new Promise<number>(() => {}); // the connection ends the process on exit
}

function usageError(problem: string): number {
  process.stderr.write(`go-backend-guide: ${problem}\n\n${USAGE}`);
  return EXIT_ERROR;
}
