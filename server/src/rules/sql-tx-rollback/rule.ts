// The sql-tx-rollback rule: a transaction that some path leaves with neither Commit nor Rollback.
import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../../core/findings';
import { helperUse } from '../../core/callee';
import { isNamed } from '../../core/go-types';
import { isDiscarded, literalAround, runsOf } from '../../core/release/closures';
import { receivedCall } from '../../core/release/binding';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { declarationIn, type Declaration } from '../../core/scope';
import { enclosingFunction } from '../../core/syntax';
import { LineIndex, snippet } from '../../core/text';
import { afterErrorCheck, calledMethod, insertAfter, isHarmlessUse, ownLocal, usesOf } from '../../core/variables';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { openExit } from './paths';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';
/** What a helper must call on the transaction on every path to finish it (see `paramFacts`). */
const FINISHES = ['Rollback', 'Commit', 'Commit|Rollback'];

export const rule: Rule = {
  meta: {
    id: 'sql-tx-rollback',
    title: { en: 'Transaction not rolled back on error', 'zh-cn': '事务出错时未回滚' },
    chapter: 'databases',
    defaultSeverity: 'warning',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  methods: ['Begin', 'BeginTx', 'Beginx', 'BeginTxx', 'MustBegin', 'MustBeginTx'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const site = receivedCall(call);
    if (!site?.target) return;
    const { target, spec } = site;
    const statement = spec ? (spec.parent?.type === 'var_spec_list' ? spec.parent.parent : spec.parent) : site.statement!;
    if (!statement || !['var_declaration', 'short_var_declaration', 'assignment_statement'].includes(statement.type)) return;
    if (statement.type === 'assignment_statement' && statement.childForFieldName('operator')?.text !== '=') return;
    if (statement.parent?.type !== 'statement_list' || !beginsTx(call, context)) return;
    const fn = enclosingFunction(call);
    if (!fn) return;
    // A variable of this function, declared in the Begin's block: a named result, a field or a
    // variable of an outer block outlives the paths looked at here.
    const declaration = statement.type === 'assignment_statement' ? ownLocal(target, fn) : declarationIn(statement, target.text);
    if (!declaration || !declaringStatement(declaration)?.parent?.equals(statement.parent)) return;
    const errName = target.nextNamedSibling;
    const err = errName?.type === 'identifier' && errName.text !== '_' ? errName.text : undefined;

    const uses = usesOf(declaration.name, fn).filter((use) => !use.equals(target));
    const usage = classify(uses, fn, statement, context);
    if (!usage) return;
    const exit = openExit(statement, usage.finishes, uses, err);
    if (!exit) return;

    const name = target.text;
    const callee = snippet(call.childForFieldName('function')!.text, 30);
    const subject = { en: `\`${name}\` from \`${callee}\``, zh: `来自 \`${callee}\` 的事务 \`${name}\`` };
    const where = describeExit(exit);
    const after = err ? { en: 'error check', zh: '错误检查' } : { en: 'Begin', zh: 'Begin' };
    const anchor = afterErrorCheck(statement, err);
    const lines = context.file.lines;
    if (usage.lateDefer) {
      const moved = anchor && movedDefer(usage.lateDefer, name, anchor, lines);
      context.report({
        node: target,
        message: {
          en: `${subject.en} is left open ${where.en}, before \`defer ${name}.Rollback()\`; defer it right after the ${after.en}`,
          'zh-cn': `${subject.zh}${where.zh}仍未结束，这个出口在 \`defer ${name}.Rollback()\` 之前；把 Rollback 的 defer 挪到${after.zh}之后`,
        },
        fixes: moved ? [moved] : [],
      });
      return;
    }
    context.report({
      node: target,
      message: {
        en: `${subject.en} is left open ${where.en} with no Rollback; add \`defer ${name}.Rollback()\` after the ${after.en} (no-op after Commit)`,
        'zh-cn': `${subject.zh}${where.zh}仍未结束，之前也没有回滚；在${after.zh}之后加上 \`defer ${name}.Rollback()\`（Commit 成功之后它不会产生影响）`,
      },
      fixes: anchor ? addedDefers(anchor, name, lines) : [],
    });
  },
};

interface Usage {
  /** `tx.Commit()` and `tx.Rollback()` calls in the function itself. */
  finishes: Node[];
  /** `defer tx.Rollback()` directly in the Begin's block. */
  lateDefer?: Node;
}

/**
 * Reads the uses of the transaction; undefined when the rule must stay silent: the transaction
 * is handed to someone else (returned, passed, stored, captured by a func literal that runs),
 * reassigned, rolled back by a deferred call anywhere but the Begin's own block, or never
 * finished at all (code still being written, or finished in a way we cannot see).
 */
function classify(uses: Node[], fn: Node, statement: Node, context: RuleContext): Usage | undefined {
  const usage: Usage = { finishes: [] };
  let deferred: Node | undefined;
  for (const use of uses) {
    // `_ = tx` hands nothing on, and a closure that never runs finishes nothing.
    if (isDiscarded(use) || neverRuns(use, fn)) continue;
    if (!enclosingFunction(use)?.equals(fn)) return undefined;
    const method = calledMethod(use);
    if (method === 'Commit' || method === 'Rollback') {
      const finish = use.parent!.parent!;
      if (finish.parent?.type === 'defer_statement') {
        if (method !== 'Rollback' || !statement.parent || !finish.parent.parent?.equals(statement.parent) || deferred) return undefined;
        deferred = finish.parent;
      }
      usage.finishes.push(finish);
      continue;
    }
    if (method !== undefined) continue;
    // Handed to a function of the package or the module whose body always commits or rolls back
    // what it is given (it finishes here), or only calls its methods (it keeps nothing).
    const call = use.parent?.type === 'argument_list' ? use.parent.parent : null;
    const helper = call?.type === 'call_expression' ? helperUse(call, use, FINISHES, context) : undefined;
    if (helper === 'borrows') continue;
    if (helper === 'releases') {
      if (call!.parent?.type === 'defer_statement' && (!statement.parent || !call!.parent.parent?.equals(statement.parent))) return undefined;
      usage.finishes.push(call!);
      continue;
    }
    if (isHarmlessUse(use)) {
      if (use.parent?.type === 'expression_list' && !use.parent.parent?.equals(statement)) return undefined; // reassigned
      continue;
    }
    return undefined;
  }
  if (usage.finishes.length === 0) return undefined;
  usage.lateDefer = deferred;
  return usage;
}

/** The use sits in a func literal of `fn` that is never called (`_ = func() { … }`). */
function neverRuns(use: Node, fn: Node): boolean {
  const { literal } = literalAround(use, fn);
  return literal !== undefined && runsOf(literal, fn)?.length === 0;
}

/** The statement that declares the variable: the short declaration or the `var` declaration. */
function declaringStatement(declaration: Declaration): Node | null {
  const { node } = declaration;
  if (node.type !== 'var_spec') return node;
  return node.parent?.type === 'var_spec_list' ? node.parent.parent : node.parent;
}

/** True when the call returns `*sql.Tx` or `*sqlx.Tx`, as far as the types can tell. */
function beginsTx(call: Node, context: RuleContext): boolean {
  if (context.types.calledFunction(call)) return false;
  const first = context.types.resultsOf(call)?.[0];
  return isNamed(first, SQL, 'Tx') || isNamed(first, SQLX, 'Tx');
}

/** "on the early `return err`", "on the `continue`", or without the code when it is long. */
function describeExit(exit: Node): { en: string; zh: string } {
  const text = exit.text;
  const short = !text.includes('\n') && text.length <= 40;
  if (exit.type === 'return_statement') {
    return short ? { en: `on the early \`${text}\``, zh: `在提前返回的 \`${text}\` 处` } : { en: 'on an early return', zh: '在某个提前返回处' };
  }
  const word = exit.type === 'break_statement' ? 'break' : 'continue';
  return short ? { en: `on the \`${text}\``, zh: `在 \`${text}\` 处` } : { en: `on a ${word}`, zh: `在某个 ${word} 处` };
}

/** `defer tx.Rollback()`, or a deferred literal that discards Rollback's error for errcheck's sake. */
function addedDefers(anchor: Node, name: string, lines: LineIndex): Fix[] {
  const plain = `defer ${name}.Rollback()`;
  const discarded = `defer func() { _ = ${name}.Rollback() }()`;
  return [
    { title: { en: `Add \`${plain}\``, 'zh-cn': `加上 \`${plain}\`` }, edits: [insertAfter(anchor, [plain], lines)] },
    { title: { en: `Add \`${discarded}\``, 'zh-cn': `加上 \`${discarded}\`` }, edits: [insertAfter(anchor, [discarded], lines)] },
  ];
}

/**
 * Moves a late `defer tx.Rollback()` (alone on its line) up to `anchor` (the error check); a
 * blank line left orphaned before a closing brace or another blank line goes too.
 */
function movedDefer(late: Node, name: string, anchor: Node, lines: LineIndex): Fix | undefined {
  const text = `defer ${name}.Rollback()`;
  const row = late.startPosition.row;
  if (late.text !== text || lines.lineText(row).trim() !== text) return undefined;
  const isBlank = (line: number) => line >= 0 && line < lines.lineCount && lines.lineText(line).trim() === '';
  const from = isBlank(row - 1) && (isBlank(row + 1) || lines.lineText(row + 1).trim().startsWith('}')) ? row - 1 : row;
  const removal: TextEdit = { range: { start: { line: from, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' };
  return { title: { en: `Move \`${text}\` up, before the early return`, 'zh-cn': `把 \`${text}\` 挪到提前返回之前` }, edits: [insertAfter(anchor, [text], lines), removal] };
}
