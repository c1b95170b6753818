// The editor honours the baseline the CLI writes: the same findings are dropped in both, baselined
// findings can be shown as hints, and a rewritten baseline is read again.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { BASELINE_FILE_NAME } from '../server/src/core/baseline';
import { relativePath } from '../server/src/lsp/baseline';
import { runCli, STORE_GO } from './adoption-fixtures';
import { ROOT, temporaryFolder } from './helpers';
import { LspSession } from './lsp-client';

/** The e2e workspace (a finding or more for every rule) with a baseline of today's findings, then edited. */
function editedProject(): string {
  const folder = temporaryFolder('gbg-baseline-editor-');
  mkdirSync(join(folder, '.git'));
  cpSync(join(ROOT, 'test/e2e/testdata/workspace'), folder, { recursive: true });
  mkdirSync(join(folder, 'store'));
  writeFileSync(join(folder, 'store/store.go'), STORE_GO);
  writeFileSync(join(folder, '.go-backend-guide.json'), JSON.stringify({ baseline: BASELINE_FILE_NAME }));
  assert.equal(runCli(['check', '--write-baseline', '.'], folder).code, 0);
  // Lines inserted above every old finding, a reformatted line, and two new findings.
  const store = STORE_GO.replace('type Store', '// Store keeps users.\n\ntype Store')
    .replace('rows, err := s.db.Query', 'rows,err:=s.db.Query')
    .concat('\nfunc (s *Store) Count() int {\n\trows, _ := s.db.Query("SELECT count(*) FROM users")\n\tvar n int\n\trows.Scan(&n)\n\treturn n\n}\n');
  writeFileSync(join(folder, 'store/store.go'), store);
  return folder;
}

function goFiles(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.go')).sort();
}

function line(name: string, d: Diagnostic): string {
  return `${name}:${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}:${['', 'error', 'warning', 'information', 'hint'][d.severity!]}`;
}

describe('the editor and the CLI drop the same baselined findings', () => {
  let session: LspSession;
  before(async () => {
    session = new LspSession();
    await session.initialize();
  });
  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  async function open(folder: string, name: string): Promise<Diagnostic[]> {
    const uri = pathToFileURL(join(folder, name)).href;
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(join(folder, name), 'utf8') } });
    return (await published).diagnostics;
  }

  test('after edits, both report exactly the new findings', async () => {
    const folder = editedProject();
    const cli = runCli(['check', '--format', 'json', '--severity', 'hint', '.'], folder);
    const fromCli = (JSON.parse(cli.stdout).findings as { file: string; line: number; column: number; rule: string; severity: string }[]).map(
      (f) => `${f.file}:${f.line}:${f.column}:${f.rule}:${f.severity}`,
    );
    assert.deepEqual(fromCli, ['store/store.go:43:2:sql-rows-close:warning']);
    assert.match(cli.stderr, /^go-backend-guide: \d{2,} findings baselined\n$/);
    const fromEditor: string[] = [];
    for (const name of goFiles(folder)) for (const d of await open(folder, name)) fromEditor.push(line(name, d));
    assert.deepEqual(fromEditor.sort(), [...fromCli].sort());
  });

  test('with baselinedFindings "hint", baselined findings are hints marked as such; a rewritten baseline is read again', async () => {
    const folder = editedProject();
    session.settings = { baselinedFindings: 'hint' };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const diagnostics = await open(folder, 'store/store.go');
    const hints = diagnostics.filter((d) => d.severity === 4);
    const baselined = (JSON.parse(readFileSync(join(folder, BASELINE_FILE_NAME), 'utf8')).findings as { file: string }[]).filter((e) => e.file === 'store/store.go');
    assert.equal(hints.length, baselined.length);
    assert.ok(hints.length > 5 && hints.every((d) => String(d.message).endsWith(' (in the baseline)')), hints.map((d) => d.message).join('\n'));
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== 4).map((d) => d.code),
      ['sql-rows-close'],
    );

    writeFileSync(join(folder, BASELINE_FILE_NAME), '{ "version": 1, "findings": [] }\n');
    const uri = pathToFileURL(join(folder, 'store/store.go')).href;
    const republished = session.nextDiagnostics(uri);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, BASELINE_FILE_NAME)).href, type: 2 }] });
    const after = (await republished).diagnostics;
    assert.equal(after.length, diagnostics.length);
    assert.ok(!after.some((d) => String(d.message).includes('(in the baseline)')), 'nothing is baselined any more');
    session.settings = {};
  });
});

test('paths in the baseline are the CLI\'s: relative to its folder, with /, percent-decoded', () => {
  assert.equal(relativePath('file:///w/repo/', 'file:///w/repo/store/a%20b.go'), 'store/a b.go');
  assert.equal(relativePath('file:///w/repo/ci/', 'file:///w/repo/store/x.go'), '../store/x.go');
  assert.equal(relativePath('file:///w/repo/', 'vscode-vfs://github/repo/x.go'), undefined);
});
