// The sql-rows-close rule: its metadata, and the check's flow from a query call to a finding.
import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';
import { bindingOf, closedRightAway, type Binding } from './binding';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { exitVerb, leakBeforeClose, type Leak } from './exits';
import { addedDefer, fixAnchor, movedDefer } from './fix';
import { BINDING_TEXT } from './patterns';
import query from './query.scm';
import { referencesOf } from './references';
import { usageOf } from './usage';

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

    const refs = referencesOf(binding, name, fn, body, context.file.tree);
    if (!refs) return;
    const usage = usageOf(refs, fn);
    if (usage.escapes || usage.closedElsewhere) return;

    const rows: Rows = { binding, name, fn, subject: `\`${name}\` from \`${call.childForFieldName('function')!.text}\`` };
    if (usage.sites.length === 0 && !usage.conditionalClose) {
      reportNeverClosed(rows, context);
      return;
    }
    // Closed somewhere: the rows leak only if a path leaves before the Close runs.
    const leak = leakBeforeClose(binding.statement, usage.sites, refs, binding.err, name);
    if (leak) reportLeak(rows, leak, context);
  },
};

/** The rows variable, as the findings about it need it. */
interface Rows {
  binding: Binding;
  name: string;
  /** The function the rows are received in. */
  fn: Node;
  /** "`rows` from `db.Query`", the opening of every message. */
  subject: string;
}

/**
 * No Close anywhere. In a loop a defer would hold every iteration's rows until the function
 * returns, so no fix is offered there.
 */
function reportNeverClosed({ binding, name, fn, subject }: Rows, context: RuleContext): void {
  const { target, statement, err } = binding;
  const inLoop = insideLoop(statement, fn);
  const anchor = inLoop ? undefined : fixAnchor(statement, err);
  context.report({
    node: target,
    message: inLoop
      ? `${subject} are never closed, so every iteration keeps a connection busy; call \`${name}.Close()\` once they are read, or move the loop body into a function that defers it`
      : `${subject} are never closed, so their connection never returns to the pool; add \`defer ${name}.Close()\` ${placement(err)}`,
    fixes: anchor ? [addedDefer(anchor, name, context.file.lines)] : [],
  });
}

/**
 * A Close that some path skips. A late defer is moved up to the error check; an explicit Close
 * gets a defer there too, except in a loop, where a defer would wait for the function to return.
 */
function reportLeak({ binding, name, fn, subject }: Rows, { close, exit }: Leak, context: RuleContext): void {
  const { target, statement, err } = binding;
  const lines = context.file.lines;
  const deferred = close.type === 'defer_statement';
  const inLoop = insideLoop(statement, fn);
  const anchor = fixAnchor(statement, err);
  const fixes: Fix[] = [];
  if (anchor && deferred) fixes.push(movedDefer(close, name, anchor, lines) ?? addedDefer(anchor, name, lines));
  else if (anchor && !inLoop) fixes.push(addedDefer(anchor, name, lines));
  const path = `on the path that ${exitVerb(exit)}`;
  context.report({
    node: target,
    message: deferred
      ? `${subject} stay open ${path} before the deferred Close is reached; defer it ${err ? 'right after the error check' : 'right after the query'}`
      : inLoop
        ? `${subject} stay open ${path} before \`${name}.Close()\`; close them on that path too, or move the loop body into a function that defers the Close`
        : `${subject} stay open ${path} before \`${name}.Close()\`; add \`defer ${name}.Close()\` ${placement(err)}`,
    fixes,
  });
}

/** Where the suggested defer goes, as the messages word it. */
function placement(err: string | undefined): string {
  return err ? 'after the error check' : 'right after the query';
}

/** `db.Query(…)` whose rows are thrown away: the Exec twin does the same without rows. */
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

/** True when `statement` sits in a `for` loop of `fn` itself (not of an enclosing function). */
function insideLoop(statement: Node, fn: Node): boolean {
  for (let current = statement.parent; current && !current.equals(fn); current = current.parent) {
    if (current.type === 'for_statement') return true;
  }
  return false;
}
