// The sync/atomic rewrite of a counter update, when the counter's type allows it.
import { replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { RuleContext } from '../../core/rule';
import { packageQualifier } from '../../core/qualifier';
import type { Update } from './target';

const ADD: Record<string, string> = { int64: 'AddInt64', int32: 'AddInt32', uint64: 'AddUint64', uint32: 'AddUint32' };
const PRIMARY = new Set(['identifier', 'int_literal', 'selector_expression', 'call_expression', 'index_expression', 'parenthesized_expression']);

/** The atomic call text for the update, e.g. `atomic.AddInt64(&n, 1)`; undefined when unsafe. */
export function atomicCall(update: Update, atomic: string, context: RuleContext): string | undefined {
  const type = context.types.typeOf(update.target);
  if (!type || type.pkg !== '' || type.pointer || !type.name || type.text !== type.name) return undefined;
  const add = ADD[type.name];
  if (!add || context.index.namedType(type.name) || context.index.struct(type.name)) return undefined;
  // 64-bit atomics need 64-bit alignment, which Go guarantees for variables but not for struct
  // fields on 32-bit platforms: fields get no rewrite (atomic.Int64 is the answer there).
  if (update.target.type === 'selector_expression' && type.name.endsWith('64')) return undefined;
  const unsigned = type.name.startsWith('u');
  let delta: string;
  switch (update.operator) {
    case '++':
      delta = '1';
      break;
    case '--':
      delta = unsigned ? `^${type.name}(0)` : '-1';
      break;
    case '+=':
      delta = update.value!.text;
      break;
    case '-=':
      if (unsigned) return undefined;
      delta = PRIMARY.has(update.value!.type) ? `-${update.value!.text}` : `-(${update.value!.text})`;
      break;
  }
  return `${atomic}.${add}(&${update.target.text}, ${delta})`;
}

/** Replaces the statement with the atomic call and imports sync/atomic when needed. */
export function atomicFix(update: Update, context: RuleContext): { fix: Fix; call: string } | undefined {
  // Another package imported as `atomic` (go.uber.org/atomic) gives `stdatomic "sync/atomic"`.
  const atomic = packageQualifier(context, 'sync/atomic', update.statement);
  if (!atomic) return undefined;
  const call = atomicCall(update, atomic.name, context);
  if (!call) return undefined;
  const edits: TextEdit[] = [replaceNode(update.statement, call), ...atomic.edits];
  const fn = call.slice(0, call.indexOf('('));
  return { fix: { title: { en: `Use ${fn}`, 'zh-cn': `改用 ${fn}` }, edits }, call };
}
