// Whether an expression holds an `error`, and whether it is a sentinel: for the error rules.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './rule';
import { unparen } from './syntax';

/** Conventional names of error variables: `err`, `err2`, `readErr`, `parseError`. */
const ERROR_NAME = /^(err\d*|[a-z]\w*Err|[a-z]\w*Error)$/;
/** Exported sentinels of other packages: `sql.ErrNoRows`, `fs.ErrNotExist`. */
const SENTINEL_NAME = /^Err[A-Z0-9_]/;
const KNOWN_SENTINELS = new Set(['io.EOF', 'context.Canceled', 'context.DeadlineExceeded']);
const KNOWN_SENTINEL_NAMES = new Set([...KNOWN_SENTINELS].map((qualified) => qualified.slice(qualified.indexOf('.') + 1)));

/**
 * Whether an expression certainly holds an `error`: declared `error`, the error result of a
 * known call, a call returning exactly one `error`, or — when the callee is unknown — a
 * variable with an error's name assigned from the last result of a call.
 */
export function isError(expression: Node, context: RuleContext): boolean {
  const node = unparen(expression);
  switch (node.type) {
    case 'identifier':
      return identifierIsError(node, context);
    case 'selector_expression': {
      const qualified = context.types.qualified(node);
      if (qualified) {
        const last = qualified.path.slice(qualified.path.lastIndexOf('/') + 1);
        return SENTINEL_NAME.test(qualified.name) || KNOWN_SENTINELS.has(`${last}.${qualified.name}`);
      }
      return isErrorType(context.types.typeOf(node));
    }
    case 'call_expression':
      return callReturnsError(node, context) === true;
    default:
      return false;
  }
}

/**
 * A sentinel error: a package-level error variable (`ErrNotFound`, `errClosed`) or an
 * exported `Err…` variable of an imported package (`sql.ErrNoRows`), `io.EOF`, `context.Canceled`.
 */
export function isSentinel(expression: Node, context: RuleContext): boolean {
  const node = unparen(expression);
  if (node.type === 'selector_expression') {
    // The name first: resolving the package (and whether a local shadows it) costs a scope walk.
    const name = node.childForFieldName('field')?.text ?? '';
    if (!SENTINEL_NAME.test(name) && !KNOWN_SENTINEL_NAMES.has(name)) return false;
    return context.types.qualified(node) !== undefined && isError(node, context);
  }
  // A package-level name first: most identifiers compared are locals, and that is a lookup.
  return node.type === 'identifier' && context.index.packageVar(node.text) !== undefined && !context.types.declaration(node) && isError(node, context);
}

function isErrorType(type: { pkg?: string; name?: string; pointer: boolean } | undefined): boolean {
  return type?.pkg === '' && type.name === 'error' && !type.pointer;
}

/** True/false when the callee's results are known; undefined when they are not. */
function callReturnsError(call: Node, context: RuleContext): boolean | undefined {
  const qualified = context.types.calledFunction(call);
  if (qualified && ((qualified.path === 'errors' && ['New', 'Join'].includes(qualified.name)) || (qualified.path === 'fmt' && qualified.name === 'Errorf'))) return true;
  const results = context.types.resultsOf(call);
  if (!results) return undefined;
  return results.length === 1 && isErrorType(results[0]);
}

function identifierIsError(node: Node, context: RuleContext): boolean {
  const declaration = context.types.declaration(node);
  if (!declaration) {
    const type = context.index.packageVar(node.text);
    if (!type) return false;
    // `var ErrNotFound = errors.New(…)` has no written type in the index.
    return isErrorType(type) || (type.text === '' && /^(Err|err)[A-Z0-9_]/.test(node.text));
  }
  if (declaration.type) return declaration.type.text === 'error';
  if (declaration.kind !== 'short' && declaration.kind !== 'var') return false;
  const { values, index } = declaration;
  const left = declaration.node.type === 'short_var_declaration' ? declaration.node.childForFieldName('left') : null;
  const names = left ? left.namedChildCount : declaration.node.childrenForFieldName('name').length;
  if (values.length === 1 && unparen(values[0]).type === 'call_expression') {
    const call = unparen(values[0]);
    const qualifiedError = names === 1 ? callReturnsError(call, context) : undefined;
    if (qualifiedError !== undefined) return qualifiedError;
    const results = context.types.resultsOf(call);
    if (results) return results[index] !== undefined && isErrorType(results[index]);
    // Unknown callee: Go puts the error last, and names it err.
    return index === names - 1 && ERROR_NAME.test(node.text);
  }
  if (values.length === names && values[index]) return isError(values[index], context);
  return false;
}
