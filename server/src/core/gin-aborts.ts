// Which functions abort the Gin request they are handed: `common.ErrorResp(c, err, 400)` writes
// the error and calls `c.Abort()`, and the handler that calls it in an `if` and does not return
// runs on just as if it had called `c.Abort()` itself.
import type { Node } from 'web-tree-sitter';
import type { Declared } from './context-params';
import type { FuncSignature } from './file-summary';
import type { TypeRef } from './go-types';
import { calleeDeclaration, declaredIn } from './callee';
import { flowOf, leaves } from './param-calls';
import type { RuleContext } from './rule';
import { receiverName } from './syntax';

export const GIN = 'github.com/gin-gonic/gin';
export const ABORT_METHODS: readonly string[] = ['Abort', 'AbortWithStatus', 'AbortWithStatusJSON', 'AbortWithError'];

/**
 * A `*gin.Context` parameter (0 is the first after the receiver) that the function aborts on
 * every path that leaves it normally: itself (no `via`), or by passing it on, in a statement of
 * its body every such path runs, to `via`, which is then asked the same.
 */
export interface AbortFact {
  param: number;
  via?: {
    /** '' for the function's own package. */
    pkg: string;
    name: string;
    /** A method of the function's own receiver type (`h.fail(c)` inside a method of `h`). */
    receiver?: string;
    /** The argument the parameter is passed as. */
    at: number;
  };
}

/** How many functions deep an abort is followed: alist's `ErrorResp` → `ErrorWithDataResp` is two. */
const MAX_DEPTH = 3;

export function isGinContext(type: TypeRef): boolean {
  return type.pkg === GIN && type.name === 'Context' && type.pointer;
}

/** The abort facts of a function or method declaration whose signature's parameters are `params`. */
export function abortFactsOf(declaration: Node, signature: FuncSignature, resolve: (q: string) => string | undefined): AbortFact[] {
  const { params } = signature;
  if (!params.some((param) => isGinContext(param.type))) return [];
  const list = declaration.childForFieldName('body')?.namedChildren.find((child) => child?.type === 'statement_list');
  if (!list) return [];
  const name = receiverName(declaration);
  const receiver = name && signature.receiver ? { name, type: signature.receiver } : undefined;
  const facts: AbortFact[] = [];
  params.forEach((param, index) => {
    if (!param.name || param.name === '_' || !isGinContext(param.type)) return;
    if (flowOf(list, { name: param.name, chains: ABORT_METHODS }) === 'done') facts.push({ param: index });
    else {
      const via = passedOn(list, param.name, receiver, resolve);
      if (via) facts.push({ param: index, via });
    }
  });
  return facts;
}

/**
 * The first call statement of the body, run on every path that leaves it normally, that passes
 * `name` on by itself to a function of this package or an imported one, or to a method of the
 * receiver. Only statements at the top of the body count, up to the first that may leave.
 */
function passedOn(list: Node, name: string, receiver: { name: string; type: string } | undefined, resolve: (q: string) => string | undefined): AbortFact['via'] {
  for (const statement of list.namedChildren) {
    if (!statement || statement.type === 'comment') continue;
    const call = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
    if (call?.type === 'call_expression') {
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      const at = args.findIndex((arg) => arg?.type === 'identifier' && arg.text === name);
      const target = at === -1 ? undefined : calledName(call.childForFieldName('function'), receiver, resolve);
      if (target) return { ...target, at };
    }
    if (leaves(statement)) return undefined;
  }
  return undefined;
}

function calledName(fn: Node | null, receiver: { name: string; type: string } | undefined, resolve: (q: string) => string | undefined): Omit<NonNullable<AbortFact['via']>, 'at'> | undefined {
  if (fn?.type === 'identifier') return { pkg: '', name: fn.text };
  if (fn?.type !== 'selector_expression') return undefined;
  const operand = fn.childForFieldName('operand');
  const name = fn.childForFieldName('field')?.text;
  if (operand?.type !== 'identifier' || !name) return undefined;
  if (receiver && operand.text === receiver.name) return { pkg: '', name, receiver: receiver.type };
  const pkg = resolve(operand.text);
  return pkg === undefined ? undefined : { pkg, name };
}

/**
 * True when `call` aborts the Gin request it is given as `argument`, as far as the package index
 * shows (see `AbortFact`): a function or method of this module, followed at most `MAX_DEPTH` deep.
 */
export function callAborts(call: Node, argument: Node, context: RuleContext): boolean {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const at = args.findIndex((arg) => arg?.equals(argument));
  if (at === -1 || args.slice(0, at).some((arg) => arg?.type === 'variadic_argument')) return false;
  return aborts(calleeDeclaration(call, context), at, MAX_DEPTH);
}

function aborts(declared: Declared | undefined, at: number, depth: number): boolean {
  const fact = declared?.signature.aborts?.find((candidate) => candidate.param === at);
  if (!fact) return false;
  if (!fact.via) return true;
  if (depth <= 1) return false;
  const { index } = declared!;
  const { pkg, name, receiver } = fact.via;
  const next: Declared | undefined = receiver
    ? declaredIn(index, index.method(receiver, name))
    : pkg === ''
      ? declaredIn(index, index.func(name))
      : declaredIn(index.imported(pkg), index.imported(pkg)?.func(name));
  return aborts(next, fact.via.at, depth - 1);
}
