import type { Node, QueryMatch } from 'web-tree-sitter';
import { insertLinesAfter } from '../../core/edits';
import type { Fix } from '../../core/findings';
import { ABORT_METHODS, callAborts, isGinContext } from '../../core/gin-aborts';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { calleeParts, enclosingFunction } from '../../core/syntax';
import { snippet } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const CASES = new Set(['expression_case', 'default_case', 'type_case', 'communication_case']);

export const rule: Rule = {
  meta: {
    id: 'gin-abort-without-return',
    title: { en: 'Gin Abort without return', 'zh-cn': 'Gin 调用 Abort 后没有 return' },
    chapter: 'frameworks',
    defaultSeverity: 'warning',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  methods: ABORT_METHODS,
  // A handler's `c *gin.Context`: its function is searched for the module's helpers that abort it.
  query,
  check(match, context) {
    const parameter = capture(match, 'parameter');
    if (!parameter) {
      const abort = directAbort(match, context);
      if (abort) checkAbort(abort, false, context);
      return;
    }
    for (const abort of helperAborts(parameter, context)) checkAbort(abort, true, context);
  },
};

/** Reports the abort when its branch falls through to more code of the function. */
function checkAbort({ call, receiver }: Abort, helper: boolean, context: RuleContext): void {
  const statement = statementOf(call);
  if (!statement || (statement.type !== 'expression_statement' && statement.type !== 'assignment_statement')) return;
  const list = statement.parent!;
  const construct = branchConstruct(list);
  if (!construct) return;
  const statements = statementsOf(list);
  // One finding per branch: the first abort in it.
  if (statements.slice(0, statements.findIndex((s) => s.equals(statement))).some((s) => abortsIn(s, receiver, context))) return;
  const last = statements[statements.length - 1];
  if (isTerminating(last, context) || !effectRunsAfter(construct, receiver.text)) return;

  const callee = call.childForFieldName('function')!;
  const after = construct.type === 'if_statement' ? 'if' : construct.type === 'select_statement' ? 'select' : 'switch';
  context.report({
    node: callee,
    message: helper
      ? {
          en: `\`${snippet(callee.text, 40)}\` aborts the request, but this function keeps running past the \`${after}\`; add \`return\` at the end of the branch`,
          'zh-cn': `\`${snippet(callee.text, 40)}\` 会中止请求，但当前函数仍会继续执行 \`${after}\` 之后的代码；在分支末尾加上 \`return\``,
        }
      : {
          en: `\`${callee.text}\` only stops the handlers after this one; this function keeps running past the \`${after}\`, so add \`return\` at the end of the branch`,
          'zh-cn': `\`${callee.text}\` 只会阻止后续的 handler，当前函数仍会继续执行 \`${after}\` 之后的代码；在分支末尾加上 \`return\``,
        },
    fixes: returnFix(last, call, context),
  });
}

interface Abort {
  call: Node;
  /** The handler's `*gin.Context` parameter the call aborts. */
  receiver: Node;
}

/** `c.Abort*(…)` on a `*gin.Context` parameter. */
function directAbort(match: QueryMatch, context: RuleContext): Abort | undefined {
  const receiver = capture(match, 'operand')!;
  return receiver.type === 'identifier' && isGinContextParam(receiver, context) ? { call: capture(match, 'call')!, receiver } : undefined;
}

/**
 * The call statements of the parameter's function, nested literals included, that hand the
 * parameter (a `*gin.Context`) to a helper of the module that aborts it: `common.ErrorResp(c, …)`.
 */
function helperAborts(parameter: Node, context: RuleContext): Abort[] {
  const type = parameter.childForFieldName('type');
  const body = parameter.parent?.parent?.childForFieldName('body');
  if (!type || !body || !isGinContext(context.types.typeOfTypeNode(type))) return [];
  const names = parameter.childrenForFieldName('name').filter((name): name is Node => name !== null && name.text !== '_');
  const found: Abort[] = [];
  for (const name of names) {
    for (const statement of body.descendantsOfType('expression_statement')) {
      const call = statement?.namedChild(0);
      if (call?.type !== 'call_expression' || !call.text.includes(name.text)) continue;
      const argument = call.childForFieldName('arguments')?.namedChildren.find((arg) => arg?.type === 'identifier' && arg.text === name.text);
      // The argument is this parameter, not one of the same name declared further in.
      if (argument && context.types.declaration(argument)?.name.equals(name) && callAborts(call, argument, context)) found.push({ call, receiver: argument });
    }
  }
  return found;
}

/** The statement calls `receiver.Abort*(…)` or a helper that aborts `receiver`. */
function abortsIn(statement: Node, receiver: Node, context: RuleContext): boolean {
  const expression = statement.type === 'expression_statement' ? statement.namedChild(0) : statement.type === 'assignment_statement' ? statement.childForFieldName('right')?.namedChild(0) : null;
  if (expression?.type !== 'call_expression') return false;
  const callee = calleeParts(expression);
  if (callee?.operand?.text === receiver.text && ABORT_METHODS.includes(callee.name)) return true;
  const argument = expression.childForFieldName('arguments')?.namedChildren.find((arg) => arg?.type === 'identifier' && arg.text === receiver.text);
  return argument ? callAborts(expression, argument, context) : false;
}

/** A parameter (of this or an enclosing function) declared as `*gin.Context`, any import alias. */
function isGinContextParam(identifier: Node, context: RuleContext): boolean {
  const declaration = context.types.declaration(identifier);
  if (declaration?.kind !== 'param' || !declaration.type) return false;
  return isGinContext(context.types.typeOfTypeNode(declaration.type));
}

/** The statement of a statement list that holds the node, within the node's own function. */
function statementOf(node: Node): Node | undefined {
  for (let current: Node | null = node; current; current = current.parent) {
    if (current.parent?.type === 'statement_list') return current;
    if (current.type === 'func_literal') return undefined;
  }
  return undefined;
}

function statementsOf(list: Node): Node[] {
  return list.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment' && n.type !== 'empty_statement');
}

/** The if/switch/select whose branch is this statement list; undefined when it is no branch. */
function branchConstruct(list: Node): Node | undefined {
  const holder = list.parent;
  if (!holder) return undefined;
  if (CASES.has(holder.type)) return holder.parent ?? undefined;
  if (holder.type === 'block' && holder.parent?.type === 'if_statement') return holder.parent;
  return undefined;
}

/**
 * Whether code with an effect runs after the statement: walks outwards through the enclosing
 * branches and blocks, reading the statements that follow. A `return` of plain values ends the
 * path having done nothing; `c.Next()` does nothing once the context is aborted. At a loop it
 * gives up (the next iteration is a judgement call); at the function body it stops: nothing
 * runs after the last statement.
 */
function effectRunsAfter(statement: Node, receiver: string): boolean {
  let node = statement;
  for (;;) {
    while (node.parent?.type === 'if_statement') node = node.parent; // else-if chains
    const list = node.parent;
    if (list?.type !== 'statement_list') return false;
    for (const following of statementsOf(list).filter((s) => s.startIndex > node.startIndex)) {
      if (isPlainReturn(following)) return false;
      if (!isNext(following, receiver)) return true;
    }
    const holder = list.parent;
    if (!holder) return false;
    if (CASES.has(holder.type)) {
      node = holder.parent!;
      continue;
    }
    if (holder.type !== 'block') return false;
    const owner = holder.parent;
    if (owner?.type === 'if_statement') node = owner;
    else if (owner?.type === 'statement_list') node = holder; // a bare nested block
    else return false; // function body, loop body
  }
}

/** `c.Next()`: after an abort it runs no handler (the index is past the last one). */
function isNext(statement: Node, receiver: string): boolean {
  const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (call?.type !== 'call_expression' || call.childForFieldName('arguments')?.namedChildCount !== 0) return false;
  const callee = calleeParts(call);
  return callee?.name === 'Next' && callee.operand?.text === receiver;
}

const PLAIN = new Set(['identifier', 'nil', 'true', 'false', 'int_literal', 'float_literal', 'interpreted_string_literal', 'raw_string_literal']);

function isPlainReturn(statement: Node): boolean {
  if (statement.type !== 'return_statement') return false;
  const values = statement.namedChildren.find((n) => n?.type === 'expression_list');
  return !values || values.namedChildren.every((n) => n !== null && PLAIN.has(n.type));
}

const TERMINATING_CALLS: Record<string, readonly string[]> = {
  os: ['Exit'],
  log: ['Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln'],
  runtime: ['Goexit'],
};

/** Statements after which the branch does not fall through (a simplified Go "terminating statement"). */
function isTerminating(statement: Node, context: RuleContext): boolean {
  switch (statement.type) {
    case 'return_statement':
    case 'goto_statement':
    case 'break_statement':
    case 'continue_statement':
    case 'fallthrough_statement':
      return true;
    case 'block': {
      const list = statement.namedChildren.find((n) => n?.type === 'statement_list');
      const inner = list ? statementsOf(list) : [];
      return inner.length > 0 && isTerminating(inner[inner.length - 1], context);
    }
    case 'if_statement': {
      const consequence = statement.childForFieldName('consequence');
      const alternative = statement.childForFieldName('alternative');
      return Boolean(consequence && alternative && isTerminating(consequence, context) && isTerminating(alternative, context));
    }
    case 'expression_statement': {
      const call = statement.namedChild(0);
      if (call?.type !== 'call_expression') return false;
      const callee = calleeParts(call);
      if (callee && !callee.operand && callee.name === 'panic') return !context.types.declaration(call.childForFieldName('function')!);
      const qualified = context.types.calledFunction(call);
      return Boolean(qualified && TERMINATING_CALLS[qualified.path]?.includes(qualified.name));
    }
    default:
      return false;
  }
}

/**
 * `return` on a new line after the branch's last statement (after a comment sharing its line),
 * when a bare return is valid: the function has no results or names them.
 */
function returnFix(last: Node, call: Node, context: RuleContext): Fix[] {
  const fn = enclosingFunction(call);
  const result = fn?.childForFieldName('result');
  if (result && !(result.type === 'parameter_list' && result.namedChildren.some((p) => p?.childForFieldName('name')))) return [];
  const trailing = last.nextSibling;
  const anchor = trailing?.type === 'comment' && trailing.startPosition.row === last.endPosition.row ? trailing : last;
  // On a line of its own after the last statement, at its indentation: a branch written on one
  // line (`{ c.Abort() }`, `case x: c.Abort()`) has no such place, and gets no fix.
  const lines = context.file.lines;
  const startsLine = lines.lineText(last.startPosition.row).slice(0, last.startPosition.column).trim() === '';
  const endsLine = lines.lineText(anchor.endPosition.row).slice(anchor.endPosition.column).trim() === '';
  if (!startsLine || !endsLine) return [];
  return [{ title: { en: 'Add `return` at the end of the branch', 'zh-cn': '在分支末尾加上 `return`' }, edits: [insertLinesAfter(anchor, ['return'], context.file.lines)] }];
}
