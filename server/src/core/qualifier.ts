import type { Node } from 'web-tree-sitter';
import { addImport } from './edits';
import type { TextEdit } from './findings';
import { defaultPackageName } from './imports';
import type { RuleContext } from './rule';
import { findDeclarationFrom } from './scope';

/**
 * The name code written at `at` can use for the package `path`, with the import to add when
 * the file lacks it: the file's own name for it; else the package's name, or `std<name>` when
 * that name is taken (`errors` bound to github.com/pkg/errors gives `stderrors "errors"`).
 * Undefined when no name can be used safely; the caller then offers no fix.
 */
export function packageQualifier(context: RuleContext, path: string, at: Node): { name: string; edits: TextEdit[] } | undefined {
  const { file, index } = context;
  const names = index.importNames(file.uri, path);
  if (names.length > 0) {
    const usable = names.find((name) => !findDeclarationFrom(name, at));
    return usable ? { name: usable, edits: [] } : undefined;
  }
  const imports = index.imports(file.uri);
  if (imports?.dotImports.includes(path)) return undefined;
  const own = defaultPackageName(path);
  for (const name of [own, `std${own}`]) {
    const taken = imports?.byName.has(name) || declaredInPackage(context, name) || findDeclarationFrom(name, at);
    if (taken) continue;
    const edit = addImport(file, name === own ? path : { path, name });
    if (edit === null) return undefined;
    return { name, edits: edit ? [edit] : [] };
  }
  return undefined;
}

function declaredInPackage({ index }: RuleContext, name: string): boolean {
  return Boolean(index.func(name) || index.struct(name) || index.namedType(name) || index.packageVar(name));
}
