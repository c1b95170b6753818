import type { Node } from 'web-tree-sitter';
import { CONTEXT_PATHS, isContextType } from '../../core/context-params';
import type { TypeRef } from '../../core/go-types';
import { knownFunctionResults } from '../../core/known-apis';
import { requestKind } from '../../core/request-types';
import { findDeclarationFrom, findLocalDeclaration, type Declaration } from '../../core/scope';
import { callArguments, calleeParts, unparen, walk } from '../../core/syntax';
import { wordPattern, type ContextSource, type Facts, type LiteralRole, type TopFacts } from './facts';

export type { ContextSource } from './facts';

export type Scope =
  /** Detached or deferred work, exempt code, or a closure whose lifetime is unknown. */
  | { kind: 'silent' }
  /** A function with no context in reach (not main, init or a test). */
  | { kind: 'none' }
  | { kind: 'source'; source: ContextSource };

const SILENT: Scope = { kind: 'silent' };


function sourceKind(type: TypeRef): ContextSource['kind'] | undefined {
  if (isContextType(type)) return 'context';
  const kind = requestKind(type);
  // The accessor of the others' contexts is not written yet (see accessorText).
  return kind === 'request' || kind === 'gin' || kind === 'echo' ? kind : undefined;
}

/**
 * The context parameter of a function: a `context.Context` first, else a request or framework
 * context. 'ignored' when the context parameter is unnamed or `_`: the author chose not to use it.
 * Computed once per function; a parameter list that does not mention `Context` or `Request` is
 * not looked into.
 */
function sourceOf(fn: Node, top: TopFacts, facts: Facts): ContextSource | 'ignored' | undefined {
  const memo = facts.fn(fn);
  if (memo.source !== undefined) return memo.source ?? undefined;
  memo.source = null;
  if (!top.mayHaveSource) return undefined;
  const parameters = fn.childForFieldName('parameters');
  if (!parameters || !/Context|Request/.test(parameters.text)) return undefined;
  let fallback: ContextSource | undefined;
  for (const declaration of parameters.namedChildren) {
    if (declaration?.type !== 'parameter_declaration') continue;
    const typeNode = declaration.childForFieldName('type');
    const kind = typeNode && /Context|Request/.test(typeNode.text) ? sourceKind(facts.types.typeOfTypeNode(typeNode)) : undefined;
    if (!kind) continue;
    const param = declaration.childrenForFieldName('name').find((n): n is Node => n !== null);
    if (kind === 'context') return (memo.source = !param || param.text === '_' ? 'ignored' : { kind, param, fn });
    if (param && param.text !== '_') fallback ??= { kind, param, fn };
  }
  return (memo.source = fallback ?? null) ?? undefined;
}

/** How a func literal's body runs relative to the code around it (once per literal). */
function literalRole(literal: Node, facts: Facts): LiteralRole {
  const memo = facts.fn(literal);
  if (memo.role) return memo.role;
  let node = literal;
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') {
    node = parent;
    parent = node.parent;
  }
  let role: LiteralRole = { role: 'other' };
  // The function of a call starts where the call does; its arguments start after the `(`.
  if (parent?.type === 'call_expression' && parent.startIndex === node.startIndex) role = { role: 'invoked' };
  else if (parent?.type === 'argument_list' && parent.parent?.type === 'call_expression') {
    const call = parent.parent;
    role = { role: 'argument', call };
    // time.AfterFunc and context.AfterFunc run the literal later, on their own goroutine.
    if (calleeParts(call)?.name === 'AfterFunc') {
      const callee = facts.types.calledFunction(call);
      if (callee && (callee.path === 'time' || CONTEXT_PATHS.has(callee.path))) role = { role: 'detached' };
    }
  }
  return (memo.role = role);
}

/**
 * The context available where `node` runs. Walks out through func literals: a literal that is
 * called on the spot shares its parent's context; one handed to a call shares it only when the
 * same call also receives that context (`withTx(ctx, func(tx *sql.Tx) error {…})`); anything
 * launched with `go`, deferred, scheduled with AfterFunc or stored for later is left alone.
 * Decided from ranges found once per declaration (`Facts.nested`) and per-function facts.
 */
export function scopeOf(node: Node, top: TopFacts, facts: Facts): Scope {
  const chain = facts.enclosingFunctions(node, top);
  if (chain.length === 0) return SILENT;
  // Only functions inside the innermost go or defer statement around the node can give it a
  // context: beyond that statement the work is detached.
  const at = node.startIndex;
  let detachedAt = -1;
  for (const detached of facts.nested(top).detached) {
    if (detached.start <= at && at < detached.end) detachedAt = Math.max(detachedAt, detached.start);
  }
  // The innermost function with a context parameter, or the top-level function.
  let owner = chain.length - 1;
  let source: ContextSource | undefined;
  for (let i = 0; i < chain.length; i++) {
    if (chain[i].start < detachedAt) return SILENT;
    const own = sourceOf(chain[i].node, top, facts);
    if (own === 'ignored') return SILENT;
    if (own) {
      owner = i;
      source = own;
      break;
    }
  }
  const handedTo: Node[] = [];
  for (let i = 0; i < owner; i++) {
    const role = literalRole(chain[i].node, facts);
    if (role.role === 'detached' || role.role === 'other') return SILENT;
    if (role.role === 'argument') handedTo.push(role.call);
  }
  if (!source) {
    if (chain[owner].start !== top.start || top.mainOrInit || handedTo.length > 0) return SILENT;
    return { kind: 'none' };
  }
  if (handedTo.length === 0) return { kind: 'source', source };
  const names = new Set([source.param.text, ...derivedContexts(source, facts).map((d) => d.name.text)]);
  return handedTo.every((call) => mentionsAny(call, names)) ? { kind: 'source', source } : SILENT;
}

/** True when an argument of the call (other than func literals) names one of the contexts. */
function mentionsAny(call: Node, names: ReadonlySet<string>): boolean {
  for (const argument of callArguments(call)) {
    if (argument.type === 'func_literal') continue;
    let found = argument.type === 'identifier' && names.has(argument.text);
    walk(argument, (child) => {
      if (found || child.type === 'func_literal') return false;
      if (child.type === 'identifier' && names.has(child.text)) found = true;
      return undefined;
    });
    if (found) return true;
  }
  return false;
}

function sameDeclaration(a: Declaration | undefined, b: Declaration): boolean {
  return a !== undefined && a.name.equals(b.name);
}

/** The declaration of the source parameter itself. */
function paramDeclaration(source: ContextSource): Declaration {
  return { kind: 'param', name: source.param, values: [], index: 0, node: source.param.parent ?? source.param };
}

/** `r.Context()`, `c.Request.Context()` or `c.Request().Context()` for the source's parameter. */
export function accessorText(source: ContextSource): string {
  const name = source.param.text;
  switch (source.kind) {
    case 'context':
      return name;
    case 'request':
      return `${name}.Context()`;
    case 'gin':
      return `${name}.Request.Context()`;
    case 'echo':
      return `${name}.Request().Context()`;
  }
}

/** True when `expression` is the source's accessor call (`r.Context()`…) on the parameter itself. */
function isAccessor(expression: Node, source: ContextSource, param: Declaration): boolean {
  if (source.kind === 'context' || expression.type !== 'call_expression') return false;
  if (callArguments(expression).length > 0) return false;
  const callee = calleeParts(expression);
  if (callee?.name !== 'Context' || !callee.operand) return false;
  let holder: Node | null = unparen(callee.operand);
  if (source.kind === 'gin') {
    if (holder.type !== 'selector_expression' || holder.childForFieldName('field')?.text !== 'Request') return false;
    holder = holder.childForFieldName('operand');
  } else if (source.kind === 'echo') {
    if (holder.type !== 'call_expression' || callArguments(holder).length > 0) return false;
    const inner = calleeParts(holder);
    if (inner?.name !== 'Request') return false;
    holder = inner.operand;
  }
  return holder?.type === 'identifier' && holder.text === source.param.text && sameDeclaration(findLocalDeclaration(holder), param);
}

/** Declarations made by a `x, y := …` statement or a `var` declaration (each spec). */
function declarationsOf(statement: Node): Declaration[] {
  const declarations: Declaration[] = [];
  const values = (list: Node | null) => (list ? (list.type === 'expression_list' ? list.namedChildren.filter((n): n is Node => n !== null) : [list]) : []);
  if (statement.type === 'short_var_declaration') {
    const right = values(statement.childForFieldName('right'));
    values(statement.childForFieldName('left')).forEach((name, index) => {
      if (name.type === 'identifier') declarations.push({ kind: 'short', name, values: right, index, node: statement });
    });
    return declarations;
  }
  for (const child of statement.namedChildren) {
    const specs = child?.type === 'var_spec_list' ? child.namedChildren : [child];
    for (const spec of specs) {
      if (spec?.type !== 'var_spec') continue;
      const type = spec.childForFieldName('type') ?? undefined;
      const right = values(spec.childForFieldName('value'));
      spec.childrenForFieldName('name').forEach((name, index) => {
        if (name) declarations.push({ kind: 'var', name, type, values: right, index, node: spec });
      });
    }
  }
  return declarations;
}

/**
 * Local variables holding the caller's context or a child of it, in source order:
 * `ctx := r.Context()`, `ctx, cancel := context.WithTimeout(ctx, d)`, a helper of this package
 * that returns a `context.Context` built on it, and the rebinding idiom
 * `ctx, span := tracer.Start(ctx, "op")`. `context.WithoutCancel` does not count.
 * Computed once per function, from its `:=` and `var` statements that mention a known name.
 */
export function derivedContexts(source: ContextSource, facts: Facts): Declaration[] {
  const memo = facts.fn(source.fn);
  if (memo.derived) return memo.derived;
  const derived: Declaration[] = [];
  memo.derived = derived;
  const types = facts.types;
  const param = paramDeclaration(source);
  const names = new Set([source.param.text]);
  const carries = (expression: Node): boolean => {
    const value = unparen(expression);
    if (value.type === 'identifier') {
      if (!names.has(value.text)) return false;
      const declaration = findLocalDeclaration(value);
      if (source.kind === 'context' && sameDeclaration(declaration, param)) return true;
      return derived.some((d) => sameDeclaration(declaration, d));
    }
    return isAccessor(value, source, param);
  };
  const consider = (declaration: Declaration) => {
    if (declaration.name.text === '_') return;
    const { values, index } = declaration;
    const value = values.length === 1 ? unparen(values[0]) : values[index];
    if (!value) return;
    if (values.length > 1 || index === 0) {
      if (carries(value)) return void derived.push(declaration);
    }
    if (index !== 0 || value.type !== 'call_expression') return;
    const first = callArguments(value)[0];
    if (!first || !carries(first)) return;
    const callee = types.calledFunction(value);
    let derives: boolean;
    if (callee && CONTEXT_PATHS.has(callee.path)) {
      // The With* constructors return a child of their first argument; WithoutCancel keeps only its values.
      derives = callee.name !== 'WithoutCancel' && isContextType(knownFunctionResults('context', callee.name)?.[0]);
    } else {
      const rebinds = unparen(first).type === 'identifier' && unparen(first).text === declaration.name.text;
      derives = rebinds || isContextType(types.resultsOf(value)?.[0]);
    }
    if (derives) derived.push(declaration);
  };
  const fn = source.fn;
  const body = fn.childForFieldName('body');
  if (!body) return derived;
  const text = facts.text.slice(body.startIndex, body.endIndex);
  let mentions = wordPattern(names);
  for (const { node, word } of facts.keywords(body, body.startIndex, text, /:=|\bvar\b/g, 0, false)) {
    // `:=` finds the statement around it; `var` the declaration it starts.
    if (node.type !== (word === 'var' ? 'var_declaration' : 'short_var_declaration')) continue;
    mentions.lastIndex = 0;
    if (!mentions.test(node.text)) continue;
    for (const declaration of declarationsOf(node)) {
      const before = derived.length;
      consider(declaration);
      if (derived.length > before && !names.has(declaration.name.text)) {
        names.add(declaration.name.text);
        mentions = wordPattern(names);
      }
    }
  }
  return derived;
}

/**
 * The expression to pass for the caller's context at `at`: the newest derived local or the
 * parameter that is visible there, or the request accessor. Undefined when a local that is not
 * derived from the caller's context shadows them all.
 */
export function contextExpression(source: ContextSource, at: Node, facts: Facts): { text: string; names: Set<string> } | undefined {
  const derived = derivedContexts(source, facts);
  const names = new Set([source.param.text, ...derived.map((d) => d.name.text)]);
  // Each name is resolved once: usually they are all `ctx`.
  const resolved = new Map<string, Declaration | undefined>();
  const resolve = (name: string) => {
    if (!resolved.has(name)) resolved.set(name, findDeclarationFrom(name, at));
    return resolved.get(name);
  };
  for (let i = derived.length - 1; i >= 0; i--) {
    if (sameDeclaration(resolve(derived[i].name.text), derived[i])) return { text: derived[i].name.text, names };
  }
  if (!sameDeclaration(resolve(source.param.text), paramDeclaration(source))) return undefined;
  return { text: accessorText(source), names };
}
