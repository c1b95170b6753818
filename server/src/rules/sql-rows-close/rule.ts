import type { Node } from 'web-tree-sitter';
import { indentOf } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import { isNamed, type TypeRef } from '../../core/go-types';
import { knownMethodResults } from '../../core/known-apis';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { declarationIn, findLocalDeclaration } from '../../core/scope';
import { calleeParts, enclosingFunction, isAncestor, walk } from '../../core/syntax';
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
    const method = capture(match, 'method')!.text;
    if (!returnsRows(call, context)) return;
    const fn = enclosingFunction(call);
    const body = fn?.childForFieldName('body');
    if (!fn || !body) return;
    const callee = call.childForFieldName('function')!;

    const binding = call.parent?.type === 'expression_statement' ? 'discarded' : bindingOf(call);
    if (!binding) return;
    if (binding === 'discarded' || binding.target.text === '_') {
      const operand = callee.childForFieldName('operand')?.text;
      context.report({
        node: call,
        message: `the rows returned by \`${callee.text}\` are discarded, so they are never closed and keep a connection busy; call \`${operand}.${EXEC_TWIN[method]}\` when no rows are needed`,
      });
      return;
    }

    const { target, err, statement } = binding;
    const name = target.text;
    const keys = variableKeys(binding, fn);
    if (!keys) return;
    const usage = usageOf(name, keys, target, fn, body);
    if (usage.escapes || usage.closedElsewhere) return;

    const inLoop = insideLoop(statement, fn);
    const subject = `\`${name}\` from \`${callee.text}\``;
    const anchor = fixAnchor(statement, err);
    const deferLine = `defer ${name}.Close()`;
    const placement = err ? 'after the error check' : 'right after the query';

    if (usage.sites.length === 0 && !usage.conditionalClose) {
      const fixes: Fix[] = [];
      if (!inLoop && anchor) fixes.push({ title: `Add \`${deferLine}\``, edits: [insertLineAfter(anchor, deferLine, context.file.lines)] });
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
    const siblings = list.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
    const after = siblings.slice(siblings.findIndex((n) => n.equals(statement)) + 1);
    const siteIds = new Set(usage.sites.map((site) => site.id));
    const closeAt = after.findIndex((n) => siteIds.has(n.id));
    if (closeAt === -1) return; // closed only in some branches: too many shapes to be sure
    const close = after[closeAt];

    const exits: Node[] = [];
    let usedYet = false;
    for (const sibling of after.slice(0, closeAt)) {
      if (!usedYet && err && isErrorPath(sibling, err, usage.refs)) continue; // rows are nil there
      usedYet ||= usage.refs.some((ref) => isAncestor(sibling, ref));
      collectExits(sibling, list, exits);
    }
    const leaking = exits.find((exit) => !coveredBefore(exit, list, siteIds, name));
    if (!leaking) return;

    const deferred = close.type === 'defer_statement';
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

/** True when the call returns `*sql.Rows` or `*sqlx.Rows`, as far as the types can tell. */
function returnsRows(call: Node, context: RuleContext): boolean {
  const packageFunction = context.types.calledFunction(call);
  if (packageFunction) return packageFunction.path === SQLX && packageFunction.name.startsWith('NamedQuery');
  const first = (context.types.resultsOf(call) ?? sameFileResults(call, context))?.[0];
  return isNamed(first, SQL, 'Rows') || isNamed(first, SQLX, 'Rows');
}

// Workaround: the package index currently records no struct fields, embedded fields or package
// variables (file-summary.ts compares tree-sitter nodes with `===`), so receivers such as `s.db`,
// a struct embedding *sql.DB or a package-level `var pool *sql.DB` resolve to nothing. Until the
// core is fixed, the declarations of the current file are read here; the index answer wins.

/** Results of `x.Method(…)` whose receiver is declared in this file, as far as the syntax tells. */
function sameFileResults(call: Node, context: RuleContext): TypeRef[] | undefined {
  const callee = calleeParts(call);
  if (!callee?.operand) return undefined;
  const receiver = receiverType(callee.operand, context);
  if (!receiver) return undefined;
  if (receiver.pkg) return knownMethodResults(receiver, callee.name);
  if (!receiver.name || context.index.method(receiver.name, callee.name)) return undefined;
  for (const embedded of fileStruct(receiver.name, context)?.embedded ?? []) {
    const promoted = embedded.pkg ? knownMethodResults(embedded, callee.name) : undefined;
    if (promoted) return promoted;
  }
  return undefined;
}

function receiverType(operand: Node, context: RuleContext): TypeRef | undefined {
  const known = context.types.typeOf(operand);
  if (known) return known;
  if (operand.type === 'identifier' && !findLocalDeclaration(operand)) return fileVariable(operand.text, context);
  if (operand.type !== 'selector_expression') return undefined;
  const inner = operand.childForFieldName('operand');
  const field = operand.childForFieldName('field')?.text;
  const owner = inner && context.types.typeOf(inner);
  if (!owner || owner.pkg !== '' || !owner.name || !field) return undefined;
  return fileStruct(owner.name, context)?.fields.get(field);
}

function fileStruct(name: string, context: RuleContext): { fields: Map<string, TypeRef>; embedded: TypeRef[] } | undefined {
  for (const spec of context.file.tree.rootNode.descendantsOfType('type_spec')) {
    const type = spec?.childForFieldName('type');
    if (spec?.childForFieldName('name')?.text !== name || type?.type !== 'struct_type') continue;
    const fields = new Map<string, TypeRef>();
    const embedded: TypeRef[] = [];
    for (const declaration of type.descendantsOfType('field_declaration')) {
      const typeNode = declaration?.childForFieldName('type');
      if (!declaration || !typeNode || !declaration.parent?.parent?.equals(type)) continue;
      const ref = context.types.typeOfTypeNode(typeNode);
      const names = declaration.childrenForFieldName('name').filter((n): n is Node => n !== null);
      if (names.length === 0) {
        embedded.push(ref);
        if (ref.name) fields.set(ref.name, ref);
      }
      for (const fieldName of names) fields.set(fieldName.text, ref);
    }
    return { fields, embedded };
  }
  return undefined;
}

function fileVariable(name: string, context: RuleContext): TypeRef | undefined {
  for (const declaration of context.file.tree.rootNode.namedChildren) {
    if (declaration?.type !== 'var_declaration') continue;
    for (const spec of declaration.descendantsOfType('var_spec')) {
      const names = spec?.childrenForFieldName('name').map((n) => n?.text) ?? [];
      const type = spec?.childForFieldName('type');
      if (names.includes(name) && type) return context.types.typeOfTypeNode(type);
    }
  }
  return undefined;
}

interface Binding {
  /** The identifier (or `_`) the rows are assigned to. */
  target: Node;
  /** The name the error is assigned to, unless it is `_` or absent. */
  err?: string;
  /** The statement that assigns the rows. */
  statement: Node;
  kind: 'short' | 'assign' | 'var';
}

/** How the rows are received: `rows, err := call`, `rows, err = call`, `var rows, err = call`. */
function bindingOf(call: Node): Binding | undefined {
  const list = call.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return undefined;
  const holder = list.parent;
  if (!holder) return undefined;
  let names: Node[];
  let statement: Node;
  let kind: Binding['kind'];
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    if (!holder.childForFieldName('right')?.equals(list)) return undefined;
    if (holder.type === 'assignment_statement' && holder.childForFieldName('operator')?.text !== '=') return undefined;
    names = holder.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    statement = holder;
    kind = holder.type === 'short_var_declaration' ? 'short' : 'assign';
  } else if (holder.type === 'var_spec') {
    names = holder.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const declaration = holder.parent?.type === 'var_spec_list' ? holder.parent.parent : holder.parent;
    if (declaration?.type !== 'var_declaration') return undefined;
    statement = declaration;
    kind = 'var';
  } else {
    return undefined;
  }
  const [target, errName] = names;
  if (target?.type !== 'identifier') return undefined; // stored in a field, a map, …: handed over
  const err = errName?.type === 'identifier' && errName.text !== '_' ? errName.text : undefined;
  return { target, err, statement, kind };
}

/**
 * The declarations (by the id of their name node) the rows variable may be known by inside the
 * function, or undefined when the variable outlives the function: a named result, a package
 * variable or a variable of an enclosing function.
 */
function variableKeys(binding: Binding, fn: Node): Set<number> | undefined {
  const { target, statement, kind } = binding;
  const keys = new Set<number>();
  const prior = findLocalDeclaration(target);
  if (kind === 'assign') {
    if (!prior || prior.kind === 'result' || !isAncestor(fn, prior.node)) return undefined;
    keys.add(prior.name.id);
    return keys;
  }
  const own = declarationIn(statement, target.text);
  if (!own) return undefined;
  keys.add(own.name.id);
  // `rows, err := …` may reuse a variable of the same scope; count its uses too.
  if (kind === 'short' && prior && isAncestor(fn, prior.node)) {
    if (prior.kind === 'result') return undefined;
    keys.add(prior.name.id);
  }
  return keys;
}

interface Usage {
  refs: Node[];
  /** Statements (each directly in a statement list) that close the rows whenever they run. */
  sites: Node[];
  /** A Close whose statement runs only on some paths (an `if` branch, a `&&` operand). */
  conditionalClose: boolean;
  /** A Close inside a func literal that is not simply deferred: its timing is unknown. */
  closedElsewhere: boolean;
  /** The rows are returned, passed on, stored or sent: someone else owns them. */
  escapes: boolean;
}

function usageOf(name: string, keys: Set<number>, target: Node, fn: Node, body: Node): Usage {
  const usage: Usage = { refs: [], sites: [], conditionalClose: false, closedElsewhere: false, escapes: false };
  walk(body, (node) => {
    if (node.type !== 'identifier' || node.text !== name || node.equals(target)) return;
    const declaration = findLocalDeclaration(node);
    if (!declaration || !keys.has(declaration.name.id)) return;
    usage.refs.push(node);
    classify(node, fn, usage);
  });
  return usage;
}

function classify(ref: Node, fn: Node, usage: Usage): void {
  const parent = ref.parent!;
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
 * An `if` on the query's error, before the rows are touched: `if err != nil { return err }`, also
 * `if err != nil && !errors.Is(err, ErrX)`. Its exits are taken as the error path, where the rows
 * are nil. A condition comparing the error with `==` is not taken.
 */
function isErrorPath(statement: Node, err: string, refs: Node[]): boolean {
  if (statement.type !== 'if_statement' || statement.childForFieldName('alternative') || statement.childForFieldName('initializer')) return false;
  const condition = statement.childForFieldName('condition');
  if (!condition || refs.some((ref) => isAncestor(statement, ref))) return false;
  let mentions = condition.type === 'identifier' && condition.text === err;
  let equality = false;
  walk(condition, (node) => {
    if (node.type === 'identifier' && node.text === err) mentions = true;
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '==') equality = true;
  });
  if (condition.type === 'binary_expression' && condition.childForFieldName('operator')?.text === '==') equality = true;
  return mentions && !equality;
}

/**
 * Where `defer rows.Close()` goes: after the `if err != nil { … }` that follows the assignment,
 * or after the assignment itself when the error is not kept. Undefined when the shape is unusual
 * (the error is checked later, the assignment is an `if` initializer).
 */
function fixAnchor(statement: Node, err: string | undefined): Node | undefined {
  if (statement.parent?.type !== 'statement_list') return undefined;
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  if (err === undefined) return statement;
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
