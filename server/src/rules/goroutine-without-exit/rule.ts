import type { Node } from 'web-tree-sitter';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { calleeParts } from '../../core/syntax';
import { GO_STATEMENT } from '../../core/query-gates';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'goroutine-without-exit',
    title: { en: 'Goroutine with no way to exit', 'zh-cn': 'goroutine 没有退出路径' },
    chapter: 'concurrency',
    defaultSeverity: 'information',
    peers: ['G118'],
    fixable: false,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  queryTrigger: GO_STATEMENT,
  check(match, context) {
    const go = capture(match, 'go')!;
    const body = capture(match, 'body')!;
    const last = lastStatement(body);
    if (!last) return;
    const label = last.type === 'labeled_statement' ? last.childForFieldName('label')?.text : undefined;
    const loop = last.type === 'labeled_statement' ? last.namedChildren.find((n) => n?.type === 'for_statement') : last;
    if (loop?.type !== 'for_statement' || !isUnconditional(loop)) return;
    const loopBody = loop.childForFieldName('body');
    if (!loopBody || hasExit(loopBody, loop, label, context)) return;
    const keyword = go.child(0)!;
    context.report({
      node: keyword,
      message: {
        en: 'this goroutine loops with no `return`, `break` or stop signal, so it cannot finish; add `case <-ctx.Done(): return` (or a quit channel) to the loop',
        'zh-cn': '这个 goroutine 里的 `for` 循环没有 `return`、`break`，也没有停止信号，无法结束；在循环中加上 `case <-ctx.Done(): return`（或监听 quit channel）',
      },
    });
  },
};

/** The last statement of a block, comments and empty statements left out. */
function lastStatement(block: Node): Node | undefined {
  const list = block.namedChildren.find((n) => n?.type === 'statement_list');
  const statements = list?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment' && n.type !== 'empty_statement') ?? [];
  return statements[statements.length - 1];
}

/** `for { … }` or `for ;; { … }`: no range clause and no condition. */
function isUnconditional(loop: Node): boolean {
  for (const child of loop.namedChildren) {
    if (!child) continue;
    if (child.type === 'range_clause') return false;
    if (child.type === 'for_clause' && child.childForFieldName('condition')) return false;
    if (!['for_clause', 'block', 'comment'].includes(child.type)) return false; // `for cond { … }`
  }
  return true;
}

const BREAKABLE = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/**
 * Whether the loop body has a way out of the goroutine: a `return`, a `goto`, a `break` that
 * leaves this loop (bare and not inside an inner for/switch/select, or naming the loop's label),
 * or a call that ends the goroutine or the process (`runtime.Goexit`, `os.Exit`, `log.Fatal*`,
 * `panic`). Nested func literals run at other times and are not entered.
 */
function hasExit(loopBody: Node, loop: Node, label: string | undefined, context: RuleContext): boolean {
  let found = false;
  const visit = (node: Node): void => {
    if (found) return;
    switch (node.type) {
      case 'func_literal':
        return;
      case 'return_statement':
      case 'goto_statement':
        found = true;
        return;
      case 'break_statement': {
        const target = node.namedChildren.find((n) => n?.type === 'label_name')?.text;
        if (target !== undefined ? target === label : innermostBreakable(node)?.equals(loop)) found = true;
        return;
      }
      case 'call_expression':
        if (endsGoroutine(node, context)) {
          found = true;
          return;
        }
        break;
    }
    for (const child of node.namedChildren) if (child) visit(child);
  };
  visit(loopBody);
  return found;
}

function innermostBreakable(node: Node): Node | null {
  for (let current = node.parent; current; current = current.parent) {
    if (BREAKABLE.has(current.type)) return current;
    if (current.type === 'func_literal') return null;
  }
  return null;
}

const TERMINATING: Record<string, readonly string[]> = {
  runtime: ['Goexit'],
  os: ['Exit'],
  log: ['Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln'],
};

function endsGoroutine(call: Node, context: RuleContext): boolean {
  const callee = calleeParts(call);
  if (callee && !callee.operand && callee.name === 'panic') {
    const fn = call.childForFieldName('function')!;
    return !context.types.declaration(fn) && !context.index.func('panic');
  }
  const qualified = context.types.calledFunction(call);
  return Boolean(qualified && TERMINATING[qualified.path]?.includes(qualified.name));
}
