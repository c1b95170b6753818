import type { Node } from 'web-tree-sitter';
import type { TypeRef } from '../../core/go-types';
import { declarationIn, findLocalDeclaration, type Declaration } from '../../core/scope';
import { callArguments, calleeParts, unparen, walk } from '../../core/syntax';
import type { TypeResolver } from '../../core/type-resolver';

/** Import paths whose `Context`, `Background` and `TODO` are the standard library's. */
export const CONTEXT_PATHS = new Set(['context', 'golang.org/x/net/context']);

/** Constructors whose first result is a child of their first argument and is cancelled with it. */
const DERIVING = new Set(['WithCancel', 'WithCancelCause', 'WithTimeout', 'WithTimeoutCause', 'WithDeadline', 'WithDeadlineCause', 'WithValue']);

export type SourceKind = 'context' | 'request' | 'gin' | 'echo';

/** A parameter the function receives its caller's context through. */
export interface ContextSource {
  kind: SourceKind;
  /** The parameter's name identifier. */
  param: Node;
  /** The function declaring the parameter. */
  fn: Node;
}

export type Scope =
  /** Detached or deferred work, exempt code, or a closure whose lifetime is unknown. */
  | { kind: 'silent' }
  /** A function with no context in reach (not main, init or a test). */
  | { kind: 'none'; fn: Node }
  | { kind: 'source'; source: ContextSource };

function sourceKind(type: TypeRef): SourceKind | undefined {
  const { pkg = '', name, pointer } = type;
  if (CONTEXT_PATHS.has(pkg) && name === 'Context' && !pointer) return 'context';
  if (pkg === 'net/http' && name === 'Request' && pointer) return 'request';
  if (pkg === 'github.com/gin-gonic/gin' && name === 'Context' && pointer) return 'gin';
  if ((pkg === 'github.com/labstack/echo/v4' || pkg === 'github.com/labstack/echo') && name === 'Context' && !pointer) return 'echo';
  return undefined;
}

/**
 * The context parameter of a function: a `context.Context` first, else a request or framework
 * context. 'ignored' when the context parameter is unnamed or `_`: the author chose not to use it.
 */
function sourceOf(fn: Node, types: TypeResolver): ContextSource | 'ignored' | undefined {
  let fallback: ContextSource | undefined;
  for (const declaration of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (declaration?.type !== 'parameter_declaration') continue;
    const typeNode = declaration.childForFieldName('type');
    const kind = typeNode ? sourceKind(types.typeOfTypeNode(typeNode)) : undefined;
    if (!kind) continue;
    const param = declaration.childrenForFieldName('name').find((n): n is Node => n !== null);
    if (kind === 'context') return !param || param.text === '_' ? 'ignored' : { kind, param, fn };
    if (param && param.text !== '_') fallback ??= { kind, param, fn };
  }
  return fallback;
}

/** How a func literal's body runs relative to the code around it. */
function literalRole(literal: Node, types: TypeResolver): { role: 'invoked' | 'detached' | 'other' } | { role: 'argument'; call: Node } {
  let node = literal;
  while (node.parent?.type === 'parenthesized_expression') node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'call_expression' && parent.childForFieldName('function')?.equals(node)) return { role: 'invoked' };
  if (parent?.type === 'argument_list' && parent.parent?.type === 'call_expression') {
    const call = parent.parent;
    const callee = types.calledFunction(call);
    // time.AfterFunc and context.AfterFunc run the literal later, on their own goroutine.
    if (callee?.name === 'AfterFunc' && (callee.path === 'time' || CONTEXT_PATHS.has(callee.path))) return { role: 'detached' };
    return { role: 'argument', call };
  }
  return { role: 'other' };
}

/**
 * The context available where `node` runs. Walks out through func literals: a literal that is
 * called on the spot shares its parent's context; one handed to a call shares it only when the
 * same call also receives that context (`withTx(ctx, func(tx *sql.Tx) error {…})`); anything
 * launched with `go`, deferred, scheduled with AfterFunc or stored for later is left alone.
 */
export function scopeOf(node: Node, types: TypeResolver): Scope {
  const silent: Scope = { kind: 'silent' };
  const handedTo: Node[] = [];
  let stored = false;
  for (let current = node.parent; current; current = current.parent) {
    switch (current.type) {
      case 'go_statement':
      case 'defer_statement':
        return silent;
      case 'func_literal':
      case 'function_declaration':
      case 'method_declaration': {
        const own = sourceOf(current, types);
        if (own === 'ignored') return silent;
        if (own) {
          if (stored) return silent;
          const names = new Set([own.param.text, ...derivedContexts(own, types).map((d) => d.name.text)]);
          return handedTo.every((call) => mentionsAny(call, names)) ? { kind: 'source', source: own } : silent;
        }
        if (current.type !== 'func_literal') {
          const name = current.childForFieldName('name')?.text;
          if (current.type === 'function_declaration' && (name === 'main' || name === 'init')) return silent;
          return stored || handedTo.length > 0 ? silent : { kind: 'none', fn: current };
        }
        const role = literalRole(current, types);
        if (role.role === 'detached') return silent;
        if (role.role === 'argument') handedTo.push(role.call);
        if (role.role === 'other') stored = true;
        break;
      }
    }
  }
  return silent;
}

/** True when an argument of the call (other than func literals) names one of the contexts. */
function mentionsAny(call: Node, names: ReadonlySet<string>): boolean {
  for (const argument of callArguments(call)) {
    if (argument.type === 'func_literal') continue;
    let found = argument.type === 'identifier' && names.has(argument.text);
    walk(argument, (child) => {
      if (child.type === 'func_literal') return false;
      if (child.type === 'identifier' && names.has(child.text)) found = true;
      return undefined;
    });
    if (found) return true;
  }
  return false;
}

/** Resolves `name` as if it were written at `at` (which must not be a block or clause). */
export function resolveAt(name: string, at: Node): Declaration | undefined {
  return findLocalDeclaration({ text: name, parent: at } as unknown as Node);
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
function isAccessor(expression: Node, source: ContextSource): boolean {
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
  return holder?.type === 'identifier' && sameDeclaration(findLocalDeclaration(holder), paramDeclaration(source));
}

/** Per file (one TypeResolver per analysis): derived locals by parameter node id. */
const derivedMemo = new WeakMap<TypeResolver, Map<number, Declaration[]>>();

/**
 * Local variables holding the caller's context or a child of it, in source order:
 * `ctx := r.Context()`, `ctx, cancel := context.WithTimeout(ctx, d)`, and the rebinding idiom
 * `ctx, span := tracer.Start(ctx, "op")`. `context.WithoutCancel` does not count.
 */
export function derivedContexts(source: ContextSource, types: TypeResolver): Declaration[] {
  let memo = derivedMemo.get(types);
  if (!memo) derivedMemo.set(types, (memo = new Map()));
  const key = source.param.id;
  const known = memo.get(key);
  if (known) return known;
  const derived: Declaration[] = [];
  memo.set(key, derived);
  const body = source.fn.childForFieldName('body');
  if (!body) return derived;
  const param = paramDeclaration(source);
  const carries = (expression: Node): boolean => {
    const value = unparen(expression);
    if (value.type === 'identifier') {
      const declaration = findLocalDeclaration(value);
      if (source.kind === 'context' && sameDeclaration(declaration, param)) return true;
      return derived.some((d) => sameDeclaration(declaration, d));
    }
    return isAccessor(value, source);
  };
  const consider = (declaration: Declaration | undefined) => {
    if (!declaration || declaration.name.type !== 'identifier' || declaration.name.text === '_') return;
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
    const rebinds = unparen(first).type === 'identifier' && unparen(first).text === declaration.name.text;
    if (callee && CONTEXT_PATHS.has(callee.path) ? DERIVING.has(callee.name) : rebinds) derived.push(declaration);
  };
  walk(body, (node) => {
    if (node.type === 'short_var_declaration') {
      const left = node.childForFieldName('left');
      for (const name of left?.namedChildren ?? []) if (name?.type === 'identifier') consider(declarationOf(name));
    } else if (node.type === 'var_spec') {
      for (const name of node.childrenForFieldName('name')) if (name) consider(declarationOf(name));
    }
    return undefined;
  });
  return derived;
}

/** The declaration a declaring identifier introduces. */
function declarationOf(name: Node): Declaration | undefined {
  let statement = name.parent;
  while (statement && statement.type !== 'short_var_declaration' && statement.type !== 'var_declaration') statement = statement.parent;
  const found = statement ? declarationIn(statement, name.text) : undefined;
  return found?.name.equals(name) ? found : undefined;
}

/**
 * The expression to pass for the caller's context at `at`: the newest derived local or the
 * parameter that is visible there, or the request accessor. Undefined when a local that is not
 * derived from the caller's context shadows them all.
 */
export function contextExpression(source: ContextSource, at: Node, types: TypeResolver): { text: string; names: Set<string> } | undefined {
  const derived = derivedContexts(source, types);
  const names = new Set([source.param.text, ...derived.map((d) => d.name.text)]);
  const visible = [...derived].reverse().find((d) => sameDeclaration(resolveAt(d.name.text, at), d));
  if (visible) return { text: visible.name.text, names };
  if (!sameDeclaration(resolveAt(source.param.text, at), paramDeclaration(source))) return undefined;
  return { text: accessorText(source), names };
}
