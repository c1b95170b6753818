// Whether an expression holds an `error`, and whether it is a sentinel: for the error rules.
import type { Node } from 'web-tree-sitter';
import type { TypeRef } from './go-types';
import { KNOWN_RESULTS } from './known-apis';
import type { PackageIndex } from './package-index';
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

const spellingsByIndex = new WeakMap<PackageIndex, RegExp>();
/** The same patterns by their source: the editor makes a new index on every keystroke, with the same variables. */
const spellingsBySource = new Map<string, RegExp>();

/**
 * Where a sentinel or an error's text can be written, for the package `index`: a selector of an
 * `Err…` name, `EOF`, `Canceled` or `DeadlineExceeded`, an `.Error()` call, or one of the
 * package's own error variables. What `isSentinel` and an error's text ask for cannot be found
 * in a declaration without one of them.
 */
export function sentinelSpellings(index: PackageIndex): RegExp {
  let spellings = spellingsByIndex.get(index);
  if (!spellings) {
    const own = [...index.packageVars(mayWriteErrorVariable)].filter(([name, type]) => isErrorVariable(name, type)).map(([name]) => name);
    const selected = `\\.\\s*(?:Err[A-Z0-9_]|(?:${[...KNOWN_SENTINEL_NAMES, 'Error\\s*\\(\\s*\\)'].join('|')})(?![\\p{L}\\p{Nd}_]))`;
    const named = own.length > 0 ? `|(?<![\\p{L}\\p{Nd}_])(?:${own.join('|')})(?![\\p{L}\\p{Nd}_])` : '';
    const source = selected + named;
    spellings = spellingsBySource.get(source);
    if (!spellings) {
      if (spellingsBySource.size >= 256) spellingsBySource.clear();
      // Global: the analyzer searches a whole file with it (see `triggeredDeclarations`).
      spellingsBySource.set(source, (spellings = new RegExp(source, 'gu')));
    }
    spellingsByIndex.set(index, spellings);
  }
  return spellings;
}

/** The functions of the known APIs whose first result is an `error`: a variable they give is one. */
const GIVE_ERRORS = new Set(Object.values(KNOWN_RESULTS).flatMap((functions) => Object.keys(functions).filter((name) => !name.includes('.') && isErrorType(functions[name][0]))));

/**
 * Whether a file with this word may declare an error variable (see `isErrorVariable`): its
 * name, its type, or the known function its value comes from. A file without any is not read.
 */
function mayWriteErrorVariable(word: string): boolean {
  return word === 'error' || GIVE_ERRORS.has(word) || /^(Err|err)[A-Z0-9_]/.test(word);
}

/** A package variable that holds an error (see `identifierIsError`). */
function isErrorVariable(name: string, type: TypeRef): boolean {
  return isErrorType(type) || (type.text === '' && /^(Err|err)[A-Z0-9_]/.test(name));
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
    return isErrorVariable(node.text, type);
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
