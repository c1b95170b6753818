import type { Node } from 'web-tree-sitter';
import { replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { TypeRef } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, calleeParts, walk } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { runsAfterDone, usedOnlyInline } from './flow';
import query from './query.scm';
import { CONTEXT_PATHS, contextExpression, scopeOf, type ContextSource } from './scope';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';

/** The context-taking twin of a method; `nil` arguments follow the context (`BeginTx(ctx, nil)`). */
interface Twin {
  name: string;
  options?: boolean;
}

const twins = (names: string[]): Record<string, Twin> => Object.fromEntries(names.map((name) => [name, { name: `${name}Context` }]));
const begin = (from: string, to: string): Record<string, Twin> => ({ [from]: { name: to, options: true } });

const SQL_STMT = twins(['Exec', 'Query', 'QueryRow']);
const SQL_TX = { ...SQL_STMT, ...twins(['Prepare', 'Stmt']) };
const SQL_DB = { ...SQL_STMT, ...twins(['Prepare', 'Ping']), ...begin('Begin', 'BeginTx') };
const SQLX_STMT = { ...SQL_STMT, ...twins(['Get', 'Select', 'Queryx', 'QueryRowx', 'MustExec']) };
const SQLX_COMMON = { ...twins(['Get', 'Select', 'Queryx', 'QueryRowx', 'NamedExec', 'MustExec', 'Preparex', 'PrepareNamed']) };

/**
 * Methods with a context twin, per receiver type (`import path.Type`). sql.Conn and sqlx.Conn
 * only have context methods. sqlx types embed their database/sql counterparts.
 */
const TWINS: Record<string, Record<string, Twin>> = {
  [`${SQL}.DB`]: SQL_DB,
  [`${SQL}.Tx`]: SQL_TX,
  [`${SQL}.Stmt`]: SQL_STMT,
  [`${SQLX}.DB`]: { ...SQL_DB, ...SQLX_COMMON, ...twins(['NamedQuery']), ...begin('Beginx', 'BeginTxx'), ...begin('MustBegin', 'MustBeginTx') },
  [`${SQLX}.Tx`]: { ...SQL_TX, ...SQLX_COMMON, ...twins(['Stmtx', 'NamedStmt']) },
  [`${SQLX}.Stmt`]: SQLX_STMT,
  [`${SQLX}.NamedStmt`]: SQLX_STMT,
};

/** A call that should receive the caller's context, and how to rewrite it. */
interface Candidate {
  /** The node to underline: the callee's name. */
  node: Node;
  /** `db.Query`, `http.NewRequest`, as written. */
  callee: string;
  /** `db.QueryContext(ctx, …)` with `ctx` standing for the context expression. */
  replacement: (ctx: string) => string;
  edits: (ctx: string) => TextEdit[];
  /** For the no-context variant (severity information): what the call does without one. */
  uncancellable?: string;
}

export const rule: Rule = {
  meta: {
    id: 'context-propagation',
    title: { en: 'Context dropped instead of passed on', 'zh-cn': 'context 没有向下传递' },
    chapter: 'context',
    defaultSeverity: 'warning',
    peers: ['contextcheck', 'noctx', 'G118'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    if (context.file.isTest) return;
    const call = capture(match, 'call')!;
    const callee = context.types.calledFunction(call);
    if (callee && CONTEXT_PATHS.has(callee.path) && (callee.name === 'Background' || callee.name === 'TODO')) {
      checkBackground(call, context);
      return;
    }
    const candidate = callee ? packageCandidate(call, callee, context) : methodCandidate(call, context);
    if (candidate) checkCandidate(call, candidate, context);
  },
};

function checkBackground(call: Node, context: RuleContext): void {
  const scope = scopeOf(call, context.types);
  if (scope.kind !== 'source') return;
  const expression = contextExpression(scope.source, call, context.types);
  if (!expression || runsAfterDone(call, scope.source.fn, expression.names, context.types)) return;
  if (!usedOnlyInline(call, context.types) || isConstructor(scope.source.fn)) return;
  const written = call.childForFieldName('function')!.text;
  const fixes: Fix[] = [{ title: `Pass ${expression.text}`, edits: [replaceNode(call, expression.text)] }];
  if (context.index.goAtLeast(1, 21) !== false) {
    const pkg = calleeParts(call)!.operand!.text;
    const detached = `${pkg}.WithoutCancel(${expression.text})`;
    fixes.push({ title: `Detach on purpose with ${detached}`, edits: [replaceNode(call, detached)] });
  }
  context.report({
    node: call,
    message: `\`${written}()\` drops ${describeSource(scope.source)}; pass \`${expression.text}\` so cancellation and deadlines reach this work`,
    fixes,
  });
}

/**
 * `NewServer(ctx, …)`: what a constructor builds outlives the call, and a context made from
 * Background there usually belongs to the new object, not to the caller's request.
 */
function isConstructor(fn: Node): boolean {
  if (fn.type === 'func_literal') return false;
  return /^(New|new)([A-Z0-9_]|$)/.test(fn.childForFieldName('name')?.text ?? '');
}

function checkCandidate(call: Node, candidate: Candidate, context: RuleContext): void {
  const scope = scopeOf(call, context.types);
  if (scope.kind === 'silent') return;
  if (scope.kind === 'none') {
    if (!candidate.uncancellable) return;
    context.report({
      node: candidate.node,
      severity: 'information',
      message: `\`${candidate.callee}\` ${candidate.uncancellable}; accept a \`ctx context.Context\` parameter and call \`${candidate.replacement('ctx')}\``,
    });
    return;
  }
  const expression = contextExpression(scope.source, call, context.types);
  if (!expression || runsAfterDone(call, scope.source.fn, expression.names, context.types)) return;
  const replacement = candidate.replacement(expression.text);
  context.report({
    node: candidate.node,
    message: `\`${candidate.callee}\` ignores ${describeSource(scope.source)}; call \`${replacement}\` so it stops when the caller gives up`,
    fixes: [{ title: `Use ${replacement}`, edits: candidate.edits(expression.text) }],
  });
}

function describeSource(source: ContextSource): string {
  return source.kind === 'context' ? `the caller's context \`${source.param.text}\`` : "the request's context";
}

/** `http.NewRequest(…)` and `net.Dial(…)`. */
function packageCandidate(call: Node, callee: { path: string; name: string }, context: RuleContext): Candidate | undefined {
  const fn = call.childForFieldName('function')!;
  const field = fn.childForFieldName('field')!;
  const pkg = fn.childForFieldName('operand')!.text;
  if (callee.path === 'net/http' && callee.name === 'NewRequest') {
    if (context.index.goAtLeast(1, 13) === false || contextAttachedLater(call)) return undefined;
    return {
      node: field,
      callee: fn.text,
      replacement: (ctx) => `${pkg}.NewRequestWithContext(${ctx}, …)`,
      edits: (ctx) => [replaceNode(field, 'NewRequestWithContext'), insertFirstArgument(call, ctx, context)],
      uncancellable: 'builds a request that no context can cancel',
    };
  }
  if (callee.path === 'net' && callee.name === 'Dial') {
    return {
      node: field,
      callee: fn.text,
      replacement: (ctx) => `(&${pkg}.Dialer{}).DialContext(${ctx}, …)`,
      edits: (ctx) => [replaceNode(fn, `(&${pkg}.Dialer{}).DialContext`), insertFirstArgument(call, ctx, context)],
    };
  }
  return undefined;
}

/** `db.Query(…)` on a database/sql or sqlx receiver. */
function methodCandidate(call: Node, context: RuleContext): Candidate | undefined {
  const parts = calleeParts(call);
  if (!parts?.operand) return undefined;
  const receiver = context.types.typeOf(parts.operand);
  const twin = receiver ? twinOf(receiver, parts.name, context) : undefined;
  if (!twin) return undefined;
  const fn = call.childForFieldName('function')!;
  const field = fn.childForFieldName('field')!;
  const arguments_ = call.childForFieldName('arguments')!;
  const receiverText = parts.operand.text;
  if (twin.options && callArguments(call).length > 0) return undefined;
  return {
    node: field,
    callee: fn.text,
    replacement: (ctx) => `${receiverText}.${twin.name}(${ctx}${twin.options ? ', nil' : callArguments(call).length > 0 ? ', …' : ''})`,
    edits: (ctx) => [
      replaceNode(field, twin.name),
      twin.options ? replaceNode(arguments_, `(${ctx}, nil)`) : insertFirstArgument(call, ctx, context),
    ],
    uncancellable: 'runs without a context, so nothing can cancel it',
  };
}

/**
 * The twin of `method` on a receiver of this type: a database/sql or sqlx type, or a struct of
 * this package that embeds one (and does not declare the method itself). Undefined otherwise,
 * including for interfaces: a repository's own `Query` method is not database/sql's.
 */
function twinOf(type: TypeRef, method: string, context: RuleContext, seen = new Set<string>()): Twin | undefined {
  if (type.pkg !== '') return type.pkg && type.name ? TWINS[`${type.pkg}.${type.name}`]?.[method] : undefined;
  if (!type.name || seen.has(type.name)) return undefined;
  seen.add(type.name);
  if (context.index.method(type.name, method)) return undefined;
  const struct = context.index.struct(type.name);
  if (!struct) return undefined;
  const promoted = struct.embedded.map((embedded) => twinOf(embedded, method, context, seen));
  // Two embedded types offering the method would be ambiguous; one that is not ours is unknown.
  return promoted.length === 1 ? promoted[0] : undefined;
}

/** `req, err := http.NewRequest(…)` followed by `req = req.WithContext(ctx)`, or chained. */
function contextAttachedLater(call: Node): boolean {
  let node = call;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('field')?.text === 'WithContext') return true;
  const statement = parent?.type === 'expression_list' ? parent.parent : undefined;
  if (statement?.type !== 'short_var_declaration' && statement?.type !== 'assignment_statement' && statement?.type !== 'var_spec') return false;
  const left = statement.type === 'var_spec' ? statement.childForFieldName('name') : statement.childForFieldName('left')?.namedChild(0);
  if (left?.type !== 'identifier') return false;
  const fnBody = enclosingBody(statement);
  if (!fnBody) return false;
  let attached = false;
  walk(fnBody, (use) => {
    if (attached) return false;
    if (use.type !== 'selector_expression' || use.startIndex < statement.endIndex) return undefined;
    const operand = use.childForFieldName('operand');
    if (use.childForFieldName('field')?.text === 'WithContext' && operand?.text === left.text) attached = true;
    return undefined;
  });
  return attached;
}

function enclosingBody(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'func_literal') return current.childForFieldName('body');
  }
  return null;
}

/**
 * Inserts `ctx` as the first argument: `f(ctx, a)` on one line, or on its own line when the
 * arguments start on the line after the parenthesis.
 */
function insertFirstArgument(call: Node, ctx: string, context: RuleContext): TextEdit {
  const list = call.childForFieldName('arguments')!;
  const first = callArguments(call)[0];
  if (!first) {
    const at = { line: list.endPosition.row, character: list.endPosition.column - 1 };
    return { range: { start: at, end: at }, newText: ctx };
  }
  const at = { line: first.startPosition.row, character: first.startPosition.column };
  if (first.startPosition.row === list.startPosition.row) return { range: { start: at, end: at }, newText: `${ctx}, ` };
  const indent = /^\s*/.exec(context.file.lines.lineText(first.startPosition.row))![0];
  return { range: { start: at, end: at }, newText: `${ctx},\n${indent}` };
}
