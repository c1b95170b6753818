// GORM query chains: a chain that runs SQL without `.WithContext(ctx)` drops the caller's context.
import type { Node } from 'web-tree-sitter';
import { assignmentsBefore } from '../../core/assignments';
import { isNamed } from '../../core/go-types';
import { GORM } from '../../core/known-apis';
import type { RuleContext } from '../../core/rule';
import type { Declaration } from '../../core/scope';
import { unparen } from '../../core/syntax';

/** GORM methods that run SQL (or open a transaction) with the chain's context. */
export const GORM_FINISHERS = new Set([
  'Find', 'First', 'Last', 'Take', 'Create', 'CreateInBatches', 'Save', 'Update', 'Updates', 'UpdateColumn', 'UpdateColumns',
  'Delete', 'Count', 'Scan', 'Pluck', 'FirstOrCreate', 'FirstOrInit', 'FindInBatches', 'Exec', 'Row', 'Rows', 'Begin', 'Transaction',
]);

/** Methods that give a chain its context: `WithContext(ctx)`, `Session(&gorm.Session{Context: ctx})`. */
const CONTEXT_METHODS = new Set(['WithContext', 'Session']);

/** A chain to report: its receiver, where `.WithContext(ctx)` goes after. */
export interface GormChain {
  receiver: Node;
}

/**
 * For the last call of a chain that runs SQL on a `*gorm.DB` (`s.db.Where(…).Find(&out)`), the
 * chain's receiver, when nothing in the chain gives it a context. The receiver must be a handle
 * the function does not build itself: a field, a parameter of the declared function or a package
 * variable, or a local holding a builder chain on one of those (`q := s.db.Model(&User{})`).
 * Silent for a handle returned by a call (`getDB(ctx)` may attach the context), for a func
 * literal's parameter (GORM's `Transaction` callbacks and scopes receive a handle that already
 * carries the outer chain's context), and when a later call of the same chain runs SQL too (the
 * chain is reported once, at its end).
 */
export function gormChainWithoutContext(call: Node, context: RuleContext): GormChain | undefined {
  if (laterFinisher(call)) return undefined;
  const receiver = chainReceiver(call, context);
  if (!receiver) return undefined;
  if (receiver.type === 'selector_expression') return { receiver };
  if (receiver.type !== 'identifier') return undefined;
  const declaration = context.types.declaration(receiver);
  if (!declaration) return { receiver }; // a package variable
  if (declaration.kind === 'param' || declaration.kind === 'receiver') {
    return declaration.node.parent?.parent?.type === 'func_literal' ? undefined : { receiver };
  }
  if (declaration.kind !== 'var' && declaration.kind !== 'short') return undefined;
  return localBuilder(declaration, call, context) ? { receiver } : undefined;
}

/**
 * A local that only ever holds builder chains without a context on a handle of the kind above
 * (`q := s.db.Model(&User{})`, `q = q.Where(…)`). A chain that already ran SQL (`tx := s.db.Begin()`)
 * was reported where it ran.
 */
function localBuilder(declaration: Declaration, use: Node, context: RuleContext, depth = 0): boolean {
  const values = assignmentsBefore(declaration, use).map((assignment) => assignment.value);
  if (values.length === 0 || depth > 3) return false;
  return values.every((value) => {
    if (!value) return false;
    const chain = unparen(value);
    if (chain.type !== 'call_expression') return chain.type === 'selector_expression';
    if (chainMethods(chain).some((method) => CONTEXT_METHODS.has(method) || GORM_FINISHERS.has(method))) return false;
    const root = chainReceiver(chain, context);
    if (root?.type === 'selector_expression') return true;
    if (root?.type !== 'identifier') return false;
    const inner = context.types.declaration(root);
    if (!inner) return true;
    if (inner.kind === 'param') return inner.node.parent?.parent?.type !== 'func_literal';
    // `q = q.Where(…)` extends the same builder.
    if (inner.name.equals(declaration.name)) return true;
    return (inner.kind === 'var' || inner.kind === 'short') && localBuilder(inner, value, context, depth + 1);
  });
}

/** The method names of a chain, last call first. */
function chainMethods(call: Node): string[] {
  const names: string[] = [];
  for (let node: Node = call; node.type === 'call_expression'; ) {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'selector_expression') break;
    names.push(fn.childForFieldName('field')?.text ?? '');
    node = unparen(fn.childForFieldName('operand')!);
  }
  return names;
}

/**
 * The `*gorm.DB` a chain of GORM calls starts from (`s.db` in `s.db.Where(…).Find(…)`), unless
 * some call of the chain gives it a context or the chain starts from a function's result
 * (`s.conn(ctx).First(…)`: a call whose receiver is not a `*gorm.DB`).
 */
function chainReceiver(call: Node, context: RuleContext): Node | undefined {
  let node: Node = call;
  while (node.type === 'call_expression') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'selector_expression') return undefined;
    if (CONTEXT_METHODS.has(fn.childForFieldName('field')?.text ?? '')) return undefined;
    node = unparen(fn.childForFieldName('operand')!);
    if (!isNamed(context.types.typeOf(node), GORM, 'DB')) return undefined;
  }
  return node.type === 'identifier' || node.type === 'selector_expression' ? node : undefined;
}

/** True when the chain goes on after `call` to another call that runs SQL. */
function laterFinisher(call: Node): boolean {
  let node = call;
  for (;;) {
    let outer: Node | null = node.parent;
    while (outer?.type === 'parenthesized_expression') outer = outer.parent;
    if (outer?.type !== 'selector_expression') return false;
    const next = outer.parent;
    if (next?.type !== 'call_expression' || !next.childForFieldName('function')?.equals(outer)) return false;
    if (GORM_FINISHERS.has(outer.childForFieldName('field')?.text ?? '')) return true;
    node = next;
  }
}
