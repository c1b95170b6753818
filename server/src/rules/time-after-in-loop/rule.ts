// time-after-in-loop: `case <-time.After(d)` in a select that runs in a loop, in modules before
// Go 1.23, where each pass leaves a timer in memory until it fires.
import type { Node } from 'web-tree-sitter';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { snippet } from '../../core/text';
import { FUNCTION_TYPES } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const EXITS = new Set(['os.Exit', 'log.Fatal', 'log.Fatalf', 'log.Fatalln', 'log.Panic', 'log.Panicf', 'log.Panicln']);

export const rule: Rule = {
  meta: {
    id: 'time-after-in-loop',
    title: { en: 'time.After in a select loop (before Go 1.23)', 'zh-cn': '在 select 循环中使用 time.After（Go 1.23 之前）' },
    chapter: 'concurrency',
    defaultSeverity: 'information',
    peers: [],
    // Hoisting a timer is only correct with Stop, drain and Reset before 1.23: no unattended fix.
    fixable: false,
    docs: { en, 'zh-cn': zh },
    // A test's timers are gone when its short-lived process ends.
    skipsTests: true,
  },
  query,
  check(match, context) {
    // Go 1.23 collects timers nobody refers to; without a go.mod, assume a modern module.
    if (context.index.goAtLeast(1, 23) !== false) return;
    const call = capture(match, 'call')!;
    const timeoutCase = capture(match, 'case')!;
    const called = context.types.calledFunction(call);
    if (called?.path !== 'time' || called.name !== 'After') return;
    const select = timeoutCase.parent;
    if (select?.type !== 'select_statement' || !insideUnboundedLoop(select)) return;
    // Timers pile up only when another case can win and the loop goes round again.
    const others = select.namedChildren.filter((c): c is Node => c !== null && (c.type === 'communication_case' || c.type === 'default_case') && !c.equals(timeoutCase));
    if (!others.some((other) => !leavesLoop(other, context))) return;
    context.report({
      node: call,
      message: {
        en: `\`${snippet(call.text)}\` makes a timer per pass, each kept until it fires before Go 1.23 (go ${context.index.goVersion}); reuse one \`time.NewTimer\` from before the loop`,
        'zh-cn': `\`${snippet(call.text)}\` 每轮循环都会新建一个定时器，Go 1.23 之前每个定时器在触发前都留在内存里（本模块的 go.mod 为 go ${context.index.goVersion}）；请在循环前用 \`time.NewTimer\` 创建一个定时器并每轮重置`,
      },
    });
  },
};

/**
 * A for statement around the select in the same function, other than loops counting to a
 * literal (`for i := 0; i < 3; i++`), which make a fixed, small number of timers.
 */
function insideUnboundedLoop(select: Node): boolean {
  let found = false;
  for (let node = select.parent; node && !FUNCTION_TYPES.has(node.type); node = node.parent) {
    if (node.type === 'for_statement' && !literalBound(node)) found = true;
  }
  return found;
}

function literalBound(loop: Node): boolean {
  const clause = loop.namedChildren.find((n) => n?.type === 'for_clause');
  const condition = clause?.childForFieldName('condition');
  const operator = condition?.type === 'binary_expression' ? condition.childForFieldName('operator')?.text : undefined;
  return (operator === '<' || operator === '<=') && condition!.childForFieldName('right')?.type === 'int_literal';
}

function labelsLoop(statement: Node, label: string | undefined): boolean {
  if (!label) return false;
  for (let node = statement.parent; node && !FUNCTION_TYPES.has(node.type); node = node.parent) {
    if (node.type === 'labeled_statement' && node.childForFieldName('label')?.text === label) {
      return node.namedChildren.some((child) => child?.type === 'for_statement');
    }
  }
  return false;
}

/** A case whose body ends by leaving the loop: return, panic, a labelled break or goto, exit. */
function leavesLoop(clause: Node, context: RuleContext): boolean {
  const list = clause.namedChildren.find((n) => n?.type === 'statement_list');
  const statements = list?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  const last = statements[statements.length - 1];
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'goto_statement') return true;
  // Inside a select a plain break leaves only the select; a labelled one leaves a loop.
  if (last.type === 'break_statement') return labelsLoop(last, last.namedChild(0)?.text);
  if (last.type !== 'expression_statement' || last.namedChild(0)?.type !== 'call_expression') return false;
  const call = last.namedChild(0)!;
  if (call.childForFieldName('function')?.text === 'panic') return true;
  const called = context.types.calledFunction(call);
  return called !== undefined && EXITS.has(`${called.path}.${called.name}`);
}
