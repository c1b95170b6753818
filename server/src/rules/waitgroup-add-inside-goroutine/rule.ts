// waitgroup-add-inside-goroutine: `wg.Add` called by the goroutine it is meant to count, which
// races with `wg.Wait`.
import type { Node } from 'web-tree-sitter';
import { insertLinesBefore } from '../../core/edits';
import type { Fix } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findLocalDeclaration } from '../../core/scope';
import { calleeParts, callArguments, findAll, unparen, walk } from '../../core/syntax';
import { GO_STATEMENT } from '../../core/query-gates';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'waitgroup-add-inside-goroutine',
    title: { en: 'WaitGroup.Add inside the goroutine', 'zh-cn': '在 goroutine 内部调用 WaitGroup.Add' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['SA2000', 'waitgroup'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  queryTrigger: GO_STATEMENT,
  check(match, context) {
    const go = capture(match, 'go')!;
    const literal = capture(match, 'literal')!;
    const body = capture(match, 'body')!;
    const list = body.namedChildren.find((n) => n?.type === 'statement_list');
    if (!list) return;
    for (const statement of list.namedChildren) {
      const call = statement?.type === 'expression_statement' ? statement.namedChild(0) : null;
      if (call?.type !== 'call_expression') continue;
      const callee = calleeParts(call);
      if (callee?.name !== 'Add' || !callee.operand || !isWaitGroup(callee.operand, context)) continue;
      const group = callee.operand;
      const home = declaredWhere(group, literal);
      if (home === 'inside') continue;
      if (!countsThisGoroutine(body, statement!, group.text)) continue;
      const fix = home === 'outside' ? moveFix(go, statement!, call, literal, context) : undefined;
      context.report({
        node: call,
        message: {
          en: `\`${call.text}\` runs inside the goroutine it counts, so \`${group.text}.Wait()\` can return before it runs; call it before the \`go\` statement`,
          'zh-cn': `\`${call.text}\` 在它要计数的 goroutine 内部执行，\`${group.text}.Wait()\` 可能在它执行之前就返回；请在 \`go\` 语句之前调用`,
        },
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/** `sync.WaitGroup` or a pointer to one, through declarations, fields, params or `new`. */
function isWaitGroup(operand: Node, context: RuleContext): boolean {
  const type = context.types.typeOf(operand);
  if (type) return isNamed(type, 'sync', 'WaitGroup');
  if (operand.type !== 'identifier') return false;
  const declaration = context.types.declaration(operand);
  const value = declaration && !declaration.type && declaration.values.length === 1 ? unparen(declaration.values[0]) : undefined;
  if (value?.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'new') return false;
  const [argument] = callArguments(value);
  return argument?.type === 'qualified_type' && isNamed(context.types.typeOfTypeNode(argument), 'sync', 'WaitGroup');
}

/** Where the root name of `wg` / `s.wg` is declared relative to the goroutine's literal. */
function declaredWhere(group: Node, literal: Node): 'outside' | 'parameter' | 'inside' {
  let root = group;
  while (root.type === 'selector_expression' || root.type === 'unary_expression' || root.type === 'parenthesized_expression') {
    const next = root.type === 'selector_expression' ? root.childForFieldName('operand') : root.namedChild(0);
    if (!next) break;
    root = next;
  }
  if (root.type !== 'identifier') return 'inside';
  const declaration = findLocalDeclaration(root);
  if (!declaration || !within(declaration.name, literal)) return 'outside';
  return declaration.kind === 'param' && declaration.node.parent?.equals(literal.childForFieldName('parameters')!) ? 'parameter' : 'inside';
}

/**
 * The Add counts this goroutine when the goroutine also calls `Done` on the same group, and
 * after the Add it neither starts another goroutine nor hands the group to a call (either of
 * which may be what the Add is for).
 */
function countsThisGoroutine(body: Node, statement: Node, group: string): boolean {
  if (findAll(body, 'go_statement').some((go) => go.startIndex > statement.endIndex)) return false;
  let done = false;
  let handedOff = false;
  walk(body, (node) => {
    if (node.type !== 'call_expression') return;
    const callee = calleeParts(node);
    if (callee?.name === 'Done' && callee.operand?.text === group) done = true;
    if (node.startIndex > statement.endIndex && callArguments(node).some((argument) => argument.text.replace(/^&/, '') === group)) handedOff = true;
  });
  return done && !handedOff;
}

function within(node: Node, ancestor: Node): boolean {
  return node.startIndex >= ancestor.startIndex && node.endIndex <= ancestor.endIndex;
}

/** Deletes the Add's line inside the goroutine and writes the same call before the `go`. */
function moveFix(go: Node, statement: Node, call: Node, literal: Node, context: RuleContext): Fix | undefined {
  const lines = context.file.lines;
  const row = statement.startPosition.row;
  // The line moves as it is, with a trailing comment if it has one.
  const line = lines.lineText(row).trim();
  const rest = line.slice(statement.text.length).trim();
  if (statement.endPosition.row !== row || !line.startsWith(statement.text) || (rest !== '' && !rest.startsWith('//'))) return undefined;
  if (lines.lineText(go.startPosition.row).slice(0, go.startPosition.column).trim() !== '') return undefined;
  // The count may only use names that exist before the goroutine starts.
  const local = findAll(call, 'identifier').some((id) => {
    const declaration = findLocalDeclaration(id);
    return declaration !== undefined && within(declaration.name, literal);
  });
  if (local) return undefined;
  return {
    title: { en: `Move \`${call.text}\` before the \`go\` statement`, 'zh-cn': `把 \`${call.text}\` 移到 \`go\` 语句之前` },
    edits: [
      insertLinesBefore(go, [line], lines),
      { range: { start: { line: row, character: 0 }, end: { line: row + 1, character: 0 } }, newText: '' },
    ],
  };
}
