// The three pool limits, and what one use of the pool variable says about them.
import type { Node } from 'web-tree-sitter';
import { calleeSignature } from '../../core/callee';
import type { PackageIndex } from '../../core/package-index';
import type { RuleContext } from '../../core/rule';
import { findLocalDeclaration } from '../../core/scope';
import { calledMethod, isHarmlessUse } from '../../core/variables';

export interface Limit {
  /** The setter the fix calls first, then any setter that serves the same purpose. */
  methods: readonly string[];
  /** The default the finding names. */
  fallback: { en: string; zh: string };
  /** The value the fix passes (source guide 000 §4.2 for the pool size; see the doc). */
  value: string;
}

export const LIMITS: readonly Limit[] = [
  { methods: ['SetMaxOpenConns'], fallback: { en: 'unlimited open', zh: '不限制打开的连接数' }, value: '20' },
  { methods: ['SetMaxIdleConns'], fallback: { en: '2 idle', zh: '只保留 2 个空闲连接' }, value: '20' },
  // An idle-time limit also retires connections before a proxy or the server drops them.
  { methods: ['SetConnMaxLifetime', 'SetConnMaxIdleTime'], fallback: { en: 'never retired', zh: '连接永不过期' }, value: '5 * time.Minute' },
];

const SETTERS = new Set(LIMITS.flatMap((limit) => limit.methods));

/**
 * What one use of the pool variable means: `configured` records the setter call it makes in `set`;
 * `harmless` for other method calls, comparisons and being assigned to; `stored` when it goes
 * into a field, a package variable or a composite literal (someone else in the package may
 * configure it); `handed-off` when it is passed, returned, aliased or captured as a method value.
 */
export function useOf(use: Node, set: Map<string, Node>): 'configured' | 'harmless' | 'stored' | 'handed-off' {
  let method = calledMethod(use);
  let receiver = use;
  const parent = use.parent;
  if (method === undefined && parent?.type === 'selector_expression' && parent.childForFieldName('field')?.text === 'DB') {
    // sqlx: `db.DB.SetMaxOpenConns(…)` on the embedded *sql.DB.
    method = calledMethod(parent);
    receiver = parent;
    if (method === undefined) return 'handed-off';
  }
  if (method !== undefined) {
    if (!SETTERS.has(method)) return 'harmless';
    set.set(method, receiver.parent!.parent!);
    return 'configured';
  }
  if (isHarmlessUse(use)) return 'harmless';
  if (parent?.type === 'literal_element') return 'stored';
  if (parent?.type === 'expression_list' && parent.parent?.type === 'assignment_statement') {
    const statement = parent.parent;
    const left = statement.childForFieldName('left')?.namedChildren ?? [];
    const right = statement.childForFieldName('right')?.namedChildren ?? [];
    const target = left[right.findIndex((value) => value?.equals(use))];
    if (target?.type === 'selector_expression') return 'stored';
    if (target?.type === 'identifier' && !findLocalDeclaration(target)) return 'stored'; // a package variable
  }
  return 'handed-off';
}

/**
 * For a pool stored in a field or a package variable: the limits no file of the package sets
 * (the index records, per file, whether these setters are called anywhere in it).
 */
export function packageConfiguration(index: PackageIndex): Limit[] {
  return LIMITS.filter((limit) => !limit.methods.some((method) => index.callsMethod(method)));
}

/**
 * The pool handed to a function of the package or the module (`dbutil.Configure(db)`): what its
 * body shows, through the index. One that only calls methods on the pool configures the limits
 * it sets and keeps nothing; one that may keep it counts only when it always sets every limit.
 * `handed-off` when the index cannot tell.
 */
export function helperConfiguration(use: Node, set: Map<string, Node>, context: RuleContext): 'configured' | 'harmless' | 'handed-off' {
  const list = use.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  if (call?.type !== 'call_expression' || list!.namedChildren.some((n) => n?.type === 'variadic_argument')) return 'handed-off';
  const position = list!.namedChildren.findIndex((n) => n?.equals(use));
  const signature = calleeSignature(call, context);
  if (!signature) return 'handed-off';
  const setter = (chain: string) => SETTERS.has(chain.replace(/^DB\./, '')) ? chain.replace(/^DB\./, '') : undefined;
  const always = (signature.paramCalls ?? []).filter((fact) => fact.param === position).map((fact) => setter(fact.call));
  const borrowed = signature.paramUses?.find((fact) => fact.param === position);
  const methods = new Set([...always, ...(borrowed?.calls.map(setter) ?? [])].filter((method): method is string => method !== undefined));
  const complete = LIMITS.every((limit) => limit.methods.some((method) => methods.has(method)));
  if (!borrowed && !complete) return 'handed-off';
  for (const method of methods) set.set(method, call);
  return methods.size > 0 ? 'configured' : 'harmless';
}
