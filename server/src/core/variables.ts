// Small helpers about one local variable and where code goes after a statement (the database
// rules sql-rows-err, sql-tx-rollback and sql-pool-limits use them).
import type { Node } from 'web-tree-sitter';
import { indentOf } from './edits';
import type { TextEdit } from './findings';
import { findLocalDeclaration, type Declaration } from './scope';
import { enclosingFunction, identifiersNamed } from './syntax';
import type { LineIndex } from './text';

/**
 * The identifiers in `fn` (its func literals included) that refer to the variable whose
 * declaring name is `declared`, the declaration itself excepted. A later `:=` that re-declares
 * the name starts another variable for this purpose.
 */
export function usesOf(declared: Node, fn: Node): Node[] {
  return identifiersNamed(fn, declared.text).filter((node) => !node.equals(declared) && findLocalDeclaration(node)?.name.equals(declared));
}

/**
 * The local declaration a variable assigned in `fn` refers to, when it is a variable of `fn`
 * itself (declared by `:=` or `var` in its body): not a parameter, a named result, a package
 * variable or a variable of an enclosing function.
 */
export function ownLocal(identifier: Node, fn: Node): Declaration | undefined {
  const declaration = findLocalDeclaration(identifier);
  if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return undefined;
  return enclosingFunction(declaration.name)?.equals(fn) ? declaration : undefined;
}

/** For `x.Method(…)` where `x` is `use`, the method name; undefined for any other use. */
export function calledMethod(use: Node): string | undefined {
  const selector = use.parent;
  if (selector?.type !== 'selector_expression' || !selector.childForFieldName('operand')?.equals(use)) return undefined;
  const call = selector.parent;
  if (call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(selector)) return undefined;
  return selector.childForFieldName('field')?.text;
}

/** True for `x = …` / `x, err = …` (the variable assigned, not read) and `x == nil`-style comparisons. */
export function isHarmlessUse(use: Node): boolean {
  const parent = use.parent;
  if (parent?.type === 'expression_list') {
    const holder = parent.parent;
    return (holder?.type === 'assignment_statement' || holder?.type === 'short_var_declaration') && Boolean(holder.childForFieldName('left')?.equals(parent));
  }
  if (parent?.type === 'binary_expression') {
    const operator = parent.childForFieldName('operator')?.text;
    return operator === '==' || operator === '!=';
  }
  return false;
}

/** `if err != nil { … }` (or `nil != err`) with no initializer and no else. */
export function isErrorCheck(statement: Node | null, err: string): boolean {
  if (statement?.type !== 'if_statement') return false;
  if (statement.childForFieldName('initializer') || statement.childForFieldName('alternative')) return false;
  return isErrNotNil(statement.childForFieldName('condition'), err);
}

/** `err != nil` or `nil != err`. */
export function isErrNotNil(condition: Node | null, err: string): boolean {
  if (condition?.type !== 'binary_expression' || condition.childForFieldName('operator')?.text !== '!=') return false;
  const sides = [condition.childForFieldName('left'), condition.childForFieldName('right')].map((n) => (n?.type === 'identifier' ? n.text : n?.type));
  return (sides[0] === err && sides[1] === 'nil') || (sides[0] === 'nil' && sides[1] === err);
}

/** The next statement in the same list, skipping comments. */
export function nextStatement(statement: Node): Node | null {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/**
 * Where code that must run right after a value is received goes: after the `if err != nil { … }`
 * that directly follows the assignment, or after the assignment itself when there is no error to
 * check. Undefined for any other shape.
 */
export function afterErrorCheck(statement: Node, err: string | undefined): Node | undefined {
  if (statement.parent?.type !== 'statement_list') return undefined;
  if (err === undefined) return statement;
  const next = nextStatement(statement);
  return next && isErrorCheck(next, err) ? next : undefined;
}

/**
 * Inserts `code` as new lines after `statement`, at its indentation (or that of `indentFrom`: a
 * labelled loop is indented deeper than its label); a trailing comment on the statement's last
 * line stays on that line.
 */
export function insertAfter(statement: Node, code: readonly string[], lines: LineIndex, indentFrom: Node = statement): TextEdit {
  const row = statement.endPosition.row;
  const line = lines.lineText(row);
  const rest = line.slice(statement.endPosition.column).trim();
  const character = rest === '' || rest.startsWith('//') ? line.length : statement.endPosition.column;
  const eol = lines.lineBreak(row);
  const indent = indentOf(indentFrom, lines);
  return { range: { start: { line: row, character }, end: { line: row, character } }, newText: code.map((text) => `${eol}${indent}${text}`).join('') };
}
