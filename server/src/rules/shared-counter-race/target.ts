// What an update in a goroutine writes to, and where that variable lives.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import { unparen } from '../../core/syntax';

export interface Update {
  /** The `x++`, `x--`, `x += e` or `x -= e` statement. */
  statement: Node;
  /** `x`, `s.count` or `s.stats.count`. */
  target: Node;
  operator: '++' | '--' | '+=' | '-=';
  /** The right-hand side of `+=` / `-=`. */
  value?: Node;
}

/** Where the variable at the root of the target is declared, as far as the rule cares. */
export type Owner =
  | { kind: 'local'; id: number; node: Node; declaredIn: Node }
  | { kind: 'receiver'; id: number; node: Node }
  | { kind: 'package' };

/** The update a statement makes, when it is one of the four counter forms on a variable or field. */
export function updateOf(statement: Node): Update | undefined {
  let target: Node | null | undefined;
  let operator: Update['operator'];
  let value: Node | undefined;
  if (statement.type === 'inc_statement' || statement.type === 'dec_statement') {
    target = statement.namedChild(0);
    operator = statement.type === 'inc_statement' ? '++' : '--';
  } else if (statement.type === 'assignment_statement') {
    const op = statement.childForFieldName('operator')?.type;
    if (op !== '+=' && op !== '-=') return undefined;
    const left = statement.childForFieldName('left')?.namedChildren ?? [];
    const right = statement.childForFieldName('right')?.namedChildren ?? [];
    if (left.length !== 1 || right.length !== 1 || !right[0]) return undefined;
    target = left[0];
    operator = op;
    value = right[0];
  } else {
    return undefined;
  }
  if (!target) return undefined;
  target = unparen(target);
  return rootOf(target) ? { statement, target, operator, value } : undefined;
}

/** The identifier at the root of `x` or `a.b.c`; undefined for index expressions, calls, derefs. */
export function rootOf(target: Node): Node | undefined {
  let current = target;
  while (current.type === 'selector_expression') {
    const operand = current.childForFieldName('operand');
    if (!operand) return undefined;
    current = unparen(operand);
  }
  return current.type === 'identifier' ? current : undefined;
}

/**
 * Who owns the variable an update writes: a local of the function that starts the goroutine,
 * a pointer receiver of the method, or a package variable. Undefined when the variable is the
 * goroutine's own (declared inside the literal), a loop variable, a value receiver, or unknown.
 */
export function ownerOf(target: Node, literal: Node, context: RuleContext): Owner | undefined {
  const root = rootOf(target)!;
  const declaration = context.types.declaration(root);
  if (!declaration) {
    if (target.type !== 'identifier' || context.index.packageVar(root.text) === undefined) return undefined;
    return { kind: 'package' };
  }
  const at = declaration.node;
  if (at.startIndex >= literal.startIndex && at.endIndex <= literal.endIndex) return undefined;
  if (declaration.kind === 'range' || declaration.kind === 'const' || at.parent?.type === 'for_clause') return undefined;
  if (declaration.kind === 'receiver') {
    if (target.type !== 'selector_expression' || declaration.type?.type !== 'pointer_type') return undefined;
    return { kind: 'receiver', id: declaration.name.id, node: declaration.name };
  }
  return { kind: 'local', id: declaration.name.id, node: declaration.name, declaredIn: at };
}

/** Whether `node` (same shape and text as the target) refers to the same variable. */
export function sameVariable(node: Node, target: Node, owner: Owner, context: RuleContext): boolean {
  if (node.type !== target.type || node.text !== target.text) return false;
  const root = rootOf(node);
  if (!root) return false;
  const declaration = context.types.declaration(root);
  if (owner.kind === 'package') return !declaration;
  return declaration?.name.id === owner.id;
}
