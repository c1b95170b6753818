// Where the cancel variable is bound, and what each later mention of it does with it.
import type { Node } from 'web-tree-sitter';
import { declarationIn, findLocalDeclaration } from '../../core/scope';
import { identifiersNamed } from '../../core/syntax';

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
  /** Set when the function gives it away: returned, stored, passed, captured by a closure. */
  moved: boolean;
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
  const uses: Uses = { releases: [], moved: false };
  for (const identifier of identifiersNamed(fn, name)) {
    if (identifier.equals(target)) continue;
    const declaration = findLocalDeclaration(identifier);
    if (declaration?.name.id !== own.name.id) continue;
    if (isAssignedTo(identifier)) {
      // Another `ctx, cancel = context.With…(…)` starts a new value, analysed on its own.
      if (!reboundByWith(identifier)) uses.moved = true;
      continue;
    }
    const release = releaseStatement(identifier, fn);
    if (release) uses.releases.push(release);
    else uses.moved = true;
  }
  return uses;
}

/**
 * The statement a mention releases through: `cancel()` or `defer cancel()` in the function
 * itself, or any mention inside a func literal deferred right where it is written.
 */
function releaseStatement(identifier: Node, fn: Node): Node | undefined {
  let outermost: Node | undefined;
  for (let current = identifier.parent; current && !current.equals(fn); current = current.parent) {
    if (current.type === 'func_literal') outermost = current;
  }
  if (outermost) {
    const call = outermost.parent;
    const statement = call?.type === 'call_expression' && call.childForFieldName('function')?.equals(outermost) ? call.parent : null;
    return statement?.type === 'defer_statement' ? statement : undefined;
  }
  const call = identifier.parent;
  if (call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(identifier)) return undefined;
  return call.parent && DEFER_OR_CALL.has(call.parent.type) ? call.parent : undefined;
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
