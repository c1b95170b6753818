// The packaged extension in a real VS Code: diagnostics, hovers, quick fixes, suppression,
// settings, the guide and the snippets, driven through the public `vscode` API. Every wait is
// on an event (diagnostics changing, a tab opening), bounded by a timeout, never a sleep.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { GoBackendGuideApi } from '../../../client/src/extension';

interface Case {
  file: string;
  rule: string;
  range: [number, number, number, number];
  chapter: string;
}

const CASES: Case[] = [
  { file: 'server.go', rule: 'http-server-timeouts', range: [5, 9, 5, 20], chapter: '01-http-servers.md' },
  { file: 'rows.go', rule: 'sql-rows-close', range: [8, 1, 8, 5], chapter: '03-databases.md' },
  { file: 'handler.go', rule: 'context-propagation', range: [10, 16, 10, 20], chapter: '04-context.md' },
  { file: 'fanout.go', rule: 'goroutine-in-loop', range: [8, 2, 8, 11], chapter: '05-concurrency.md' },
];

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

async function replaceAll(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** Resolves when a tab whose label contains `label` is open; the guide opens asynchronously. */
function tabOpened(label: string): Promise<void> {
  const present = () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label.includes(label)));
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
      reject(new Error(`no tab "${label}" opened`));
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
    suite(c.rule, function () {
      // Every later test needs the diagnostic: when it never comes, say so once, not five times.
      this.bail(true);
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
        const diagnostics = await diagnosticsWhere(uri, hasRule(c.rule), c.rule);
        const found = diagnostics.filter((d) => codeOf(d) === c.rule);
        assert.equal(found.length, 1);
        const [d] = found;
        assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], c.range);
        assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
        const target = (d.code as { target: vscode.Uri }).target;
        assert.equal(target.scheme, 'command');
        assert.equal(target.path, 'goBackendGuide.openGuide');
      });

      test('the hover explains the pitfall and its link opens the guide at the section', async () => {
        await diagnosticsWhere(uri, hasRule(c.rule), c.rule);
        const at = new vscode.Position(c.range[0], c.range[1] + 1);
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
        const markdown = hovers
          .flatMap((hover) => hover.contents)
          .map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))
          .find((value) => value.includes(c.rule));
        assert.ok(markdown, `no hover mentions ${c.rule}`);
        const link = /\]\((command:goBackendGuide\.openGuide\?[^)]+)\)/.exec(markdown!)?.[1];
        assert.ok(link, `the hover has no guide link:\n${markdown}`);
        const args = JSON.parse(decodeURIComponent(link!.slice(link!.indexOf('?') + 1))) as string[];
        assert.match(args[0], new RegExp(`/docs/guide/en/${c.chapter}#${c.rule}$`));

        const opened = await vscode.commands.executeCommand<{ uri: string; line: number }>('goBackendGuide.openGuide', ...args);
        await openedAtSection(opened, c.chapter, c.rule);
        await vscode.window.showTextDocument(document);
      });

      test('the preferred quick fix produces the golden text and clears the finding', async () => {
        const [d] = (await diagnosticsWhere(uri, hasRule(c.rule), c.rule)).filter((x) => codeOf(x) === c.rule);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
        const preferred = actions.filter((a) => a.isPreferred);
        assert.equal(preferred.length, 1, `preferred fixes: ${actions.map((a) => `${a.title} (${a.isPreferred})`).join(' | ')}`);
        assert.equal(preferred[0].kind?.value, 'quickfix');
        assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!));
        assert.equal(document.getText(), readFileSync(join(GOLDEN, c.file), 'utf8'));
        await diagnosticsWhere(uri, lacksRule(c.rule), `${c.rule} to go away after the fix`);
      });

      test('"suppress on this line" inserts //nolint and the finding goes away', async () => {
        const [d] = (await diagnosticsWhere(uri, hasRule(c.rule), c.rule)).filter((x) => codeOf(x) === c.rule);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
        const suppress = actions.find((a) => a.title === `Suppress ${c.rule} on this line`);
        assert.ok(suppress, `no suppress action among: ${actions.map((a) => a.title).join(' | ')}`);
        assert.ok(await vscode.workspace.applyEdit(suppress!.edit!));
        assert.match(document.lineAt(c.range[0]).text, new RegExp(`//nolint:${c.rule}$`));
        await diagnosticsWhere(uri, lacksRule(c.rule), `${c.rule} to be suppressed`);
      });

      test('severity "off" in the settings removes the finding without a reload', async () => {
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
    assert.deepEqual(result, { checked: 4, findings: 4, cancelled: false });
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

  test('the walkthrough opens with its four steps', async () => {
    const walkthrough = (extension().packageJSON as { contributes: { walkthroughs: { id: string; steps: { media: { image: string } }[] }[] } }).contributes.walkthroughs[0];
    assert.equal(walkthrough.steps.length, 4);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `go-backend-guide.go-backend-guide#${walkthrough.id}`, false);
    await tabOpened('Welcome');
    for (const step of walkthrough.steps) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension().extensionUri, step.media.image));
  });
});
