// Functions of the module that hand back the response of an HTTP request as they got it
// (`res, err := client.Do(req); return res, err`): the fact callers in other files and packages
// read through the index, so that such a wrapper's response is tracked like `client.Do`'s.
import type { Node } from 'web-tree-sitter';
import type { Param, StructType } from './file-summary';
import type { TypeRef } from './go-types';
import { comparedWithNil } from './param-calls';
import { findLocalDeclaration } from './scope';
import { callArguments, identifiersNamed, receiverName, unparen, walk } from './syntax';

const HTTP = 'net/http';

/** The client methods and net/http functions that send a request and return its response. */
export const REQUEST_METHODS: ReadonlySet<string> = new Set(['Do', 'Get', 'Post', 'Head', 'PostForm']);

/**
 * What a value in the wrapper's text is, as a path from where its type is known: the receiver,
 * a parameter, a package variable of this package (`var`) or of another (`pkg`, `var`), or a
 * local `http.Client` literal (`client`); then `fields` (`c.api.client` is the receiver, then
 * `api`, `client`).
 */
export interface ValuePath {
  root: 'receiver' | 'param' | 'var' | 'client';
  param?: number;
  var?: string;
  pkg?: string;
  fields: string[];
}

/**
 * One call whose response the wrapper returns: net/http's `Get`/`Post`/`Head`/`PostForm`
 * (`http`); a function of the module (`func`, in `pkg` when another package's); or a method
 * called on a value (`method` on `on`): a client's `Do`/`Get`/…, or another wrapper.
 */
export interface ResponseCall {
  http?: string;
  func?: string;
  pkg?: string;
  method?: string;
  on?: ValuePath;
  /** `Do(req)` with `req` an `*http.Request` (a parameter, or made by `http.NewRequest…` in the wrapper). */
  request?: true;
  /** The request's method: `HEAD`, or the index of the wrapper's parameter it is taken from. */
  verb?: 'HEAD' | number;
}

/**
 * Set on a function or method whose first result is an `*http.Response` when each of its returns
 * gives either `nil` or, untouched, the response of one of `calls`: `return c.client.Do(req)`, or
 * `res, err := X.Do(req)` then `return res, err` with `res` only compared with nil and read for
 * fields other than `Body` in between. Whether each call really sends a request is decided by the
 * reader, from the index (the client's type is not known here).
 */
export interface ResponseFact {
  calls: ResponseCall[];
}

/** Fields of a response whose use can read or close its body. */
const BODY_FIELDS = new Set(['Body', 'Write']);

export function responseFactOf(declaration: Node, params: readonly Param[], results: readonly TypeRef[], resolve: (qualifier: string) => string | undefined): ResponseFact | undefined {
  const [first] = results;
  if (!first?.pointer || first.pkg !== HTTP || first.name !== 'Response') return undefined;
  const body = declaration.childForFieldName('body');
  if (!body) return undefined;
  const receiver = receiverName(declaration);
  const calls: ResponseCall[] = [];
  let proven = true;
  let returns = 0;
  walk(body, (node) => {
    if (!proven || node.type === 'func_literal') return false;
    if (node.type !== 'return_statement') return undefined;
    returns++;
    const list = node.namedChild(0);
    const values = list?.type === 'expression_list' ? list.namedChildren.filter((n): n is Node => n !== null) : [];
    const value = values[0] && unparen(values[0]);
    if (value?.type === 'nil') return false;
    const call = value?.type === 'call_expression' && values.length === 1 ? value : value?.type === 'identifier' ? untouchedResponse(value, body) : undefined;
    const described = call && describeCall(call, receiver, params, resolve);
    if (described) calls.push(described);
    else proven = false;
    return false;
  });
  return proven && calls.length > 0 && returns > 0 ? { calls } : undefined;
}

/**
 * The call a returned variable was received from, when that is its only value and nothing but
 * returns, nil comparisons and reads of fields other than `Body` use it: `res, err := c.Do(req)`
 * (or `=` after a `var res *http.Response` with no value) is the only assignment to `res`.
 */
function untouchedResponse(returned: Node, body: Node): Node | undefined {
  let source: Node | undefined;
  for (const ref of identifiersNamed(body, returned.text)) {
    const parent = ref.parent;
    if (!parent) return undefined;
    if (parent.type === 'expression_list' && parent.parent?.type === 'return_statement') {
      if (!parent.namedChild(0)?.equals(ref)) return undefined;
      continue;
    }
    if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.equals(ref)) {
      if (BODY_FIELDS.has(parent.childForFieldName('field')?.text ?? '')) return undefined;
      continue;
    }
    if (comparedWithNil(ref)) continue;
    if (parent.type === 'var_spec' && !parent.childForFieldName('value') && parent.childrenForFieldName('name').length === 1) continue;
    const holder = parent.type === 'expression_list' ? parent.parent : undefined;
    const assigning = holder?.type === 'short_var_declaration' || (holder?.type === 'assignment_statement' && holder.childForFieldName('operator')?.text === '=');
    if (!assigning || !holder!.childForFieldName('left')?.equals(parent) || !parent.namedChild(0)?.equals(ref) || source) return undefined;
    const right = holder!.childForFieldName('right');
    const value = right?.namedChildCount === 1 ? unparen(right.namedChild(0)!) : undefined;
    if (value?.type !== 'call_expression') return undefined;
    source = value;
  }
  // The returns must see this very variable: not a parameter or result of the same name.
  return source && findLocalDeclaration(returned)?.kind !== 'param' ? source : undefined;
}

/** What `call` is, as the reader of the fact needs it; undefined for anything else. */
function describeCall(call: Node, receiver: string | undefined, params: readonly Param[], resolve: (qualifier: string) => string | undefined): ResponseCall | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return findLocalDeclaration(fn) ? undefined : { func: fn.text };
  if (fn?.type !== 'selector_expression') return undefined;
  const name = fn.childForFieldName('field')?.text;
  const operand = fn.childForFieldName('operand');
  if (!name || !operand) return undefined;
  if (operand.type === 'identifier' && !findLocalDeclaration(operand) && operand.text !== receiver) {
    const pkg = resolve(operand.text);
    if (pkg === HTTP) return REQUEST_METHODS.has(name) && name !== 'Do' ? { http: name, verb: name === 'Head' ? 'HEAD' : undefined } : undefined;
    if (pkg !== undefined) return { func: name, pkg };
  }
  const on = valuePath(operand, receiver, params, resolve);
  if (!on) return undefined;
  const described: ResponseCall = { method: name, on };
  if (name === 'Head') described.verb = 'HEAD';
  if (name === 'Do') Object.assign(described, requestOf(call, params, resolve));
  return described;
}

/** `c.client`, `client`, `base.HttpClient`, `http.DefaultClient`, `opts.Client`: from its root, field by field. */
function valuePath(operand: Node, receiver: string | undefined, params: readonly Param[], resolve: (qualifier: string) => string | undefined): ValuePath | undefined {
  const fields: string[] = [];
  let root = operand;
  while (root.type === 'selector_expression') {
    const field = root.childForFieldName('field')?.text;
    const inner = root.childForFieldName('operand');
    if (!field || !inner) return undefined;
    fields.unshift(field);
    root = inner;
  }
  if (root.type !== 'identifier') return undefined;
  const local = findLocalDeclaration(root);
  if (local?.kind === 'receiver') return root.text === receiver ? { root: 'receiver', fields } : undefined;
  if (local?.kind === 'param') {
    const param = params.findIndex((p) => p.name === root.text);
    return param === -1 ? undefined : { root: 'param', param, fields };
  }
  if (local) return fields.length === 0 && isClientLiteral(local.values[local.index], local.values.length, resolve) ? { root: 'client', fields } : undefined;
  const pkg = resolve(root.text);
  if (pkg === undefined) return { root: 'var', var: root.text, fields };
  const [variable, ...rest] = fields;
  return variable ? { root: 'var', pkg, var: variable, fields: rest } : undefined;
}

/** `client := &http.Client{…}` (or without `&`): the only value of its declaration. */
function isClientLiteral(value: Node | undefined, count: number, resolve: (qualifier: string) => string | undefined): boolean {
  if (!value || count !== 1) return false;
  const literal = value.type === 'unary_expression' && value.child(0)?.type === '&' ? value.childForFieldName('operand') : value;
  const type = literal?.type === 'composite_literal' ? literal.childForFieldName('type') : undefined;
  return type?.type === 'qualified_type' && type.childForFieldName('name')?.text === 'Client' && resolve(type.childForFieldName('package')?.text ?? '') === HTTP;
}

/**
 * `Do(req)`: whether `req` is an `*http.Request` (a parameter of that type, or made by
 * `http.NewRequest`/`NewRequestWithContext` in its declaration), and its method when that is
 * `HEAD` or one of the wrapper's parameters.
 */
function requestOf(call: Node, params: readonly Param[], resolve: (qualifier: string) => string | undefined): Pick<ResponseCall, 'request' | 'verb'> {
  const args = callArguments(call);
  const request = args.length === 1 ? unparen(args[0]) : undefined;
  if (request?.type !== 'identifier') return {};
  const declared = findLocalDeclaration(request);
  if (declared?.kind === 'param') {
    const type = params.find((p) => p.name === request.text)?.type;
    return type?.pointer && type.pkg === HTTP && type.name === 'Request' ? { request: true } : {};
  }
  const made = declared && (declared.kind === 'short' || declared.kind === 'var') && declared.index === 0 && declared.values.length === 1 ? unparen(declared.values[0]) : undefined;
  const fn = made?.type === 'call_expression' ? made.childForFieldName('function') : undefined;
  const qualifier = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : undefined;
  const name = fn?.childForFieldName('field')?.text;
  if (qualifier?.type !== 'identifier' || resolve(qualifier.text) !== HTTP || (name !== 'NewRequest' && name !== 'NewRequestWithContext')) return {};
  const verb = callArguments(made!)[name === 'NewRequest' ? 0 : 1];
  return { request: true, verb: verb && verbOf(verb, params, resolve) };
}

function verbOf(verb: Node, params: readonly Param[], resolve: (qualifier: string) => string | undefined): 'HEAD' | number | undefined {
  if (verb.text === '"HEAD"') return 'HEAD';
  if (verb.type === 'selector_expression') {
    const qualifier = verb.childForFieldName('operand');
    return qualifier?.type === 'identifier' && resolve(qualifier.text) === HTTP && verb.childForFieldName('field')?.text === 'MethodHead' ? 'HEAD' : undefined;
  }
  if (verb.type !== 'identifier' || findLocalDeclaration(verb)?.kind !== 'param') return undefined;
  const param = params.findIndex((p) => p.name === verb.text);
  return param === -1 ? undefined : param;
}

export function isHttpClient(type: TypeRef): boolean {
  return type.pkg === HTTP && type.name === 'Client';
}

/** The structs with a field holding an `http.Client`, with those fields alone: what importers keep. */
export function clientFields(structs: readonly StructType[]): StructType[] {
  const kept: StructType[] = [];
  for (const struct of structs) {
    const fields = new Map([...struct.fields].filter(([, type]) => isHttpClient(type)));
    if (fields.size > 0) kept.push({ name: struct.name, fields, embedded: [] });
  }
  return kept;
}
