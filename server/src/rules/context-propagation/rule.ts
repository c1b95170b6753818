import type { Node } from 'web-tree-sitter';
import { replaceNode } from '../../core/edits';
import type { Fix, Localized, TextEdit } from '../../core/findings';
import type { TypeRef } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { Facts, type TopFacts } from './facts';
import { runsAfterDone, usedOnlyInline } from './flow';
import { CONTEXT_PATHS, contextExpression, scopeOf, type ContextSource, type Scope } from './scope';

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
  uncancellable?: Localized;
}

/** Every method name with a twin on some receiver type. */
const METHOD_NAMES = new Set(Object.values(TWINS).flatMap((twins) => Object.keys(twins)));

export const rule: Rule = {
  meta: {
    id: 'context-propagation',
    title: { en: 'Context dropped instead of passed on', 'zh-cn': 'context 没有向下传递' },
    chapter: 'context',
    defaultSeverity: 'warning',
    peers: ['contextcheck', 'noctx', 'G118'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  methods: [
    'Background', 'TODO', 'NewRequest', 'Dial',
    'Query', 'QueryRow', 'Exec', 'Prepare', 'Begin', 'Ping', 'Stmt', 'Get', 'Select', 'Queryx', 'QueryRowx',
    'NamedExec', 'NamedQuery', 'MustExec', 'Preparex', 'PrepareNamed', 'Beginx', 'MustBegin', 'Stmtx', 'NamedStmt',
  ],
  check(match, context) {
    const call = capture(match, 'call')!;
    const operand = capture(match, 'operand')!;
    const name = capture(match, 'method')!;
    const facts = Facts.of(context);
    switch (name.text) {
      case 'Background':
      case 'TODO':
        return checkBackground(call, operand, facts, context);
      case 'NewRequest':
      case 'Dial':
        return checkPackageCall(call, operand, name, facts, context);
      default:
        return checkMethod(call, operand, name, facts, context);
    }
  },
};

/**
 * `context.Background()`/`TODO()` in a function that has the caller's context. The checks are
 * ordered by cost: the import and the declaration's text first, then the function's facts,
 * then the walks that only a likely finding pays for.
 */
function checkBackground(call: Node, operand: Node, facts: Facts, context: RuleContext): void {
  const path = facts.importPath(operand.text);
  if (!path || !CONTEXT_PATHS.has(path)) return;
  const top = facts.top(call);
  if (!top.mayHaveSource) return;
  const scope = scopeOf(call, top, facts);
  if (scope.kind !== 'source') return;
  const { source } = scope;
  if (isConstructor(source.fn)) return;
  const expression = contextExpression(source, call, facts);
  if (!expression || runsAfterDone(call, source.fn, expression.names, top, facts.types)) return;
  if (!usedOnlyInline(call, top, facts)) return;
  // A local variable named like the import shadows it.
  if (!context.types.isPackage(operand, path)) return;
  const written = facts.text.slice(operand.startIndex, call.childForFieldName('function')!.endIndex);
  const fixes: Fix[] = [{ title: { en: `Pass ${expression.text}`, 'zh-cn': `传入 ${expression.text}` }, edits: [replaceNode(call, expression.text)] }];
  if (context.index.goAtLeast(1, 21) !== false) {
    const detached = `${operand.text}.WithoutCancel(${expression.text})`;
    fixes.push({ title: { en: `Detach on purpose with ${detached}`, 'zh-cn': `改用 ${detached}，明确脱离调用方的取消` }, edits: [replaceNode(call, detached)] });
  }
  const from = describeSource(source);
  context.report({
    node: call,
    message: {
      en: `\`${written}()\` drops ${from.en}; pass \`${expression.text}\` so cancellation and deadlines reach this work`,
      'zh-cn': `\`${written}()\` 丢掉了${from['zh-cn']}；请传入 \`${expression.text}\`，让取消和截止时间能传到这里的操作`,
    },
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

/** `http.NewRequest(…)` and `net.Dial(…)`. */
function checkPackageCall(call: Node, operand: Node, field: Node, facts: Facts, context: RuleContext): void {
  const path = facts.importPath(operand.text);
  const newRequest = field.text === 'NewRequest';
  if (path !== (newRequest ? 'net/http' : 'net')) return;
  if (newRequest && context.index.goAtLeast(1, 13) === false) return;
  const top = facts.top(call);
  // Only the request has a no-context variant; without a context parameter Dial is left alone.
  if (!top.mayHaveSource && (!newRequest || top.mainOrInit)) return;
  const scope = scopeOf(call, top, facts);
  if (scope.kind === 'silent' || (scope.kind === 'none' && !newRequest)) return;
  if (newRequest && contextAttachedLater(call, top, facts)) return;
  if (!context.types.isPackage(operand, path)) return;
  const pkg = operand.text;
  const callee = `${pkg}.${field.text}`;
  const candidate: Candidate = newRequest
    ? {
        node: field,
        callee,
        replacement: (ctx) => `${pkg}.NewRequestWithContext(${ctx}, …)`,
        edits: (ctx) => [replaceNode(field, 'NewRequestWithContext'), insertFirstArgument(call, ctx, context)],
        uncancellable: { en: 'builds a request that no context can cancel', 'zh-cn': '构造的请求无法被任何 context 取消' },
      }
    : {
        node: field,
        callee,
        replacement: (ctx) => `(&${pkg}.Dialer{}).DialContext(${ctx}, …)`,
        edits: (ctx) => [replaceNode(call.childForFieldName('function')!, `(&${pkg}.Dialer{}).DialContext`), insertFirstArgument(call, ctx, context)],
      };
  reportCandidate(call, candidate, scope, top, facts, context);
}

/** `db.Query(…)` on a database/sql or sqlx receiver. */
function checkMethod(call: Node, operand: Node, field: Node, facts: Facts, context: RuleContext): void {
  const name = field.text;
  if (!METHOD_NAMES.has(name) || !facts.packageUsesSql()) return;
  const top = facts.top(call);
  // main and init own the process lifetime.
  if (!top.mayHaveSource && top.mainOrInit) return;
  // `pkg.Query(…)` calls a package's function, unless a local variable shadows the import.
  const path = facts.importPath(operand.text);
  if (path !== undefined && context.types.isPackage(operand, path)) return;
  const receiver = context.types.typeOf(operand);
  const twin = receiver ? twinOf(receiver, name, context) : undefined;
  if (!twin) return;
  // From the first character inside the parentheses (reading them all costs as much as the
  // call is long, and calls nest), unless a comment may start there.
  let arguments_: boolean | undefined;
  const hasArguments = () => {
    if (arguments_ !== undefined) return arguments_;
    const open = firstNonSpace(facts.text, field.endIndex);
    const first = facts.text[open] === '(' ? facts.text[firstNonSpace(facts.text, open + 1)] : '/';
    return (arguments_ = first === '/' ? callArguments(call).length > 0 : first !== ')');
  };
  if (twin.options && hasArguments()) return;
  const scope = scopeOf(call, top, facts);
  if (scope.kind === 'silent') return;
  const receiverText = operand.text;
  reportCandidate(
    call,
    {
      node: field,
      callee: facts.text.slice(operand.startIndex, field.endIndex),
      replacement: (ctx) => `${receiverText}.${twin.name}(${ctx}${twin.options ? ', nil' : hasArguments() ? ', …' : ''})`,
      edits: (ctx) => [
        replaceNode(field, twin.name),
        twin.options ? replaceNode(call.childForFieldName('arguments')!, `(${ctx}, nil)`) : insertFirstArgument(call, ctx, context),
      ],
      uncancellable: { en: 'runs without a context, so nothing can cancel it', 'zh-cn': '不带 context 执行，没有任何办法取消它' },
    },
    scope,
    top,
    facts,
    context,
  );
}

function firstNonSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

function reportCandidate(call: Node, candidate: Candidate, scope: Scope, top: TopFacts, facts: Facts, context: RuleContext): void {
  if (scope.kind === 'silent') return;
  if (scope.kind === 'none') {
    if (!candidate.uncancellable) return;
    context.report({
      node: candidate.node,
      severity: 'information',
      message: {
        en: `\`${candidate.callee}\` ${candidate.uncancellable.en}; accept a \`ctx context.Context\` parameter and call \`${candidate.replacement('ctx')}\``,
        'zh-cn': `\`${candidate.callee}\` ${candidate.uncancellable['zh-cn']}；请给函数加上 \`ctx context.Context\` 参数，并改为调用 \`${candidate.replacement('ctx')}\``,
      },
    });
    return;
  }
  const expression = contextExpression(scope.source, call, facts);
  if (!expression || runsAfterDone(call, scope.source.fn, expression.names, top, facts.types)) return;
  const replacement = candidate.replacement(expression.text);
  const from = describeSource(scope.source);
  context.report({
    node: candidate.node,
    message: {
      en: `\`${candidate.callee}\` ignores ${from.en}; call \`${replacement}\` so it stops when the caller gives up`,
      'zh-cn': `\`${candidate.callee}\` 没有使用${from['zh-cn']}；请改为调用 \`${replacement}\`，调用方放弃时它也会随之停止`,
    },
    fixes: [{ title: { en: `Use ${replacement}`, 'zh-cn': `改用 ${replacement}` }, edits: candidate.edits(expression.text) }],
  });
}

function describeSource(source: ContextSource): Localized {
  return source.kind === 'context'
    ? { en: `the caller's context \`${source.param.text}\``, 'zh-cn': `调用方的 context \`${source.param.text}\`` }
    : { en: "the request's context", 'zh-cn': '请求的 context' };
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
function contextAttachedLater(call: Node, top: TopFacts, facts: Facts): boolean {
  if (!top.text.includes('WithContext')) return false;
  let node = call;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') {
    node = parent;
    parent = node.parent;
  }
  if (parent?.type === 'selector_expression' && parent.childForFieldName('field')?.text === 'WithContext') return true;
  const statement = parent?.type === 'expression_list' ? parent.parent : undefined;
  if (statement?.type !== 'short_var_declaration' && statement?.type !== 'assignment_statement' && statement?.type !== 'var_spec') return false;
  const left = statement.type === 'var_spec' ? statement.childForFieldName('name') : statement.childForFieldName('left')?.namedChild(0);
  if (left?.type !== 'identifier') return false;
  const span = facts.enclosingFunctions(statement, top)[0];
  if (!span) return false;
  // `<left>.WithContext` after the statement, in the function that contains it.
  const end = statement.endIndex;
  for (const { node: field } of facts.keywords(span.node, end, facts.text.slice(end, span.end), /\bWithContext\b/g)) {
    const selector = field.type === 'field_identifier' ? field.parent : null;
    if (selector?.type === 'selector_expression' && selector.childForFieldName('operand')?.text === left.text) return true;
  }
  return false;
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
