// The sql-rows-close rule: its metadata, and the check's flow from a query call to a finding.
import type { Node } from 'web-tree-sitter';
import type { Fix, Localized } from '../../core/findings';
import { snippet } from '../../core/text';
import { isNamed } from '../../core/go-types';
import { PGX_PATHS } from '../../core/known-apis';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, enclosingFunction } from '../../core/syntax';
import { cancelledOnReturn, contextBound } from '../../core/request-bounds';
import { withHelpers } from '../../core/release/helpers';
import { trackRelease } from '../../core/release/tracked';
import { closedRightAway, receivedCall, type Binding } from '../../core/release/binding';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { exitPath, exitsBeforeExhausted, leakBeforeClose, type Leak } from '../../core/release/exits';
import { addedDefer, movedDefer } from './fix';
import { deferAnchor } from '../../core/release/fix';
import { BINDING_TEXT } from '../../core/release/patterns';
import { insideLoop } from '../../core/paths';
import { classifyRowsUse } from './usage';

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
  methods: ['Query', 'QueryContext', 'Queryx', 'QueryxContext', 'NamedQuery', 'NamedQueryContext'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const site = receivedCall(call);
    if (!site) return;
    const { target, spec } = site;
    const holder = spec ?? site.statement;
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
    const tracked = trackRelease(call, holder, target, name, context.file.tree, withHelpers(classifyRowsUse, ['Close'], context));
    if (!tracked) return;
    const { binding, fn, refs, usage } = tracked;

    const callee = snippet(call.childForFieldName('function')!.text, 30);
    const rows: Rows = { binding, name, fn, subject: { en: `\`${name}\` from \`${callee}\``, 'zh-cn': `\`${callee}\` 返回的 \`${name}\`` } };
    const ends = insideLoop(binding.statement, fn) ? undefined : contextEnd(call, context);
    if (usage.overwrittenAt || (usage.sites.length === 0 && !usage.conditionalRelease)) {
      if (ends) {
        reportClosedByContext(rows, ends, context);
        return;
      }
      // `for rows.Next() { … }` read to the end closes them: only a path that leaves first leaks.
      const loop = usage.overwrittenAt ? undefined : nextLoop(binding.statement, name);
      if (!loop) reportNeverClosed(rows, usage.overwrittenAt, context);
      else {
        const exit = leakBeforeClose(binding.statement, [loop.statement], refs, binding.err, name)?.exit ?? exitsBeforeExhausted(loop.loop)[0];
        reportLeftBeforeExhausted(rows, exit, context);
      }
      return;
    }
    // Closed somewhere: the rows leak only if a path leaves before the Close runs.
    const leak = leakBeforeClose(binding.statement, usage.sites, refs, binding.err, name);
    if (leak) reportLeak(rows, leak, ends, context);
  },
};

/**
 * database/sql closes the rows of a `…Context` query when its context is done. A context given a
 * deadline here, or cancelled by a `defer cancel()` here, ends on its own, and the rows with it.
 */
function contextEnd(call: Node, context: RuleContext): ContextEnd | undefined {
  const method = call.childForFieldName('function')?.childForFieldName('field')?.text;
  const first = context.types.resultsOf(call)?.[0];
  const standard = isNamed(first, SQL, 'Rows') || isNamed(first, SQLX, 'Rows') || context.types.calledFunction(call)?.path === SQLX;
  const ctx = callArguments(call)[0];
  if (!method?.endsWith('Context') || !standard || !ctx) return undefined;
  if (cancelledOnReturn(ctx, context)) return 'return';
  return contextBound(ctx, context) === 'deadline' ? 'deadline' : undefined;
}

/**
 * Rows left open on some path (or on all), of a query whose context ends on its own: they are held
 * until the function returns or the deadline passes, not for good. Information, with the defer.
 */
function reportClosedByContext({ binding, name, subject }: Rows, ends: ContextEnd, context: RuleContext, fixes?: Fix[]): void {
  const { target, statement, err } = binding;
  const anchor = deferAnchor(statement, err);
  context.report({
    node: target,
    severity: 'information',
    message: closedByContextMessage(subject, name, ends, err),
    fixes: fixes ?? (anchor ? [addedDefer(anchor, name, context.file.lines)] : []),
  });
}

type ContextEnd = 'return' | 'deadline';

function closedByContextMessage(subject: Localized, name: string, ends: ContextEnd, err: string | undefined): Localized {
  const where = placement(err);
  const when = ends === 'return' ? { en: 'at return', 'zh-cn': '在函数返回时' } : { en: 'at its deadline', 'zh-cn': '在截止时间到达时' };
  return {
    en: `${subject.en} stay open on some path until their context ends ${when.en}; add \`defer ${name}.Close()\` ${where.en}`,
    'zh-cn': `${subject['zh-cn']} 在某些路径上没有关闭，要等它的 context ${when['zh-cn']}结束才会被关闭；请${where['zh-cn']}加上 \`defer ${name}.Close()\``,
  };
}

/** The rows variable, as the findings about it need it. */
interface Rows {
  binding: Binding;
  name: string;
  /** The function the rows are received in. */
  fn: Node;
  /** "`rows` from `db.Query`", the opening of every message. */
  subject: Localized;
}

/**
 * No Close anywhere, or none before the variable is assigned again (`overwritten`): a defer right
 * after the query closes these rows whatever the variable holds later. In a loop a defer would
 * hold every iteration's rows until the function returns, so no fix is offered there.
 */
function reportNeverClosed({ binding, name, fn, subject }: Rows, overwritten: Node | undefined, context: RuleContext): void {
  const { target, statement, err } = binding;
  const inLoop = insideLoop(statement, fn);
  const anchor = inLoop ? undefined : deferAnchor(statement, err);
  context.report({
    node: target,
    message: neverClosedMessage(subject, name, placement(err), inLoop, overwritten && overwritten.startPosition.row + 1),
    fixes: anchor ? [addedDefer(anchor, name, context.file.lines)] : [],
  });
}

/** What the never-closed message says: in a loop, or replaced on `line` before any Close. */
function neverClosedMessage(subject: Localized, name: string, where: Localized, inLoop: boolean, line: number | undefined): Localized {
  if (line !== undefined) {
    return {
      en: `${subject.en} are replaced by a later assignment while still open, holding a connection; ${inLoop ? 'close them before that assignment' : `add \`defer ${name}.Close()\` ${where.en}`}`,
      'zh-cn': `${subject['zh-cn']} 在之后被重新赋值时还没有关闭，占用的连接回不到连接池；${inLoop ? '请在那次赋值之前关闭它' : `请${where['zh-cn']}加上 \`defer ${name}.Close()\``}`,
    };
  }
  return inLoop
    ? {
        en: `${subject.en} are never closed, so each iteration keeps a connection busy; close them once read, or move the loop body into a function`,
        'zh-cn': `${subject['zh-cn']} 从未关闭，每轮迭代都会占住一个连接；读完后调用 \`${name}.Close()\`，或把循环体抽成函数`,
      }
    : {
        en: `${subject.en} are never closed, which keeps their connection from the pool; add \`defer ${name}.Close()\` ${where.en}`,
        'zh-cn': `${subject['zh-cn']} 从未关闭，占用的连接永远回不到连接池；请${where['zh-cn']}加上 \`defer ${name}.Close()\``,
      };
}

/**
 * The `for rows.Next() { … }` loop among the statements after the query in its block (the
 * statement is the labelled statement around a labelled loop).
 */
function nextLoop(statement: Node, name: string): { loop: Node; statement: Node } | undefined {
  for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
    const loop = next.type === 'labeled_statement' ? next.namedChildren.find((n) => n?.type === 'for_statement') : next;
    // `for rows.Next() {`: the condition is the loop's first child (the grammar names no field).
    const condition = loop?.type === 'for_statement' ? loop.namedChild(0) : null;
    const callee = condition?.type === 'call_expression' ? condition.childForFieldName('function') : null;
    if (callee?.type === 'selector_expression' && callee.childForFieldName('operand')?.text === name && callee.childForFieldName('field')?.text === 'Next' && condition!.childForFieldName('arguments')?.namedChildCount === 0) {
      return { loop: loop!, statement: next };
    }
  }
  return undefined;
}

/**
 * No Close, but a `for rows.Next()` loop that closes the rows once it has read them all: only the
 * exit that leaves before that (an early return on a Scan error, a `break`) keeps them open. With
 * no such exit nothing leaks, but the Close is what keeps a later early return from leaking:
 * information.
 */
function reportLeftBeforeExhausted({ binding, name, fn, subject }: Rows, exit: Node | undefined, context: RuleContext): void {
  const { target, statement, err } = binding;
  const inLoop = insideLoop(statement, fn);
  const anchor = inLoop ? undefined : deferAnchor(statement, err);
  const where = placement(err);
  const fixes = anchor ? [addedDefer(anchor, name, context.file.lines)] : [];
  if (!exit) {
    context.report({
      node: target,
      severity: 'information',
      message: {
        en: `${subject.en} close only once \`for ${name}.Next()\` reads them all; ${inLoop ? 'close them after the loop' : `add \`defer ${name}.Close()\` ${where.en}`} so no early return leaks them`,
        'zh-cn': `${subject['zh-cn']} 只靠 \`for ${name}.Next()\` 读完才会关闭；${inLoop ? '请在循环之后关闭它' : `请${where['zh-cn']}加上 \`defer ${name}.Close()\``}，以免以后加的提前返回造成泄漏`,
      },
      fixes,
    });
    return;
  }
  const path = exitPath(exit);
  context.report({
    node: target,
    message: {
      en: `${subject.en} stay open ${path.en} before \`for ${name}.Next()\` ends${inLoop ? ' and closes them; close them on that path' : `; add \`defer ${name}.Close()\` ${where.en}`}`,
      'zh-cn': `${subject['zh-cn']} 要等 \`for ${name}.Next()\` 读完才会自动关闭，${path['zh-cn']}会一直开着；${inLoop ? '请在这条路径上关闭它' : `请${where['zh-cn']}加上 \`defer ${name}.Close()\``}`,
    },
    fixes,
  });
}

/**
 * A Close that some path skips. A late defer is moved up to the error check; an explicit Close
 * gets a defer there too, except in a loop, where a defer would wait for the function to return.
 * When the query's context ends on its own (`ends`), the rows are held until then: information.
 */
function reportLeak(rows: Rows, { close, exit }: Leak, ends: ContextEnd | undefined, context: RuleContext): void {
  const { binding, name, fn, subject } = rows;
  const { target, statement, err } = binding;
  const lines = context.file.lines;
  const deferred = close.type === 'defer_statement';
  const inLoop = insideLoop(statement, fn);
  const anchor = deferAnchor(statement, err);
  const fixes: Fix[] = [];
  if (anchor && deferred) fixes.push(movedDefer(close, name, anchor, lines) ?? addedDefer(anchor, name, lines));
  else if (anchor && !inLoop) fixes.push(addedDefer(anchor, name, lines));
  if (ends) reportClosedByContext(rows, ends, context, fixes);
  else context.report({ node: target, message: leakMessage(subject, name, exitPath(exit), err, deferred ? 'deferred' : inLoop ? 'loop' : 'explicit'), fixes });
}

/** What the leak message says, by how the rows are closed: a late defer, a Close in a loop, or a Close. */
function leakMessage(subject: Localized, name: string, path: Localized, err: string | undefined, close: 'deferred' | 'loop' | 'explicit'): Localized {
  const open = { en: `${subject.en} stay open ${path.en} before`, 'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}执行不到` };
  switch (close) {
    case 'deferred':
      return {
        en: `${open.en} the deferred Close is reached; defer it ${err ? 'right after the error check' : 'right after the query'}`,
        'zh-cn': `${open['zh-cn']} defer 的 Close，会一直开着；请把 defer 移到紧跟${err ? '错误检查' : '查询'}之后`,
      };
    case 'loop':
      return {
        en: `${open.en} \`${name}.Close()\`; close them there too, or move the loop body into a function`,
        'zh-cn': `${open['zh-cn']} \`${name}.Close()\`，会一直开着；在这条路径上也关闭它，或把循环体抽成函数`,
      };
    case 'explicit': {
      const where = placement(err);
      return {
        en: `${open.en} \`${name}.Close()\`; add \`defer ${name}.Close()\` ${where.en}`,
        'zh-cn': `${open['zh-cn']} \`${name}.Close()\`，会一直开着；请${where['zh-cn']}加上 \`defer ${name}.Close()\``,
      };
    }
  }
}

/** Where the suggested defer goes, as the messages word it. */
function placement(err: string | undefined): Localized {
  return err ? { en: 'after the error check', 'zh-cn': '在错误检查之后' } : { en: 'right after the query', 'zh-cn': '紧接在查询之后' };
}

/** `db.Query(…)` whose rows are thrown away: the Exec twin does the same without rows. */
function reportDiscarded(call: Node, method: string, context: RuleContext): void {
  const callee = call.childForFieldName('function')!;
  const operand = callee.childForFieldName('operand')?.text;
  context.report({
    node: call,
    message: {
      en: `the rows from \`${callee.text}\` are discarded, so they are never closed and hold a connection; call \`${operand}.${EXEC_TWIN[method]}\` when no rows are needed`,
      'zh-cn': `\`${callee.text}\` 返回的 rows 被直接丢弃，永远不会关闭，会一直占着一个连接；不需要结果行时请改用 \`${operand}.${EXEC_TWIN[method]}\``,
    },
  });
}

/** True when the call returns `*sql.Rows`, `*sqlx.Rows` or `pgx.Rows`, as far as the types can tell. */
function returnsRows(call: Node, context: RuleContext): boolean {
  const packageFunction = context.types.calledFunction(call);
  if (packageFunction) return packageFunction.path === SQLX && packageFunction.name.startsWith('NamedQuery');
  const first = context.types.resultsOf(call)?.[0];
  return isNamed(first, SQL, 'Rows') || isNamed(first, SQLX, 'Rows') || PGX_PATHS.some((path) => isNamed(first, path, 'Rows'));
}
