// The sql-rows-err rule: a `for rows.Next()` loop whose rows are never asked for `Err()` afterwards.
import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { PGX_PATHS } from '../../core/known-apis';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction, enclosingLoops, findAll, FUNCTION_TYPES } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';
import { calledMethod, insertAfter, isHarmlessUse, ownLocal, usesOf } from '../../core/variables';
import { zeroResults } from './zero';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';

export const rule: Rule = {
  meta: {
    id: 'sql-rows-err',
    title: { en: 'rows.Err not checked after the loop', 'zh-cn': '遍历后未检查 rows.Err' },
    chapter: 'databases',
    defaultSeverity: 'warning',
    peers: ['rowserrcheck'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    const rows = capture(match, 'rows')!;
    const loop = capture(match, 'loop')!;
    if (capture(match, 'arguments')!.namedChildCount > 0) return;
    const fn = enclosingFunction(loop);
    if (!fn?.childForFieldName('body')) return;
    // Rows received in this very function: a parameter belongs to a caller that may check Err.
    const declaration = ownLocal(rows, fn);
    if (!declaration) return;
    const type = context.types.typeOf(rows);
    if (!isNamed(type, SQL, 'Rows') && !isNamed(type, SQLX, 'Rows') && !PGX_PATHS.some((path) => isNamed(type, path, 'Rows'))) return;

    const verdict = judge(usesOf(declaration.name, fn), rows, loop);
    if (verdict !== 'unchecked') return;
    const statement = loop.parent?.type === 'labeled_statement' ? loop.parent : loop;
    if (statement.parent?.type !== 'statement_list') return;
    const name = rows.text;
    // A loop that skips the rows it cannot scan already returns what it could read: a query
    // failing midway loses rows the same way, so the missing check is worth knowing, not a defect.
    const bestEffort = skipsUnscannedRows(loop, name);
    context.report({
      node: rows,
      severity: bestEffort ? 'information' : undefined,
      message: bestEffort
        ? {
            en: `\`${name}.Err()\` is not checked after the loop, which skips rows it cannot scan; a query failing midway also ends it early without a word`,
            'zh-cn': `循环会跳过无法 Scan 的行，结束后也没有检查 \`${name}.Err()\`；查询中途出错同样会让循环提前结束，而且不留任何痕迹`,
          }
        : {
            en: `\`${name}.Err()\` is not checked after the \`for ${name}.Next()\` loop, so a query failing midway looks like a short result; check it after the loop`,
            'zh-cn': `\`for ${name}.Next()\` 循环结束后没有检查 \`${name}.Err()\`，查询中途出错会被当成结果已经读完；在循环之后检查 \`${name}.Err()\``,
          },
      fixes: fixFor(statement, loop, name, fn, context),
    });
  },
};

/**
 * What the other uses of the rows say: `checked` when `Err` is consulted after the loop (or in a
 * deferred or other func literal, whose timing we cannot see), `handed-off` when the rows go
 * somewhere else (returned, passed, stored, captured as a method value), `later-loop` when
 * another `for rows.Next()` follows (that loop is the one to report), else `unchecked`.
 */
function judge(uses: Node[], rows: Node, loop: Node): 'checked' | 'handed-off' | 'later-loop' | 'unchecked' {
  let verdict: 'unchecked' | 'later-loop' = 'unchecked';
  for (const use of uses) {
    if (use.equals(rows)) continue;
    const method = calledMethod(use);
    if (method === 'Err') {
      if (use.startIndex > loop.startIndex || insideDeferOrLiteral(use, loop)) return 'checked';
      continue;
    }
    if (method !== undefined) {
      if (method === 'Next' && use.startIndex > loop.endIndex && isLoopCondition(use)) verdict = 'later-loop';
      continue;
    }
    if (isHarmlessUse(use)) continue;
    // Returned, passed, stored, sent, `rows.Rows` (the *sql.Rows inside *sqlx.Rows) or a method
    // value such as `rows.Err` handed to a helper: followed no further.
    return 'handed-off';
  }
  return verdict;
}

/**
 * `if err := rows.Scan(…); err != nil { …; continue }` in the loop: a row that cannot be scanned
 * is skipped, and the loop goes on with the next.
 */
function skipsUnscannedRows(loop: Node, name: string): boolean {
  const body = loop.childForFieldName('body');
  const scans = (node: Node) =>
    findAll(node, 'call_expression').some((call) => {
      const callee = call.childForFieldName('function');
      return callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'Scan' && callee.childForFieldName('operand')?.text === name;
    });
  return (body ? findAll(body, 'if_statement') : []).some((statement) => {
    // A `continue` of this loop, not of one nested in it.
    if (!enclosingLoops(statement)[0]?.equals(loop)) return false;
    // `if err := rows.Scan(…); err != nil`, or `err := rows.Scan(…)` just before the `if`.
    let before = statement.previousNamedSibling;
    while (before?.type === 'comment') before = before.previousNamedSibling;
    const assigned = before?.type === 'short_var_declaration' || before?.type === 'assignment_statement' ? before.childForFieldName('right') : null;
    const head = [statement.childForFieldName('initializer'), statement.childForFieldName('condition'), assigned];
    if (!head.some((part) => part && scans(part))) return false;
    const list = statement.childForFieldName('consequence')?.namedChildren.find((n) => n?.type === 'statement_list');
    const statements = list?.namedChildren.filter((n) => n?.type !== 'comment') ?? [];
    const last = statements[statements.length - 1];
    return last?.type === 'continue_statement' && last.namedChildCount === 0;
  });
}

/** True when `use` sits in a func literal or a defer statement of the loop's function. */
function insideDeferOrLiteral(use: Node, loop: Node): boolean {
  const fn = enclosingFunction(loop);
  for (let current = use.parent; current && !(fn && current.equals(fn)); current = current.parent) {
    if (current.type === 'defer_statement' || FUNCTION_TYPES.has(current.type)) return true;
  }
  return false;
}

/** `rows` in `for rows.Next() {`. */
function isLoopCondition(use: Node): boolean {
  const call = use.parent?.parent;
  return call?.parent?.type === 'for_statement' && call.parent.childForFieldName('body') !== null && call.parent.namedChild(0)?.equals(call) === true;
}

/**
 * `if err := rows.Err(); err != nil { return …, err }` after the loop, when the function's last
 * result is an error and the others have zero values we can write.
 */
function fixFor(statement: Node, loop: Node, name: string, fn: Node, context: RuleContext): Fix[] {
  const zeros = zeroResults(fn, context);
  if (!zeros) return [];
  const returned = [...zeros, 'err'].join(', ');
  const code = [`if err := ${name}.Err(); err != nil {`, `\treturn ${returned}`, '}'];
  return [{ title: { en: `Check \`${name}.Err()\` after the loop`, 'zh-cn': `在循环之后检查 \`${name}.Err()\`` }, edits: [insertAfter(statement, code, context.file.lines, loop)] }];
}
