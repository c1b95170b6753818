import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CATALOG_REQUEST, type Catalog } from '../../server/src/lsp/requests';
import { OPEN_GUIDE_COMMAND } from './guide';

export const GUIDE_VIEW = 'goBackendGuide.chapters';
const SOURCE = 'go-backend-guide';

type Chapter = Catalog['chapters'][number];
type RuleEntry = Chapter['rules'][number];

export type GuideNode =
  | { kind: 'chapter'; chapter: Chapter; findings: Finding[] }
  | { kind: 'rule'; chapter: Chapter; rule: RuleEntry; findings: Finding[] }
  | { kind: 'finding'; finding: Finding };

export interface Finding {
  uri: vscode.Uri;
  diagnostic: vscode.Diagnostic;
}

/**
 * The "Go Backend Guide" view: the chapters, the rules of each, and under every rule the
 * current findings of the files VS Code has diagnostics for. Clicking a chapter or a rule opens
 * the guide there; clicking a finding opens the code.
 */
export class GuideTree implements vscode.TreeDataProvider<GuideNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GuideNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private catalog: Promise<Catalog> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly language: () => string,
  ) {
    // Diagnostics arrive in bursts (one per file); redraw once the burst is over.
    this.subscriptions.push(vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()));
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('goBackendGuide.language')) return;
        this.catalog = undefined;
        this.refreshSoon();
      }),
    );
  }

  private refreshSoon(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => this.changed.fire(undefined), 150);
  }

  async getChildren(node?: GuideNode): Promise<GuideNode[]> {
    if (node?.kind === 'finding') return [];
    const findings = ourFindings();
    if (!node) {
      this.catalog ??= this.client.sendRequest<Catalog>(CATALOG_REQUEST, { language: this.language() });
      const { chapters } = await this.catalog;
      return chapters.map((chapter) => ({ kind: 'chapter', chapter, findings: findings.filter((f) => chapter.rules.some((r) => r.id === ruleOf(f))) }));
    }
    if (node.kind === 'chapter') {
      return node.chapter.rules.map((rule) => ({ kind: 'rule', chapter: node.chapter, rule, findings: node.findings.filter((f) => ruleOf(f) === rule.id) }));
    }
    return node.findings.map((finding) => ({ kind: 'finding', finding }));
  }

  getTreeItem(node: GuideNode): vscode.TreeItem {
    if (node.kind === 'finding') return findingItem(node.finding);
    const collapsed = node.findings.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    if (node.kind === 'chapter') {
      const item = new vscode.TreeItem(`${node.chapter.number}. ${node.chapter.title}`, collapsed);
      item.id = `chapter:${node.chapter.id}`;
      item.description = node.findings.length > 0 ? String(node.findings.length) : undefined;
      item.iconPath = new vscode.ThemeIcon('book');
      item.contextValue = 'chapter';
      item.command = { title: 'Open Guide', command: OPEN_GUIDE_COMMAND, arguments: [`${node.chapter.id}:`] };
      return item;
    }
    const item = new vscode.TreeItem(node.rule.title, node.findings.length > 0 ? collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `rule:${node.rule.id}`;
    item.description = node.findings.length > 0 ? `${node.rule.id} · ${node.findings.length}` : node.rule.id;
    item.tooltip = new vscode.MarkdownString(node.rule.summary);
    item.iconPath = severityIcon(node.findings);
    item.contextValue = 'rule';
    item.command = { title: 'Open Guide', command: OPEN_GUIDE_COMMAND, arguments: [`${node.chapter.id}:${node.rule.id}`] };
    return item;
  }

  dispose(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

function ourFindings(): Finding[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) => diagnostics.filter((d) => d.source === SOURCE).map((diagnostic) => ({ uri, diagnostic })))
    .sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()) || a.diagnostic.range.start.compareTo(b.diagnostic.range.start));
}

function ruleOf(finding: Finding): string | undefined {
  const code = finding.diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

function findingItem({ uri, diagnostic }: Finding): vscode.TreeItem {
  const item = new vscode.TreeItem(diagnostic.message, vscode.TreeItemCollapsibleState.None);
  item.description = `${vscode.workspace.asRelativePath(uri)}:${diagnostic.range.start.line + 1}`;
  item.iconPath = severityIcon([{ uri, diagnostic }]);
  item.contextValue = 'finding';
  item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { selection: diagnostic.range } satisfies vscode.TextDocumentShowOptions] };
  return item;
}

/** The icon of the most severe finding, as the Problems panel draws it. */
function severityIcon(findings: readonly Finding[]): vscode.ThemeIcon {
  if (findings.length === 0) return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  const worst = Math.min(...findings.map((f) => f.diagnostic.severity));
  switch (worst) {
    case vscode.DiagnosticSeverity.Error:
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case vscode.DiagnosticSeverity.Warning:
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case vscode.DiagnosticSeverity.Information:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
    default:
      return new vscode.ThemeIcon('lightbulb');
  }
}
