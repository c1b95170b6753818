import * as vscode from 'vscode';
import { CHAPTERS, chapterPath, guideLanguage, parseGuideUrl, type GuideLanguage } from '../../server/src/guide/chapters';

export const OPEN_GUIDE_COMMAND = 'goBackendGuide.openGuide';

/** The guide's language: the `goBackendGuide.language` setting, or VS Code's display language. */
export function displayLanguage(): GuideLanguage {
  const setting = vscode.workspace.getConfiguration('goBackendGuide').get<string>('language');
  return setting === 'en' || setting === 'zh-cn' ? setting : guideLanguage(vscode.env.language);
}

/** Where the guide was opened, for the tests and for anyone who wants to follow up. */
export interface OpenedGuide {
  uri: string;
  line: number;
}

/**
 * Opens a bundled chapter of the guide at a section: the source is revealed at the section in
 * the group beside the code (reusing it on the next call), then rendered there by VS Code's
 * Markdown preview, which starts at the line the source shows at its top.
 */
export async function openGuideFile(extensionUri: vscode.Uri, path: string, anchor?: string): Promise<OpenedGuide> {
  const uri = vscode.Uri.joinPath(extensionUri, path);
  const document = await vscode.workspace.openTextDocument(uri);
  const line = anchor ? anchorLine(document, anchor) : 0;
  const position = new vscode.Position(line, 0);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn: guideColumn(),
    preview: true,
    selection: new vscode.Range(position, position),
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return { uri: uri.toString(), line };
}

/** The group that already shows a chapter of the guide, or the one beside the code. */
function guideColumn(): vscode.ViewColumn {
  for (const group of vscode.window.tabGroups.all) {
    const showsGuide = group.tabs.some((tab) => /\/docs\/guide\/(en|zh-cn)\/\d\d-/.test(tabPath(tab)) || /^Preview \d\d-.*\.md$/.test(tab.label));
    if (showsGuide) return group.viewColumn;
  }
  return vscode.ViewColumn.Beside;
}

function tabPath(tab: vscode.Tab): string {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri.path : '';
}

function anchorLine(document: vscode.TextDocument, anchor: string): number {
  const marker = `<a id="${anchor}"></a>`;
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text.includes(marker)) return line;
  }
  return 0;
}

/**
 * "Go Backend Guide: Open Guide": with a rule id (from a hover, a diagnostic or a code action)
 * opens that rule's section; without one, offers the chapters.
 */
export async function openGuide(extensionUri: vscode.Uri, target?: string): Promise<OpenedGuide | undefined> {
  const language = displayLanguage();
  if (typeof target === 'string' && target.startsWith('https://')) {
    const parsed = parseGuideUrl(target);
    if (parsed) return openGuideFile(extensionUri, parsed.path, parsed.anchor);
  }
  if (typeof target === 'string' && target.includes(':')) {
    const [chapterId, anchor] = target.split(':');
    const chapter = CHAPTERS.find((c) => c.id === chapterId);
    if (chapter) return openGuideFile(extensionUri, chapterPath(chapter.id, language), anchor || undefined);
  }
  const available = await bundledChapters(extensionUri, language);
  const picked = await vscode.window.showQuickPick(
    available.map((chapter) => ({ label: `${chapter.number}. ${chapter.title[language]}`, chapter })),
    { placeHolder: language === 'zh-cn' ? '选择要打开的章节' : 'Choose a chapter of the guide' },
  );
  return picked ? openGuideFile(extensionUri, chapterPath(picked.chapter.id, language)) : undefined;
}

async function bundledChapters(extensionUri: vscode.Uri, language: GuideLanguage) {
  const present = [];
  for (const chapter of CHAPTERS) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extensionUri, chapterPath(chapter.id, language)));
      present.push(chapter);
    } catch {
      // chapter not written yet
    }
  }
  return present;
}

/** A link that runs our command in place of one of the guide's web addresses. */
export function commandLinkFor(url: string): vscode.Uri | undefined {
  if (!parseGuideUrl(url)) return undefined;
  return vscode.Uri.parse(`command:${OPEN_GUIDE_COMMAND}?${encodeURIComponent(JSON.stringify([url]))}`);
}
