// Addresses that name this machine: a connection to one never crosses a network.
import type { Node } from 'web-tree-sitter';
import { assignmentsBefore } from './assignments';
import { fileConstant, findLocalDeclaration } from './scope';
import { callArguments, unparen } from './syntax';
import type { TypeResolver } from './type-resolver';

/** `localhost`, `127.x.y.z`, `[::1]`. */
const LOOPBACK_HOST = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

/** A URL (`https://host…`) or `host:port` as a Go string literal, quotes included: group 1 is the host. */
const ADDRESS = /^"(?:[a-z][a-z0-9+.-]*:\/\/)?(\[[0-9a-f:]+\]|[a-z0-9.-]+)(?::\d+)?(?:[/?#][^"]*)?"$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

/** The host of a URL or `host:port` written as an interpreted string literal, quotes included. */
export function literalHost(literal: string): string | undefined {
  return ADDRESS.exec(literal)?.[1];
}

/** gRPC's resolver schemes that carry the address after an authority: `passthrough:///host:port`, `dns://8.8.8.8/host:port`. */
const RESOLVER = /^(?:passthrough|dns):\/\/[^/]*\//i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const HOST = /^(\[[0-9a-f:]+\]|[a-z0-9.-]*)/i;

/**
 * Whether a dial address or URL names this machine, from its known leading text: `localhost:8080`,
 * `http://127.0.0.1:%v/status`, `[::1]:9000`, or `:8080` (an empty host dials the local system;
 * not in a URL, where it is an error). `complete` says the text is the whole address; otherwise
 * the host must end inside the known text.
 */
export function namesLoopback(text: string, complete: boolean): boolean {
  let rest = text.replace(RESOLVER, '');
  const url = rest === text && SCHEME.test(rest);
  if (url) rest = rest.replace(SCHEME, '');
  const host = HOST.exec(rest)![1];
  const after = rest.slice(host.length);
  if (after === '' ? !complete : !/^[:/?#]/.test(after)) return false;
  return host === '' ? !url && after.startsWith(':') : isLoopbackHost(host);
}

/** The text an expression is known to start with, and whether that is all of it. */
export interface LeadingText {
  text: string;
  complete: boolean;
}

const UNKNOWN: LeadingText = { text: '', complete: false };

/**
 * The leading text of a string expression, as far as syntax shows: a literal, a constant of the
 * function or file, `a + b`, `fmt.Sprintf("fmt", …)` up to the first verb, `net.JoinHostPort(h, p)`.
 * A local variable counts when it gets one value before `use`.
 */
export function leadingText(expression: Node, use: Node, types: TypeResolver, depth = 0): LeadingText {
  if (depth > 6) return UNKNOWN;
  const node = unparen(expression);
  switch (node.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return { text: stringValue(node), complete: true };
    case 'binary_expression': {
      if (node.childForFieldName('operator')?.text !== '+') return UNKNOWN;
      const left = leadingText(node.childForFieldName('left')!, use, types, depth + 1);
      if (!left.complete) return left;
      const right = leadingText(node.childForFieldName('right')!, use, types, depth + 1);
      return { text: left.text + right.text, complete: right.complete };
    }
    case 'call_expression': {
      const called = types.calledFunction(node);
      const args = callArguments(node);
      if (called?.path === 'fmt' && called.name === 'Sprintf' && args[0]) {
        const format = leadingText(args[0], use, types, depth + 1);
        const verb = format.text.indexOf('%');
        return verb === -1 ? format : { text: format.text.slice(0, verb), complete: false };
      }
      if (called?.path === 'net' && called.name === 'JoinHostPort' && args[0]) {
        const host = leadingText(args[0], use, types, depth + 1);
        return host.complete ? { text: `${host.text.includes(':') ? `[${host.text}]` : host.text}:`, complete: false } : UNKNOWN;
      }
      return UNKNOWN;
    }
    case 'identifier':
      return identifierText(node, use, types, depth);
    default:
      return UNKNOWN;
  }
}

function identifierText(identifier: Node, use: Node, types: TypeResolver, depth: number): LeadingText {
  const values = valuesOf(identifier, use);
  if (!values || values.length !== 1) return UNKNOWN;
  return leadingText(values[0], use, types, depth + 1);
}

/**
 * Every value a name can hold at `use`: a constant's, or each one a local variable gets before
 * it. Undefined when one of them is not in sight (a parameter, a call's second result).
 */
function valuesOf(identifier: Node, use: Node): Node[] | undefined {
  const declaration = findLocalDeclaration(identifier) ?? fileConstant(identifier);
  if (declaration?.kind === 'const') {
    const value = declaration.values[declaration.index];
    return value ? [value] : undefined;
  }
  if (declaration?.kind !== 'var' && declaration?.kind !== 'short') return undefined;
  const assignments = assignmentsBefore(declaration, use);
  if (assignments.length === 0 || assignments.some((a) => !a.value || a.operator !== '=' || a.resultIndex !== undefined)) return undefined;
  return assignments.map((a) => a.value!);
}

/** The value of a string literal: raw text as written, interpreted text with its escapes left alone (addresses have none). */
function stringValue(literal: Node): string {
  return literal.text.slice(1, -1);
}

/** Whether `expression`, used at `use`, is an address on this machine (see `namesLoopback`). */
export function isLoopbackAddress(expression: Node, use: Node, types: TypeResolver): boolean {
  const node = unparen(expression);
  const values = node.type === 'identifier' ? valuesOf(node, use) : undefined;
  if (values && values.length > 1) return values.every((value) => isLoopbackAddress(value, use, types));
  const { text, complete } = leadingText(node, use, types);
  return namesLoopback(text, complete);
}
