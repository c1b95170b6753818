// The sql-stmt-close rule: its metadata, and the check's flow from a Prepare call to a finding.
import type { Node } from 'web-tree-sitter';
import type { Fix, Localized } from '../../core/findings';
import { isNamed, type TypeRef } from '../../core/go-types';
import { insideLoop } from '../../core/paths';
import { withHelpers } from '../../core/release/helpers';
import { trackRelease } from '../../core/release/tracked';
import { closedRightAway, varDeclarationOf, type Binding } from '../../core/release/binding';
import { exitPath, leakBeforeClose, type Leak } from '../../core/release/exits';
import { addedLine, deferAnchor, movedLine } from '../../core/release/fix';
import { BINDING_TEXT } from '../../core/release/patterns';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';
import { snippet } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';
import { classifyStmtUse } from './usage';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';

export const rule: Rule = {
  meta: {
    id: 'sql-stmt-close',
    title: { en: 'Prepared statement never closed', 'zh-cn': '预处理语句未关闭' },
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
    if (!target || !holder || target.text === '_') {
      // `db.Prepare(…)` as a statement, or `_, err := db.Prepare(…)`.
      if (enclosingFunction(call) && preparesStatement(call, context)) reportDiscarded(call, context);
      return;
    }
    const written = BINDING_TEXT.exec(holder.text);
    const name = written?.[1] ?? target.text;
    const assigning = spec ? varDeclarationOf(spec) : holder;
    if (written && assigning && closedRightAway(assigning, name, written[2])) return;
    if (!preparesStatement(call, context)) return;
    const tracked = trackRelease(call, holder, target, name, context.file.tree, withHelpers(classifyStmtUse, ['Close'], context));
    if (!tracked) return;
    const { binding, fn, refs, usage } = tracked;

    const callee = snippet(call.childForFieldName('function')!.text, 30);
    const stmt: Statement = { binding, name, fn, subject: { en: `\`${name}\` from \`${callee}\``, 'zh-cn': `\`${callee}\` 返回的 \`${name}\`` } };
    if (usage.sites.length === 0 && !usage.conditionalRelease) {
      reportNeverClosed(stmt, context);
      return;
    }
    // Closed somewhere: the statement leaks only if a path leaves before the Close runs.
    const leak = leakBeforeClose(binding.statement, usage.sites, refs, binding.err, name);
    if (leak) reportLeak(stmt, leak, context);
  },
};

/** The statement variable, as the findings about it need it. */
interface Statement {
  binding: Binding;
  name: string;
  /** The function the statement is prepared in. */
  fn: Node;
  /** "`stmt` from `db.Prepare`", the opening of every message. */
  subject: Localized;
}

/** No Close anywhere. In a loop a defer would keep every iteration's statement until the function returns. */
function reportNeverClosed({ binding, name, fn, subject }: Statement, context: RuleContext): void {
  const { target, statement, err } = binding;
  const inLoop = insideLoop(statement, fn);
  const anchor = inLoop ? undefined : deferAnchor(statement, err);
  const code = `defer ${name}.Close()`;
  context.report({
    node: target,
    message: inLoop
      ? {
          en: `${subject.en} is never closed, so each iteration leaves a prepared statement open on the server; close it at the end of the iteration`,
          'zh-cn': `${subject['zh-cn']} 从未关闭，每轮迭代都在数据库端留下一个预处理语句；请在每轮迭代结束时调用 \`${name}.Close()\``,
        }
      : {
          en: `${subject.en} is never closed, which leaves the prepared statement open on the server; add \`${code}\` ${placement(err).en}`,
          'zh-cn': `${subject['zh-cn']} 从未关闭，数据库端的预处理语句会一直保留；请${placement(err)['zh-cn']}加上 \`${code}\``,
        },
    fixes: anchor ? [addedLine(anchor, code, context.file.lines)] : [],
  });
}

/**
 * A Close that some path skips. A late `defer stmt.Close()` moves up to the error check; an
 * explicit Close gets a defer there too, except in a loop, where a defer would wait for the
 * function to return.
 */
function reportLeak({ binding, name, fn, subject }: Statement, { close, exit }: Leak, context: RuleContext): void {
  const { target, statement, err } = binding;
  const lines = context.file.lines;
  const code = `defer ${name}.Close()`;
  const deferred = close.type === 'defer_statement';
  const inLoop = insideLoop(statement, fn);
  const anchor = deferAnchor(statement, err);
  const fixes: Fix[] = [];
  if (anchor && deferred && close.text === code) {
    const moved = movedLine(close, code, anchor, { en: `Move \`${code}\` right after the error check`, 'zh-cn': `把 \`${code}\` 移到紧跟错误检查之后` }, lines);
    if (moved) fixes.push(moved);
  }
  if (anchor && fixes.length === 0 && (deferred || !inLoop)) fixes.push(addedLine(anchor, code, lines));
  const path = exitPath(exit);
  const open = { en: `${subject.en} stays open ${path.en} before`, 'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}执行不到` };
  context.report({
    node: target,
    message: deferred
      ? {
          en: `${open.en} the deferred Close is reached; defer it ${err ? 'right after the error check' : 'right after Prepare'}`,
          'zh-cn': `${open['zh-cn']} defer 的 Close，预处理语句会一直保留；请把 defer 移到紧跟${err ? '错误检查' : 'Prepare'}之后`,
        }
      : inLoop
        ? {
            en: `${open.en} \`${name}.Close()\`; close it on that path too, or move the loop body into a function`,
            'zh-cn': `${open['zh-cn']} \`${name}.Close()\`，预处理语句会一直保留；在这条路径上也关闭它，或把循环体抽成函数`,
          }
        : {
            en: `${open.en} \`${name}.Close()\`; add \`${code}\` ${placement(err).en}`,
            'zh-cn': `${open['zh-cn']} \`${name}.Close()\`，预处理语句会一直保留；请${placement(err)['zh-cn']}加上 \`${code}\``,
          },
    fixes,
  });
}

/** Where the suggested defer goes, as the messages word it. */
function placement(err: string | undefined): Localized {
  return err ? { en: 'after the error check', 'zh-cn': '在错误检查之后' } : { en: 'right after Prepare', 'zh-cn': '紧接在 Prepare 之后' };
}

/** `db.Prepare(…)` as a statement or `_, err := db.Prepare(…)`: nobody can close the statement. */
function reportDiscarded(call: Node, context: RuleContext): void {
  const callee = call.childForFieldName('function')!.text;
  context.report({
    node: call,
    message: {
      en: `the statement prepared by \`${snippet(callee, 30)}\` is thrown away, so it is never closed; keep it and \`defer stmt.Close()\`, or run the SQL directly`,
      'zh-cn': `\`${snippet(callee, 30)}\` 预处理出的语句被直接丢弃，永远不会关闭；请保存它并 \`defer stmt.Close()\`，或者直接执行这条 SQL`,
    },
  });
}

/**
 * True when the call prepares a `*sql.Stmt`, `*sqlx.Stmt` or `*sqlx.NamedStmt` on a DB or a Conn.
 * A transaction's statements are closed when it commits or rolls back, so `tx.Prepare` is left
 * alone.
 */
function preparesStatement(call: Node, context: RuleContext): boolean {
  if (context.types.calledFunction(call)) return false;
  const first = context.types.resultsOf(call)?.[0];
  if (!isNamed(first, SQL, 'Stmt') && !isNamed(first, SQLX, 'Stmt', 'NamedStmt')) return false;
  const callee = call.childForFieldName('function');
  const receiver = callee?.childForFieldName('operand');
  const method = callee?.childForFieldName('field')?.text;
  return receiver && method ? outsideTransaction(context.types.typeOf(receiver), method, context) : false;
}

/**
 * A database/sql or sqlx DB or Conn, or a struct of this package that embeds one without
 * declaring the method itself (a wrapper's own Prepare may keep and close its statements).
 */
function outsideTransaction(type: TypeRef | undefined, method: string, context: RuleContext, depth = 0): boolean {
  if (!type?.name) return false;
  if (type.pkg === SQL || type.pkg === SQLX) return type.name === 'DB' || type.name === 'Conn';
  if (type.pkg !== '' || depth > 2 || context.index.method(type.name, method)) return false;
  return context.index.struct(type.name)?.embedded.some((embedded) => outsideTransaction(embedded, method, context, depth + 1)) ?? false;
}
