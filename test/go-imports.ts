// "The fix keeps imports right", judged from syntax alone: what a fixed file imports against what
// it uses as a package qualifier (`pkg.Name`), compared with the file before the fix.
import type { Node, Tree } from 'web-tree-sitter';
import { defaultPackageName } from '../server/src/core/imports';

/** The packages fixes write qualifiers for, by the name the code uses. */
const EXPECTED_PATHS: Record<string, string> = {
  atomic: 'sync/atomic',
  context: 'context',
  errgroup: 'golang.org/x/sync/errgroup',
  errors: 'errors',
  fmt: 'fmt',
  http: 'net/http',
  sync: 'sync',
  time: 'time',
};

interface ImportSpec {
  /** The local name; undefined for `_`, `.` and cgo's "C", which are never "unused". */
  name?: string;
  path: string;
  text: string;
}

function importsOf(root: Node): ImportSpec[] {
  return root.descendantsOfType('import_spec').flatMap((spec) => {
    const path = spec?.childForFieldName('path')?.text.slice(1, -1);
    if (!spec || path === undefined) return [];
    const alias = spec.childForFieldName('name');
    const named = !alias || alias.type === 'package_identifier';
    const name = !named || path === 'C' ? undefined : (alias?.text ?? defaultPackageName(path));
    return [{ name, path, text: spec.text }];
  });
}

/** Every `pkg.Member` written with a plain identifier on the left, counted. */
function qualifiedUses(root: Node): Map<string, number> {
  const uses = new Map<string, number>();
  const visit = (node: Node) => {
    let pair: [Node | null, Node | null] | undefined;
    if (node.type === 'selector_expression') pair = [node.childForFieldName('operand'), node.childForFieldName('field')];
    else if (node.type === 'qualified_type') pair = [node.childForFieldName('package'), node.childForFieldName('name')];
    if (pair?.[0] && pair[1] && (pair[0].type === 'identifier' || pair[0].type === 'package_identifier')) {
      const key = `${pair[0].text}.${pair[1].text}`;
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(root);
  return uses;
}

const DECLARING_PARENTS = new Set(['parameter_declaration', 'variadic_parameter_declaration', 'var_spec', 'const_spec', 'type_spec', 'function_declaration']);

/** Names the file declares anywhere (parameters, variables, constants, types, functions). */
function declaredNames(root: Node): Set<string> {
  const names = new Set<string>();
  for (const identifier of root.descendantsOfType(['identifier', 'type_identifier'])) {
    if (!identifier) continue;
    const parent = identifier.parent;
    if (!parent) continue;
    if (DECLARING_PARENTS.has(parent.type)) names.add(identifier.text);
    const list = parent.type === 'expression_list' ? parent : undefined;
    const owner = list?.parent;
    if (owner && ['short_var_declaration', 'range_clause', 'receive_statement'].includes(owner.type) && owner.childForFieldName('left')?.equals(list!)) {
      names.add(identifier.text);
    }
    if (parent.type === 'type_switch_statement' && parent.childForFieldName('alias')?.text.split(/\s*,\s*/).includes(identifier.text)) names.add(identifier.text);
  }
  return names;
}

/**
 * What a fix did wrong to the imports, one sentence each: an import whose last use it removed,
 * a package it writes but does not import, a name it writes that the file binds to a different
 * package than the one meant, a name imported twice.
 */
export function importProblems(before: Tree, after: Tree, packageDeclarations: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const oldImports = importsOf(before.rootNode);
  const newImports = importsOf(after.rootNode);
  const oldUses = qualifiedUses(before.rootNode);
  const newUses = qualifiedUses(after.rootNode);
  const usesOf = (uses: Map<string, number>, name: string) => [...uses].filter(([key]) => key.startsWith(`${name}.`)).reduce((sum, [, n]) => sum + n, 0);

  for (const spec of newImports) {
    if (!spec.name) continue;
    if (usesOf(newUses, spec.name) === 0 && (usesOf(oldUses, spec.name) > 0 || !oldImports.some((old) => old.text === spec.text))) {
      problems.push(`import ${spec.text} is not used after the fix`);
    }
  }
  const bound = new Map<string, string>();
  for (const spec of newImports) {
    if (!spec.name) continue;
    if (bound.has(spec.name)) problems.push(`${spec.name} is imported twice (${bound.get(spec.name)} and ${spec.path})`);
    bound.set(spec.name, spec.path);
  }
  const declared = declaredNames(after.rootNode);
  for (const [use, count] of newUses) {
    if (count <= (oldUses.get(use) ?? 0)) continue;
    const name = use.slice(0, use.indexOf('.'));
    const path = bound.get(name);
    if (path === undefined) {
      if (!declared.has(name) && !packageDeclarations.has(name)) problems.push(`the fix writes ${use} but nothing named ${name} is imported or declared`);
      continue;
    }
    const expected = EXPECTED_PATHS[name];
    if (expected && path !== expected) problems.push(`the fix writes ${use}, but ${name} is ${path} in this file, not ${expected}`);
  }
  return problems;
}
