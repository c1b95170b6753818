import type { Node } from 'web-tree-sitter';
import { GORM } from '../../core/known-apis';
import type { PackageIndex } from '../../core/package-index';
import type { RuleContext } from '../../core/rule';
import type { Declaration } from '../../core/scope';
import type { TypeResolver } from '../../core/type-resolver';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';

/** A global pattern matching any of the Go identifiers as a whole word. */
export function wordPattern(names: Iterable<string>): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${[...names].join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
}

/** A node found by a text scan, with its range (so that containment needs no node access). */
export interface Span {
  start: number;
  end: number;
  node: Node;
}

/** One top-level declaration: what its text tells at no cost, and what a scan of it found. */
export interface TopFacts {
  node: Node;
  type: string;
  start: number;
  end: number;
  text: string;
  /**
   * The text mentions `Context` or `Request`: only then can a function in it take a context
   * parameter (`context.Context`, `*http.Request`, `*gin.Context`, `echo.Context`).
   */
  mayHaveSource: boolean;
  /** `func main()` or `func init()`. */
  mainOrInit: boolean;
  /** go/defer statements and func literals, in source order (computed on first use). */
  nested?: { detached: Span[]; literals: Span[] };
}

/** How a func literal's body runs relative to the code around it. */
export type LiteralRole = { role: 'invoked' | 'detached' | 'other' } | { role: 'argument'; call: Node };

/** The context parameter of a function, and the locals derived from it. */
export interface ContextSource {
  kind: 'context' | 'request' | 'gin' | 'echo';
  /** The parameter's name identifier. */
  param: Node;
  /** The function declaring the parameter. */
  fn: Node;
}

/** What is known about one function (declaration or literal), computed once per analysis. */
export interface FunctionFacts {
  /** null: no context parameter; 'ignored': one named `_` or unnamed. */
  source?: ContextSource | 'ignored' | null;
  role?: LiteralRole;
  derived?: Declaration[];
  /** The function's calls without a context were reported (once per function). */
  reportedUncancellable?: boolean;
}

/**
 * Per-analysis memory of the rule: the top-level declarations met so far and the facts of their
 * functions, so that several matches in one function share one look at it. Everything here is
 * read from the declaration that contains the match (or from the package index), as the
 * engine's per-declaration cache requires. Replaced whenever a new analysis starts (a new
 * TypeResolver), so nothing outlives the tree it came from.
 */
export class Facts {
  private static current: Facts | undefined;
  private static sqlMemo = new WeakMap<PackageIndex, boolean>();
  private static contextMemo = new WeakMap<PackageIndex, boolean>();
  private static gormMemo = new WeakMap<PackageIndex, boolean>();

  private readonly tops: TopFacts[] = [];
  private last: TopFacts | undefined;
  private readonly functions = new Map<number, FunctionFacts>();
  private rootNode: Node | undefined;

  private constructor(readonly context: RuleContext) {}

  static of(context: RuleContext): Facts {
    const current = Facts.current;
    if (current && current.context.types === context.types && current.context.file.tree === context.file.tree && current.context.index === context.index) {
      return current;
    }
    return (Facts.current = new Facts(context));
  }

  get types(): TypeResolver {
    return this.context.types;
  }

  get text(): string {
    return this.context.file.text;
  }

  /** The import path bound to `name` in this file (not checking local shadowing). */
  importPath(name: string): string | undefined {
    return this.context.index.importPath(this.context.file.uri, name);
  }

  /**
   * Whether any file of the package imports database/sql or sqlx. Without such an import no
   * expression of the package can have one of their types, as far as the resolver can tell.
   */
  packageUsesSql(): boolean {
    const index = this.context.index;
    let uses = Facts.sqlMemo.get(index);
    if (uses === undefined) {
      uses = index.files.some(({ imports }) => [SQL, SQLX].some((path) => imports.byPath.has(path) || imports.dotImports.includes(path)));
      Facts.sqlMemo.set(index, uses);
    }
    return uses;
  }

  /** Whether any file of the package imports GORM v2, the only GORM with `WithContext`. */
  packageUsesGorm(): boolean {
    const index = this.context.index;
    let uses = Facts.gormMemo.get(index);
    if (uses === undefined) {
      uses = index.files.some(({ imports }) => imports.byPath.has(GORM) || imports.dotImports.includes(GORM));
      Facts.gormMemo.set(index, uses);
    }
    return uses;
  }

  /** Whether any file of the package imports context (the standard library's or x/net's). */
  packageImportsContext(): boolean {
    const index = this.context.index;
    let imports = Facts.contextMemo.get(index);
    if (imports === undefined) {
      imports = index.files.some((file) => file.imports.byPath.has('context') || file.imports.byPath.has('golang.org/x/net/context'));
      Facts.contextMemo.set(index, imports);
    }
    return imports;
  }

  /** The top-level declaration that contains `node`. */
  top(node: Node): TopFacts {
    const at = node.startIndex;
    const last = this.last;
    if (last && last.start <= at && at < last.end) return last;
    let low = 0;
    let high = this.tops.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const top = this.tops[mid];
      if (at < top.start) high = mid - 1;
      else if (at >= top.end) low = mid + 1;
      else return (this.last = top);
    }
    this.rootNode ??= this.context.file.tree.rootNode;
    const found = this.rootNode.firstChildForIndex(at) ?? this.rootNode;
    const start = found.startIndex;
    const end = found.endIndex;
    const type = found.type;
    const text = this.text.slice(start, end);
    const top: TopFacts = {
      node: found,
      type,
      start,
      end,
      text,
      mayHaveSource: /Context|Request/.test(text),
      mainOrInit: type === 'function_declaration' && /^func\s+(?:main|init)\s*\(/.test(text),
    };
    this.tops.splice(low, 0, top);
    return (this.last = top);
  }

  /**
   * The go/defer statements and func literals of a top-level declaration, found from their
   * keywords in its text: one node lookup per keyword instead of a walk over every node.
   */
  nested(top: TopFacts): { detached: Span[]; literals: Span[] } {
    if (top.nested) return top.nested;
    const nested: { detached: Span[]; literals: Span[] } = { detached: [], literals: [] };
    // Position 0 is the declaration's own `func`.
    for (const { node, start, word } of this.keywords(top.node, top.start, top.text, /\b(?:go|defer|func)\b/g, 1)) {
      const type = node.type;
      if (word === 'func' ? type === 'func_literal' : type === `${word}_statement`) {
        (word === 'func' ? nested.literals : nested.detached).push({ start, end: node.endIndex, node });
      }
    }
    return (top.nested = nested);
  }

  /**
   * The named nodes that start where `pattern` matches in `text` (the text of `root`, which
   * starts at `offset`), from `from` on: for keywords, the statement or expression they begin;
   * for names, the identifier. Matches inside strings and comments yield those nodes instead.
   * With `anchored` false, the smallest named node around the match (`:=` → its statement).
   */
  *keywords(root: Node, offset: number, text: string, pattern: RegExp, from = 0, anchored = true): Generator<{ node: Node; start: number; word: string }> {
    pattern.lastIndex = from;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      const start = offset + match.index;
      const node = root.namedDescendantForIndex(start, start + match[0].length);
      if (node && (!anchored || node.startIndex === start)) yield { node, start, word: match[0] };
    }
  }

  /** Facts of the function (declaration or literal) that starts at `fn`. */
  fn(fn: Node): FunctionFacts {
    let facts = this.functions.get(fn.startIndex);
    if (!facts) this.functions.set(fn.startIndex, (facts = {}));
    return facts;
  }

  /**
   * The functions that contain `node`, innermost first, ending with the top-level declaration
   * when it is a function or method.
   */
  enclosingFunctions(node: Node, top: TopFacts, end = node.endIndex): Span[] {
    const chain: Span[] = [];
    const at = node.startIndex;
    const literals = this.nested(top).literals;
    for (let i = literals.length - 1; i >= 0; i--) {
      const literal = literals[i];
      if (literal.start <= at && end <= literal.end && !(literal.start === at && literal.end === end)) chain.push(literal);
    }
    if (top.type === 'function_declaration' || top.type === 'method_declaration') chain.push({ start: top.start, end: top.end, node: top.node });
    return chain;
  }
}
