// The packaged extension in a real VS Code: diagnostics, hovers, quick fixes, suppression,
// settings, the guide and the snippets, driven through the public `vscode` API. Every wait is
// on an event (diagnostics changing, a tab opening), bounded by a timeout, never a sleep.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { GoBackendGuideApi } from '../../../client/src/extension';

interface Case {
  /** Relative to the workspace; every rule but the first four has a folder (and package) of its own. */
  file: string;
  rule: string;
  range: [number, number, number, number];
  chapter: string;
  /** The rule's default severity; log-unstructured is off by default and turned on by the workspace's .go-backend-guide.json. */
  severity: vscode.DiagnosticSeverity;
  /** Whether the rule has a preferred quick fix; its result is test/e2e/testdata/golden/<file>. */
  fix: boolean;
}

const { Warning, Information, Hint } = vscode.DiagnosticSeverity;

const CASES: Case[] = [
  { file: 'server.go', rule: 'http-server-timeouts', range: [5, 9, 5, 20], chapter: '01-http-servers.md', severity: Warning, fix: true },
  { file: 'rows.go', rule: 'sql-rows-close', range: [8, 1, 8, 5], chapter: '03-databases.md', severity: Warning, fix: true },
  { file: 'handler.go', rule: 'context-propagation', range: [10, 16, 10, 20], chapter: '04-context.md', severity: Warning, fix: true },
  { file: 'fanout.go', rule: 'goroutine-in-loop', range: [8, 2, 8, 11], chapter: '05-concurrency.md', severity: Warning, fix: true },
  // One folder per rule, whose main.go has exactly one finding of all the rules together.
  { file: 'context-cancel/main.go', rule: 'context-cancel', range: [13, 6, 13, 12], chapter: '04-context.md', severity: Warning, fix: true },
  { file: 'defer-in-loop/main.go', rule: 'defer-in-loop', range: [11, 2, 11, 17], chapter: '09-frameworks.md', severity: Warning, fix: false },
  { file: 'error-compare/main.go', rule: 'error-compare', range: [12, 4, 12, 24], chapter: '06-errors.md', severity: Warning, fix: true },
  { file: 'errorf-wrap/main.go', rule: 'errorf-wrap', range: [10, 42, 10, 44], chapter: '06-errors.md', severity: Warning, fix: true },
  { file: 'gin-abort-without-return/main.go', rule: 'gin-abort-without-return', range: [11, 2, 11, 23], chapter: '09-frameworks.md', severity: Warning, fix: true },
  { file: 'goroutine-loop-var/main.go', rule: 'goroutine-loop-var', range: [10, 8, 10, 9], chapter: '05-concurrency.md', severity: Warning, fix: true },
  { file: 'goroutine-without-exit/main.go', rule: 'goroutine-without-exit', range: [5, 1, 5, 3], chapter: '05-concurrency.md', severity: Information, fix: false },
  { file: 'grpc-insecure-credentials/main.go', rule: 'grpc-insecure-credentials', range: [9, 32, 9, 57], chapter: '08-security.md', severity: Warning, fix: false },
  { file: 'http-client-timeout/main.go', rule: 'http-client-timeout', range: [8, 14, 8, 25], chapter: '02-http-clients.md', severity: Warning, fix: true },
  { file: 'http-max-header-bytes/main.go', rule: 'http-max-header-bytes', range: [8, 9, 8, 20], chapter: '01-http-servers.md', severity: Hint, fix: true },
  { file: 'http-response-body-close/main.go', rule: 'http-response-body-close', range: [13, 1, 13, 5], chapter: '02-http-clients.md', severity: Warning, fix: true },
  { file: 'http-serve-without-timeouts/main.go', rule: 'http-serve-without-timeouts', range: [10, 8, 10, 27], chapter: '01-http-servers.md', severity: Warning, fix: true },
  { file: 'http-server-shutdown/main.go', rule: 'http-server-shutdown', range: [16, 15, 16, 29], chapter: '01-http-servers.md', severity: Information, fix: false },
  { file: 'http-transport-limits/main.go', rule: 'http-transport-limits', range: [10, 14, 10, 28], chapter: '02-http-clients.md', severity: Hint, fix: true },
  { file: 'log-unstructured/main.go', rule: 'log-unstructured', range: [9, 1, 9, 11], chapter: '07-observability.md', severity: Information, fix: false },
  { file: 'metric-label-cardinality/main.go', rule: 'metric-label-cardinality', range: [11, 26, 11, 36], chapter: '07-observability.md', severity: Warning, fix: false },
  { file: 'mutex-unlock/main.go', rule: 'mutex-unlock', range: [13, 1, 13, 12], chapter: '05-concurrency.md', severity: Warning, fix: true },
  { file: 'otel-span-end/main.go', rule: 'otel-span-end', range: [12, 6, 12, 10], chapter: '07-observability.md', severity: Warning, fix: true },
  { file: 'recover-outside-defer/main.go', rule: 'recover-outside-defer', range: [6, 10, 6, 19], chapter: '06-errors.md', severity: Warning, fix: false },
  { file: 'redis-lock-without-ttl/main.go', rule: 'redis-lock-without-ttl', range: [9, 35, 9, 36], chapter: '08-security.md', severity: Warning, fix: false },
  { file: 'shared-counter-race/main.go', rule: 'shared-counter-race', range: [12, 4, 12, 12], chapter: '05-concurrency.md', severity: Warning, fix: true },
  { file: 'sql-pool-limits/main.go', rule: 'sql-pool-limits', range: [10, 1, 10, 3], chapter: '03-databases.md', severity: Information, fix: true },
  { file: 'sql-rows-err/main.go', rule: 'sql-rows-err', range: [14, 5, 14, 9], chapter: '03-databases.md', severity: Warning, fix: true },
  { file: 'sql-string-building/main.go', rule: 'sql-string-building', range: [10, 31, 10, 77], chapter: '03-databases.md', severity: Warning, fix: false },
  { file: 'sql-tx-rollback/main.go', rule: 'sql-tx-rollback', range: [10, 1, 10, 3], chapter: '03-databases.md', severity: Warning, fix: true },
  { file: 'sync-pool-reset/main.go', rule: 'sync-pool-reset', range: [10, 1, 10, 4], chapter: '05-concurrency.md', severity: Warning, fix: true },
  { file: 'time-after-in-loop/main.go', rule: 'time-after-in-loop', range: [9, 9, 9, 32], chapter: '05-concurrency.md', severity: Information, fix: false },
  { file: 'time-tick-leak/main.go', rule: 'time-tick-leak', range: [8, 11, 8, 44], chapter: '05-concurrency.md', severity: Warning, fix: true },
  { file: 'tls-insecure-skip-verify/main.go', rule: 'tls-insecure-skip-verify', range: [16, 38, 16, 62], chapter: '08-security.md', severity: Warning, fix: false },
  { file: 'waitgroup-add-inside-goroutine/main.go', rule: 'waitgroup-add-inside-goroutine', range: [11, 3, 11, 12], chapter: '05-concurrency.md', severity: Warning, fix: true },
];

const FIXABLE = new Set(CASES.filter((c) => c.fix).map((c) => c.rule));
const GOLDEN = join(__dirname, '..', '..', '..', 'test', 'e2e', 'testdata', 'golden');
const WAIT_MS = 30_000;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'go-backend-guide');
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves once the diagnostics of `uri` satisfy `wanted`; rejects with what was there instead. */
function diagnosticsWhere(uri: vscode.Uri, wanted: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = ours(uri);
      if (!wanted(current)) return;
      done();
      resolve(current);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      const seen = ours(uri).map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`);
      reject(new Error(`timed out waiting for ${what} in ${uri.path}; diagnostics: [${seen.join(', ')}]`));
    }, WAIT_MS);
    const done = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

function hasRule(rule: string) {
  return (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === rule);
}

function lacksRule(rule: string) {
  return (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((d) => codeOf(d) === rule);
}

/** The document's text after `edit`, which only touches that document, without applying it. */
function appliedTo(document: vscode.TextDocument, edit: vscode.WorkspaceEdit): string {
  const entries = edit.entries();
  assert.ok(entries.every(([uri]) => uri.toString() === document.uri.toString()), 'the fix edits another file');
  const edits = entries
    .flatMap(([, textEdits]) => textEdits)
    .map((e, i) => ({ i, start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), text: e.newText }))
    // From the end, so earlier offsets stay valid; insertions at one offset keep their order.
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let text = document.getText();
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** Resolves when a tab whose label contains (or matches) `label` is open; the guide opens asynchronously. */
function tabOpened(label: string | RegExp): Promise<void> {
  const matches = (text: string) => (typeof label === 'string' ? text.includes(label) : label.test(text));
  const present = () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => matches(tab.label)));
  if (present()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!present()) return;
      subscription.dispose();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label));
      reject(new Error(`no tab "${label}" opened; open tabs: ${tabs.join(' | ')}`));
    }, WAIT_MS);
  });
}

/** The chapter's rendered preview is open, and the source was revealed at the rule's anchor. */
async function openedAtSection(opened: { uri: string; line: number } | undefined, chapter: string, rule: string): Promise<void> {
  assert.ok(opened, 'the command did not open the guide');
  assert.ok(opened!.uri.endsWith(`/docs/guide/en/${chapter}`), opened!.uri);
  const source = await vscode.workspace.openTextDocument(vscode.Uri.parse(opened!.uri));
  assert.equal(source.lineAt(opened!.line).text, `<a id="${rule}"></a>`);
  await tabOpened(`Preview ${chapter}`);
}

suite('Go Backend Guide in VS Code', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const c of CASES) {
    suite(c.rule, () => {
      // Every later test needs the diagnostic: when it never comes, say so once, not five times.
      // (Not mocha's bail: after any failure it skips every later suite that sets it, so one
      // broken rule would hide the results of all the rules after it.)
      let missing = false;
      const caseTest = (title: string, body: () => Promise<void>) =>
        test(title, async function () {
          if (missing) this.skip();
          await body();
        });
      const uri = vscode.Uri.joinPath(folder, c.file);
      let document: vscode.TextDocument;
      let original: string;

      suiteSetup(async () => {
        document = await vscode.workspace.openTextDocument(uri);
        original = document.getText();
        await vscode.window.showTextDocument(document);
      });

      teardown(async () => {
        if (document.getText() !== original) {
          await replaceAll(document, original);
          await diagnosticsWhere(uri, hasRule(c.rule), `${c.rule} to come back`);
        }
      });

      test('the diagnostic appears with its code, range, severity and guide link', async () => {
        const diagnostics = await diagnosticsWhere(uri, hasRule(c.rule), c.rule).catch((error: unknown) => {
          missing = true;
          throw error;
        });
        const found = diagnostics.filter((d) => codeOf(d) === c.rule);
        assert.equal(found.length, 1);
        const [d] = found;
        assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], c.range);
        assert.equal(d.severity, c.severity, `severity ${vscode.DiagnosticSeverity[d.severity]}, expected ${vscode.DiagnosticSeverity[c.severity]}`);
        const target = (d.code as { target: vscode.Uri }).target;
        assert.equal(target.scheme, 'command');
        assert.equal(target.path, 'goBackendGuide.openGuide');
      });

      caseTest('the hover explains the pitfall and its link opens the guide at the section', async () => {
        await diagnosticsWhere(uri, hasRule(c.rule), c.rule);
        // Inside the range; a one-character range has only its start.
        const at = new vscode.Position(c.range[0], c.range[1] + (c.range[2] === c.range[0] && c.range[3] - c.range[1] < 2 ? 0 : 1));
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
        // Findings sharing the range share the hover, one section each (server.go: http-max-header-bytes too).
        const markdown = hovers
          .flatMap((hover) => hover.contents)
          .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
          .flatMap((value) => value.split('\n\n---\n\n'))
          .find((value) => value.includes(`\`${c.rule}\``));
        assert.ok(markdown, `no hover mentions ${c.rule}`);
        const link = /\]\((command:goBackendGuide\.openGuide\?[^)]+)\)/.exec(markdown!)?.[1];
        assert.ok(link, `the hover has no guide link:\n${markdown}`);
        const args = JSON.parse(decodeURIComponent(link!.slice(link!.indexOf('?') + 1))) as string[];
        assert.match(args[0], new RegExp(`/docs/guide/en/${c.chapter}#${c.rule}$`));

        const opened = await vscode.commands.executeCommand<{ uri: string; line: number }>('goBackendGuide.openGuide', ...args);
        await openedAtSection(opened, c.chapter, c.rule);
        await vscode.window.showTextDocument(document);
      });

      /**
       * The preferred actions at the finding's range. Another rule's finding may share that range
       * (server.go: http-max-header-bytes), and the actions the API returns do not say which
       * diagnostic they fix: expect one preferred fix per fixable finding there.
       */
      async function preferredFixes(): Promise<{ preferred: vscode.CodeAction[]; others: number; titles: string }> {
        const diagnostics = await diagnosticsWhere(uri, hasRule(c.rule), c.rule);
        const [d] = diagnostics.filter((x) => codeOf(x) === c.rule);
        const others = diagnostics.filter((x) => codeOf(x) !== c.rule && FIXABLE.has(codeOf(x)) && x.range.intersection(d.range)).length;
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
        return {
          preferred: actions.filter((a) => a.isPreferred),
          others,
          titles: actions.map((a) => `${a.title} (${a.isPreferred})`).join(' | '),
        };
      }

      if (c.fix) {
        caseTest('the preferred quick fix produces the golden text and clears the finding', async () => {
          const { preferred, others, titles } = await preferredFixes();
          assert.equal(preferred.length, 1 + others, `preferred fixes: ${titles}`);
          const golden = readFileSync(join(GOLDEN, c.file), 'utf8');
          const matching = preferred.filter((a) => a.edit && appliedTo(document, a.edit) === golden);
          assert.equal(matching.length, 1, `no preferred fix gives ${c.file}'s golden text; preferred fixes: ${titles}`);
          assert.equal(matching[0].kind?.value, 'quickfix');
          assert.ok(await vscode.workspace.applyEdit(matching[0].edit!));
          assert.equal(document.getText(), golden);
          await diagnosticsWhere(uri, lacksRule(c.rule), `${c.rule} to go away after the fix`);
        });
      } else {
        caseTest('no preferred quick fix is offered', async () => {
          const { preferred, others, titles } = await preferredFixes();
          assert.equal(preferred.length, others, `preferred fixes: ${titles}`);
        });
      }

      caseTest('"suppress on this line" inserts //nolint and the finding goes away', async () => {
        const [d] = (await diagnosticsWhere(uri, hasRule(c.rule), c.rule)).filter((x) => codeOf(x) === c.rule);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
        const suppress = actions.find((a) => a.title === `Suppress ${c.rule} on this line`);
        assert.ok(suppress, `no suppress action among: ${actions.map((a) => a.title).join(' | ')}`);
        assert.ok(await vscode.workspace.applyEdit(suppress!.edit!));
        assert.match(document.lineAt(c.range[0]).text, new RegExp(`//nolint:${c.rule}$`));
        await diagnosticsWhere(uri, lacksRule(c.rule), `${c.rule} to be suppressed`);
      });

      caseTest('severity "off" in the settings removes the finding without a reload', async () => {
        await diagnosticsWhere(uri, hasRule(c.rule), c.rule);
        const settings = vscode.workspace.getConfiguration('goBackendGuide');
        await settings.update('rules', { [c.rule]: 'off' }, vscode.ConfigurationTarget.Global);
        try {
          await diagnosticsWhere(uri, lacksRule(c.rule), `${c.rule} to be turned off`);
        } finally {
          await settings.update('rules', undefined, vscode.ConfigurationTarget.Global);
        }
        await diagnosticsWhere(uri, hasRule(c.rule), `${c.rule} to be back on`);
      });
    });
  }

  test('"Go Backend Guide: Open Guide" opens a chapter at the section asked for', async () => {
    const opened = await vscode.commands.executeCommand<{ uri: string; line: number }>('goBackendGuide.openGuide', 'context:context-propagation');
    await openedAtSection(opened, '04-context.md', 'context-propagation');
    const groups = vscode.window.tabGroups.all.filter((group) => group.tabs.some((tab) => tab.label.startsWith('Preview 0')));
    assert.equal(groups.length, 1, 'every chapter opens in the same group beside the code');
  });

  test('"Check Workspace" fills the Problems panel for every Go file of the workspace', async () => {
    const result = await vscode.commands.executeCommand<{ checked: number; findings: number; cancelled: boolean }>('goBackendGuide.checkWorkspace');
    // One finding per file, but server.go also has http-max-header-bytes (hint) and http-server-shutdown (information).
    assert.deepEqual(result, { checked: CASES.length, findings: CASES.length + 2, cancelled: false });
    for (const c of CASES) assert.ok(hasRule(c.rule)(ours(vscode.Uri.joinPath(folder, c.file))), `${c.file} has no ${c.rule} after the check`);
  });

  test('the snippets are offered by completion in a Go file', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'go', content: 'package main\n\nfunc f() {\n\tgbg\n}\n' });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(3, 4));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    const snippets = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'snippets', 'go.json'), 'utf8')) as Record<string, { prefix: string }>;
    for (const { prefix } of Object.values(snippets)) assert.ok(labels.includes(prefix), `${prefix} not offered; got ${labels.filter((l) => l.startsWith('gbg')).join(', ')}`);
  });
});

suite('The guide view and the walkthrough', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const extension = () => vscode.extensions.getExtension<GoBackendGuideApi>('go-backend-guide.go-backend-guide')!;

  test('the view lists every chapter with its rules, and the findings of open files under their rule', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.goBackendGuide');
    const tree = extension().exports.guideTree;
    const uri = vscode.Uri.joinPath(folder, 'server.go');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'http-server-timeouts');

    const chapters = await tree.getChildren();
    assert.deepEqual(
      chapters.map((node) => (node.kind === 'chapter' ? tree.getTreeItem(node).label : node.kind)),
      ['1. HTTP servers', '2. HTTP clients', '3. Databases', '4. Context', '5. Concurrency', '6. Errors', '7. Observability', '8. Security and RPC', '9. Frameworks'],
    );
    const servers = chapters[0];
    const rules = await tree.getChildren(servers);
    assert.ok(rules.length >= 4, `chapter 1 has ${rules.length} rules`);
    const timeouts = rules.find((node) => node.kind === 'rule' && node.rule.id === 'http-server-timeouts')!;
    const [finding] = await tree.getChildren(timeouts);
    const item = tree.getTreeItem(finding);
    assert.equal(item.description, 'server.go:6');
    assert.equal(item.command!.command, 'vscode.open');

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(item.command!.command, ...item.command!.arguments!);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.selection.start.line, 5);

    const rule = tree.getTreeItem(timeouts);
    const opened = await vscode.commands.executeCommand<{ uri: string; line: number }>(rule.command!.command, ...rule.command!.arguments!);
    await openedAtSection(opened, '01-http-servers.md', 'http-server-timeouts');
  });

  test('every rule the guide lists has a case above', async () => {
    const tree = extension().exports.guideTree;
    const rules: string[] = [];
    for (const chapter of await tree.getChildren()) {
      for (const node of await tree.getChildren(chapter)) if (node.kind === 'rule') rules.push(node.rule.id);
    }
    assert.deepEqual(CASES.map((c) => c.rule).sort(), rules.sort());
  });

  test('the walkthrough opens with its four steps', async () => {
    const walkthrough = (extension().packageJSON as { contributes: { walkthroughs: { id: string; steps: { media: { image: string } }[] }[] } }).contributes.walkthroughs[0];
    assert.equal(walkthrough.steps.length, 4);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `go-backend-guide.go-backend-guide#${walkthrough.id}`, false);
    // The tab is "Welcome" in older VS Code, "Walkthrough: <title>" in code-server 4.10x.
    await tabOpened(/^(Welcome|Walkthrough\b)/);
    for (const step of walkthrough.steps) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, step.media.image));
  });
});

suite('The language server comes back after a crash', () => {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, 'server.go');
  const api = () => vscode.extensions.getExtension<GoBackendGuideApi>('go-backend-guide.go-backend-guide')!.exports;

  /** Our language server: the child of this extension host that runs dist/server.js (Linux /proc). */
  function serverPid(): number | undefined {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (parent === process.pid && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('dist/server.js')) return Number(name);
      } catch {
        // the process ended meanwhile
      }
    }
    return undefined;
  }

  /** Kills the server and resolves once its diagnostics are gone (the client saw it die). */
  async function crash(): Promise<number> {
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding before the crash');
    const pid = serverPid();
    assert.ok(pid, 'no language server process found');
    process.kill(pid!, 'SIGKILL');
    await diagnosticsWhere(uri, (d) => d.length === 0, 'the diagnostics of the dead server to be cleared');
    return pid!;
  }

  suiteSetup(async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  test('killed, the server is restarted; diagnostics, hovers and settings work again', async () => {
    const killed = await crash();
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding from the restarted server');
    assert.ok(api().server.running);
    const pid = serverPid();
    assert.ok(pid && pid !== killed, `a new server process (${pid}, killed ${killed})`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(5, 12));
    const text = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''));
    assert.ok(text.some((value) => value.includes('`http-server-timeouts`')), `hover after the restart: ${text.join(' | ')}`);
    const settings = vscode.workspace.getConfiguration('goBackendGuide');
    await settings.update('rules', { 'http-server-timeouts': 'off' }, vscode.ConfigurationTarget.Global);
    try {
      await diagnosticsWhere(uri, lacksRule('http-server-timeouts'), 'the setting to apply in the restarted server');
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding to be back on');
  });

  test('after four crashes in three minutes it stays stopped with a message, until "Restart Server"', async () => {
    for (let crashes = 2; crashes <= 3; crashes++) {
      await crash();
      await diagnosticsWhere(uri, hasRule('http-server-timeouts'), `the finding after restart ${crashes}`);
    }
    await crash();
    assert.equal(api().server.running, false);
    const notices = api().server.notices;
    assert.ok(notices.some((notice) => notice.includes('stopped unexpectedly and was restarted (2 times in 3 minutes)')), notices.join(' | '));
    assert.match(notices.at(-1)!, /crashed 4 times in 3 minutes and was stopped/);
    await vscode.commands.executeCommand('goBackendGuide.restartServer');
    await diagnosticsWhere(uri, hasRule('http-server-timeouts'), 'the finding after "Restart Server"');
    assert.ok(api().server.running);
  });
});
