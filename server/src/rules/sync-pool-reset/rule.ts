// The sync-pool-reset rule: a buffer taken from a sync.Pool and used before it is Reset.
import type { Node } from 'web-tree-sitter';
import { isNamed } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { declarationIn, findLocalDeclaration } from '../../core/scope';
import { enclosingFunction, walk } from '../../core/syntax';
import { insertLineAfter } from '../../core/edits';
import { identifiersNamed } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'sync-pool-reset',
    title: { en: 'Pooled buffer used without Reset', 'zh-cn': 'sync.Pool 取出的对象未 Reset' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    if (capture(match, 'args')!.namedChildCount !== 0) return;
    const pool = capture(match, 'pool')!;
    const assertion = capture(match, 'assertion')!;
    const binding = bindingOf(assertion);
    const fn = enclosingFunction(assertion);
    if (!binding || !fn || !isSyncPool(pool, context) || !isResettable(capture(match, 'type')!, context)) return;
    const { statement, target, commaOk } = binding;
    const name = target.text;
    const events = eventsOf(binding, fn, squash(pool.text));
    if (!events || events.reset || !events.used) return;
    // The object is clean on Get when every Put of this pool in the file resets it first; with no
    // Put in the file, the put side is out of sight (or objects never return and come from New).
    const puts = putsOf(squash(pool.text), context.file.tree.rootNode);
    if (puts.total === 0 || puts.clean === puts.total) return;
    const canFix = !commaOk && statement.parent?.type === 'statement_list';
    context.report({
      node: target,
      message: {
        en: `\`${name}\` from \`${pool.text}.Get()\` is used without \`${name}.Reset()\`, so it may still hold the previous user's data; call \`${name}.Reset()\` right after the Get`,
        'zh-cn': `从 \`${pool.text}.Get()\` 取出的 \`${name}\` 没有先调用 \`${name}.Reset()\` 就被使用，里面可能还留着上一个使用者的数据；在 Get 之后立刻调用 \`${name}.Reset()\``,
      },
      fixes: canFix ? [{ title: { en: `Add \`${name}.Reset()\``, 'zh-cn': `加上 \`${name}.Reset()\`` }, edits: [insertLineAfter(statement, `${name}.Reset()`, context.file.lines)] }] : [],
    });
  },
};

interface Binding {
  statement: Node;
  target: Node;
  commaOk: boolean;
}

/** `buf := pool.Get().(*T)`, `buf = …`, `var buf = …`, and the comma-ok forms. */
function bindingOf(assertion: Node): Binding | undefined {
  const list = assertion.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return undefined;
  const holder = list.parent;
  let names: Node[] = [];
  let statement = holder;
  if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
    if (!holder.childForFieldName('right')?.equals(list)) return undefined;
    names = holder.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  } else if (holder?.type === 'var_spec') {
    names = holder.childrenForFieldName('name').filter((n): n is Node => n !== null);
    statement = holder.parent?.type === 'var_spec_list' ? holder.parent.parent : holder.parent;
  }
  const target = names[0];
  if (!statement || !target || target.type !== 'identifier' || target.text === '_' || names.length > 2) return undefined;
  return { statement, target, commaOk: names.length === 2 };
}

function isSyncPool(pool: Node, context: RuleContext): boolean {
  return isNamed(context.types.typeOf(pool), 'sync', 'Pool');
}

/** `*bytes.Buffer`, `*strings.Builder`, or a pointer to a type of this package with a Reset method. */
function isResettable(type: Node, context: RuleContext): boolean {
  const inner = type.namedChild(0);
  if (!inner) return false;
  const qualified = context.types.qualified(inner);
  if (qualified) return (qualified.path === 'bytes' && qualified.name === 'Buffer') || (qualified.path === 'strings' && qualified.name === 'Builder');
  return inner.type === 'type_identifier' && context.index.method(inner.text, 'Reset') !== undefined;
}

interface Events {
  /** `buf.Reset()` (or `buf.Truncate(0)`) anywhere in the function after the Get. */
  reset: boolean;
  /** Any use that reads or writes the buffer: a method call, an argument, a return. */
  used: boolean;
}

/** What the function does with the variable after the Get; undefined when it cannot tell. */
function eventsOf({ statement, target }: Binding, fn: Node, pool: string): Events | undefined {
  const own = statement.type === 'assignment_statement' ? findLocalDeclaration(target) : declarationIn(statement, target.text);
  if (!own) return undefined;
  const events: Events = { reset: false, used: false };
  for (const identifier of identifiersNamed(fn, target.text)) {
    if (identifier.startIndex <= target.startIndex || findLocalDeclaration(identifier)?.name.id !== own.name.id) continue;
    if (isResetCall(identifier)) events.reset = true;
    else if (!isPutArgument(identifier, pool)) events.used = true;
  }
  return events;
}

/** `buf.Reset()` or `buf.Truncate(0)`. */
function isResetCall(identifier: Node): boolean {
  const selector = identifier.parent;
  const call = selector?.parent;
  if (selector?.type !== 'selector_expression' || call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(selector)) return false;
  const method = selector.childForFieldName('field')?.text;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  return method === 'Reset' || (method === 'Truncate' && args.length === 1 && args[0]?.text === '0');
}

/** `pool.Put(buf)`: handing the object back is not a use. */
function isPutArgument(identifier: Node, pool: string): boolean {
  const call = identifier.parent?.parent;
  const callee = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  return (
    identifier.parent?.type === 'argument_list' &&
    callee?.type === 'selector_expression' &&
    callee.childForFieldName('field')?.text === 'Put' &&
    squash(callee.childForFieldName('operand')?.text ?? '') === pool
  );
}

/**
 * The Puts into `pool` in the file, and how many are preceded, in their function, by a Reset of
 * the object they put (`buf.Reset(); pool.Put(buf)`, often in a `putBuffer` helper).
 */
function putsOf(pool: string, root: Node): { total: number; clean: number } {
  let puts = 0;
  let clean = 0;
  walk(root, (node) => {
    if (node.type !== 'call_expression') return undefined;
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Put') return undefined;
    if (squash(callee.childForFieldName('operand')?.text ?? '') !== pool) return undefined;
    puts++;
    const argument = node.childForFieldName('arguments')?.namedChild(0);
    const fn = enclosingFunction(node);
    if (argument?.type === 'identifier' && fn && resetBefore(fn, argument.text, node.startIndex)) clean++;
    return undefined;
  });
  return { total: puts, clean };
}

function resetBefore(fn: Node, name: string, before: number): boolean {
  return identifiersNamed(fn, name).some((identifier) => identifier.startIndex < before && isResetCall(identifier));
}

function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
