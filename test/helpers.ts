import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GoChecker, type ModuleFiles, type SourceText } from '../server/src/checker';
import { diskModuleFiles } from '../server/src/cli/go-modules';
import { DEFAULT_MAX_FILE_BYTES } from '../server/src/core/analyzer';
import { goVersionFromGoMod } from '../server/src/core/go-mod';
import { moduleFrom } from '../server/src/core/module-index';
import type { Rule } from '../server/src/core/rule';
import { readGrammarBinaries } from '../server/src/node/grammar-files';

/** The repository root (tests run from out/test/). */
export const ROOT = join(__dirname, '..', '..');
export const RULES_DIR = join(ROOT, 'server/src/rules');

const temporaryFolders: string[] = [];
process.on('exit', () => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

/** A fresh folder under the system temp dir, removed when the test process exits. */
export function temporaryFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  temporaryFolders.push(folder);
  return folder;
}

// The CLIs the tests start keep their result cache here, not in the user's cache folder.
process.env.GO_BACKEND_GUIDE_CACHE ??= temporaryFolder('gbg-test-cache-');

const checkers = new Map<string, Promise<GoChecker>>();

/** A checker running the given rules only (all of them by default); cached per rule set. */
export function checkerFor(rules?: readonly Rule[]): Promise<GoChecker> {
  const key = rules ? rules.map((r) => r.meta.id).join(',') : '*';
  let checker = checkers.get(key);
  if (!checker) {
    checker = GoChecker.create(readGrammarBinaries(), rules);
    checkers.set(key, checker);
  }
  return checker;
}

/** A test-data directory read as one Go package: its .go files and its go.mod's version. */
export function readPackage(directory: string): { files: SourceText[]; goVersion?: string; module?: ModuleFiles } {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.go'))
    .sort()
    .map((name) => ({ uri: pathToFileURL(join(directory, name)).href, text: readFileSync(join(directory, name), 'utf8') }));
  const goMod = join(directory, 'go.mod');
  return { files, goVersion: existsSync(goMod) ? goVersionFromGoMod(readFileSync(goMod, 'utf8')) : undefined, module: moduleAround(directory) };
}

/**
 * The module of the nearest go.mod at or above `directory`, up to the `testdata` folder it is in:
 * a fixture made of several packages sees the others through the module index.
 */
function moduleAround(directory: string): ModuleFiles | undefined {
  for (let folder = directory; ; folder = dirname(folder)) {
    const goMod = join(folder, 'go.mod');
    if (existsSync(goMod)) {
      const module = moduleFrom(readFileSync(goMod, 'utf8'), pathToFileURL(folder).href);
      return module && diskModuleFiles(module, DEFAULT_MAX_FILE_BYTES);
    }
    if (basename(folder) === 'testdata' || dirname(folder) === folder) return undefined;
  }
}

/** Directories under `directory` (itself included) that hold .go files. */
export function packageDirectories(directory: string): string[] {
  if (!existsSync(directory)) return [];
  const found: string[] = [];
  const entries = readdirSync(directory, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && entry.name.endsWith('.go'))) found.push(directory);
  for (const entry of entries) if (entry.isDirectory()) found.push(...packageDirectories(join(directory, entry.name)));
  return found;
}

/** `// want "rule-id"` annotations: line number (0-based) → expected rule ids. */
export function wantedFindings(text: string): Map<number, string[]> {
  const wanted = new Map<number, string[]>();
  text.split('\n').forEach((line, number) => {
    const at = line.indexOf('// want ');
    if (at === -1) return;
    const ids = [...line.slice(at).matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    if (ids.length > 0) wanted.set(number, ids);
  });
  return wanted;
}
