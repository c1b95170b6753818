// goroutine-loop-var: a goroutine, errgroup task or deferred closure that reads a loop variable
// shared by all iterations (modules before Go 1.22).
import type { Node } from 'web-tree-sitter';
import { buildConstraintGoMinor } from '../../core/build-constraint';
import { isNamed } from '../../core/go-types';
import type { Localized } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { insideLoop } from '../../core/paths';
import { enclosingFunction, unparen } from '../../core/syntax';
import { GO_STATEMENT, wholeNames } from '../../core/query-gates';
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
  queryTrigger: new RegExp(`${GO_STATEMENT.source}|${wholeNames('defer').source}`, 'u'),
  methods: ['Go'],
  check(match, context) {
    // From Go 1.22 each iteration has its own variables; without a go.mod, assume a modern module.
    const semantics = loopSemantics(context);
    if (!semantics) return;
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
        message: message(kind, variable.name, group?.text, semantics),
        fixes: fix ? [fix] : [],
      });
    }
  },
};

/**
 * Where the file gets the old loop-variable semantics from (the words for the message), or
 * undefined when it has the new ones: its own `//go:build` line when it implies a Go version
 * (Go compiles the file as at least go1.21, whatever the module says), else the module's go.mod.
 */
function loopSemantics(context: RuleContext): Localized | undefined {
  const minor = buildConstraintGoMinor(context.file.tree.rootNode);
  if (minor !== undefined) {
    if (minor >= 22) return undefined;
    const version = minor === 0 ? 'go1' : `go1.${minor}`;
    return { en: `${version} by its //go:build`, 'zh-cn': `本文件的 //go:build 行要求 ${version}` };
  }
  if (context.index.goAtLeast(1, 22) !== false) return undefined;
  const version = context.index.goVersion!;
  return { en: `go ${version}`, 'zh-cn': `本模块的 go.mod 为 go ${version}` };
}

function message(kind: 'go' | 'defer' | 'group', name: string, group: string | undefined, semantics: Localized): Localized {
  const shared = `loop variable \`${name}\`, which before Go 1.22 (${semantics.en}) is one variable for the whole loop`;
  const sharedZh = `循环变量 \`${name}\`，而 Go 1.22 之前所有迭代共用这一个变量（${semantics['zh-cn']}）`;
  const copy = `\`${name} := ${name}\``;
  switch (kind) {
    case 'go':
      return {
        en: `the goroutine reads ${shared}; copy it with ${copy}`,
        'zh-cn': `goroutine 读取了${sharedZh}，可能读到后续迭代的值；在循环体开头加 ${copy}，或者把它作为参数传入`,
      };
    case 'group':
      return {
        en: `the func passed to \`${group}.Go\` reads ${shared}; copy it with ${copy}`,
        'zh-cn': `传给 \`${group}.Go\` 的函数读取了${sharedZh}，可能读到后续迭代的值；在循环体开头加 ${copy}`,
      };
    case 'defer':
      return {
        en: `the deferred closure reads ${shared}; copy it with ${copy}`,
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
