// Whether an HTTP server visibly serves only observability routes: metrics, pprof, health checks.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { findLocalDeclaration } from './scope';
import { callArguments, calleeParts, enclosingFunction, unparen, walk } from './syntax';
import { calledMethod, usesOf } from './variables';

const PROMHTTP = 'github.com/prometheus/client_golang/prometheus/promhttp';
const PPROF = 'net/http/pprof';
const PPROF_HANDLERS = new Set(['Index', 'Profile', 'Cmdline', 'Symbol', 'Trace']);

/** `/healthz`, `/ready`, `/livez`, `/metrics`, `/debug/…`, optionally after a Go 1.22 method (`GET /healthz`). */
const OBSERVABILITY_PATH = /^(?:[A-Z]+ +)?\/(?:health[\w/-]*|ready[\w/-]*|livez|metrics\/?|debug\/[\w/.-]*)$/;

/**
 * True when every route of the handler a server serves can be seen and is an observability
 * route: `handler` is `promhttp.Handler()` itself, or a mux built by
 * `http.NewServeMux()` in this function and used for nothing but registrations and serving, or
 * `http.DefaultServeMux` (a nil or absent handler) with every registration in this file. Any
 * other route, a handler built elsewhere or a mux handed to other code: false.
 */
export function servesOnlyObservability(handler: Node | undefined, context: RuleContext): boolean {
  const served = handler ? unparen(handler) : undefined;
  if (served && observabilityHandler(served, context)) return true;
  if (!served || served.type === 'nil' || isDefaultServeMux(served, context)) return defaultMuxRoutes(context);
  return served.type === 'identifier' && localMuxRoutes(served, context);
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
  return allObservability(registrations, context);
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
  return !escapes && allObservability(registrations, context);
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
 * Every registration is an observability route. With none in view the routes are unseen (the
 * `net/http/pprof` import, or another file or package, registers on http.DefaultServeMux).
 */
function allObservability(registrations: Node[], context: RuleContext): boolean {
  return (
    registrations.length > 0 &&
    registrations.every((call) => {
      const [path, handler] = callArguments(call);
      if (!path || !handler) return false;
      const literalPath = pathText(path);
      return observabilityHandler(handler, context) || (literalPath !== undefined && OBSERVABILITY_PATH.test(literalPath));
    })
  );
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
