import type { Node, Tree } from 'web-tree-sitter';
import { indentOf } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { declarationIn, findLocalDeclaration, type Declaration } from '../../core/scope';
import { enclosingFunction, walk } from '../../core/syntax';
import type { LineIndex } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';

/** The method to suggest when the rows of a query are thrown away. */
const EXEC_TWIN: Record<string, string> = {
  Query: 'Exec',
  QueryContext: 'ExecContext',
  Queryx: 'Exec',
  QueryxContext: 'ExecContext',
  NamedQuery: 'NamedExec',
  NamedQueryContext: 'NamedExecContext',
};

/** Nodes an expression may sit in and still be evaluated whenever its statement runs. */
const PASS_THROUGH = new Set([
  'expression_list',
  'argument_list',
  'call_expression',
  'parenthesized_expression',
  'expression_statement',
  'assignment_statement',
  'short_var_declaration',
  'return_statement',
  'defer_statement',
  'var_spec',
  'var_spec_list',
  'var_declaration',
]);

const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/** Nodes whose identifier children are names being declared. */
const DECLARING_PARENTS = new Set(['var_spec', 'const_spec', 'parameter_declaration', 'variadic_parameter_declaration', 'type_parameter_declaration']);

const IDENT = String.raw`[\p{L}_][\p{L}\p{Nd}_]*`;
/** `rows, err :=`, `rows, err =`, `rows =` at the start of a statement's or spec's text. */
const BINDING_TEXT = new RegExp(String.raw`^(${IDENT})\s*(?:,\s*(${IDENT})\s*)?:?=`, 'u');
/** The words a statement needs to contain to leave the enclosing code early. */
const EXIT_WORDS = /(?<![\p{L}\p{Nd}_])(?:return|goto|break|continue|panic)(?![\p{L}\p{Nd}_])/u;

export const rule: Rule = {
  meta: {
    id: 'sql-rows-close',
    title: { en: 'sql.Rows never closed', 'zh-cn': 'sql.Rows 未关闭' },
    chapter: 'databases',
    defaultSeverity: 'warning',
    peers: ['sqlclosecheck'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    const call = capture(match, 'call')!;
    const target = capture(match, 'target');
    const spec = capture(match, 'spec');
    const holder = spec ?? capture(match, 'statement');
    if (!target || !holder) {
      // `db.Query(…)` as a statement.
      if (returnsRows(call, context)) reportDiscarded(call, capture(match, 'method')!.text, context);
      return;
    }
    // The usual shape is read from the text of three statements, with no type resolution.
    const written = BINDING_TEXT.exec(holder.text);
    const name = written?.[1] ?? target.text;
    if (name === '_') {
      if (enclosingFunction(call) && returnsRows(call, context)) reportDiscarded(call, capture(match, 'method')!.text, context);
      return;
    }
    const assigning = spec ? spec.parent : holder;
    if (written && (!spec || assigning?.type === 'var_declaration') && closedRightAway(assigning!, name, written[2])) return;
    if (!returnsRows(call, context)) return;
    const binding = bindingOf(holder, target);
    if (!binding) return;
    const fn = enclosingFunction(call);
    const body = fn?.childForFieldName('body');
    if (!fn || !body) return;

    const callee = call.childForFieldName('function')!;
    const { err, statement } = binding;
    const refs = referencesOf(binding, name, fn, body, context.file.tree);
    if (!refs) return;
    const usage = usageOf(refs, fn);
    if (usage.escapes || usage.closedElsewhere) return;

    const subject = `\`${name}\` from \`${callee.text}\``;
    const deferLine = `defer ${name}.Close()`;
    const placement = err ? 'after the error check' : 'right after the query';

    if (usage.sites.length === 0 && !usage.conditionalClose) {
      const inLoop = insideLoop(statement, fn);
      const anchor = inLoop ? undefined : fixAnchor(statement, err);
      const fixes: Fix[] = [];
      if (anchor) fixes.push({ title: `Add \`${deferLine}\``, edits: [insertLineAfter(anchor, deferLine, context.file.lines)] });
      context.report({
        node: target,
        message: inLoop
          ? `${subject} are never closed, so every iteration keeps a connection busy; call \`${name}.Close()\` once they are read, or move the loop body into a function that defers it`
          : `${subject} are never closed, so their connection never returns to the pool; add \`${deferLine}\` ${placement}`,
        fixes,
      });
      return;
    }

    // Closed somewhere: the rows leak only if a path leaves before the Close runs.
    const list = statement.parent;
    if (list?.type !== 'statement_list') return;
    const siteIds = new Set(usage.sites.map((site) => site.id));
    const after: Node[] = [];
    let close: Node | undefined;
    for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
      if (siteIds.has(next.id)) {
        close = next;
        break;
      }
      if (next.type !== 'comment') after.push(next);
    }
    if (!close) return; // closed only in some branches: too many shapes to be sure

    const exits: Node[] = [];
    let usedYet = false;
    const usedIn = (from: number, to: number) => refs.some((ref) => ref.start >= from && ref.start < to);
    for (const sibling of after) {
      const start = sibling.startIndex;
      const end = sibling.endIndex;
      if (!usedYet && err) {
        // On the error path the rows are nil; an `else` runs like the code after the `if`.
        const alternative = errorPath(sibling, err);
        if (alternative !== undefined && !usedIn(start, alternative?.startIndex ?? end)) {
          if (!alternative) continue;
          usedYet = usedIn(alternative.startIndex, end);
          if (EXIT_WORDS.test(alternative.text)) collectExits(alternative, list, exits);
          continue;
        }
      }
      usedYet ||= usedIn(start, end);
      if (EXIT_WORDS.test(sibling.text)) collectExits(sibling, list, exits);
    }
    const leaking = exits.find((exit) => !coveredBefore(exit, list, siteIds, name));
    if (!leaking) return;

    const deferred = close.type === 'defer_statement';
    const inLoop = insideLoop(statement, fn);
    const anchor = fixAnchor(statement, err);
    const fixes: Fix[] = [];
    if (anchor && deferred) {
      const move = movedDefer(close, name, anchor, context.file.lines);
      fixes.push(move ?? { title: `Add \`${deferLine}\``, edits: [insertLineAfter(anchor, deferLine, context.file.lines)] });
    } else if (anchor && !inLoop) {
      fixes.push({ title: `Add \`${deferLine}\``, edits: [insertLineAfter(anchor, deferLine, context.file.lines)] });
    }
    const path = `on the path that ${leaving(leaking)}`;
    context.report({
      node: target,
      message: deferred
        ? `${subject} stay open ${path} before the deferred Close is reached; defer it ${err ? 'right after the error check' : 'right after the query'}`
        : inLoop
          ? `${subject} stay open ${path} before \`${name}.Close()\`; close them on that path too, or move the loop body into a function that defers the Close`
          : `${subject} stay open ${path} before \`${name}.Close()\`; add \`${deferLine}\` ${placement}`,
      fixes,
    });
  },
};

function reportDiscarded(call: Node, method: string, context: RuleContext): void {
  const callee = call.childForFieldName('function')!;
  const operand = callee.childForFieldName('operand')?.text;
  context.report({
    node: call,
    message: `the rows returned by \`${callee.text}\` are discarded, so they are never closed and keep a connection busy; call \`${operand}.${EXEC_TWIN[method]}\` when no rows are needed`,
  });
}

/** True when the call returns `*sql.Rows` or `*sqlx.Rows`, as far as the types can tell. */
function returnsRows(call: Node, context: RuleContext): boolean {
  const packageFunction = context.types.calledFunction(call);
  if (packageFunction) return packageFunction.path === SQLX && packageFunction.name.startsWith('NamedQuery');
  const first = context.types.resultsOf(call)?.[0];
  return isNamed(first, SQL, 'Rows') || isNamed(first, SQLX, 'Rows');
}

/**
 * The idiom: `rows, err := …` directly followed by `if err != nil { … }` (which does not mention
 * the rows) and `defer rows.Close()`. Whatever the call returns, nothing can be reported then;
 * false means "look closer". `statement` is the assignment or the var declaration.
 */
function closedRightAway(statement: Node, name: string, errName: string | undefined): boolean {
  if (statement.parent?.type !== 'statement_list') return false;
  const err = errName !== undefined && errName !== '_' ? errName : undefined;
  let next = nextStatement(statement);
  if (err !== undefined) {
    if (next?.type !== 'if_statement' || !isPlainErrorCheck(next.text, err, name)) return false;
    next = nextStatement(next);
  }
  return next?.type === 'defer_statement' && deferredClose(name).test(next.text);
}

function nextStatement(statement: Node): Node | null {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/** `if err != nil { … }` with no initializer, no else, and no mention of `name`. */
function isPlainErrorCheck(text: string, err: string, name: string): boolean {
  return memo(`if ${err}`, () => new RegExp(String.raw`^if\s+${err}\s*!=\s*nil\s*\{`, 'u')).test(text) && !ELSE.test(text) && !word(name).test(text);
}

const ELSE = /\}\s*else(?![\p{L}\p{Nd}_])/u;

const patterns = new Map<string, RegExp>();
function memo(key: string, make: () => RegExp): RegExp {
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size > 1000) patterns.clear();
    pattern = make();
    patterns.set(key, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

/** Matches `name` as a whole Go identifier (global: use with `matchAll` or `test`). */
function word(name: string): RegExp {
  return memo(`word ${name}`, () => new RegExp(String.raw`(?<![\p{L}\p{Nd}_])${name}(?![\p{L}\p{Nd}_])`, 'gu'));
}

/** `defer rows.Close()`, the whole statement. */
function deferredClose(name: string): RegExp {
  return memo(`defer ${name}`, () => new RegExp(String.raw`^defer\s+${name}\s*\.\s*Close\s*\(\s*\)$`, 'u'));
}

interface Binding {
  /** The identifier the rows are assigned to. */
  target: Node;
  /** The name the error is assigned to, unless it is `_` or absent. */
  err?: string;
  /** The statement that assigns the rows. */
  statement: Node;
  /** The short variable declaration or var spec that declares the rows (absent for `=`). */
  declarer?: Node;
  kind: 'short' | 'assign' | 'var';
}

/** How the rows are received: `rows, err := call`, `rows, err = call`, `var rows, err = call`. */
function bindingOf(holder: Node, target: Node): Binding | undefined {
  let statement: Node;
  let kind: Binding['kind'];
  if (holder.type === 'var_spec') {
    const parent = holder.parent;
    const declaration = parent?.type === 'var_spec_list' ? parent.parent : parent;
    if (declaration?.type !== 'var_declaration') return undefined;
    statement = declaration;
    kind = 'var';
  } else {
    if (holder.type === 'assignment_statement' && holder.childForFieldName('operator')?.text !== '=') return undefined;
    statement = holder;
    kind = holder.type === 'short_var_declaration' ? 'short' : 'assign';
  }
  const errName = target.nextNamedSibling;
  const err = errName?.type === 'identifier' && errName.text !== '_' ? errName.text : undefined;
  return { target, err, statement, declarer: kind === 'assign' ? undefined : holder, kind };
}

/** An identifier spelled like the rows variable inside the function. */
interface Occurrence {
  node: Node;
  parent: Node;
  start: number;
  /** The identifier is a name being declared: by `:=` (which may reuse a variable), or otherwise. */
  declares?: 'short' | 'other';
}

let occurrenceTree: Tree | undefined;
const occurrenceMemo = new Map<string, Occurrence[]>();

/**
 * The identifiers named `name` in `fn`, found by searching its text rather than walking its tree;
 * kept for the other queries of the same function while the tree is the same.
 */
function occurrencesIn(fn: Node, name: string, tree: Tree): Occurrence[] {
  if (occurrenceTree !== tree) {
    occurrenceTree = tree;
    occurrenceMemo.clear();
  }
  const key = `${fn.startIndex}:${name}`;
  const known = occurrenceMemo.get(key);
  if (known) return known;
  const found: Occurrence[] = [];
  const base = fn.startIndex;
  for (const hit of fn.text.matchAll(word(name))) {
    const start = base + hit.index;
    const node = fn.descendantForIndex(start, start + name.length);
    if (!node || node.startIndex !== start || node.type !== 'identifier') continue; // a field, a string, a comment
    const parent = node.parent;
    if (!parent) continue;
    found.push({ node, parent, start, declares: declarationKind(parent) });
  }
  occurrenceMemo.set(key, found);
  return found;
}

function declarationKind(parent: Node): Occurrence['declares'] {
  if (DECLARING_PARENTS.has(parent.type)) return 'other';
  // The left side of `:=` in a statement, a range clause, a type switch or a select case.
  if (parent.type !== 'expression_list' || parent.nextSibling?.type !== ':=') return undefined;
  return parent.parent?.type === 'short_var_declaration' ? 'short' : 'other';
}

/**
 * The uses of the rows variable in the function's body, or undefined when the variable outlives
 * the function: a named result, a package variable or a variable of an enclosing function.
 */
function referencesOf(binding: Binding, name: string, fn: Node, body: Node, tree: Tree): Occurrence[] | undefined {
  const { target } = binding;
  const occurrences = occurrencesIn(fn, name, tree);
  const declaring = occurrences.filter((o) => o.declares);
  const bodyStart = body.startIndex;
  // One declaration of the name in the function and a plain scope: no need to resolve each use.
  let scope: [number, number] | undefined;
  if (binding.kind !== 'assign') {
    if (declaring.length === 1 && declaring[0].start === target.startIndex) scope = blockScope(binding.declarer!.endIndex, binding.statement);
  } else if (declaring.length === 0 || (declaring.length === 1 && declaring[0].start > target.startIndex)) {
    return undefined; // declared outside the function
  } else if (declaring.length === 1) {
    scope = declarationScope(declaring[0]);
    if (scope && (target.startIndex < scope[0] || target.startIndex >= scope[1])) return undefined;
  }
  if (scope) {
    const [from, to] = scope;
    return occurrences.filter((o) => !o.declares && o.start >= from && o.start < to && o.start !== target.startIndex);
  }
  const keys = variableKeys(binding, fn, body);
  if (!keys) return undefined;
  // Only `:=` can reuse the variable; any other declaration makes a new one.
  return occurrences.filter(
    (o) => o.start >= bodyStart && o.start !== target.startIndex && o.declares !== 'other' && keys.has(findLocalDeclaration(o.node)?.name.id ?? -1),
  );
}

/** Where a variable declared by `var` or `:=` is visible, when that is a plain block or clause. */
function declarationScope(occurrence: Occurrence): [number, number] | undefined {
  const { parent } = occurrence;
  if (parent.type === 'var_spec') {
    const list = parent.parent;
    const declaration = list?.type === 'var_spec_list' ? list.parent : list;
    return declaration?.type === 'var_declaration' ? blockScope(parent.endIndex, declaration) : undefined;
  }
  const statement = parent.type === 'expression_list' ? parent.parent : null;
  return statement?.type === 'short_var_declaration' ? blockScope(statement.endIndex, statement) : undefined;
}

function blockScope(from: number, statement: Node): [number, number] | undefined {
  const container = statement.parent;
  switch (container?.type) {
    case 'statement_list':
    case 'if_statement':
    case 'expression_switch_statement':
    case 'type_switch_statement':
      return [from, container.endIndex];
    default:
      return undefined;
  }
}

/**
 * The declarations (by the id of their name node) the rows variable may be known by inside the
 * function, or undefined when the variable outlives the function: a named result, a package
 * variable or a variable of an enclosing function.
 */
function variableKeys(binding: Binding, fn: Node, body: Node): Set<number> | undefined {
  const { target, statement, kind } = binding;
  const keys = new Set<number>();
  const prior = findLocalDeclaration(target);
  const inFunction = (node: Node) => node.startIndex >= fn.startIndex && node.startIndex < fn.endIndex;
  if (kind === 'assign') {
    if (!prior || prior.kind === 'result' || !inFunction(prior.node)) return undefined;
    keys.add(prior.name.id);
    return keys;
  }
  const own = declarationIn(statement, target.text);
  if (!own) return undefined;
  keys.add(own.name.id);
  // `rows, err := …` reuses a variable of the same scope; count its uses too. One of an outer
  // scope is another variable, shadowed here.
  if (kind === 'short' && prior && inFunction(prior.node)) {
    if (prior.kind === 'result') return undefined;
    if (sameScope(prior, statement, fn, body)) keys.add(prior.name.id);
  }
  return keys;
}

/** True when `prior` is declared in the block that `statement` is directly in. */
function sameScope(prior: Declaration, statement: Node, fn: Node, body: Node): boolean {
  const list = statement.parent;
  if (list?.type !== 'statement_list') return false;
  switch (prior.kind) {
    case 'short':
      return prior.node.parent?.equals(list) ?? false;
    case 'var': {
      const parent = prior.node.parent;
      const declaration = parent?.type === 'var_spec_list' ? parent.parent : parent;
      return declaration?.parent?.equals(list) ?? false;
    }
    case 'param':
    case 'receiver':
      // Parameters live in the function's outermost block.
      return (prior.node.parent?.parent?.equals(fn) ?? false) && (list.parent?.equals(body) ?? false);
    default:
      return false;
  }
}

interface Usage {
  /** Statements (each directly in a statement list) that close the rows whenever they run. */
  sites: Node[];
  /** A Close whose statement runs only on some paths (an `if` branch, a `&&` operand). */
  conditionalClose: boolean;
  /** A Close inside a func literal that is not simply deferred: its timing is unknown. */
  closedElsewhere: boolean;
  /** The rows are returned, passed on, stored or sent: someone else owns them. */
  escapes: boolean;
}

function usageOf(refs: Occurrence[], fn: Node): Usage {
  const usage: Usage = { sites: [], conditionalClose: false, closedElsewhere: false, escapes: false };
  for (const ref of refs) classify(ref.node, ref.parent, fn, usage);
  return usage;
}

function classify(ref: Node, parent: Node, fn: Node, usage: Usage): void {
  switch (parent.type) {
    case 'selector_expression': {
      if (!parent.childForFieldName('operand')?.equals(ref)) break;
      const field = parent.childForFieldName('field')?.text;
      if (field === 'Rows') {
        usage.escapes = true; // the *sql.Rows inside *sqlx.Rows: followed no further
      } else if (field === 'Close') {
        const call = parent.parent;
        if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(parent)) closeCall(call, fn, usage);
        else {
          // `defer closeLogged(rows.Close)` closes them; any other use of the method value escapes.
          const deferred = deferredCallOfArgument(parent, fn);
          if (deferred) usage.sites.push(deferred);
          else usage.escapes = true;
        }
      }
      return;
    }
    case 'expression_list': {
      const holder = parent.parent;
      if ((holder?.type === 'assignment_statement' || holder?.type === 'short_var_declaration') && holder.childForFieldName('left')?.equals(parent)) return;
      break;
    }
    case 'binary_expression': {
      const operator = parent.childForFieldName('operator')?.text;
      if (operator === '==' || operator === '!=') return;
      break;
    }
    case 'argument_list': {
      // `defer closeRows(rows)`: a deferred helper taking the rows closes them.
      const deferred = deferredCallOfArgument(ref, fn);
      if (deferred) {
        usage.sites.push(deferred);
        return;
      }
      break;
    }
  }
  usage.escapes = true;
}

/** For an argument of `defer f(…)` written in `fn` itself, the defer statement. */
function deferredCallOfArgument(argument: Node, fn: Node): Node | undefined {
  const list = argument.parent;
  const call = list?.type === 'argument_list' ? list.parent : undefined;
  const statement = call?.parent;
  if (statement?.type !== 'defer_statement' || statement.parent?.type !== 'statement_list') return undefined;
  return enclosingFunction(statement)?.equals(fn) ? statement : undefined;
}

function closeCall(call: Node, fn: Node, usage: Usage): void {
  const owner = enclosingFunction(call);
  if (!owner) return;
  if (!owner.equals(fn)) {
    // `defer func() { … rows.Close() … }()` in this function closes them; any other literal
    // (a stored cleanup func, a goroutine) runs at a time we cannot see.
    const invocation = owner.parent;
    const statement = invocation?.type === 'call_expression' && invocation.childForFieldName('function')?.equals(owner) ? invocation.parent : null;
    const outer = enclosingFunction(owner);
    if (statement?.type === 'defer_statement' && statement.parent?.type === 'statement_list' && outer?.equals(fn)) usage.sites.push(statement);
    else usage.closedElsewhere = true;
    return;
  }
  const statement = unconditionalStatement(call);
  if (statement) usage.sites.push(statement);
  else usage.conditionalClose = true;
}

/** The statement (directly in a statement list) that always evaluates `node` when it runs. */
function unconditionalStatement(node: Node): Node | undefined {
  let child = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'statement_list') return child;
    if (PASS_THROUGH.has(current.type)) continue;
    if (current.type === 'if_statement') {
      const initializer = current.childForFieldName('initializer');
      const condition = current.childForFieldName('condition');
      if (initializer?.equals(child) || condition?.equals(child)) continue;
      return undefined;
    }
    if (current.type === 'binary_expression') {
      const operator = current.childForFieldName('operator')?.text;
      if ((operator !== '&&' && operator !== '||') || current.childForFieldName('left')?.equals(child)) continue;
      return undefined;
    }
    return undefined;
  }
  return undefined;
}

/** `if err != nil { … }` (no initializer, no else) on the query's own error. */
function isErrorCheck(statement: Node, err: string): boolean {
  if (statement.type !== 'if_statement') return false;
  if (statement.childForFieldName('initializer') || statement.childForFieldName('alternative')) return false;
  const condition = statement.childForFieldName('condition');
  if (condition?.type !== 'binary_expression' || condition.childForFieldName('operator')?.text !== '!=') return false;
  const sides = [condition.childForFieldName('left'), condition.childForFieldName('right')].map((n) => n?.type === 'identifier' ? n.text : n?.type);
  return (sides[0] === err && sides[1] === 'nil') || (sides[0] === 'nil' && sides[1] === err);
}

/**
 * For an `if` on the query's error (`if err != nil { return err }`, also
 * `if err != nil && !errors.Is(err, ErrX)`), its `else` branch or null when it has none; undefined
 * for any other statement. The caller checks that the rows are not touched before the `else`: the
 * exits there are taken as the error path, where the rows are nil. A condition comparing the
 * error with `==` is not taken.
 */
function errorPath(statement: Node, err: string): Node | null | undefined {
  if (statement.type !== 'if_statement' || statement.childForFieldName('initializer')) return undefined;
  const condition = statement.childForFieldName('condition');
  if (!condition) return undefined;
  let mentions = condition.type === 'identifier' && condition.text === err;
  let equality = false;
  walk(condition, (node) => {
    if (node.type === 'identifier' && node.text === err) mentions = true;
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '==') equality = true;
  });
  if (condition.type === 'binary_expression' && condition.childForFieldName('operator')?.text === '==') equality = true;
  return mentions && !equality ? statement.childForFieldName('alternative') : undefined;
}

/**
 * Where `defer rows.Close()` goes: after the `if err != nil { … }` that follows the assignment,
 * or after the assignment itself when the error is not kept. Undefined when the shape is unusual
 * (the error is checked later, the assignment is an `if` initializer).
 */
function fixAnchor(statement: Node, err: string | undefined): Node | undefined {
  if (statement.parent?.type !== 'statement_list') return undefined;
  if (err === undefined) return statement;
  const next = nextStatement(statement);
  return next && isErrorCheck(next, err) ? next : undefined;
}

function insideLoop(statement: Node, fn: Node): boolean {
  for (let current = statement.parent; current && !current.equals(fn); current = current.parent) {
    if (current.type === 'for_statement') return true;
  }
  return false;
}

/** Returns, gotos, panics, and breaks or continues that leave `region`, outside func literals. */
function collectExits(root: Node, region: Node, exits: Node[]): void {
  const visit = (node: Node): boolean | undefined => {
    switch (node.type) {
      case 'func_literal':
        return false;
      case 'return_statement':
      case 'goto_statement':
        exits.push(node);
        break;
      case 'break_statement':
      case 'continue_statement':
        if (leavesRegion(node, region)) exits.push(node);
        break;
      case 'call_expression': {
        const fn = node.childForFieldName('function');
        if (fn?.type === 'identifier' && fn.text === 'panic' && !findLocalDeclaration(fn)) exits.push(node);
        break;
      }
    }
    return undefined;
  };
  if (visit(root) !== false) walk(root, visit);
}

function leavesRegion(jump: Node, region: Node): boolean {
  const label = jump.namedChildren.find((n) => n?.type === 'label_name')?.text;
  for (let current = jump.parent; current && !current.equals(region); current = current.parent) {
    if (label !== undefined) {
      if (current.type === 'labeled_statement' && current.childForFieldName('label')?.text === label) return false;
    } else if (current.type === 'for_statement' || (jump.type === 'break_statement' && BREAK_TARGETS.has(current.type))) {
      return false;
    }
  }
  return true;
}

/**
 * True when the rows are closed by the time `exit` runs: a Close site precedes it in one of the
 * blocks between it and `region`, or it sits under `if !rows.Next()` (Next has closed them) or
 * `if rows == nil` (nothing to close).
 */
function coveredBefore(exit: Node, region: Node, sites: Set<number>, name: string): boolean {
  let child = exit;
  for (let current = exit.parent; current && !current.equals(region); child = current, current = current.parent) {
    if (current.type === 'if_statement' && current.childForFieldName('consequence')?.equals(child) && closedOrNil(current.childForFieldName('condition'), name)) {
      return true;
    }
    if (current.type !== 'statement_list') continue;
    for (const sibling of current.namedChildren) {
      if (!sibling || sibling.startIndex >= child.startIndex) break;
      if (sites.has(sibling.id)) return true;
    }
  }
  return false;
}

/** `!rows.Next()` (when Next reports false, database/sql has closed the rows) or `rows == nil`. */
function closedOrNil(condition: Node | null, name: string): boolean {
  if (condition?.type === 'binary_expression' && condition.childForFieldName('operator')?.text === '==') {
    const sides = [condition.childForFieldName('left'), condition.childForFieldName('right')].map((n) => n?.text);
    return sides.includes(name) && sides.includes('nil');
  }
  if (condition?.type !== 'unary_expression' || condition.childForFieldName('operator')?.text !== '!') return false;
  const call = condition.childForFieldName('operand');
  const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  return fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === name && fn.childForFieldName('field')?.text === 'Next';
}

function leaving(exit: Node): string {
  switch (exit.type) {
    case 'return_statement':
      return 'returns';
    case 'break_statement':
      return 'breaks out';
    case 'continue_statement':
      return 'continues';
    case 'goto_statement':
      return 'jumps away';
    default:
      return 'panics';
  }
}

/**
 * Moves a late `defer rows.Close()` (alone on its line) to right after the error check; a blank
 * line left orphaned before a closing brace or another blank line goes too.
 */
function movedDefer(close: Node, name: string, anchor: Node, lines: LineIndex): Fix | undefined {
  const text = `defer ${name}.Close()`;
  if (close.text !== text) return undefined;
  const row = close.startPosition.row;
  if (lines.lineText(row).trim() !== text) return undefined;
  const isBlank = (line: number) => line >= 0 && line < lines.lineCount && lines.lineText(line).trim() === '';
  const nextLine = lines.lineText(row + 1).trim();
  const from = isBlank(row - 1) && (isBlank(row + 1) || nextLine.startsWith('}')) ? row - 1 : row;
  const removal: TextEdit = { range: { start: { line: from, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
  return { title: `Move \`${text}\` right after the error check`, edits: [insertLineAfter(anchor, text, lines), removal] };
}

/**
 * Inserts `code` on a new line after the statement, at its indentation, keeping a trailing
 * comment of the statement's last line on that line.
 */
function insertLineAfter(statement: Node, code: string, lines: LineIndex): TextEdit {
  const row = statement.endPosition.row;
  const line = lines.lineText(row);
  const rest = line.slice(statement.endPosition.column).trim();
  const character = rest === '' || rest.startsWith('//') ? line.length : statement.endPosition.column;
  const eol = lines.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: { line: row, character }, end: { line: row, character } }, newText: `${eol}${indentOf(statement, lines)}${code}` };
}
