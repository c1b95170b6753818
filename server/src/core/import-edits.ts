// Import changes as gofmt and goimports lay them out: a new standard-library import goes into
// the standard group at its sorted place, an import whose last use a fix removes goes away with
// its line, and no blank lines are left where gofmt would remove them.
import type { Node, Tree } from 'web-tree-sitter';
import type { TextEdit } from './findings';
import { defaultPackageName } from './imports';
import type { LineIndex } from './text';

export interface ImportSpec {
  path: string;
  /** An explicit local name (`stderrors "errors"`); the package's own name when absent. */
  name?: string;
}

/** The import declarations: they follow the package clause, before any other declaration. */
export function importDeclarations(root: Node): Node[] {
  const declarations: Node[] = [];
  for (let node = root.firstNamedChild; node; node = node.nextNamedSibling) {
    if (node.type === 'import_declaration') declarations.push(node);
    else if (node.type !== 'package_clause' && node.type !== 'comment') break;
  }
  return declarations;
}

export function importSpecs(declarations: readonly Node[]): Node[] {
  return declarations.flatMap((declaration) => declaration.descendantsOfType('import_spec').filter((n): n is Node => n !== null));
}

export function specPath(spec: Node): string {
  return spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
}

/** The name an import binds, or undefined for `_`, `.` and cgo's "C" (never "unused" in our sense). */
export function boundName(spec: Node): string | undefined {
  const path = specPath(spec);
  const alias = spec.childForFieldName('name');
  if (path === 'C' || (alias && alias.type !== 'package_identifier')) return undefined;
  return alias?.text ?? defaultPackageName(path);
}

export function isStandardLibrary(path: string): boolean {
  return !path.split('/')[0].includes('.');
}

const usesByTree = new WeakMap<Tree, Map<string, Node[]>>();

/** Every identifier used as a package qualifier (`http` in `http.Get`, `sql` in `*sql.DB`), by name. */
export function qualifierUses(tree: Tree): Map<string, Node[]> {
  const cached = usesByTree.get(tree);
  if (cached) return cached;
  const root = tree.rootNode;
  const uses = new Map<string, Node[]>();
  usesByTree.set(tree, uses);
  const add = (node: Node | null) => {
    if (node?.type !== 'identifier' && node?.type !== 'package_identifier') return;
    const list = uses.get(node.text) ?? [];
    list.push(node);
    uses.set(node.text, list);
  };
  const cursor = root.walk();
  let descend = true;
  for (;;) {
    if (descend) {
      // The type first: a node object for each of the tree's nodes was most of this walk's cost.
      const type = cursor.nodeType;
      if (type === 'selector_expression') add(cursor.currentNode.childForFieldName('operand'));
      else if (type === 'qualified_type') add(cursor.currentNode.childForFieldName('package'));
    }
    if (descend && cursor.gotoFirstChild()) continue;
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    if (!cursor.gotoParent()) break;
    descend = false;
  }
  cursor.delete();
  return uses;
}

/** How often `name.X` appears in Go code written by a fix, its comments and strings left out. */
export function qualifierUsesInCode(code: string, name: string): number {
  const bare = code.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*'/g, ' ');
  const pattern = new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\.\\s*[\\p{L}_]`, 'gu');
  return [...bare.matchAll(pattern)].length;
}

type Line = { kind: 'spec'; text: string; path: string } | { kind: 'blank' } | { kind: 'other'; text: string };

/**
 * One edit that adds `add` and removes the `remove` specs, laid out as gofmt leaves it;
 * undefined when nothing changes, null when the imports are written in a shape we do not
 * rewrite (several specs on one line): the caller then drops its fix rather than guess.
 */
/**
 * The package clause and the import declarations parse cleanly, with no broken code among or
 * right after them: where they do not, where an import would go is a guess, so none is written.
 */
function headerParses(root: Node): boolean {
  for (let i = 0; i < root.namedChildCount; i++) {
    const child = root.namedChild(i)!;
    if (child.type === 'comment') continue;
    if (child.type === 'package_clause' || child.type === 'import_declaration') {
      if (child.hasError) return false;
      continue;
    }
    return child.type !== 'ERROR';
  }
  return true;
}

export function rewriteImports(root: Node, lines: LineIndex, add: readonly ImportSpec[], remove: readonly Node[]): TextEdit | undefined | null {
  const declarations = importDeclarations(root);
  if (!headerParses(root)) return null;
  const specs = importSpecs(declarations);
  const present = (spec: ImportSpec) =>
    specs.some((s) => specPath(s) === spec.path && (spec.name === undefined ? !s.childForFieldName('name') : s.childForFieldName('name')?.text === spec.name));
  const wanted = uniqueSpecs(add.filter((spec) => !present(spec))).sort(bySpec);
  const removed = new Set(remove.map((node) => node.startIndex));
  if (wanted.length === 0 && removed.size === 0) return undefined;
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  const specLine = (spec: ImportSpec) => `\t${spec.name ? `${spec.name} ` : ''}${JSON.stringify(spec.path)}`;

  if (declarations.length === 0) {
    if (wanted.length === 0) return undefined;
    const clause = root.namedChildren.find((n) => n?.type === 'package_clause');
    if (!clause) return null;
    const row = clause.endPosition.row;
    const at = { line: row, character: lines.lineText(row).length };
    const declaration = wanted.length === 1 ? `import ${specLine(wanted[0]).slice(1)}` : ['import (', ...groups(wanted).map((l) => (l.kind === 'spec' ? l.text : '')), ')'].join(eol);
    return { range: { start: at, end: at }, newText: `${eol}${eol}${declaration}` };
  }

  const firstRow = declarations[0].startPosition.row;
  const lastRow = declarations[declarations.length - 1].endPosition.row;
  if (declarations[0].startPosition.column !== 0 || lines.lineText(lastRow).slice(declarations[declarations.length - 1].endPosition.column).trim() !== '') return null;
  const block = declarations.find((d) => d.descendantsOfType('import_spec_list').length > 0);
  const output: string[] = [];
  let declarationIndex = 0;
  for (let row = firstRow; row <= lastRow; ) {
    const declaration = declarations[declarationIndex];
    if (!declaration || row < declaration.startPosition.row) {
      output.push(lines.lineText(row));
      row++;
      continue;
    }
    const own = specs.filter((s) => s.startPosition.row >= declaration.startPosition.row && s.endPosition.row <= declaration.endPosition.row);
    const isBlock = declaration.descendantsOfType('import_spec_list').length > 0;
    const target = block ? declaration === block : declarationIndex === 0;
    const touched = own.some((s) => removed.has(s.startIndex)) || (target && wanted.length > 0);
    const endRow = declaration.endPosition.row;
    declarationIndex++;
    if (!touched) {
      for (; row <= endRow; row++) output.push(lines.lineText(row));
      continue;
    }
    let entries: Line[];
    if (isBlock) {
      const open = lines.lineText(declaration.startPosition.row).trim();
      const close = lines.lineText(endRow).trim();
      if (!/^import\s*\($/.test(open) || close !== ')') return null;
      entries = [];
      for (let inner = declaration.startPosition.row + 1; inner < endRow; inner++) {
        const onRow = own.filter((s) => s.startPosition.row === inner);
        const text = lines.lineText(inner);
        if (onRow.length > 1 || onRow.some((s) => s.endPosition.row !== inner)) return null;
        if (onRow.length === 1) {
          if (!removed.has(onRow[0].startIndex)) entries.push({ kind: 'spec', text, path: specPath(onRow[0]) });
        } else entries.push(text.trim() === '' ? { kind: 'blank' } : { kind: 'other', text });
      }
    } else {
      if (own.length !== 1 || declaration.startPosition.row !== endRow) return null;
      entries = removed.has(own[0].startIndex) ? [] : [{ kind: 'spec', text: `\t${own[0].text}`, path: specPath(own[0]) }];
    }
    if (target) for (const spec of wanted) insertSorted(entries, { kind: 'spec', text: specLine(spec), path: spec.path });
    entries = tidyBlanks(entries);
    row = endRow + 1;
    if (!entries.some((entry) => entry.kind === 'spec')) continue;
    const onlySpec = entries.length === 1 && !isBlock ? entries[0] : undefined;
    if (onlySpec?.kind === 'spec') output.push(`import ${onlySpec.text.trim()}`);
    else output.push('import (', ...entries.map((entry) => (entry.kind === 'blank' ? '' : entry.text)), ')');
  }

  // gofmt keeps at most one blank line in a row: collapse what the removals left.
  const collapsed = output.filter((line, i) => line.trim() !== '' || (i > 0 && output[i - 1].trim() !== ''));
  while (collapsed.length > 0 && collapsed[0].trim() === '') collapsed.shift();
  while (collapsed.length > 0 && collapsed[collapsed.length - 1].trim() === '') collapsed.pop();
  if (collapsed.length > 0) {
    return { range: { start: { line: firstRow, character: 0 }, end: { line: lastRow, character: lines.lineText(lastRow).length } }, newText: collapsed.join(eol) };
  }
  // Every import went: the declarations go with one of the blank lines around them.
  const blankBefore = firstRow === 0 || lines.lineText(firstRow - 1).trim() === '';
  const blankAfter = lastRow + 1 < lines.lineCount && lines.lineText(lastRow + 1).trim() === '';
  const end = blankBefore && blankAfter ? lastRow + 2 : lastRow + 1;
  return { range: { start: { line: firstRow, character: 0 }, end: { line: end, character: 0 } }, newText: '' };
}

function bySpec(a: ImportSpec, b: ImportSpec): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : (a.name ?? '') < (b.name ?? '') ? -1 : 1;
}

function uniqueSpecs(specs: readonly ImportSpec[]): ImportSpec[] {
  const seen = new Set<string>();
  return specs.filter((spec) => {
    const key = `${spec.name ?? ''} ${spec.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A new import declaration's entries: the standard library, a blank line, the rest. */
function groups(specs: readonly ImportSpec[]): Line[] {
  const line = (spec: ImportSpec): Line => ({ kind: 'spec', text: `\t${spec.name ? `${spec.name} ` : ''}${JSON.stringify(spec.path)}`, path: spec.path });
  const standard = specs.filter((s) => isStandardLibrary(s.path)).map(line);
  const others = specs.filter((s) => !isStandardLibrary(s.path)).map(line);
  return standard.length > 0 && others.length > 0 ? [...standard, { kind: 'blank' }, ...others] : [...standard, ...others];
}

/**
 * Puts a spec into the group where goimports would: a standard-library path into the first
 * group holding one (a new group on top when there is none), any other path into the last
 * group holding a non-standard one (a new group at the end); at its sorted place, as gofmt
 * sorts each group (runs of specs without a blank or comment line between them).
 */
function insertSorted(entries: Line[], spec: Extract<Line, { kind: 'spec' }>): void {
  const standard = isStandardLibrary(spec.path);
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < entries.length; i++) {
    if (entries[i].kind !== 'spec') continue;
    let end = i;
    while (end + 1 < entries.length && entries[end + 1].kind === 'spec') end++;
    runs.push([i, end]);
    i = end;
  }
  const holds = ([from, to]: [number, number]) =>
    entries.slice(from, to + 1).some((entry) => entry.kind === 'spec' && isStandardLibrary(entry.path) === standard);
  const run = standard ? runs.find(holds) : [...runs].reverse().find(holds);
  if (!run) {
    if (runs.length === 0) entries.push(spec);
    else if (standard) entries.unshift(spec, { kind: 'blank' });
    else entries.push({ kind: 'blank' }, spec);
    return;
  }
  let at = run[1] + 1;
  for (let i = run[0]; i <= run[1]; i++) {
    const entry = entries[i];
    if (entry.kind === 'spec' && entry.path > spec.path) {
      at = i;
      break;
    }
  }
  entries.splice(at, 0, spec);
}

/** No blank line first, last or twice in a row inside the parentheses, as gofmt prints them. */
function tidyBlanks(entries: Line[]): Line[] {
  const kept = entries.filter((entry, i) => entry.kind !== 'blank' || (i > 0 && entries[i - 1].kind !== 'blank'));
  while (kept[0]?.kind === 'blank') kept.shift();
  while (kept[kept.length - 1]?.kind === 'blank') kept.pop();
  return kept;
}
