// Where the cancel variable is bound, and what each later mention of it does with it.
import type { Node } from 'web-tree-sitter';
import { isDiscarded, literalAround, runsOf } from '../../core/release/closures';
import { unconditionalStatement } from '../../core/release/usage';
import { declarationIn, findLocalDeclaration } from '../../core/scope';
import { enclosingFunction, identifiersNamed } from '../../core/syntax';

/** `ctx, cancel := …`, `ctx, cancel = …` or `var ctx, cancel = …` around a With* call. */
export interface Binding {
  /** The statement that assigns (a var declaration for `var`). */
  statement: Node;
  /** The second name on the left: `cancel`, `_`, or something that is not a plain name. */
  target: Node;
  /** How the name is introduced. */
  kind: 'short' | 'assign' | 'var';
}

export function bindingOf(call: Node): Binding | undefined {
  const list = call.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return undefined;
  const holder = list.parent;
  if (!holder) return undefined;
  if (holder.type === 'short_var_declaration' || holder.type === 'assignment_statement') {
    if (!holder.childForFieldName('right')?.equals(list)) return undefined;
    const left = holder.childForFieldName('left');
    const target = left?.type === 'expression_list' ? left.namedChild(1) : null;
    if (!target || left!.namedChildCount !== 2) return undefined;
    return { statement: holder, target, kind: holder.type === 'short_var_declaration' ? 'short' : 'assign' };
  }
  if (holder.type === 'var_spec') {
    const names = holder.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const declaration = holder.parent?.type === 'var_spec_list' ? holder.parent.parent : holder.parent;
    if (names.length !== 2 || declaration?.type !== 'var_declaration') return undefined;
    return { statement: declaration, target: names[1], kind: 'var' };
  }
  return undefined;
}

/** What the function does with the cancel variable after binding it. */
export interface Uses {
  /** Statements that call it: `cancel()`, `defer cancel()`, `defer func() { … cancel() … }()`. */
  releases: Node[];
  /**
   * Statements that give the variable another context's cancel (`ctx, cancel = context.WithTimeout(…)`):
   * the one bound before is lost there unless it was called.
   */
  overwrites: Node[];
  /** Set when the function gives it away: returned, stored, passed, captured by a closure. */
  moved: boolean;
  /** Set when it is written as `_ = cancel`, which calls nothing and hands nothing on. */
  discarded: boolean;
}

const DEFER_OR_CALL = new Set(['expression_statement', 'defer_statement']);

/**
 * The mentions of the variable `target` names inside `fn`, or undefined when the variable lives
 * beyond the function (package variable, named result, variable of an enclosing function).
 */
export function usesOf(binding: Binding, fn: Node): Uses | undefined {
  const { target, statement } = binding;
  const name = target.text;
  const own = binding.kind === 'assign' ? findLocalDeclaration(target) : declarationIn(statement, name);
  if (!own || own.kind === 'result' || !within(own.node, fn)) return undefined;
  const uses: Uses = { releases: [], overwrites: [], moved: false, discarded: false };
  for (const identifier of identifiersNamed(fn, name)) {
    if (identifier.equals(target)) continue;
    const declaration = findLocalDeclaration(identifier);
    if (declaration?.name.id !== own.name.id) continue;
    if (isAssignedTo(identifier)) {
      // Another `ctx, cancel = context.With…(…)` starts a new value, analysed on its own; this one
      // is lost there unless called before.
      if (!reboundByWith(identifier)) uses.moved = true;
      else if (!identifier.equals(own.name) && enclosingFunction(identifier)?.equals(fn)) uses.overwrites.push(identifier.parent!.parent!);
      continue;
    }
    if (isDiscarded(identifier)) {
      uses.discarded = true;
      continue;
    }
    const releases = releaseStatements(identifier, fn);
    if (releases) uses.releases.push(...releases);
    else uses.moved = true;
  }
  return uses;
}

/**
 * The statements a mention releases through: `cancel()` or `defer cancel()` in the function
 * itself, or any mention inside a func literal where that literal runs: called on the spot,
 * deferred, or through a variable that is called (none when it never runs). Undefined for
 * anything else (the cancel function or the literal handed on).
 */
function releaseStatements(identifier: Node, fn: Node): Node[] | undefined {
  const { literal } = literalAround(identifier, fn);
  if (literal) {
    const runs = runsOf(literal, fn);
    if (!runs) return undefined;
    const statements: Node[] = [];
    for (const { call, deferred } of runs) {
      const statement = deferred ? call.parent : unconditionalStatement(call);
      if (!statement) return undefined;
      statements.push(statement);
    }
    return statements;
  }
  const call = identifier.parent;
  if (call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(identifier)) return undefined;
  return call.parent && DEFER_OR_CALL.has(call.parent.type) ? [call.parent] : undefined;
}

function isAssignedTo(identifier: Node): boolean {
  const list = identifier.parent;
  const statement = list?.parent;
  return list?.type === 'expression_list' && (statement?.type === 'assignment_statement' || statement?.type === 'short_var_declaration') && statement.childForFieldName('left')?.equals(list) === true;
}

function reboundByWith(identifier: Node): boolean {
  const right = identifier.parent?.parent?.childForFieldName('right');
  const value = right?.namedChildCount === 1 ? right.namedChild(0) : null;
  const callee = value?.type === 'call_expression' ? value.childForFieldName('function') : null;
  return callee?.type === 'selector_expression' && /^With(Cancel|Timeout|Deadline)(Cause)?$/.test(callee.childForFieldName('field')?.text ?? '');
}

function within(node: Node, fn: Node): boolean {
  return node.startIndex >= fn.startIndex && node.endIndex <= fn.endIndex;
}
