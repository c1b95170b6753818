// The language server over the real protocol: open, edit, diagnose, hover, fix, suppress, configure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type Hover, type TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../server/src/core/edits';
import { LineIndex } from '../server/src/core/text';
import { buildFile } from '../bench/keystroke-file';
import { ROOT, temporaryFolder } from './helpers';
import { LspSession } from './lsp-client';
import { SHOP } from './shop-package';

const SERVER_GO = `package api

import "net/http"

func serve(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8080", Handler: mux, MaxHeaderBytes: 8 << 10}
	return srv.ListenAndServe()
}
`;

describe('language server over stdio', () => {
  const folder = temporaryFolder('gbg-lsp-');
  const uri = pathToFileURL(join(folder, 'server.go')).href;
  writeFileSync(join(folder, 'go.mod'), 'module example.com/demo\n\ngo 1.22\n');
  let session: LspSession;
  let text = SERVER_GO;
  let version = 1;

  before(async () => {
    session = new LspSession();
    const result = (await session.initialize()) as { capabilities: Record<string, unknown> };
    assert.deepEqual(result.capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  /** Sends one edit as an incremental change and returns the diagnostics that follow. */
  async function edit(edits: TextEdit[]): Promise<Diagnostic[]> {
    const lines = new LineIndex(text);
    const published = session.nextDiagnostics(uri);
    // Edits go last-first so each range still refers to the text the server holds.
    const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: ordered.map((e) => ({ range: e.range, text: e.newText })),
    });
    text = applyEdits(text, edits, lines);
    return (await published).diagnostics;
  }

  test('didOpen publishes the finding with code, range, severity and guide link', async () => {
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text } });
    const { diagnostics } = await published;
    assert.equal(diagnostics.length, 1);
    const [diagnostic] = diagnostics;
    assert.equal(diagnostic.code, 'http-server-timeouts');
    assert.equal(diagnostic.source, 'go-backend-guide');
    assert.equal(diagnostic.severity, 2);
    assert.deepEqual(diagnostic.range, { start: { line: 5, character: 9 }, end: { line: 5, character: 20 } });
    assert.match(diagnostic.codeDescription!.href, /docs\/guide\/en\/01-http-servers\.md#http-server-timeouts$/);
  });

  test('an incremental edit moves the finding with the code', async () => {
    const diagnostics = await edit([{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '// serve runs the API.\n' }]);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].range.start.line, 6);
  });

  test('hover on the finding explains it and links to the guide section', async () => {
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 12 },
    })) as Hover;
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /http-server-timeouts/);
    assert.match(value, /\(https:\/\/[^)]+01-http-servers\.md#http-server-timeouts\)/);
    const nothing = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(nothing, null);
  });

  test('code actions: the fix (starting values, not preferred), suppress, documentation; the fix clears the finding', async () => {
    const diagnostics = await edit([]);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0].range,
      context: { diagnostics },
    })) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Add ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout (starting values: size them to your slowest uploads and responses)', false],
        ['Suppress http-server-timeouts on this line', false],
        ['Suppress http-server-timeouts in this file', false],
        ['Show documentation for http-server-timeouts', false],
        ['Turn off http-server-timeouts in .go-backend-guide.json', false],
      ],
    );
    const configUri = pathToFileURL(join(folder, '.go-backend-guide.json')).href;
    assert.deepEqual(actions[4].edit!.documentChanges, [
      { kind: 'create', uri: configUri, options: { ignoreIfExists: true } },
      {
        textDocument: { uri: configUri, version: null },
        edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '{\n  "rules": {\n    "http-server-timeouts": "off"\n  }\n}\n' }],
      },
    ]);
    const inFile = actions[2].edit!.changes![uri];
    assert.deepEqual(inFile, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '//nolint:http-server-timeouts\n' }]);

    const suppressed = await edit(actions[1].edit!.changes![uri]);
    assert.deepEqual(suppressed, []);
    assert.match(text, /MaxHeaderBytes: 8 << 10} \/\/nolint:http-server-timeouts\n/);
    const line = text.split('\n')[6];
    const comment = { start: line.indexOf(' //nolint'), end: line.length };
    const restored = await edit([{ range: { start: { line: 6, character: comment.start }, end: { line: 6, character: comment.end } }, newText: '' }]);
    assert.equal(restored.length, 1);

    const fixed = await edit(actions[0].edit!.changes![uri]);
    assert.deepEqual(fixed, []);
    assert.match(text, /^import \(\n\t"net\/http"\n\t"time"\n\)$/m);
    assert.match(text, /\n\t\tWriteTimeout: +10 \* time\.Second,\n/);

    await session.connection.sendRequest('workspace/executeCommand', { command: actions[3].command!.command, arguments: actions[3].command!.arguments });
    assert.match(session.shownDocuments.at(-1)!, /01-http-servers\.md#http-server-timeouts$/);
  });

  test('a severity setting applies without a restart, and "off" silences the rule', async () => {
    const reset = await edit([{ range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } }, newText: SERVER_GO }]);
    assert.equal(reset[0].severity, 2);
    for (const [severity, expected] of [['error', [1]], ['off', []]] as const) {
      session.settings = { rules: { 'http-server-timeouts': severity } };
      const published = session.nextDiagnostics(uri);
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual((await published).diagnostics.map((d) => d.severity), expected);
    }
    session.settings = {};
  });

  test('half-typed code never breaks the server and stays silent in the broken function', async () => {
    const broken = await edit([{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: '\tif x := ; {\n' }]);
    assert.deepEqual(broken, []);
    const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 3 } });
    assert.equal(hover, null);
  });
});

describe('language server: Chinese, fix-all on save, size limit', () => {
  let session: LspSession;
  const folder = temporaryFolder('gbg-lsp-zh-');

  before(async () => {
    session = new LspSession();
    await session.initialize('zh-cn');
  });

  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  test('hovers and guide links follow the client locale', async () => {
    const uri = pathToFileURL(join(folder, 'a.go')).href;
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } });
    const [diagnostic] = (await published).diagnostics;
    assert.match(diagnostic.codeDescription!.href, /docs\/guide\/zh-cn\/01-http-servers\.md#http-server-timeouts$/);
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start })) as Hover;
    assert.match((hover.contents as { value: string }).value, /在指南中阅读/);
  });

  test('source.fixAll returns every preferred fix as one edit', async () => {
    const uri = pathToFileURL(join(folder, 'b.go')).href;
    // Two servers whose only gap, IdleTimeout, has a preferred fix (the ReadTimeout they use today),
    // a line apart (the same message on consecutive lines would be one finding).
    const text = SERVER_GO.replace('MaxHeaderBytes: 8 << 10}', 'ReadTimeout: 5e9, WriteTimeout: 1e10, MaxHeaderBytes: 8 << 10}').replace(
      'return srv.ListenAndServe()',
      '_ = 0\n\tother := &http.Server{ReadTimeout: 5e9, WriteTimeout: 1e10, MaxHeaderBytes: 1 << 12}\n\t_ = other\n\treturn srv.ListenAndServe()',
    );
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    assert.equal((await published).diagnostics.length, 2);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.go-backend-guide']);
    const fixed = applyEdits(text, actions[0].edit!.changes![uri], new LineIndex(text));
    assert.equal((fixed.match(/IdleTimeout: +5e9[,}]/g) ?? []).length, 2);
  });

  test('a file over goBackendGuide.maxFileSize is skipped with one notice', async () => {
    session.settings = { maxFileSize: 100 };
    const uri = pathToFileURL(join(folder, 'big.go')).href;
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } });
    assert.deepEqual((await published).diagnostics, []);
    assert.equal(session.messages.filter((m) => m.includes('big.go')).length, 1);
    session.settings = {};
  });
});

test('a document larger than the parser takes is skipped with one notice; the server goes on', async () => {
  const session = new LspSession();
  await session.initialize();
  session.settings = { maxFileSize: 100_000_000 };
  const folder = temporaryFolder('gbg-huge-');
  const big = pathToFileURL(join(folder, 'big.go')).href;
  const published = session.nextDiagnostics(big);
  const text = `package api\n\n${'var _ = 1 // padding\n'.repeat(9 * 2 ** 20 / 21)}`;
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'go', version: 1, text } });
  assert.deepEqual((await published).diagnostics, []);
  assert.deepEqual(session.messages, ['Go Backend Guide skipped big.go: it is larger than 8388608 bytes, the most the parser takes (it needs about 35 bytes of memory for each).']);
  // Typing in it: still skipped, no second notice.
  const edited = session.nextDiagnostics(big);
  await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: big, version: 2 }, contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'x' }] });
  assert.deepEqual((await edited).diagnostics, []);
  assert.equal(session.messages.length, 1);
  const uri = pathToFileURL(join(folder, 'server.go')).href;
  const other = session.nextDiagnostics(uri);
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } });
  assert.equal((await other).diagnostics.length, 1);
  assert.equal(await session.stop(), 0);
});

describe('editor and CLI agree on the same folder and configuration', () => {
  let session: LspSession;
  before(async () => {
    session = new LspSession();
    await session.initialize();
  });
  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  function project(config: string): string {
    const folder = temporaryFolder('gbg-agree-');
    mkdirSync(join(folder, '.git'));
    mkdirSync(join(folder, 'skip'));
    cpSync(join(ROOT, 'test/e2e/testdata/workspace'), folder, { recursive: true });
    writeFileSync(join(folder, 'skip/x.go'), SERVER_GO);
    writeFileSync(join(folder, '.go-backend-guide.json'), config);
    return folder;
  }

  async function editorFindings(folder: string): Promise<string[]> {
    const found: string[] = [];
    // Every Go file of the folder, the excluded one included: the editor must stay silent there.
    const names = (readdirSync(folder, { recursive: true }) as string[]).filter((name) => name.endsWith('.go')).sort();
    assert.ok(names.length > 30 && names.includes('skip/x.go'));
    for (const name of names) {
      const uri = pathToFileURL(join(folder, name)).href;
      const published = session.nextDiagnostics(uri);
      await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(join(folder, name), 'utf8') } });
      for (const d of (await published).diagnostics) {
        found.push(`${name}:${d.range.start.line + 1}:${d.range.start.character + 1}:${d.code}:${['', 'error', 'warning', 'information', 'hint'][d.severity!]}`);
      }
    }
    return found.sort();
  }

  function cliFindings(folder: string): string[] {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
    const { findings } = JSON.parse(result.stdout) as { findings: { file: string; line: number; column: number; rule: string; severity: string }[] };
    return findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.rule}:${f.severity}`).sort();
  }

  test('severities, rules turned off and excluded paths give identical findings', async () => {
    const folder = project(JSON.stringify({ rules: { 'http-server-timeouts': 'error', 'goroutine-in-loop': 'off' }, exclude: ['skip/**'] }));
    const cli = cliFindings(folder);
    const root = cli.filter((finding) => !finding.split(':')[0].includes('/'));
    assert.deepEqual(root, [
      'handler.go:11:17:context-propagation:warning',
      'rows.go:9:2:sql-rows-close:warning',
      'server.go:6:10:http-max-header-bytes:hint',
      'server.go:6:10:http-server-timeouts:error',
      'server.go:7:13:http-server-shutdown:information',
    ]);
    assert.ok(!cli.some((finding) => finding.startsWith('skip/') || finding.includes(':goroutine-in-loop:')), cli.join('\n'));
    assert.ok(cli.some((finding) => finding.startsWith('sql-tx-rollback/main.go:')), 'the rule folders of the workspace are checked too');
    assert.deepEqual(await editorFindings(folder), cli);
  });

  test('an invalid configuration file gets diagnostics on itself; its valid parts still apply', async () => {
    const folder = project('{\n  "rules": { "sql-rows-close": "off", "nope": "off" },\n  "exclude": "skip"\n}\n');
    const configUri = pathToFileURL(join(folder, '.go-backend-guide.json')).href;
    const problems = session.nextDiagnostics(configUri);
    const found = await editorFindings(folder);
    assert.deepEqual(
      (await problems).diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
      ['2:39 unknown rule "nope"', '3:14 "exclude" must be an array of glob patterns'],
    );
    assert.ok(session.messages.some((m) => m.includes('.go-backend-guide.json has 2 problems')));
    assert.ok(!found.some((f) => f.includes('sql-rows-close')), 'the valid "off" still applies');
    assert.deepEqual(found, cliFindings(folder));
  });
});

test('"turn off in the configuration file" edits the existing file and keeps the rest of it', async () => {
  const session = new LspSession();
  await session.initialize();
  const folder = temporaryFolder('gbg-off-');
  const config = '{\n  // the team\'s choices\n  "rules": { "sql-rows-close": "error" },\n  "exclude": ["gen/**"]\n}\n';
  writeFileSync(join(folder, '.go-backend-guide.json'), config);
  const uri = pathToFileURL(join(folder, 'server.go')).href;
  const published = session.nextDiagnostics(uri);
  await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } });
  const { diagnostics } = await published;
  const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } })) as CodeAction[];
  const off = actions.find((a) => a.title === 'Turn off http-server-timeouts in .go-backend-guide.json')!;
  const [change] = off.edit!.documentChanges as { textDocument: { uri: string }; edits: TextEdit[] }[];
  assert.equal(change.textDocument.uri, pathToFileURL(join(folder, '.go-backend-guide.json')).href);
  const edited = applyEdits(config, change.edits, new LineIndex(config));
  assert.match(edited, /\/\/ the team's choices/);
  assert.match(edited, /"sql-rows-close": "error",\s*"http-server-timeouts": "off"/);
  assert.match(edited, /"exclude": \["gen\/\*\*"\]/);
  assert.equal(await session.stop(), 0);
});

describe('virtual workspaces: the package, go.mod and configuration come through the client', () => {
  const repository = 'vscode-vfs://github/example/shop/';
  const main = `${repository}cmd/shop/main.go`;
  let session: LspSession;
  before(async () => {
    session = new LspSession();
    await session.initialize();
  });
  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  async function open(uri: string, text: string): Promise<string[]> {
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    return (await published).diagnostics.map((d) => `${d.code}:${d.range.start.line + 1}:${['', 'error', 'warning', 'information', 'hint'][d.severity!]}`).sort();
  }

  test('a file alone, when the client has nothing to serve: neither finding can be known', async () => {
    assert.deepEqual(await open('vscode-vfs://github/example/alone/main.go', SHOP['cmd/shop/main.go']), ['goroutine-in-loop:12:information']);
    assert.ok(session.fileRequests.some((request) => request === 'goBackendGuide/readDirectory vscode-vfs://github/example/alone/'));
  });

  test("the server started in main.go but configured in server.go, at the configuration's severity, and the go.mod version", async () => {
    for (const [path, text] of Object.entries(SHOP)) session.virtualFiles.set(repository + path, text);
    assert.deepEqual(await open(main, SHOP['cmd/shop/main.go']), ['goroutine-in-loop:12:information', 'goroutine-loop-var:14:warning', 'http-server-shutdown:21:warning']);
    assert.ok(session.fileRequests.includes(`goBackendGuide/readFile ${repository}cmd/shop/server.go`));
  });

  test('files on disk never go through the client', async () => {
    const folder = temporaryFolder('gbg-disk-');
    writeFileSync(join(folder, 'server.go'), SHOP['cmd/shop/server.go']);
    const before = session.fileRequests.length;
    await open(pathToFileURL(join(folder, 'main.go')).href, SHOP['cmd/shop/main.go']);
    assert.deepEqual(session.fileRequests.slice(before), []);
  });
});

test('goBackendGuide/checkFiles checks closed files from disk, honouring the configuration', async () => {
  const session = new LspSession();
  await session.initialize();
  const folder = temporaryFolder('gbg-ws-');
  mkdirSync(join(folder, '.git'));
  mkdirSync(join(folder, 'gen'));
  writeFileSync(join(folder, 'a.go'), SERVER_GO);
  writeFileSync(join(folder, 'gen/b.go'), SERVER_GO);
  writeFileSync(join(folder, '.go-backend-guide.json'), '{ "exclude": ["gen/**"], "rules": { "http-server-timeouts": "error" } }');
  const a = pathToFileURL(join(folder, 'a.go')).href;
  const b = pathToFileURL(join(folder, 'gen/b.go')).href;
  const publishedA = session.nextDiagnostics(a);
  const publishedB = session.nextDiagnostics(b);
  const reply = await session.connection.sendRequest('goBackendGuide/checkFiles', { uris: [a, b] });
  assert.deepEqual(reply, { checked: 2, findings: 1 });
  assert.deepEqual((await publishedA).diagnostics.map((d) => [d.code, d.severity]), [['http-server-timeouts', 1]]);
  assert.deepEqual((await publishedB).diagnostics, []);
  assert.equal(await session.stop(), 0);
});

const STORE_GO = `package store

import (
	"context"
	stdsql "database/sql"

	"github.com/jmoiron/sqlx"
)

type Store struct{ db *sqlx.DB }

func open(dsn string) (*stdsql.DB, error) {
	return stdsql.Open("postgres", dsn)
}

func (s *Store) count(ctx context.Context) (n int, err error) {
	rows, err := s.db.QueryContext(ctx, "SELECT count(*) FROM users")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		err = rows.Scan(&n)
	}
	return n, rows.Err()
}

type opener struct{}

func (opener) Open() {}

func local(o opener) { o.Open() }
`;

describe('language server: guidance cards on the key APIs', () => {
  const folder = temporaryFolder('gbg-cards-');
  const uri = pathToFileURL(join(folder, 'store.go')).href;
  let session: LspSession;

  before(async () => {
    session = new LspSession();
    await session.initialize();
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: STORE_GO } });
    assert.deepEqual((await published).diagnostics, []);
  });

  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  const hoverAt = async (line: number, character: number) =>
    (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as Hover | null;

  test('a package function through an import alias shows its card and guide link', async () => {
    const hover = await hoverAt(12, 16);
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /^\*\*`sql\.Open`\*\*/);
    assert.match(value, /SetMaxOpenConns/);
    assert.match(value, /docs\/guide\/en\/03-databases\.md#sql-pool-limits\)$/);
    assert.deepEqual(hover!.range, { start: { line: 12, character: 15 }, end: { line: 12, character: 19 } });
  });

  test('a method through a struct field of an sqlx type finds the database/sql card', async () => {
    const value = ((await hoverAt(16, 21))!.contents as { value: string }).value;
    assert.match(value, /rows\.Err\(\)/);
    assert.match(value, /#sql-rows-close\)$/);
  });

  test('names that only look like an API get no card', async () => {
    assert.equal(await hoverAt(31, 26), null);
  });

  test('the language setting overrides the editor language; apiHovers turns the cards off', async () => {
    session.settings = { language: 'zh-cn' };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const value = ((await hoverAt(12, 16))!.contents as { value: string }).value;
    assert.match(value, /连接池/);
    assert.match(value, /docs\/guide\/zh-cn\/03-databases\.md#sql-pool-limits\)$/);
    session.settings = { apiHovers: false };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal(await hoverAt(12, 16), null);
    session.settings = {};
  });
});

const WRAP_GO = `package store

import (
	"fmt"
	"os"
)

func load(path string) error {
	_, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %v", path, err)
	}
	return nil
}
`;

describe('requests right after an edit answer for the edited text', () => {
  const folder = temporaryFolder('gbg-fresh-');
  const uri = pathToFileURL(join(folder, 'store.go')).href;
  let session: LspSession;

  before(async () => {
    session = new LspSession();
    await session.initialize('en', { workspaceEdit: { documentChanges: true } });
  });

  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  /** Closes the document and waits for its diagnostics to be cleared (findings of its last edits may come first). */
  async function close(): Promise<void> {
    let published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    while ((await published).diagnostics.length > 0) published = session.nextDiagnostics(uri);
  }

  /** Opens WRAP_GO, waits for its finding, then inserts three lines above the function (no wait). */
  async function openThenInsert(version: number): Promise<string> {
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version, text: WRAP_GO } });
    assert.equal((await published).diagnostics.length, 1);
    const inserted = 'var _ = log\n\n\n';
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: version + 1 },
      contentChanges: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, text: inserted }],
    });
    return WRAP_GO.replace('func load', `${inserted}func load`);
  }

  test('source.fixAll sent with the edit (as on save) fixes the finding where it now is, for that version', async () => {
    const text = await openThenInsert(1);
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    const [change] = actions[0].edit!.documentChanges as { textDocument: { uri: string; version: number }; edits: TextEdit[] }[];
    assert.deepEqual(change.textDocument, { uri, version: 2 });
    const fixed = applyEdits(text, change.edits, new LineIndex(text));
    assert.equal(fixed, text.replace('%v", path, err', '%w", path, err'));
    await close();
  });

  test('hovers sent with each edit answer for the new positions', async () => {
    await openThenInsert(5);
    // Typing: a line inserted above the finding, then a hover on it at once; five times.
    for (let round = 0; round < 5; round++) {
      const line = 13 + round;
      const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 31 } })) as Hover;
      assert.match((hover.contents as { value: string }).value, /errorf-wrap/, `round ${round}`);
      assert.deepEqual(hover.range, { start: { line, character: 30 }, end: { line, character: 32 } });
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 7 + round },
        contentChanges: [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '\t// more\n' }],
      });
    }
    await close();
  });

  test('a file with lone CR line breaks: findings, hovers and fixes in the editor\'s lines', async () => {
    const text = WRAP_GO.replace('import (\n\t"fmt"\n\t"os"\n)', 'import (\r\t"fmt"\r\t"os"\r)');
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    const [diagnostic] = (await published).diagnostics;
    // The editor counts the lone CRs as line breaks (line 10, as in WRAP_GO); Go does not (line 7).
    assert.deepEqual(diagnostic.range, { start: { line: 10, character: 30 }, end: { line: 10, character: 32 } });
    const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
    const [change] = actions[0].edit!.documentChanges as { edits: TextEdit[] }[];
    assert.deepEqual(change.edits[0].range, diagnostic.range);
    await close();
  });
});

describe('language server: files on disk and documents opened again', () => {
  let session: LspSession;
  before(async () => {
    session = new LspSession();
    await session.initialize();
  });
  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  /** The next diagnostics of `uri` at `version` or later (earlier ones may still be on their way). */
  async function diagnosticsAt(uri: string, version: number, action: () => Promise<void>): Promise<Diagnostic[]> {
    let published = session.nextDiagnostics(uri);
    await action();
    for (;;) {
      const params = await within(10_000, published, `diagnostics of ${uri}`);
      if ((params.version ?? version) >= version) return params.diagnostics;
      published = session.nextDiagnostics(uri);
    }
  }

  test('a named pipe in a package folder (and as go.mod) is not read: the package is still checked', async () => {
    const folder = temporaryFolder('gbg-fifo-');
    writeFileSync(join(folder, 'server.go'), SERVER_GO);
    for (const name of ['pipe.go', 'go.mod']) assert.equal(spawnSync('mkfifo', [join(folder, name)]).status, 0);
    const uri = pathToFileURL(join(folder, 'server.go')).href;
    const diagnostics = await diagnosticsAt(uri, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } }),
    );
    assert.deepEqual(diagnostics.map((d) => d.code), ['http-server-timeouts']);
  });

  test("example code below the go.mod gets information, the module's service code a warning", async () => {
    const folder = temporaryFolder('gbg-examples-');
    writeFileSync(join(folder, 'go.mod'), 'module github.com/acme/shop\n\ngo 1.22\n');
    const severities: Record<string, number | undefined> = {};
    mkdirSync(join(folder, 'examples/oidc'), { recursive: true });
    writeFileSync(join(folder, 'examples/oidc/go.mod'), 'module oidc\n');
    for (const directory of ['api', 'examples/basic', 'examples/oidc']) {
      mkdirSync(join(folder, directory), { recursive: true });
      writeFileSync(join(folder, directory, 'server.go'), SERVER_GO);
      const uri = pathToFileURL(join(folder, directory, 'server.go')).href;
      const diagnostics = await diagnosticsAt(uri, 1, () =>
        session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } }),
      );
      assert.deepEqual(diagnostics.map((d) => d.code), ['http-server-timeouts']);
      severities[directory] = diagnostics[0].severity;
    }
    assert.deepEqual(severities, { api: 2, 'examples/basic': 3, 'examples/oidc': 3 });
  });

  test('closing a file that was open when its package was first read keeps it in the package, as saved on disk', async () => {
    const folder = temporaryFolder('gbg-restored-');
    cpSync(join(ROOT, 'server/src/rules/http-server-shutdown/testdata/graceful'), folder, { recursive: true });
    const main = pathToFileURL(join(folder, 'good_main.go')).href;
    const shutdown = pathToFileURL(join(folder, 'good_shutdown.go')).href;
    const read = (uri: string) => readFileSync(new URL(uri), 'utf8');
    // Tabs restored at start-up: both open before the folder is read.
    const first = diagnosticsAt(main, 1, async () => {
      await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: shutdown, languageId: 'go', version: 1, text: read(shutdown) } });
      await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: main, languageId: 'go', version: 1, text: read(main) } });
    });
    const shutdownFindings = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'http-server-shutdown');
    assert.deepEqual(shutdownFindings(await first), []);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: shutdown } });
    // The next analysis of main.go must still see the Shutdown call of the closed file.
    const edited = await diagnosticsAt(main, 2, () =>
      session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: main, version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// Command api.\n' }],
      }),
    );
    assert.deepEqual(shutdownFindings(edited), []);
    assert.ok(edited.length > 0, 'the other findings of main.go are still there');
  });

  test("another package of the module is read for its helpers' facts, and followed as it is edited and saved", async () => {
    const folder = temporaryFolder('gbg-module-');
    cpSync(join(ROOT, 'server/src/rules/sql-rows-close/testdata/module'), folder, { recursive: true });
    const report = pathToFileURL(join(folder, 'report/bad.go')).href;
    const helpers = join(folder, 'internal/rowsutil/rowsutil.go');
    const helpersUri = pathToFileURL(helpers).href;
    const rowsFindings = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'sql-rows-close').map((d) => d.range.start.line);
    const opened = await diagnosticsAt(report, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: report, languageId: 'go', version: 1, text: readFileSync(join(folder, 'report/bad.go'), 'utf8') } }),
    );
    // IDs only reads the rows (line 11); Close closes them, after an early return (line 20).
    assert.deepEqual(rowsFindings(opened), [10, 19]);
    // Typed in the helper's package: IDs now closes the rows it reads, and the importer sees it.
    const original = readFileSync(helpers, 'utf8');
    const closing = original.replace('\tvar ids []int64\n', '\tdefer rows.Close()\n\tvar ids []int64\n');
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: helpersUri, languageId: 'go', version: 1, text: original } });
    const edited = await diagnosticsAt(report, 1, () =>
      session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: helpersUri, version: 2 }, contentChanges: [{ text: closing }] }),
    );
    assert.deepEqual(rowsFindings(edited), [19]);
    // Closed unsaved: the package is as on disk again. Then saved by another program.
    const reverted = await diagnosticsAt(report, 1, () => session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: helpersUri } }));
    assert.deepEqual(rowsFindings(reverted), [10, 19]);
    writeFileSync(helpers, closing);
    const saved = await diagnosticsAt(report, 1, () =>
      session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: helpersUri, type: 2 }] }),
    );
    assert.deepEqual(rowsFindings(saved), [19]);
  });

  test('a chain of context facts two imports away is followed from disk, as the CLI follows it', async () => {
    const folder = temporaryFolder('gbg-values-');
    cpSync(join(ROOT, 'server/src/rules/context-propagation/testdata/values'), folder, { recursive: true });
    const api = join(folder, 'api/bad.go');
    const uri = pathToFileURL(api).href;
    const diagnostics = await diagnosticsAt(uri, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(api, 'utf8') } }),
    );
    const information = diagnostics.filter((d) => d.code === 'context-propagation' && d.severity === 3).map((d) => d.range.start.line);
    // Line 18 goes through the service package to the repository, which api/bad.go uses directly too (line 25).
    assert.deepEqual(information, [17, 24]);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--no-cache', '--format', 'json', api], { encoding: 'utf8' });
    const fromCli = (JSON.parse(cli.stdout) as { findings: Array<{ rule: string; severity: string; line: number }> }).findings
      .filter((f) => f.rule === 'context-propagation' && f.severity === 'information')
      .map((f) => f.line - 1);
    assert.deepEqual(fromCli, information);
  });

  test("a Gin helper of another package that aborts the request (through an unexported one) is seen, as the CLI sees it", async () => {
    const folder = temporaryFolder('gbg-gin-helpers-');
    cpSync(join(ROOT, 'server/src/rules/gin-abort-without-return/testdata/helpers'), folder, { recursive: true });
    const api = join(folder, 'api/bad.go');
    const uri = pathToFileURL(api).href;
    const diagnostics = await diagnosticsAt(uri, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(api, 'utf8') } }),
    );
    const lines = diagnostics.filter((d) => d.code === 'gin-abort-without-return').map((d) => d.range.start.line + 1);
    assert.deepEqual(lines, [24]);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--no-cache', '--format', 'json', api], { encoding: 'utf8' });
    const fromCli = (JSON.parse(cli.stdout) as { findings: Array<{ rule: string; line: number }> }).findings.filter((f) => f.rule === 'gin-abort-without-return').map((f) => f.line);
    assert.deepEqual(fromCli, lines);
  });

  test('code only command-line tools run is lowered from disk in the background, as the CLI lowers it', async () => {
    const folder = temporaryFolder('gbg-programs-');
    cpSync(join(ROOT, 'test/fixtures/programs'), folder, { recursive: true });
    const admin = join(folder, 'cmd/admin/main.go');
    const uri = pathToFileURL(admin).href;
    const timeouts = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'http-client-timeout').map((d) => `${d.range.start.line + 1}:${d.severity}`);
    // First as it stands without the module's programs (the graph is built off the keystroke), then lowered.
    let diagnostics = await diagnosticsAt(uri, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(admin, 'utf8') } }),
    );
    for (let round = 0; timeouts(diagnostics).includes('34:2') && round < 5; round++) diagnostics = await within(10_000, session.nextDiagnostics(uri), 'the lowered diagnostics').then((params) => params.diagnostics);
    assert.deepEqual(timeouts(diagnostics), ['34:3', '44:2']);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--no-cache', '--format', 'json', admin], { encoding: 'utf8' });
    const fromCli = (JSON.parse(cli.stdout) as { findings: Array<{ rule: string; severity: string; line: number }> }).findings
      .filter((f) => f.rule === 'http-client-timeout')
      .map((f) => `${f.line}:${f.severity === 'information' ? 3 : 2}`);
    assert.deepEqual(fromCli, timeouts(diagnostics));
  });

  test("SQL built from a parameter every caller in the module fixes goes once the module's calls are read, as in the CLI", async () => {
    const folder = temporaryFolder('gbg-callers-');
    cpSync(join(ROOT, 'test/fixtures/callers'), folder, { recursive: true });
    const store = join(folder, 'store/store.go');
    const uri = pathToFileURL(store).href;
    const lines = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'sql-string-building').map((d) => d.range.start.line + 1);
    let diagnostics = await diagnosticsAt(uri, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: readFileSync(store, 'utf8') } }),
    );
    for (let round = 0; lines(diagnostics).includes(15) && round < 5; round++) diagnostics = await within(10_000, session.nextDiagnostics(uri), 'the diagnostics without List').then((params) => params.diagnostics);
    const cli = spawnSync(process.execPath, [join(ROOT, 'bin/go-backend-guide.js'), 'check', '--no-cache', '--format', 'json', store], { encoding: 'utf8' });
    const fromCli = (JSON.parse(cli.stdout) as { findings: Array<{ rule: string; line: number }> }).findings.filter((f) => f.rule === 'sql-string-building').map((f) => f.line);
    assert.ok(!fromCli.includes(15) && fromCli.length >= 4, fromCli.join(', '));
    assert.deepEqual(lines(diagnostics), fromCli);
  });

  test('didOpen of a document already open, with invalid content, leaves the open one working', async () => {
    const folder = temporaryFolder('gbg-reopen-');
    const uri = pathToFileURL(join(folder, 'server.go')).href;
    const opened = await diagnosticsAt(uri, 1, () =>
      session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } }),
    );
    assert.equal(opened.length, 1);
    for (const text of [null, 42, { not: 'text' }]) {
      await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 2, text } });
    }
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: opened[0].range.start })) as Hover;
    assert.match((hover.contents as { value: string }).value, /http-server-timeouts/);
    const edited = await diagnosticsAt(uri, 3, () =>
      session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 3 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// Package api.\n' }],
      }),
    );
    assert.equal(edited[0].range.start.line, opened[0].range.start.line + 1);
  });
});

/** `promise`, or a failure naming `what` after `ms` milliseconds: a hang fails fast instead of at the test timeout. */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('language server: malformed and cancelled requests', () => {
  const folder = temporaryFolder('gbg-hygiene-');
  const uri = pathToFileURL(join(folder, 'server.go')).href;
  let session: LspSession;
  before(async () => {
    session = new LspSession();
    await session.initialize();
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text: SERVER_GO } });
    await published;
  });
  after(async () => {
    assert.equal(await session.stop(), 0);
  });

  async function failure(method: string, params: unknown): Promise<{ code: number; message: string }> {
    try {
      await session.connection.sendRequest(method, params);
    } catch (error) {
      return error as { code: number; message: string };
    }
    throw new Error(`${method} succeeded`);
  }

  test('invalid params answer InvalidParams with what is wrong; unknown requests MethodNotFound', async () => {
    const position = { line: 5, character: 12 };
    const cases: [string, unknown, RegExp][] = [
      ['textDocument/hover', { textDocument: null, position }, /params\.textDocument must be an object/],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: 0 } }, /params\.position\.line must be a non-negative integer/],
      ['textDocument/hover', { textDocument: { uri: 7 }, position }, /params\.textDocument\.uri must be a string/],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [] } }, /params\.range must be an object/],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: 'none' } }, /params\.context\.diagnostics must be an array/],
      ['workspace/executeCommand', { command: 42 }, /params\.command must be a string/],
      ['goBackendGuide/checkFiles', { uris: [1] }, /params\.uris\[0\] must be a string/],
    ];
    for (const [method, params, message] of cases) {
      const error = await failure(method, params);
      assert.equal(error.code, -32602, `${method} ${JSON.stringify(params)}`);
      assert.match(error.message, message);
      assert.doesNotMatch(error.message, /Cannot read properties|undefined|null \(/);
    }
    assert.equal((await failure('textDocument/definitelyNot', {})).code, -32601);
    // Still serving.
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as Hover;
    assert.match((hover.contents as { value: string }).value, /http-server-timeouts/);
  });

  test('a notification with bad params is logged once and changes nothing', async () => {
    for (let i = 0; i < 3; i++) {
      await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: null });
      await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] });
    }
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 12 } })) as Hover;
    assert.match((hover.contents as { value: string }).value, /http-server-timeouts/);
    const logged = session.logs.filter((line) => line.includes('textDocument/didChange'));
    assert.deepEqual(logged, [
      'ignored: textDocument/didChange: params.contentChanges must be an array',
      'ignored: textDocument/didChange: params.contentChanges[0].range.start.character must be a non-negative integer',
    ]);
  });

  test('a request cancelled before the server reaches it is answered RequestCancelled without running', async () => {
    // A large whole-text change keeps the server parsing while the hover and its cancellation arrive.
    const big = SERVER_GO + '\nvar _ = 1\n'.repeat(60_000);
    await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: big }] });
    const source = new CancellationTokenSource();
    const hover = session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 12 } }, source.token);
    source.cancel();
    await assert.rejects(hover, (error: { code: number }) => error.code === -32800);
  });
});

test('a hover is answered between two files of its package being analysed again, not after all of them', async () => {
  const session = new LspSession();
  session.recordWrites();
  await session.initialize();
  const folder = temporaryFolder('gbg-busy-');
  const uris = Array.from({ length: 8 }, (_, i) => pathToFileURL(join(folder, `file${i}.go`)).href);
  const text = buildFile(1200);
  for (const uri of uris) {
    const published = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
    await published;
  }
  // A new type in file0 changes the package index: the other seven are analysed again in full.
  const [edited, ...mates] = uris;
  const republished = mates.map((uri) => session.nextDiagnostics(uri));
  const from = session.written.length;
  await session.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: edited, version: 2 },
    contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'type Extra struct{ n int }\n\n' }],
  });
  await Promise.race(republished);
  const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: edited }, position: { line: 20, character: 10 } })) as Hover | null;
  await Promise.all(republished);
  const written = session.written.slice(from);
  const reply = written.findIndex((line) => line.startsWith('reply'));
  const matesAfter = written.slice(reply).filter((line) => mates.some((uri) => line === `textDocument/publishDiagnostics ${uri}`)).length;
  assert.ok(matesAfter >= 3, `the hover waited for the package: ${written.join(' | ')}`);
  assert.notEqual(hover, undefined);
  assert.equal(await session.stop(), 0);
});

test("a field's type edited in one open file changes the findings of its open package mate", async () => {
  const session = new LspSession();
  await session.initialize('en', {}, { serverStatusNotification: true });
  const folder = temporaryFolder('gbg-mates-');
  writeFileSync(join(folder, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
  const store = pathToFileURL(join(folder, 'store.go')).href;
  const use = pathToFileURL(join(folder, 'use.go')).href;
  // The findings on use.go once the server has nothing left to do.
  const findingsInUse = async () => {
    await session.settled();
    return (session.latest.get(use)?.diagnostics ?? []).map((d) => d.code).sort();
  };
  const open = (uri: string, text: string) => session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'go', version: 1, text } });
  // Whether `s.db.Query` returns *sql.Rows is known only from the struct declared in store.go.
  await open(store, 'package store\n\nimport "database/sql"\n\ntype Store struct {\n\tdb *sql.DB\n}\n');
  await open(use, 'package store\n\nfunc (s *Store) names() error {\n\trows, err := s.db.Query("SELECT name FROM users")\n\tif err != nil {\n\t\treturn err\n\t}\n\tfor rows.Next() {\n\t}\n\treturn nil\n}\n');
  assert.deepEqual(await findingsInUse(), ['sql-rows-close', 'sql-rows-err']);
  let version = 1;
  const retype = (from: string, to: string) =>
    session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: store, version: ++version },
      contentChanges: [{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 4 + from.length } }, text: to }],
    });
  await retype('*sql.DB', '*other');
  assert.deepEqual(await findingsInUse(), []);
  await retype('*other', '*sql.DB');
  assert.deepEqual(await findingsInUse(), ['sql-rows-close', 'sql-rows-err']);
  assert.equal(await session.stop(), 0);
});
