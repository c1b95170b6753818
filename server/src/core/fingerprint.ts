// A finding's identity across edits, shared by baselines, SARIF and GitLab reports: the rule, the
// file, the top-level declaration around the finding and the code it flags, never a line number,
// so lines inserted above it, the function moved within its file or the file run through gofmt
// leave it unchanged, while a change to the flagged code gives it a new identity.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Node, Tree } from 'web-tree-sitter';
import { comparePositions, type LineIndex, type Range } from './text';

/** The key under which SARIF's partialFingerprints carries the fingerprint; bumped when the recipe changes. */
export const FINGERPRINT_KEY = 'goBackendGuide/v1';

/** Where a finding sits, as far as its identity and "is it in changed code?" are concerned. */
export interface FindingAnchor {
  /** The enclosing top-level declaration: `Serve`, `Store.count` for a method, `client` for a var. */
  declaration: string;
  /** First and last line (0-based) of that declaration; the finding's own lines outside any. */
  lines: { start: number; end: number };
  /** The flagged code and the statement around it, whitespace and comments left out. */
  code: string;
}

/**
 * Statements and declaration parts: the unit of code a finding belongs to. The flagged text alone
 * is often a name (`resp`, `db`, `go`) that repeats within a function; its statement tells them apart.
 */
const STATEMENT_TYPES = new Set([
  'short_var_declaration',
  'var_spec',
  'const_spec',
  'type_spec',
  'type_alias',
  'field_declaration',
  'method_elem',
  'import_spec',
  'function_declaration',
  'method_declaration',
  'package_clause',
]);

/**
 * Bodies inside a statement are left out of its text (`if err != nil {…}`), so an edit inside an
 * `if` or a composite literal does not change the identity of a finding on its first line.
 */
const ELIDED_TYPES = new Set(['statement_list', 'literal_value', 'field_declaration_list']);

/** A finding in a grouped `var ( … )` (or const, type) is named after its own spec. */
const SPEC_TYPES = ['var_spec', 'const_spec', 'type_spec', 'type_alias'];

export function anchorFindings(tree: Tree, lines: LineIndex, findings: readonly { range: Range }[]): FindingAnchor[] {
  return findings.map(({ range }) => {
    const node =
      tree.rootNode.descendantForPosition({ row: range.start.line, column: range.start.character }, { row: range.end.line, column: range.end.character }) ??
      tree.rootNode;
    const flagged = lines.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
    const statement = enclosingStatement(node);
    const code = `${squeeze(flagged)}\u0000${statement ? squeeze(render(statement)) : ''}`;
    const topLevel = topLevelOf(node);
    if (!topLevel) return { declaration: '', lines: { start: range.start.line, end: range.end.line }, code };
    return { declaration: declarationName(topLevel, node), lines: { start: topLevel.startPosition.row, end: topLevel.endPosition.row }, code };
  });
}

/**
 * One fingerprint per finding, in the order given. Findings alike in rule, declaration and code
 * are numbered in the order they appear, so each of several identical ones keeps its own identity.
 * `path` is the file's path relative to the baseline's folder (or the repository), with `/`.
 */
export function fingerprintFindings(path: string, findings: readonly { rule: string; range: Range }[], anchors: readonly FindingAnchor[]): string[] {
  const order = findings.map((_, i) => i).sort((a, b) => comparePositions(findings[a].range.start, findings[b].range.start) || a - b);
  const occurrences = new Map<string, number>();
  const fingerprints = new Array<string>(findings.length);
  for (const i of order) {
    const key = [FINGERPRINT_KEY, findings[i].rule, path, anchors[i].declaration, anchors[i].code].join('\u0000');
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    fingerprints[i] = bytesToHex(sha256(utf8ToBytes(`${key}\u0000${occurrence}`))).slice(0, 32);
  }
  return fingerprints;
}

function enclosingStatement(node: Node): Node | null {
  for (let at: Node | null = node; at; at = at.parent) {
    if (at.type.endsWith('_statement') || STATEMENT_TYPES.has(at.type)) return at;
  }
  return null;
}

function topLevelOf(node: Node): Node | null {
  let at: Node | null = node;
  while (at?.parent && at.parent.parent) at = at.parent;
  return at?.parent ? at : null;
}

/** `Serve`, `Store.count` (receiver type without pointer or type parameters), or a spec's names. */
function declarationName(declaration: Node, inside: Node): string {
  switch (declaration.type) {
    case 'function_declaration':
      return declaration.childForFieldName('name')?.text ?? '';
    case 'method_declaration': {
      const receiver = declaration.childForFieldName('receiver');
      const type = receiver?.descendantsOfType('type_identifier')[0]?.text ?? '';
      return `${type}.${declaration.childForFieldName('name')?.text ?? ''}`;
    }
    case 'var_declaration':
    case 'const_declaration':
    case 'type_declaration': {
      let spec: Node | null = inside;
      while (spec && spec.id !== declaration.id && !SPEC_TYPES.includes(spec.type)) spec = spec.parent;
      const specs = spec && spec.id !== declaration.id ? [spec] : declaration.descendantsOfType(SPEC_TYPES);
      return specs.flatMap((s) => s.childrenForFieldName('name').map((name) => name.text)).join(',');
    }
    case 'import_declaration':
      return 'import';
    case 'package_clause':
      return 'package';
    default:
      return '';
  }
}

/** The statement's tokens, without comments and with nested bodies replaced by `{…}`. */
function render(node: Node): string {
  if (ELIDED_TYPES.has(node.type)) return '{…}';
  if (node.childCount === 0) return node.type === 'comment' ? '' : node.text;
  return node.children.map(render).join('');
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}
