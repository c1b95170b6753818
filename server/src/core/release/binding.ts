// How a resource is received (`rows, err := …`, `resp, err := …` and kin) and the error check that follows.
import type { Node } from 'web-tree-sitter';
import { callSite } from '../method-calls';
import { deferredClose, ELSE, errorCheckOpening, word } from './patterns';

export interface Binding {
  /** The identifier the rows are assigned to. */
  target: Node;
  /** The name the error is assigned to, unless it is `_` or absent. */
  err?: string;
  /** The statement that assigns the rows. */
  statement: Node;
  /** The short variable declaration or var spec that declares the rows (absent for `=`). */
  declarer?: Node;
  kind: 'short' | 'assign' | 'var';
}

/** How the rows are received: `rows, err := call`, `rows, err = call`, `var rows, err = call`. */
export function bindingOf(holder: Node, target: Node): Binding | undefined {
  let statement: Node;
  let kind: Binding['kind'];
  if (holder.type === 'var_spec') {
    const declaration = varDeclarationOf(holder);
    if (declaration?.type !== 'var_declaration') return undefined;
    statement = declaration;
    kind = 'var';
  } else {
    if (holder.type === 'assignment_statement' && holder.childForFieldName('operator')?.text !== '=') return undefined;
    statement = holder;
    kind = holder.type === 'short_var_declaration' ? 'short' : 'assign';
  }
  const errName = target.nextNamedSibling;
  const err = errName?.type === 'identifier' && errName.text !== '_' ? errName.text : undefined;
  return { target, err, statement, declarer: kind === 'assign' ? undefined : holder, kind };
}

/** The `var` declaration a spec belongs to, seeing through a parenthesized spec list. */
export function varDeclarationOf(spec: Node): Node | null {
  const parent = spec.parent;
  return parent?.type === 'var_spec_list' ? parent.parent : parent;
}

/**
 * The idiom: `rows, err := …` directly followed by `if err != nil { … }` (which does not mention
 * the rows) and `defer rows.Close()`. Whatever the call returns, nothing can be reported then;
 * false means "look closer". `statement` is the assignment or the var declaration.
 */
export function closedRightAway(statement: Node, name: string, errName: string | undefined): boolean {
  if (statement.parent?.type !== 'statement_list') return false;
  const err = errName !== undefined && errName !== '_' ? errName : undefined;
  let next = nextStatement(statement);
  if (err !== undefined) {
    if (next?.type !== 'if_statement' || !isPlainErrorCheck(next.text, err, name)) return false;
    next = nextStatement(next);
  }
  return next?.type === 'defer_statement' && deferredClose(name).test(next.text);
}

/** The next statement in the same list, skipping comments. */
export function nextStatement(statement: Node): Node | null {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/**
 * `if err != nil { … }` with no initializer, no else, and no mention of `name`, read from the
 * text alone: it runs on every match, before the types are asked anything.
 */
function isPlainErrorCheck(text: string, err: string, name: string): boolean {
  return errorCheckOpening(err).test(text) && !ELSE.test(text) && !word(name).test(text);
}

/** `if err != nil { … }` (no initializer, no else) on the query's own error. */
export function isErrorCheck(statement: Node, err: string): boolean {
  if (statement.type !== 'if_statement') return false;
  if (statement.childForFieldName('initializer') || statement.childForFieldName('alternative')) return false;
  const condition = statement.childForFieldName('condition');
  if (condition?.type !== 'binary_expression' || condition.childForFieldName('operator')?.text !== '!=') return false;
  const sides = [condition.childForFieldName('left'), condition.childForFieldName('right')].map((n) => n?.type === 'identifier' ? n.text : n?.type);
  return (sides[0] === err && sides[1] === 'nil') || (sides[0] === 'nil' && sides[1] === err);
}

/**
 * A call where the release rules follow it: alone as a statement (no `target`), or received
 * with a plain name first by `x, err := call`, `x, err = call` (`statement`) or
 * `var x, err = call` (`spec`). Undefined anywhere else.
 */
export function receivedCall(call: Node): { target?: Node; spec?: Node; statement?: Node } | undefined {
  const site = callSite(call);
  const first = site?.names[0];
  if (!site || (first && first.type !== 'identifier')) return undefined;
  return { target: first, spec: site.spec, statement: site.statement };
}
