// goroutine-loop-var: a goroutine, errgroup task or deferred closure that reads a loop variable
// shared by all iterations (modules before Go 1.22).
import type { Node } from 'web-tree-sitter';
import { isNamed } from '../../core/go-types';
import type { Localized } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { insideLoop } from '../../core/paths';
import { enclosingFunction, unparen } from '../../core/syntax';
import { loopVariablesRead } from './captures';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { copyFix } from './fix';
import query from './query.scm';
import { deferOutlivesIteration, goroutineOutlivesIteration } from './timing';

const ERRGROUP = 'golang.org/x/sync/errgroup';

export const rule: Rule = {
  meta: {
    id: 'goroutine-loop-var',
    title: { en: 'Closure captures the loop variable (before Go 1.22)', 'zh-cn': '闭包捕获循环变量（Go 1.22 之前）' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['loopclosure'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  methods: ['Go'],
  check(match, context) {
    // From Go 1.22 each iteration has its own variables; without a go.mod, assume a modern module.
    if (context.index.goAtLeast(1, 22) !== false) return;
    const call = capture(match, 'call');
    const task = call ? groupTask(call, capture(match, 'arguments')!) : undefined;
    if (call && !task) return;
    const statement = task?.statement ?? capture(match, 'statement')!;
    const literal = task?.literal ?? capture(match, 'literal')!;
    const group = task && capture(match, 'operand');
    if (group && !isErrgroup(group, context)) return;
    const kind = statement.type === 'defer_statement' ? 'defer' : group ? 'group' : 'go';
    const owner = enclosingFunction(statement);
    // The loops that count are those of the statement's own function, around it: without one,
    // reading the literal (nested literals and all, on every level of nesting) is wasted.
    if (!owner || !insideLoop(statement, owner)) return;
    for (const variable of loopVariablesRead(literal)) {
      const loop = variable.loop;
      if (!owner || !enclosingFunction(loop)?.equals(owner)) continue;
      const outlives = kind === 'defer' ? deferOutlivesIteration(statement, loop) : goroutineOutlivesIteration(statement, loop, context);
      if (!outlives) continue;
      const fix = copyFix(variable, context);
      context.report({
        node: variable.use,
        message: message(kind, variable.name, group?.text, context.index.goVersion!),
        fixes: fix ? [fix] : [],
      });
    }
  },
};

function message(kind: 'go' | 'defer' | 'group', name: string, group: string | undefined, version: string): Localized {
  const shared = `loop variable \`${name}\`, which all iterations share before Go 1.22 (this module targets go ${version})`;
  const sharedZh = `循环变量 \`${name}\`，而 Go 1.22 之前所有迭代共用这一个变量（本模块的 go.mod 为 go ${version}）`;
  const copy = `\`${name} := ${name}\``;
  switch (kind) {
    case 'go':
      return {
        en: `the goroutine reads ${shared}, so it may see a later value; copy it with ${copy} in the loop body or pass it as an argument`,
        'zh-cn': `goroutine 读取了${sharedZh}，可能读到后续迭代的值；在循环体开头加 ${copy}，或者把它作为参数传入`,
      };
    case 'group':
      return {
        en: `the function passed to \`${group}.Go\` reads ${shared}, so it may see a later value; copy it with ${copy} in the loop body`,
        'zh-cn': `传给 \`${group}.Go\` 的函数读取了${sharedZh}，可能读到后续迭代的值；在循环体开头加 ${copy}`,
      };
    case 'defer':
      return {
        en: `the deferred closure reads ${shared}, so it runs with the last value; copy it with ${copy} in the loop body or pass it as an argument`,
        'zh-cn': `defer 的闭包读取了${sharedZh}，执行时只会看到最后一个值；在循环体开头加 ${copy}，或者把它作为参数传入`,
      };
  }
}

/** `errgroup.Group`, `*errgroup.Group`, or the group of `errgroup.WithContext`. */
function isErrgroup(operand: Node, context: RuleContext): boolean {
  const type = context.types.typeOf(operand);
  if (type) return isNamed(type, ERRGROUP, 'Group');
  if (operand.type !== 'identifier') return false;
  const declaration = context.types.declaration(operand);
  if (!declaration || declaration.type || declaration.index !== 0 || declaration.values.length !== 1) return false;
  const value = unparen(declaration.values[0]);
  if (value.type !== 'call_expression') return false;
  const called = context.types.calledFunction(value);
  if (called) return called.path === ERRGROUP && called.name === 'WithContext';
  // new(errgroup.Group)
  const [argument] = value.childForFieldName('arguments')?.namedChildren ?? [];
  return value.childForFieldName('function')?.text === 'new' && argument?.type === 'qualified_type' && isNamed(context.types.typeOfTypeNode(argument), ERRGROUP, 'Group');
}

/** `g.Go(func() { … })` as a statement, the literal its only argument: an errgroup task, maybe. */
function groupTask(call: Node, args: Node): { statement: Node; literal: Node } | undefined {
  const statement = call.parent;
  const literal = args.namedChildCount === 1 ? args.namedChild(0) : null;
  return statement?.type === 'expression_statement' && literal?.type === 'func_literal' ? { statement, literal } : undefined;
}
