// What a function does with its parameters, as far as its own text shows: the facts callers in
// other files and packages read through the index (a helper that closes the rows it is given,
// ends a span, rolls back a transaction, sets the limits of a pool, or only reads them).
import type { Node } from 'web-tree-sitter';
import { PASS_THROUGH } from './release/usage';
import type { Param } from './file-summary';
import { walk } from './syntax';

/** A method called on parameter `param` (0 is the first after the receiver), through a field when `call` has a dot. */
export interface ParamCall {
  param: number;
  /** `Close`, `Body.Close`, `End`, `Rollback`, `SetMaxOpenConns`, … */
  call: string;
}

/** A parameter used only to call methods on (and to compare with nil): the function cannot keep it. */
export interface ParamUse {
  param: number;
  /** Every method chain called on it, on any path. */
  calls: string[];
}

export interface ParamFacts {
  /** The recorded methods called on a parameter on every path (see `paramFacts`). */
  always: ParamCall[];
  uses: ParamUse[];
}

/** The methods whose calls on a parameter on every path are recorded: releases and pool limits. */
const RECORDED = new Set(['Close', 'End', 'Rollback', 'Commit', 'SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime']);

/** The parameter types (by name, any package) facts are worked out for: the resources the rules track. */
const RESOURCE_TYPES = /^\*?(?:[\p{L}_][\p{L}\p{Nd}_]*\.)?(?:Rows|Response|Span|Tx|DB|Stmt|ReadCloser|Closer)$/u;

/**
 * What a function or method does with its parameters of the tracked resource types (`params`:
 * its signature's, when read already).
 * `always`: the recorded methods it calls on a parameter on every path that leaves it normally
 * (see `flowOf`; `Commit|Rollback` when each path calls one or the other). `uses`: parameters used
 * for nothing but method calls and nil comparisons. A parameter assigned or declared again
 * anywhere in the body gets no facts.
 */
export function paramFacts(declaration: Node, params?: readonly Param[]): ParamFacts {
  const facts: ParamFacts = { always: [], uses: [] };
  // Most functions take none of the tracked types: their signature, already read, says so.
  if (params && !params.some((param) => RESOURCE_TYPES.test(param.type.text))) return facts;
  const body = declaration.childForFieldName('body');
  const names = paramNames(declaration.childForFieldName('parameters'));
  if (!body || !names.some((name) => name !== '')) return facts;
  const assigned = assignedNames(body);
  const tracked = names.map((name) => (name === '' || assigned.has(name) ? '' : name));
  if (!tracked.some((name) => name !== '')) return facts;
  const { uses, calls } = usesOf(body, tracked);
  facts.uses = uses;
  const list = body.namedChildren.find((child) => child?.type === 'statement_list');
  if (!list) return facts;
  const candidates = new Map<string, { param: number; chains: string[] }>();
  calls.forEach((chains, param) => {
    const recorded = [...chains].filter((chain) => RECORDED.has(chain.slice(chain.lastIndexOf('.') + 1)));
    for (const chain of recorded) candidates.set(`${param}:${chain}`, { param, chains: [chain] });
    if (recorded.includes('Commit') && recorded.includes('Rollback')) candidates.set(`${param}:Commit|Rollback`, { param, chains: ['Commit', 'Rollback'] });
  });
  for (const { param, chains } of candidates.values()) {
    if (flowOf(list, { name: tracked[param], chains }) === 'done') facts.always.push({ param, call: chains.join('|') });
  }
  return facts;
}

/** The calls looked for: one of `chains` on the variable `name`. */
export interface Wanted {
  name: string;
  chains: readonly string[];
}

/**
 * How the paths through a statement list end, as far as the wanted call goes: `done` when every
 * path has made it by the time it leaves the list, `leaks` when some path leaves the function
 * without it, `continues` when some path falls through without it and none leaks. A statement
 * makes the call when it always evaluates it (deferred or not); an `if`/`else` chain combines its
 * branches, and `if p != nil` needs nothing on its implicit else; any other statement with a
 * return or goto inside leaks.
 */
export function flowOf(list: Node, wanted: Wanted): 'done' | 'leaks' | 'continues' {
  for (const statement of list.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    if (makesCall(statement, wanted)) return 'done';
    if (statement.type === 'if_statement') {
      const flow = ifFlow(statement, wanted);
      if (flow !== 'continues') return flow;
      continue;
    }
    if (leaves(statement)) return 'leaks';
  }
  return 'continues';
}

function ifFlow(statement: Node, wanted: Wanted): 'done' | 'leaks' | 'continues' {
  const alternative = statement.childForFieldName('alternative');
  const guard = nilGuard(statement, wanted.name);
  const consequence = guard === '==' ? 'done' : branchFlow(statement.childForFieldName('consequence'), wanted);
  const otherwise = guard === '!=' ? 'done' : !alternative ? 'continues' : alternative.type === 'if_statement' ? ifFlow(alternative, wanted) : branchFlow(alternative, wanted);
  if (consequence === 'leaks' || otherwise === 'leaks') return 'leaks';
  return consequence === 'done' && otherwise === 'done' ? 'done' : 'continues';
}

function branchFlow(block: Node | null, wanted: Wanted): 'done' | 'leaks' | 'continues' {
  const list = block?.namedChildren.find((child) => child?.type === 'statement_list');
  return list ? flowOf(list, wanted) : 'continues';
}

/**
 * True when `statement` always evaluates one of the wanted calls: the nodes `unconditionalStatement`
 * climbs through, walked down from the statement (an `if`'s initializer and condition, the left
 * operand of `&&` and `||`), so nested calls cost one visit each.
 */
function makesCall(statement: Node, wanted: Wanted): boolean {
  const pending: Node[] = [statement];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'call_expression') {
      const chain = chainOf(node.childForFieldName('function'));
      if (chain?.root === wanted.name && wanted.chains.includes([...chain.fields, chain.method].join('.'))) return true;
    }
    if (node.type === 'if_statement') {
      for (const field of ['initializer', 'condition']) {
        const child = node.childForFieldName(field);
        if (child) pending.push(child);
      }
    } else if (node.type === 'binary_expression' && ['&&', '||'].includes(node.childForFieldName('operator')?.text ?? '')) {
      const left = node.childForFieldName('left');
      if (left) pending.push(left);
    } else if (PASS_THROUGH.has(node.type) || node.type === 'binary_expression') {
      for (const child of node.namedChildren) if (child) pending.push(child);
    }
  }
  return false;
}

/**
 * `if p != nil` or `if p == nil` (no initializer): the branch taken when `p` is nil (the implicit
 * else of the first, the body of the second) has nothing to release.
 */
function nilGuard(statement: Node, name: string): '==' | '!=' | undefined {
  if (statement.childForFieldName('initializer')) return undefined;
  const condition = statement.childForFieldName('condition');
  const operator = condition?.type === 'binary_expression' ? condition.childForFieldName('operator')?.text : undefined;
  if (operator !== '!=' && operator !== '==') return undefined;
  const left = condition!.childForFieldName('left')?.text;
  const right = condition!.childForFieldName('right')?.text;
  return (left === name && right === 'nil') || (left === 'nil' && right === name) ? operator : undefined;
}

/** Names of the parameters of the tracked types, in order; other parameters keep their place with ''. */
function paramNames(list: Node | null): string[] {
  const names: string[] = [];
  for (const declaration of list?.namedChildren ?? []) {
    if (declaration?.type === 'variadic_parameter_declaration') names.push('');
    if (declaration?.type !== 'parameter_declaration') continue;
    const resource = RESOURCE_TYPES.test(declaration.childForFieldName('type')?.text ?? '');
    const declared = declaration.childrenForFieldName('name');
    if (declared.length === 0) names.push('');
    for (const name of declared) names.push(resource && name && name.text !== '_' ? name.text : '');
  }
  return names;
}

/** `p.Close`, `p.Body.Close`: the parameter, the field between (one at most), and the method. */
function chainOf(callee: Node | null): { root: string; fields: string[]; method: string } | undefined {
  if (callee?.type !== 'selector_expression') return undefined;
  const method = callee.childForFieldName('field')?.text;
  const operand = callee.childForFieldName('operand');
  if (!method || !operand) return undefined;
  if (operand.type === 'identifier') return { root: operand.text, fields: [], method };
  const inner = operand.type === 'selector_expression' ? operand.childForFieldName('operand') : null;
  const field = operand.childForFieldName('field')?.text;
  return inner?.type === 'identifier' && field ? { root: inner.text, fields: [field], method } : undefined;
}

/**
 * The method chains called on each parameter (outside func literals), and the parameters used
 * only for such calls and nil comparisons.
 */
function usesOf(body: Node, names: string[]): { uses: ParamUse[]; calls: Set<string>[] } {
  const calls = names.map(() => new Set<string>());
  const kept = new Set<number>();
  walk(body, (node) => {
    if (node.type === 'func_literal') {
      // Captured: the literal may run later, or elsewhere.
      for (const captured of node.descendantsOfType('identifier')) {
        const param = captured ? names.indexOf(captured.text) : -1;
        if (param !== -1) kept.add(param);
      }
      return false;
    }
    if (node.type !== 'identifier') return undefined;
    const param = names.indexOf(node.text);
    if (param === -1) return undefined;
    const call = calledOn(node);
    if (call !== undefined) calls[param].add(call);
    else if (!comparedWithNil(node)) kept.add(param);
    return undefined;
  });
  const uses: ParamUse[] = [];
  names.forEach((name, param) => {
    if (name !== '' && !kept.has(param)) uses.push({ param, calls: [...calls[param]].sort() });
  });
  return { uses, calls };
}

/** For `p` in `p.M(…)` or `p.F.M(…)`: `M` or `F.M`. */
function calledOn(identifier: Node): string | undefined {
  const first = identifier.parent;
  if (first?.type !== 'selector_expression' || !first.childForFieldName('operand')?.equals(identifier)) return undefined;
  let selector = first;
  const parts = [first.childForFieldName('field')?.text ?? ''];
  const outer = first.parent;
  if (outer?.type === 'selector_expression' && outer.childForFieldName('operand')?.equals(first)) {
    selector = outer;
    parts.push(outer.childForFieldName('field')?.text ?? '');
  }
  const call = selector.parent;
  return call?.type === 'call_expression' && call.childForFieldName('function')?.equals(selector) ? parts.join('.') : undefined;
}

/** `x == nil`, `nil != x`: the identifier is only compared with nil. */
export function comparedWithNil(identifier: Node): boolean {
  const parent = identifier.parent;
  const operator = parent?.type === 'binary_expression' ? parent.childForFieldName('operator')?.text : undefined;
  if (operator !== '==' && operator !== '!=') return false;
  return parent!.namedChildren.some((side) => side?.type === 'nil');
}

/**
 * Names assigned or declared anywhere in the body (func literals included): a parameter among
 * them may no longer hold what the caller passed, or may be shadowed where it is used.
 */
function assignedNames(body: Node): Set<string> {
  const names = new Set<string>();
  walk(body, (node) => {
    if (node.type === 'assignment_statement' || node.type === 'short_var_declaration') {
      for (const target of node.childForFieldName('left')?.namedChildren ?? []) if (target?.type === 'identifier') names.add(target.text);
    } else if (node.type === 'var_spec' || node.type === 'parameter_declaration' || node.type === 'range_clause' || node.type === 'const_spec') {
      for (const name of node.descendantsOfType('identifier')) if (name) names.add(name.text);
    } else if (node.type === 'inc_statement' || node.type === 'dec_statement') {
      const target = node.namedChild(0);
      if (target?.type === 'identifier') names.add(target.text);
    }
    return undefined;
  });
  return names;
}

/** True when some path may leave the function within `statement` (a return, a goto, outside func literals). */
export function leaves(statement: Node): boolean {
  let found = statement.type === 'return_statement' || statement.type === 'goto_statement';
  walk(statement, (node) => {
    if (found || node.type === 'func_literal') return false;
    if (node.type === 'return_statement' || node.type === 'goto_statement') found = true;
    return undefined;
  });
  return found;
}
