// What one analysis has learned: the caches kept per tree and per top-level declaration, and the local lookups they serve.
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { PackageIndex } from '../../core/package-index';
import type { RuleContext } from '../../core/rule';
import { findDeclarationFrom, findLocalDeclaration, type Declaration } from '../../core/scope';
import { enclosingLoops } from '../../core/syntax';
import type { Verdict } from './verdict';
import type { Write } from './writes';

// Every node access crosses into WebAssembly, so each go statement, loop and function is read
// once per analysis: the verdicts are kept by node id (unique within a tree) for as long as the
// same tree is analysed with the same package index. All of it stays inside the top-level
// declaration that holds the go statement, whose findings the analyzer caches by its text.

export interface Analysis {
  tree: Tree;
  index: PackageIndex;
  root: Node;
  /** By go statement id: the verdict, or null when the statement is not flagged. */
  verdicts: Map<number, Verdict | null>;
  /** By loop id: whether the loop's own body paces it. */
  pacedLoops: Map<number, boolean>;
  /** By top-level declaration id. */
  functions: Map<number, FunctionFacts>;
}

/** What the rule reads from one top-level declaration, at most once each. */
export interface FunctionFacts {
  node: Node;
  start: number;
  text: string;
  /** Local declarations already looked up, by identifier id; null for "not local". */
  declarations: Map<number, Declaration | null>;
  /** The body of the top-level function or method; null for other declarations. */
  body?: Node | null;
  /** Whether an errgroup (or anything) gets `SetLimit` in the declaration. */
  limited?: boolean;
  /** Places that write to (or hand over) a variable, by the name of the variable. */
  writes?: Map<string, Write[]>;
  /** The start of every loop this rule flags in the declaration, in source order. */
  flaggedLoops?: number[];
}

let current: Analysis | undefined;

export function analysisOf(context: RuleContext): Analysis {
  const { tree } = context.file;
  // Trees and indexes are plain objects here (not nodes): identity tells a new analysis.
  if (!current || current.tree !== tree || current.index !== context.index) {
    current = { tree, index: context.index, root: tree.rootNode, verdicts: new Map(), pacedLoops: new Map(), functions: new Map() };
  }
  return current;
}

/**
 * The loops around a go statement inside its own function (innermost first) and the top-level
 * declaration that holds it; undefined when no loop is around it.
 */
export function locate(go: Node, analysis: Analysis): { loops: Node[]; top: Node } | undefined {
  const loops = enclosingLoops(go);
  if (loops.length === 0) return undefined;
  // One call into the tree instead of a walk up through every parent.
  const top = analysis.root.firstChildForIndex(go.startIndex);
  return top ? { loops, top } : undefined;
}

export function functionFacts(top: Node, analysis: Analysis, context: RuleContext): FunctionFacts {
  let facts = analysis.functions.get(top.id);
  if (!facts) {
    facts = { node: top, start: top.startIndex, text: context.file.text.slice(top.startIndex, top.endIndex), declarations: new Map() };
    analysis.functions.set(top.id, facts);
  }
  return facts;
}

const compiledQueries = new WeakMap<Language, Map<string, Query>>();

/** A query over one declaration, compiled once per language. */
export function compiledQuery(language: Language, source: string): Query {
  let queries = compiledQueries.get(language);
  if (!queries) compiledQueries.set(language, (queries = new Map()));
  let query = queries.get(source);
  if (!query) queries.set(source, (query = new Query(language, source)));
  return query;
}

// ---------------------------------------------------------------------------------------------
// Local names, read from the declaration's text before walking its scopes

const WORD = /[\p{L}\p{N}_]/u;

function isWordChar(text: string, at: number): boolean {
  return at >= 0 && at < text.length && WORD.test(text[at]);
}

/**
 * Where `name` first occurs in `text` as a whole word, from `from` up to `before`; -1 when it
 * does not. With `declarable`, only where it could be declared: `x.name` is a field or a
 * method and `name(` a call, neither declares `name`.
 */
function wordAt(text: string, name: string, from = 0, before = text.length, declarable = false): number {
  for (let i = text.indexOf(name, from); i !== -1 && i < before; i = text.indexOf(name, i + 1)) {
    if (isWordChar(text, i - 1) || isWordChar(text, i + name.length)) continue;
    if (declarable && (text[i - 1] === '.' || text[i + name.length] === '(')) continue;
    return i;
  }
  return -1;
}

export function hasWord(text: string, name: string): boolean {
  return wordAt(text, name) !== -1;
}

/**
 * The local declaration of an identifier, looked up once per identifier. A declaration comes
 * before its uses in the text of the function, so a name that does not occur earlier in a
 * declarable place is not local; one that occurs earlier only in the signature of the
 * top-level function is its parameter (or nothing local). Either way the walk through the
 * scopes is skipped.
 */
export function localDeclaration(identifier: Node, facts: FunctionFacts): Declaration | undefined {
  const known = facts.declarations.get(identifier.id);
  if (known !== undefined) return known ?? undefined;
  const name = identifier.text;
  const at = identifier.startIndex - facts.start;
  const first = wordAt(facts.text, name, 0, at, true);
  let declaration: Declaration | undefined;
  if (first !== -1) {
    const body = functionBody(facts);
    const bodyAt = body ? body.startIndex - facts.start : -1;
    if (body && first < bodyAt && at > bodyAt && wordAt(facts.text, name, bodyAt, at, true) === -1) {
      declaration = findDeclarationFrom(name, body);
    } else {
      declaration = findLocalDeclaration(identifier);
    }
  }
  facts.declarations.set(identifier.id, declaration ?? null);
  return declaration;
}

/** The body of the top-level function or method, if that is what the declaration is. */
function functionBody(facts: FunctionFacts): Node | null {
  if (facts.body === undefined) {
    const type = facts.node.type;
    facts.body = type === 'function_declaration' || type === 'method_declaration' ? facts.node.childForFieldName('body') : null;
  }
  return facts.body;
}

/** Whether a predeclared function (`len`, `make`, `int`) is the builtin here, not a local. */
export function isBuiltin(identifier: Node, facts: FunctionFacts): boolean {
  return !localDeclaration(identifier, facts);
}
