import type { Node } from 'web-tree-sitter';
import { replaceNode } from '../../core/edits';
import type { Fix, Localized, TextEdit } from '../../core/findings';
import type { TypeRef } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findLocalDeclaration } from '../../core/scope';
import { callArguments, calleeParts, enclosingFunction, findAll } from '../../core/syntax';
import { listEn, listZh, snippet } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { sentOnlyWithTimeout } from './bounded';
import { Facts, type TopFacts } from './facts';
import { runsAfterDone, usedOnlyInline } from './flow';
import { GORM_FINISHERS, gormChainWithoutContext } from './gorm';
import { nilGuarded, parameterOverwrite, removedLine } from './overwrite';
import { CONTEXT_PATHS } from '../../core/context-params';
import { contextExpression, scopeOf, type ContextSource, type Scope } from './scope';
import { onlyReadsValues } from './values';
import { onlyWaitedOn } from './wait';

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
  /** A GORM chain: the receiver `.WithContext(ctx)` goes after, which the message names. */
  gormReceiver?: string;
  /** `http.NewRequest`: whether every send of the request goes through a client with a Timeout. */
  sentWithTimeout?: () => boolean;
}

/**
 * sqlx's package functions with a context twin. All but Connect take the database first, and
 * their twins need one that has the context methods too: a sqlx DB, Tx or Conn.
 */
const SQLX_FUNCTIONS = new Set(['Get', 'Select', 'NamedExec', 'NamedQuery', 'MustExec', 'Preparex', 'Connect']);

/** Every method name with a twin on some receiver type. */
const METHOD_NAMES = new Set(Object.values(TWINS).flatMap((twins) => Object.keys(twins)));
/** The calls that can have a context twin (the query's names, Background and TODO aside). */
const CANDIDATE_NAMES = new Set([...METHOD_NAMES, ...SQLX_FUNCTIONS, 'NewRequest', 'Dial']);

export const rule: Rule = {
  meta: {
    id: 'context-propagation',
    title: { en: 'Context dropped instead of passed on', 'zh-cn': 'context 没有向下传递' },
    chapter: 'context',
    defaultSeverity: 'warning',
    peers: ['contextcheck', 'noctx', 'G118'],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  methods: [
    'Background', 'TODO', 'NewRequest', 'Dial',
    'Query', 'QueryRow', 'Exec', 'Prepare', 'Begin', 'Ping', 'Stmt', 'Get', 'Select', 'Queryx', 'QueryRowx',
    'NamedExec', 'NamedQuery', 'MustExec', 'Preparex', 'PrepareNamed', 'Beginx', 'MustBegin', 'Stmtx', 'NamedStmt', 'Connect',
    ...GORM_FINISHERS,
  ],
  check(match, context) {
    const call = capture(match, 'call')!;
    const operand = capture(match, 'operand')!;
    const name = capture(match, 'method')!;
    const facts = Facts.of(context);
    if (name.text === 'Background' || name.text === 'TODO') return checkBackground(call, operand, facts, context);
    const found = findCandidate(call, operand, name, facts, context);
    if (found) reportCandidate(call, found, facts, context);
  },
};

/** A call that should receive a context, with the context in reach where it is made. */
interface Found {
  candidate: Candidate;
  scope: Scope;
  top: TopFacts;
}

function findCandidate(call: Node, operand: Node, name: Node, facts: Facts, context: RuleContext): Found | undefined {
  if (name.text === 'NewRequest' || name.text === 'Dial') return findPackageCall(call, operand, name, facts, context);
  if (GORM_FINISHERS.has(name.text) && facts.packageUsesGorm()) {
    const found = findGormChain(call, name, facts, context);
    if (found) return found;
  }
  return findMethod(call, operand, name, facts, context);
}

/**
 * `s.db.Where(…).Find(&out)` in a function that has a context: the chain runs without it unless
 * `.WithContext(ctx)` is part of it. There is no variant for functions without a context: GORM
 * has no context-taking twin to suggest there.
 */
function findGormChain(call: Node, field: Node, facts: Facts, context: RuleContext): Found | undefined {
  const top = facts.top(call);
  if (!top.mayHaveSource) return undefined;
  const chain = gormChainWithoutContext(call, context);
  if (!chain) return undefined;
  const scope = scopeOf(call, top, facts);
  if (scope.kind !== 'source') return undefined;
  const receiver = chain.receiver;
  const at = { line: receiver.endPosition.row, character: receiver.endPosition.column };
  return {
    candidate: {
      node: field,
      callee: snippet(facts.text.slice(receiver.startIndex, field.endIndex), 40),
      replacement: (ctx) => `${receiver.text}.WithContext(${ctx})`,
      edits: (ctx) => [{ range: { start: at, end: at }, newText: `.WithContext(${ctx})` }],
      gormReceiver: snippet(receiver.text, 30),
    },
    scope,
    top,
  };
}

/**
 * `context.Background()`/`TODO()` in a function that has the caller's context. The checks are
 * ordered by cost: the import and the declaration's text first, then the function's facts,
 * then the walks that only a likely finding pays for.
 */
function checkBackground(call: Node, operand: Node, facts: Facts, context: RuleContext): void {
  const path = facts.importPath(operand.text);
  if (!path || !CONTEXT_PATHS.has(path)) return;
  const top = facts.top(call);
  if (!top.mayHaveSource || boundsOnlySetup(call) || givesALifetime(call, context)) return;
  const scope = scopeOf(call, top, facts);
  if (scope.kind !== 'source') return;
  const { source } = scope;
  if (isConstructor(source.fn)) return;
  const expression = contextExpression(source, call, facts);
  if (!expression || runsAfterDone(call, source.fn, expression.names, top, facts.types)) return;
  // `ctx = context.Background()` on the parameter itself: every later use drops the caller's
  // context, unless it only fills in a nil one.
  const overwrite = parameterOverwrite(call, source);
  if (overwrite ? nilGuarded(overwrite, source.param.text, source.fn) : !usedOnlyInline(call, top, facts)) return;
  // A local variable named like the import shadows it.
  if (!context.types.isPackage(operand, path)) return;
  const written = facts.text.slice(operand.startIndex, call.childForFieldName('function')!.endIndex);
  if (overwrite) {
    reportOverwrite(overwrite, source.param.text, written, call, operand, context);
    return;
  }
  const fixes: Fix[] = [{ title: { en: `Pass ${expression.text}`, 'zh-cn': `传入 ${expression.text}` }, edits: [replaceNode(call, expression.text)] }];
  const detached = detachFix(call, operand, expression.text, context);
  if (detached) fixes.push(detached);
  const from = describeSource(source);
  // Handed straight to a call, the context goes to that callee: what the callee does with it
  // (I/O, or only ctx.Value) is not always in sight, so the message says where it goes, no more.
  const receiver = callTakingContext(call, context);
  const callee = receiver && snippet(receiver.childForFieldName('function')!.text, 40);
  const runner = receiver && runWithContext(receiver, expression.text);
  if (runner) {
    // `cmd := NewCmd(context.Background(), …)` then `c(ctx, cmd)`: the work runs on ctx; the
    // Background only sits in the value, which may or may not read it later.
    context.report({
      node: call,
      severity: 'information',
      message: {
        en: `\`${written}()\` goes into the value \`${callee}\` builds, while \`${snippet(runner.text, 30)}\` runs it on \`${expression.text}\`; pass \`${expression.text}\` here too`,
        'zh-cn': `\`${written}()\` 存进了 \`${callee}\` 构造的值里，而 \`${snippet(runner.text, 30)}\` 是用 \`${expression.text}\` 执行它的；这里也请传入 \`${expression.text}\``,
      },
      fixes,
    });
    return;
  }
  const waited = receiver ? undefined : onlyWaitedOn(call, context.types);
  if (waited) {
    // No work receives the context: the caller's one would only end the wait sooner.
    const name = waited.text;
    context.report({
      node: call,
      severity: 'information',
      message: {
        en: `\`${written}()\` only bounds a wait: \`${name}\` goes to no call; a caller that gives up won't stop the wait; pass \`${expression.text}\` instead`,
        'zh-cn': `\`${written}()\` 只用来限定一次等待：\`${name}\` 没有传给任何调用；调用方放弃时这次等待不会结束；请改为传入 \`${expression.text}\``,
      },
      fixes,
    });
    return;
  }
  if (receiver && onlyReadsValues(call, receiver, context)) {
    // Proven from the module's code: the callee only reads values from the context, so no
    // cancellation is lost; the request's values (a trace id, a transaction key) are.
    const reader = snippet(receiver.childForFieldName('function')!.text, 30);
    context.report({
      node: call,
      severity: 'information',
      message: {
        en: `\`${written}()\` drops ${from.en}, but \`${reader}\` only reads its values; pass \`${expression.text}\` to keep them`,
        'zh-cn': `\`${written}()\` 丢掉了${from['zh-cn']}，不过 \`${reader}\` 只读取 context 里的值；请传入 \`${expression.text}\`，保留这些值`,
      },
      fixes,
    });
    return;
  }
  context.report({
    node: call,
    message: callee
      ? {
          en: `\`${written}()\` drops ${from.en}; pass \`${expression.text}\` so \`${callee}\` gets its cancellation and deadline`,
          'zh-cn': `\`${written}()\` 丢掉了${from['zh-cn']}；请传入 \`${expression.text}\`，让 \`${callee}\` 拿到调用方的取消和截止时间`,
        }
      : {
          en: `\`${written}()\` drops ${from.en}; pass \`${expression.text}\` so cancellation and deadlines reach this work`,
          'zh-cn': `\`${written}()\` 丢掉了${from['zh-cn']}；请传入 \`${expression.text}\`，让取消和截止时间能传到这里的操作`,
        },
    fixes,
  });
}

/**
 * `ctx = context.Background()` on the caller's context parameter `name`. Removing the line is the
 * first fix when it runs on every path; under a condition the author meant to detach in some
 * case, and `context.WithoutCancel(ctx)` does that while keeping the values.
 */
function reportOverwrite(statement: Node, name: string, written: string, call: Node, operand: Node, context: RuleContext): void {
  const assignment = `${name} = ${written}()`;
  const removal = removedLine(statement, context.file.lines);
  const fixes: Fix[] = removal ? [{ title: { en: `Remove \`${assignment}\``, 'zh-cn': `删除 \`${assignment}\`` }, edits: [removal] }] : [];
  const detached = detachFix(call, operand, name, context);
  const unconditional = statement.parent?.parent?.equals(enclosingFunction(statement)?.childForFieldName('body') ?? statement) ?? false;
  if (detached && unconditional) fixes.push(detached);
  else if (detached) fixes.unshift(detached);
  context.report({
    node: statement,
    message: {
      en: `\`${assignment}\` replaces the caller's context \`${name}\` for the rest of the function; remove it so cancellation and deadlines reach this work`,
      'zh-cn': `\`${assignment}\` 把调用方的 context \`${name}\` 换掉了，后面的代码都收不到取消和截止时间；请去掉这次赋值`,
    },
    fixes,
  });
}

/** Replaces the call with `context.WithoutCancel(from)`, where the module's Go has it (1.21+). */
function detachFix(call: Node, operand: Node, from: string, context: RuleContext): Fix | undefined {
  if (context.index.goAtLeast(1, 21) === false) return undefined;
  const detached = `${operand.text}.WithoutCancel(${from})`;
  return { title: { en: `Detach on purpose with ${detached}`, 'zh-cn': `改用 ${detached}，明确脱离调用方的取消` }, edits: [replaceNode(call, detached)] };
}

/**
 * `(&net.ListenConfig{}).Listen(context.Background(), …)`: the context only bounds resolving the
 * address, and the listener outlives any request; the caller's context adds nothing there.
 */
function boundsOnlySetup(call: Node): boolean {
  const outer = callTakingFirst(call);
  const method = outer && calleeParts(outer)?.name;
  return method === 'Listen' || method === 'ListenPacket';
}

/**
 * `cmd := NewStatusCmd(…)` (a constructor's result in a local variable) later given to a call
 * together with the caller's context (`c(ctx, cmd)`): that call, which runs the value on `ctx`.
 */
function runWithContext(constructor: Node, ctx: string): Node | undefined {
  const name = calleeParts(constructor)?.name ?? '';
  if (!/^(New|new)[A-Z0-9_]/.test(name)) return undefined;
  const list = constructor.parent;
  const holder = list?.type === 'expression_list' ? list.parent : undefined;
  if (holder?.type !== 'short_var_declaration' || list!.namedChildCount !== 1) return undefined;
  const left = holder.childForFieldName('left');
  const value = left?.namedChildCount === 1 ? left.namedChild(0) : null;
  const fn = enclosingFunction(constructor);
  if (value?.type !== 'identifier' || !fn) return undefined;
  return findAll(fn, 'call_expression').find((later) => {
    if (later.startIndex < holder.endIndex) return false;
    const args = callArguments(later);
    return args.some((arg) => arg.text === ctx) && args.some((arg) => arg.type === 'identifier' && arg.text === value.text && findLocalDeclaration(arg)?.name.equals(value));
  });
}

/**
 * The call that receives the context `call` makes, as one of its arguments
 * (`svc.Create(context.Background(), req)`), unless it only derives another context.
 */
function callTakingContext(call: Node, context: RuleContext): Node | undefined {
  let node = call;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const outer = node.parent?.type === 'argument_list' ? node.parent.parent : undefined;
  if (outer?.type !== 'call_expression') return undefined;
  // `context.WithCancel(context.Background())` derives a context: the work is wherever that goes.
  const called = context.types.calledFunction(outer);
  return called && CONTEXT_PATHS.has(called.path) ? undefined : outer;
}

/** The call `call` is the first argument of (`outer(call, …)`), if any. */
function callTakingFirst(call: Node): Node | undefined {
  const list = call.parent;
  const outer = list?.type === 'argument_list' ? list.parent : undefined;
  return outer?.type === 'call_expression' && callArguments(outer)[0]?.equals(call) ? outer : undefined;
}

/** golang.org/x/oauth2 and its google package: the calls whose context lives in what they return. */
const OAUTH2 = 'golang.org/x/oauth2';
const LIFETIME_FUNCTIONS = new Set([`${OAUTH2}.NewClient`, `${OAUTH2}/google.DefaultClient`, `${OAUTH2}/google.DefaultTokenSource`]);
const LIFETIME_METHODS = new Set(['Client', 'TokenSource']);

/**
 * `cfg.Client(context.Background(), tok)`, `oauth2.NewClient(ctx, ts)`: the context is kept by the
 * client or token source for every later token refresh, so it must outlive the request; the
 * request's context there would make later refreshes fail. A Background context is the right one.
 */
function givesALifetime(call: Node, context: RuleContext): boolean {
  const outer = callTakingFirst(call);
  if (!outer) return false;
  const called = context.types.calledFunction(outer);
  if (called) return LIFETIME_FUNCTIONS.has(`${called.path}.${called.name}`);
  const callee = calleeParts(outer);
  if (!callee?.operand || !LIFETIME_METHODS.has(callee.name)) return false;
  const type = context.types.typeOf(callee.operand);
  return type ? (type.pkg ?? '').startsWith(OAUTH2) : /oauth/i.test(callee.operand.text);
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
function findPackageCall(call: Node, operand: Node, field: Node, facts: Facts, context: RuleContext): Found | undefined {
  const path = facts.importPath(operand.text);
  const newRequest = field.text === 'NewRequest';
  if (path !== (newRequest ? 'net/http' : 'net')) return;
  if (newRequest && context.index.goAtLeast(1, 13) === false) return;
  const top = facts.top(call);
  // Only the request has a no-context variant; without a context parameter Dial is left alone.
  if (!top.mayHaveSource && (!newRequest || top.mainOrInit)) return;
  const scope = scopeOf(call, top, facts);
  if (scope.kind === 'silent' || (scope.kind === 'none' && !newRequest)) return undefined;
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
        sentWithTimeout: () => sentOnlyWithTimeout(call, context),
      }
    : {
        node: field,
        callee,
        replacement: (ctx) => `(&${pkg}.Dialer{}).DialContext(${ctx}, …)`,
        edits: (ctx) => [replaceNode(call.childForFieldName('function')!, `(&${pkg}.Dialer{}).DialContext`), insertFirstArgument(call, ctx, context)],
      };
  return { candidate, scope, top };
}

/** `db.Query(…)` on a database/sql or sqlx receiver. */
function findMethod(call: Node, operand: Node, field: Node, facts: Facts, context: RuleContext): Found | undefined {
  const name = field.text;
  if ((!METHOD_NAMES.has(name) && !SQLX_FUNCTIONS.has(name)) || !facts.packageUsesSql()) return;
  const top = facts.top(call);
  // main and init own the process lifetime.
  if (!top.mayHaveSource && top.mainOrInit) return;
  // `pkg.Query(…)` calls a package's function, unless a local variable shadows the import.
  const path = facts.importPath(operand.text);
  if (path !== undefined && context.types.isPackage(operand, path)) return path === SQLX ? findSqlxFunction(call, operand, field, top, facts, context) : undefined;
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
  return {
    candidate: {
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
  };
}

/** `sqlx.Get(db, &dest, q)` → `sqlx.GetContext(ctx, db, &dest, q)`, `sqlx.Connect` → `sqlx.ConnectContext`. */
function findSqlxFunction(call: Node, operand: Node, field: Node, top: TopFacts, facts: Facts, context: RuleContext): Found | undefined {
  const name = field.text;
  if (!SQLX_FUNCTIONS.has(name)) return undefined;
  const first = callArguments(call)[0];
  if (name !== 'Connect') {
    const type = first && context.types.typeOf(first);
    if (!type || type.pkg !== SQLX || !['DB', 'Tx', 'Conn'].includes(type.name ?? '')) return undefined;
  }
  const scope = scopeOf(call, top, facts);
  if (scope.kind === 'silent') return undefined;
  const twin = `${operand.text}.${name}Context`;
  return {
    candidate: {
      node: field,
      callee: `${operand.text}.${name}`,
      replacement: (ctx) => `${twin}(${ctx}, …)`,
      edits: (ctx) => [replaceNode(field, `${name}Context`), insertFirstArgument(call, ctx, context)],
      uncancellable: { en: 'runs without a context, so nothing can cancel it', 'zh-cn': '不带 context 执行，没有任何办法取消它' },
    },
    scope,
    top,
  };
}

function firstNonSpace(text: string, from: number): number {
  let at = from;
  while (at < text.length && /\s/.test(text[at])) at++;
  return at;
}

function reportCandidate(call: Node, { candidate, scope, top }: Found, facts: Facts, context: RuleContext): void {
  if (scope.kind === 'silent') return;
  if (scope.kind === 'none') {
    if (candidate.uncancellable) reportUncancellable(top, facts, context);
    return;
  }
  const expression = contextExpression(scope.source, call, facts);
  if (!expression || runsAfterDone(call, scope.source.fn, expression.names, top, facts.types)) return;
  const replacement = candidate.replacement(expression.text);
  const from = describeSource(scope.source);
  if (candidate.gormReceiver) {
    const receiver = candidate.gormReceiver;
    const added = `.WithContext(${expression.text})`;
    context.report({
      node: candidate.node,
      message: {
        en: `the GORM chain on \`${receiver}\` ignores ${from.en}; start it with \`${receiver}${added}\` so the query stops when the caller gives up`,
        'zh-cn': `\`${receiver}\` 上的 GORM 链式调用没有使用${from['zh-cn']}；请以 \`${receiver}${added}\` 开头，调用方放弃时查询也会随之停止`,
      },
      fixes: [{ title: { en: `Add ${added} after ${receiver}`, 'zh-cn': `在 ${receiver} 后面加上 ${added}` }, edits: candidate.edits(expression.text) }],
    });
    return;
  }
  const fixes = [{ title: { en: `Use ${replacement}`, 'zh-cn': `改用 ${replacement}` }, edits: candidate.edits(expression.text) }];
  if (candidate.sentWithTimeout?.()) {
    // The client's Timeout bounds the request; only the caller's cancellation is lost.
    context.report({
      node: candidate.node,
      severity: 'information',
      message: {
        en: `\`${candidate.callee}\` ignores ${from.en}; a client Timeout bounds it; \`${replacement}\` also stops it on cancellation`,
        'zh-cn': `\`${candidate.callee}\` 没有使用${from['zh-cn']}；客户端的 Timeout 已给它设了上限，改为 \`${replacement}\` 后调用方放弃时它也会停止`,
      },
      fixes,
    });
    return;
  }
  context.report({
    node: candidate.node,
    message: {
      en: `\`${candidate.callee}\` ignores ${from.en}; call \`${replacement}\` so it stops when the caller gives up`,
      'zh-cn': `\`${candidate.callee}\` 没有使用${from['zh-cn']}；请改为调用 \`${replacement}\`，调用方放弃时它也会随之停止`,
    },
    fixes,
  });
}

/**
 * The calls of a function that has no context to give them, reported once for the function
 * (the information variant): the remedy, a `ctx` parameter, is one change for all of them. Not
 * in a package that never imports context: its authors have not started threading one, and a
 * finding per function would only be noise.
 */
function reportUncancellable(top: TopFacts, facts: Facts, context: RuleContext): void {
  const memo = facts.fn(top.node);
  if (memo.reportedUncancellable) return;
  memo.reportedUncancellable = true;
  if (!facts.packageImportsContext()) return;
  const found: Candidate[] = [];
  for (const call of findAll(top.node, 'call_expression')) {
    const callee = call.childForFieldName('function');
    const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
    const name = callee?.childForFieldName('field');
    if (!operand || !name || !CANDIDATE_NAMES.has(name.text)) continue;
    const candidate = findCandidate(call, operand, name, facts, context);
    if (candidate?.scope.kind === 'none' && candidate.candidate.uncancellable) found.push(candidate.candidate);
  }
  if (found.length === 0) return;
  const callees = [...new Set(found.map((candidate) => `\`${candidate.callee}\``))];
  const shown = callees.length > 3 ? [...callees.slice(0, 2), `${callees.length - 2} more`] : callees;
  const shownZh = callees.length > 3 ? [...callees.slice(0, 2), `另外 ${callees.length - 2} 个调用`] : callees;
  const fn = top.node.childForFieldName('name')?.text ?? 'this function';
  const [first] = found;
  context.report({
    node: first.node,
    severity: 'information',
    message:
      found.length === 1
        ? {
            en: `\`${first.callee}\` ${first.uncancellable!.en}; accept a \`ctx context.Context\` parameter and call \`${first.replacement('ctx')}\``,
            'zh-cn': `\`${first.callee}\` ${first.uncancellable!['zh-cn']}；请给函数加上 \`ctx context.Context\` 参数，并改为调用 \`${first.replacement('ctx')}\``,
          }
        : {
            en: `\`${fn}\` calls ${listEn(shown)} without a context, so nothing can cancel them; accept a \`ctx context.Context\` and pass it on`,
            'zh-cn': `\`${fn}\` 调用 ${listZh(shownZh)} 时都没有 context，无法取消；请给函数加上 \`ctx context.Context\` 参数并传下去`,
          },
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
