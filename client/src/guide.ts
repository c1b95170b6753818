import * as vscode from 'vscode';
import { CHAPTERS, chapterPath, guideLanguage, parseGuideUrl } from '../../server/src/guide/chapters';

export const OPEN_GUIDE_COMMAND = 'goBackendGuide.openGuide';

/** Opens a bundled chapter of the guide at a section, rendered by VS Code's Markdown preview. */
export async function openGuideFile(extensionUri: vscode.Uri, path: string, anchor?: string): Promise<void> {
  const uri = vscode.Uri.joinPath(extensionUri, path);
  const document = await vscode.workspace.openTextDocument(uri);
  const line = anchor ? anchorLine(document, anchor) : 0;
  const position = new vscode.Position(line, 0);
  const editor = await vscode.window.showTextDocument(document, { preview: true, selection: new vscode.Range(position, position) });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  // The preview opens scrolled to the line the editor shows at its top.
  await vscode.commands.executeCommand('markdown.showPreview', uri);
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
export async function openGuide(extensionUri: vscode.Uri, target?: string): Promise<void> {
  const language = guideLanguage(vscode.env.language);
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
  if (picked) await openGuideFile(extensionUri, chapterPath(picked.chapter.id, language));
}

async function bundledChapters(extensionUri: vscode.Uri, language: 'en' | 'zh-cn') {
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
