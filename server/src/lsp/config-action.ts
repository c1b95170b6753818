// The code action "Turn off <rule> in .go-backend-guide.json": edits the configuration file
// that applies to the document, or creates one at the root of the document's workspace folder.
import { modify } from 'jsonc-parser';
import { CodeActionKind, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/config';
import { LineIndex } from '../core/text';
import { directoryOf } from './file-host';
import type { ProjectConfigFile } from './project-config';

export function turnOffInConfigAction(rule: string, documentUri: string, existing: ProjectConfigFile | undefined, workspaceFolders: readonly string[], zh: boolean): CodeAction {
  const title = zh ? `在 ${CONFIG_FILE_NAME} 中关闭 ${rule}` : `Turn off ${rule} in ${CONFIG_FILE_NAME}`;
  return { title, kind: CodeActionKind.QuickFix, edit: existing ? editExisting(existing, rule) : createNew(rule, documentUri, workspaceFolders) };
}

function editExisting(file: ProjectConfigFile, rule: string): WorkspaceEdit {
  const lines = new LineIndex(file.text);
  const edits = modify(file.text, ['rules', rule], 'off', { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } }).map((edit) => ({
    range: { start: lines.editorPositionAt(edit.offset), end: lines.editorPositionAt(edit.offset + edit.length) },
    newText: edit.content,
  }));
  return { documentChanges: [{ textDocument: { uri: file.uri, version: null }, edits }] };
}

function createNew(rule: string, documentUri: string, workspaceFolders: readonly string[]): WorkspaceEdit {
  const folder = workspaceFolders.filter((root) => documentUri.startsWith(root.endsWith('/') ? root : `${root}/`)).sort((a, b) => b.length - a.length)[0];
  const base = folder ? (folder.endsWith('/') ? folder : `${folder}/`) : directoryOf(documentUri);
  const uri = `${base}${CONFIG_FILE_NAME}`;
  const text = `${JSON.stringify({ rules: { [rule]: 'off' } }, null, 2)}\n`;
  return {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  };
}
