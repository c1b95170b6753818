// What the extension-host suites wait on and read, in either extension host (Node or web worker).
import * as vscode from 'vscode';

export const WAIT_MS = 30_000;

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'go-backend-guide');
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Resolves once the diagnostics of `uri` satisfy `wanted`; rejects with what was there instead. */
export function diagnosticsWhere(uri: vscode.Uri, wanted: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
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

export function hasRule(rule: string) {
  return (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === rule);
}

export function lacksRule(rule: string) {
  return (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((d) => codeOf(d) === rule);
}

/** A file's text through workspace.fs: the suites have no `fs` in the browser. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
