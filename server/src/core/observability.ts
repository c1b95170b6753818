// Whether an HTTP server visibly serves only observability routes: metrics, pprof, health checks.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { findLocalDeclaration } from './scope';
import { isExported } from './package-index';
import { callArguments, calleeParts, enclosingFunction, findAll, identifiersNamed, unparen, walk } from './syntax';
import { calledMethod, usesOf } from './variables';

const PROMHTTP = 'github.com/prometheus/client_golang/prometheus/promhttp';
const PPROF = 'net/http/pprof';
const PPROF_HANDLERS = new Set(['Index', 'Profile', 'Cmdline', 'Symbol', 'Trace']);
/** The last element of a health-check package's import path: `health`, `healthz`, `healthcheck`. */
const HEALTH_PACKAGE = /^health(?:z|check)?$/i;

/** `/healthz`, `/ready`, `/livez`, `/metrics`, `/debug/…`, optionally after a Go 1.22 method (`GET /healthz`). */
const OBSERVABILITY_PATH = /^(?:[A-Z]+ +)?\/(?:health[\w/-]*|ready[\w/-]*|livez|metrics\/?|debug\/[\w/.-]*)$/;

/** A route as registered: its pattern and its handler (undefined when the call lacks one). */
interface Route {
  path: Node | undefined;
  handler: Node | undefined;
}

/**
 * True when every route of the handler a server serves can be seen and is an observability
 * route: `handler` is `promhttp.Handler()` itself, or a mux built by `http.NewServeMux()` in this
 * function, or held in an unexported field of a struct of this file (`s.mux`), used for nothing
 * but registrations and serving, or `http.DefaultServeMux` (a nil or absent handler) with every
 * registration in this file. Registrations made by a helper of this file that passes its
 * parameters on (`s.handle(pattern, h)`) are read at the helper's calls. Any other route, a
 * handler built elsewhere or a mux handed to other code: false.
 */
export function servesOnlyObservability(handler: Node | undefined, context: RuleContext): boolean {
  const served = handler ? unparen(handler) : undefined;
  if (served && observabilityHandler(served, context)) return true;
  if (!served || served.type === 'nil' || isDefaultServeMux(served, context)) return defaultMuxRoutes(context);
  if (served.type === 'identifier') return localMuxRoutes(served, context);
  return served.type === 'selector_expression' && fieldMuxRoutes(served, context);
}

/** A local `mux := http.NewServeMux()` whose every other use registers a route on it. */
function localMuxRoutes(mux: Node, context: RuleContext): boolean {
  const declaration = findLocalDeclaration(mux);
  if (!declaration || (declaration.kind !== 'short' && declaration.kind !== 'var')) return false;
  const value = declaration.values[declaration.index];
  if (value?.type !== 'call_expression' || !isNet(context, value, 'NewServeMux')) return false;
  const fn = enclosingFunction(declaration.name);
  if (!fn) return false;
  const registrations: Node[] = [];
  for (const use of usesOf(declaration.name, fn)) {
    if (use.equals(mux)) continue;
    const registration = registrationOn(use);
    if (!registration) return false;
    registrations.push(registration);
  }
  return allObservability(routesOf(registrations, context), context);
}

/**
 * `s.mux`, an unexported `*http.ServeMux` field of a struct declared in this file, with all the
 * struct's methods in this file: every use of the field here is a registration, the serving,
 * or a value of `http.NewServeMux()` (in the struct's literal or assigned).
 */
function fieldMuxRoutes(selector: Node, context: RuleContext): boolean {
  const field = selector.childForFieldName('field')?.text;
  const owner = context.types.typeOf(selector.childForFieldName('operand')!);
  if (!field || isExported(field) || owner?.pkg !== '' || !owner.name) return false;
  const type = context.index.fieldType(owner.name, field);
  if (type?.pkg !== 'net/http' || type.name !== 'ServeMux' || !type.pointer) return false;
  if (!declaredOnlyHere(owner.name, context)) return false;
  const registrations: Node[] = [];
  let made = false;
  for (const node of identifiersNamed(context.file.tree.rootNode, field, FIELD_NAMES)) {
    const parent = node.parent!;
    if (parent.type === 'selector_expression' && parent.childForFieldName('field')?.equals(node)) {
      const registration = registrationOn(parent);
      if (registration) registrations.push(registration);
      else if (assignedNewMux(parent, context)) made = true;
      else if (!servedAsHandler(parent)) return false;
      continue;
    }
    // `mux: http.NewServeMux()` in a literal of the struct; another type's key, or a variable, is not this field.
    const element = parent.type === 'literal_element' ? parent.parent : undefined;
    if (element?.type !== 'keyed_element' || !element.childForFieldName('key')?.equals(parent)) continue;
    const literal = element.parent?.parent;
    if (literal?.type !== 'composite_literal' || literal.childForFieldName('type')?.text !== owner.name) continue;
    const value = element.childForFieldName('value')?.namedChild(0);
    if (value?.type !== 'call_expression' || !isNet(context, value, 'NewServeMux')) return false;
    made = true;
  }
  return made && allObservability(routesOf(registrations, context), context);
}

/** The struct is declared in this file and no other file of the package declares a method on it. */
function declaredOnlyHere(struct: string, context: RuleContext): boolean {
  // A file that does not write the struct's name declares neither it nor a method on it.
  return context.index.filesMentioning(struct).every((file) =>
    file.uri === context.file.uri
      ? file.structs.some((s) => s.name === struct)
      : !file.structs.some((s) => s.name === struct) && !file.funcs.some((fn) => fn.receiver === struct),
  );
}

/** `x.mux = http.NewServeMux()`, with `selector` the `x.mux` assigned. */
function assignedNewMux(selector: Node, context: RuleContext): boolean {
  const left = selector.parent;
  const assignment = left?.parent;
  if (left?.type !== 'expression_list' || assignment?.type !== 'assignment_statement' || !assignment.childForFieldName('left')?.equals(left)) return false;
  const index = left.namedChildren.findIndex((n) => n?.equals(selector));
  const value = assignment.childForFieldName('right')?.namedChildren[index];
  return value?.type === 'call_expression' && isNet(context, value, 'NewServeMux');
}

/** A field's name: after a selector's dot, or as a key of a struct literal. */
const FIELD_NAMES = new Set(['field_identifier', 'identifier']);
const NAMES = new Set(['identifier']);


/**
 * The routes of registration calls. A registration in a helper of this file whose pattern or
 * handler is the helper's parameter (`func (s *Server) handle(p string, h http.HandlerFunc) {
 * s.mux.HandleFunc(p, h) }`) stands for each call of the helper here, with that call's
 * arguments. A helper that cannot be followed (exported, named other than in calls, never called
 * here, or assigning the parameter) leaves the registration as written: its parameter is unknown.
 */
function routesOf(registrations: Node[], context: RuleContext): Route[] {
  return registrations.flatMap((registration) => {
    const [path, handler] = callArguments(registration);
    const written = [{ path, handler }];
    const helper = enclosingFunction(registration);
    if (!path || !handler || !helper || helper.type === 'func_literal') return written;
    const params = parameterNames(helper);
    const forwarded = [path, handler].map((arg) => (arg.type === 'identifier' ? params.indexOf(arg.text) : -1));
    if (forwarded.every((index) => index === -1)) return written;
    const calls = helperCalls(helper, context);
    if (!calls || calls.length === 0 || reassignsAny(helper, params)) return written;
    return calls.map((call) => {
      const args = callArguments(call);
      const [routePath, routeHandler] = [path, handler].map((arg, i) => (forwarded[i] === -1 ? arg : args[forwarded[i]]));
      return { path: routePath, handler: routeHandler };
    });
  });
}

/** The parameter names of a function or method declaration, in order (`_` and unnamed included, as ''). */
function parameterNames(fn: Node): string[] {
  const names: string[] = [];
  for (const param of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (param?.type !== 'parameter_declaration') return [];
    const declared = param.childrenForFieldName('name');
    if (declared.length === 0) names.push('');
    for (const name of declared) names.push(name?.text === '_' ? '' : (name?.text ?? ''));
  }
  return names;
}

/** Every call of an unexported helper in this file; undefined when it is named anywhere else. */
function helperCalls(helper: Node, context: RuleContext): Node[] | undefined {
  const name = helper.childForFieldName('name');
  if (!name || isExported(name.text)) return undefined;
  const method = helper.type === 'method_declaration';
  const calls: Node[] = [];
  for (const node of identifiersNamed(context.file.tree.rootNode, name.text, method ? FIELD_NAMES : NAMES)) {
    if (node.parent?.equals(helper)) continue;
    const callee = method ? node.parent : node;
    if (method && (callee?.type !== 'selector_expression' || !callee.childForFieldName('field')?.equals(node))) return undefined;
    const call = callee?.parent;
    if (call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(callee!)) return undefined;
    calls.push(call);
  }
  return calls;
}

/** The helper assigns one of the parameters it passes on. */
function reassignsAny(helper: Node, params: string[]): boolean {
  return findAll(helper.childForFieldName('body')!, 'assignment_statement').some((assignment) =>
    (assignment.childForFieldName('left')?.namedChildren ?? []).some((target) => target?.type === 'identifier' && params.includes(target.text)),
  );
}

/** `http.DefaultServeMux`, served for a nil handler: every registration and use of it in this file. */
function defaultMuxRoutes(context: RuleContext): boolean {
  const registrations: Node[] = [];
  let escapes = false;
  walk(context.file.tree.rootNode, (node) => {
    if (escapes) return false;
    if (node.type === 'call_expression' && (isNet(context, node, 'Handle') || isNet(context, node, 'HandleFunc'))) registrations.push(node);
    if (node.type === 'selector_expression' && isDefaultServeMux(node, context)) {
      const registration = registrationOn(node);
      if (registration) registrations.push(registration);
      else if (!servedAsHandler(node)) escapes = true;
    }
    return undefined;
  });
  return !escapes && allObservability(routesOf(registrations, context), context);
}

/** `mux.Handle(…)` / `mux.HandleFunc(…)` when `operand` is the `mux`. */
function registrationOn(operand: Node): Node | undefined {
  const method = calledMethod(operand);
  return method === 'Handle' || method === 'HandleFunc' ? operand.parent!.parent! : undefined;
}

/** `http.DefaultServeMux` as the handler argument of a serve call or the `Handler:` of a server. */
function servedAsHandler(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'literal_element' && parent.parent?.type === 'keyed_element') {
    const key = parent.parent.childForFieldName('key');
    return !key?.equals(parent) && (key?.namedChild(0) ?? key)?.text === 'Handler';
  }
  if (parent?.type !== 'argument_list') return false;
  const name = parent.parent ? calleeParts(parent.parent)?.name : undefined;
  return name !== undefined && /^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/.test(name);
}

/**
 * Every route is an observability route. With none in view the routes are unseen (the
 * `net/http/pprof` import, or another file or package, registers on http.DefaultServeMux). On a
 * mux that serves pprof, a handler in view that never reads its request (a list of the routes,
 * a fixed answer) is no service to clients either; anywhere else it may be an app's page.
 */
function allObservability(routes: Route[], context: RuleContext): boolean {
  if (routes.length === 0) return false;
  const diagnostics = routes.some((route) => route.handler && pprofHandler(route.handler, context));
  return routes.every((route) => {
    if (!route.path || !route.handler) return false;
    const literalPath = pathText(route.path);
    if (literalPath !== undefined && OBSERVABILITY_PATH.test(literalPath)) return true;
    return observabilityHandler(route.handler, context) || healthHandler(route.handler, context) || (diagnostics && ignoresRequest(route.handler));
  });
}

/** A handler made by a function of a health-check package (`health.NewHandler(…)`): its package says what it serves. */
function healthHandler(node: Node, context: RuleContext): boolean {
  const handler = unparen(node);
  const called = handler.type === 'call_expression' ? context.types.calledFunction(handler) : undefined;
  return called !== undefined && HEALTH_PACKAGE.test(called.path.slice(called.path.lastIndexOf('/') + 1));
}

/** `func(w http.ResponseWriter, _ *http.Request) { … }`: a handler literal whose request is blank, unnamed or never used. */
function ignoresRequest(node: Node): boolean {
  const handler = unparen(node);
  if (handler.type !== 'func_literal') return false;
  const params = handler.childForFieldName('parameters')?.namedChildren.filter((n) => n?.type === 'parameter_declaration') ?? [];
  const last = params[params.length - 1];
  const names = last?.childrenForFieldName('name') ?? [];
  const request = names[names.length - 1];
  if (params.length === 0 || !last?.childForFieldName('type')?.text.endsWith('Request')) return false;
  if (!request || request.text === '_') return true;
  return identifiersNamed(handler.childForFieldName('body')!, request.text).length === 0;
}

function pathText(node: Node): string | undefined {
  if (node.type === 'interpreted_string_literal' && !node.text.includes('\\')) return node.text.slice(1, -1);
  if (node.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

/** `promhttp.Handler()`, `promhttp.HandlerFor(…)` (or their `.ServeHTTP`), or a net/http/pprof handler. */
function observabilityHandler(node: Node, context: RuleContext): boolean {
  let handler = unparen(node);
  if (handler.type === 'selector_expression' && handler.childForFieldName('field')?.text === 'ServeHTTP') handler = unparen(handler.childForFieldName('operand')!);
  if (handler.type === 'call_expression') {
    const called = context.types.calledFunction(handler);
    if (called?.path === PROMHTTP && (called.name === 'Handler' || called.name === 'HandlerFor')) return true;
  }
  return pprofHandler(handler, context);
}

/** `pprof.Index`, `pprof.Profile`, `pprof.Cmdline`, `pprof.Symbol`, `pprof.Trace` or `pprof.Handler(…)`. */
function pprofHandler(node: Node, context: RuleContext): boolean {
  const handler = unparen(node);
  if (handler.type === 'call_expression') {
    const called = context.types.calledFunction(handler);
    if (called?.path === PPROF && called.name === 'Handler') return true;
    // http.HandlerFunc(pprof.Index)
    if (isNet(context, handler, 'HandlerFunc')) return callArguments(handler).length === 1 && pprofHandler(callArguments(handler)[0], context);
    return false;
  }
  const qualified = context.types.qualified(handler);
  return qualified?.path === PPROF && PPROF_HANDLERS.has(qualified.name);
}

function isDefaultServeMux(node: Node, context: RuleContext): boolean {
  const qualified = context.types.qualified(node);
  return qualified?.path === 'net/http' && qualified.name === 'DefaultServeMux';
}

function isNet(context: RuleContext, call: Node, name: string): boolean {
  const called = context.types.calledFunction(call);
  return called?.path === 'net/http' && called.name === name;
}
