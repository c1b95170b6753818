// What a function does to one mutex besides locking it: where it unlocks, and whether it lets go.
import type { Node } from 'web-tree-sitter';
import type { TypeRef } from '../../core/go-types';
import { literalAround, runsOf } from '../../core/release/closures';
import { unconditionalStatement } from '../../core/release/usage';
import type { RuleContext } from '../../core/rule';
import { walk } from '../../core/syntax';
import { treeMemo } from '../../core/tree-memo';

export type MutexKind = 'Mutex' | 'RWMutex';

/**
 * The sync mutex type behind `operand`: the variable or field itself (`mu`, `s.mu`) or a struct of
 * this package that embeds one (`s.Lock()`). Undefined when the index cannot tell.
 */
export function mutexOf(operand: Node, context: RuleContext): { kind: MutexKind; embedded: boolean } | undefined {
  const type = context.types.typeOf(operand);
  if (!type) return undefined;
  const direct = syncMutex(type);
  if (direct) return { kind: direct, embedded: false };
  const embedded = embeddedMutex(type, context, new Set());
  return embedded ? { kind: embedded, embedded: true } : undefined;
}

function syncMutex(type: TypeRef): MutexKind | undefined {
  return type.pkg === 'sync' && (type.name === 'Mutex' || type.name === 'RWMutex') ? type.name : undefined;
}

function embeddedMutex(type: TypeRef, context: RuleContext, seen: Set<string>): MutexKind | undefined {
  if (type.pkg !== '' || !type.name || seen.has(type.name)) return undefined;
  seen.add(type.name);
  const found: MutexKind[] = [];
  for (const embedded of context.index.struct(type.name)?.embedded ?? []) {
    const kind = syncMutex(embedded) ?? embeddedMutex(embedded, context, seen);
    if (kind) found.push(kind);
  }
  // Two embedded mutexes make `s.Lock()` ambiguous: Go rejects it, and so do we.
  return found.length === 1 ? found[0] : undefined;
}

export interface Unlocks {
  /** `mu.Unlock()` statements and defers of the function that release this mutex. */
  releases: Node[];
  /** Explicit `mu.Unlock()` statements (not deferred). */
  explicit: Node[];
  /** The function unlocks elsewhere or lets go of the mutex: stay silent. */
  handedOff: boolean;
  /** The first thing the function does to the mutex is unlock it: the caller holds the lock. */
  heldByCaller: boolean;
}

const LOCKING = new Set(['Lock', 'RLock', 'TryLock', 'TryRLock', 'Unlock', 'RUnlock', 'RLocker']);

/**
 * The unlocks of the mutex written `text` in `fn`, with `unlock` the method that matches the lock
 * (`Unlock` for Lock, `RUnlock` for RLock).
 */
export function unlocksIn(fn: Node, text: string, unlock: string, embedded: boolean): Unlocks {
  // Asked once per lock statement: a function that locks one mutex in many places is read once.
  const memo = treeMemo(fn.tree, 'mutex-unlocks', () => new Map<string, Unlocks>());
  const key = `${fn.id} ${text} ${unlock} ${embedded}`;
  let result = memo.get(key);
  if (!result) {
    result = readUnlocks(fn, text, unlock, embedded);
    memo.set(key, result);
  }
  return result;
}

/** The only nodes `readUnlocks` looks at: calls, and the names that may be the mutex or its release. */
const VISITED: ReadonlySet<string> = new Set(['call_expression', 'selector_expression', 'identifier']);

function readUnlocks(fn: Node, text: string, unlock: string, embedded: boolean): Unlocks {
  const result: Unlocks = { releases: [], explicit: [], handedOff: false, heldByCaller: false };
  let firstEvent: string | undefined;
  walk(fn.childForFieldName('body') ?? fn, (node) => {
    if (node.type === 'call_expression') {
      const callee = node.childForFieldName('function');
      if (callee?.type !== 'selector_expression') {
        // `unlock(mu)`, `releaseAll()`: a helper may unlock for us. A literal called on the spot
        // is walked like the rest of the body.
        if (callee && callee.type !== 'func_literal' && /unlock|release/i.test(callee.text)) result.handedOff = true;
        return undefined;
      }
      const method = callee.childForFieldName('field')?.text ?? '';
      const operand = callee.childForFieldName('operand');
      const same = operand !== null && squash(operand.text) === text;
      if (!same) {
        if (/unlock|release/i.test(method)) result.handedOff = true;
        return undefined;
      }
      if (!LOCKING.has(method)) {
        // `s.unlockAndWake()` on a struct that embeds the mutex.
        if (/unlock|release/i.test(method)) result.handedOff = true;
        return undefined;
      }
      const { literal } = literalAround(node, fn);
      if (firstEvent === undefined && !literal && node.parent?.type !== 'defer_statement') firstEvent = method;
      if (method !== unlock) return undefined;
      // A closure with its own Lock and Unlock pairs them itself.
      if (literal && locksItself(node, text, unlock)) return undefined;
      const statements = releaseStatements(node, literal, fn);
      if (!statements) {
        // Unlocked by a closure that runs at some other time.
        result.handedOff = true;
        return undefined;
      }
      for (const statement of statements) {
        result.releases.push(statement);
        if (statement.type === 'expression_statement' && !literal) result.explicit.push(statement);
      }
      return undefined;
    }
    // Every name of the function comes here: the cheap tests on its text go first.
    const type = node.type;
    if (type !== 'selector_expression' && type !== 'identifier') return undefined;
    const written = node.text;
    // A method value or function named for unlocking (`return dc, c.closemuRUnlock, nil`) hands
    // the release to someone else.
    if (/unlock|release/i.test(written) && node.parent?.type !== 'call_expression' && /unlock|release/i.test(lastName(node))) {
      result.handedOff = true;
      return false;
    }
    // The mutex itself passed, returned or stored (`wait(&s.mu)`, `l := &mu`): it is shared on.
    if (!embedded && written.length >= text.length && squash(written) === text) {
      const parent = node.parent;
      if (parent?.type === 'var_spec' || (parent?.type === 'expression_list' && parent.parent?.type === 'short_var_declaration' && parent.parent.childForFieldName('left')?.equals(parent))) return false;
      const asOperand = parent?.type === 'selector_expression' && parent.childForFieldName('operand')?.equals(node);
      if (!asOperand) result.handedOff = true;
      return false;
    }
    return undefined;
  }, VISITED);
  result.heldByCaller = firstEvent === unlock;
  return result;
}

/**
 * The statements an unlock call releases through: its own statement (a call or a defer) in the
 * function itself, or, inside a func literal, the places the literal runs (none when it never
 * runs). Undefined when it runs at a time this function cannot see.
 */
function releaseStatements(call: Node, literal: Node | undefined, fn: Node): Node[] | undefined {
  if (!literal) {
    const parent = call.parent;
    return parent?.type === 'expression_statement' || parent?.type === 'defer_statement' ? [parent] : undefined;
  }
  const runs = runsOf(literal, fn);
  if (!runs) return undefined;
  const statements: Node[] = [];
  for (const run of runs) {
    const statement = run.deferred ? run.call.parent : unconditionalStatement(run.call);
    if (!statement) return undefined;
    statements.push(statement);
  }
  return statements;
}

/** True when the innermost func literal around the unlock call also locks the same mutex. */
function locksItself(call: Node, text: string, unlock: string): boolean {
  let literal = call.parent;
  while (literal && literal.type !== 'func_literal') literal = literal.parent;
  const lock = unlock === 'Unlock' ? 'Lock' : 'RLock';
  return literal ? squash(literal.text).includes(`${text}.${lock}()`) : false;
}

function lastName(node: Node): string {
  return node.type === 'selector_expression' ? (node.childForFieldName('field')?.text ?? '') : node.text;
}

/** Source text without whitespace, to compare `s.mu` with `s. mu`. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}
