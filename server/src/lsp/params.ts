// Checks of what the client sends, so that a malformed message gets a clear answer (InvalidParams
// for a request, one log line for a notification) instead of a JavaScript error from deep inside.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/** Returns a problem ("params.position.line must be …") or undefined when the value fits. */
export type Shape = (value: unknown, path: string) => string | undefined;

const MAX_UINTEGER = 2 ** 31 - 1;

export const string: Shape = (value, path) => (typeof value === 'string' ? undefined : `${path} must be a string`);
export const boolean: Shape = (value, path) => (typeof value === 'boolean' ? undefined : `${path} must be true or false`);
export const integer: Shape = (value, path) => (Number.isInteger(value) ? undefined : `${path} must be an integer`);
export const uinteger: Shape = (value, path) =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_UINTEGER ? undefined : `${path} must be a non-negative integer`;
export const anything: Shape = () => undefined;

export function optional(shape: Shape): Shape {
  return (value, path) => (value === undefined ? undefined : shape(value, path));
}

export function nullable(shape: Shape): Shape {
  return (value, path) => (value === null ? undefined : shape(value, path));
}

export function array(item: Shape): Shape {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path} must be an array`;
    for (let i = 0; i < value.length; i++) {
      const problem = item(value[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
}

export function object(fields: Record<string, Shape>): Shape {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path} must be an object`;
    for (const [name, shape] of Object.entries(fields)) {
      const problem = shape((value as Record<string, unknown>)[name], `${path}.${name}`);
      if (problem) return problem;
    }
    return undefined;
  };
}

export const position: Shape = object({ line: uinteger, character: uinteger });
export const range: Shape = object({ start: position, end: position });
export const textDocument: Shape = object({ uri: string });

export const HOVER = object({ textDocument, position });
export const CODE_ACTION = object({
  textDocument,
  range,
  context: object({ diagnostics: array(object({ range, code: optional(anything) })), only: optional(array(string)) }),
});
export const EXECUTE_COMMAND = object({ command: string, arguments: optional(array(anything)) });
export const CHECK_FILES = object({ uris: array(string) });
export const CATALOG = optional(nullable(object({ language: optional(string) })));

export const DID_OPEN = object({ textDocument: object({ uri: string, languageId: string, version: integer, text: string }) });
export const DID_CHANGE = object({
  textDocument: object({ uri: string, version: integer }),
  contentChanges: array(object({ range: optional(range), rangeLength: optional(uinteger), text: string })),
});
export const DID_CLOSE = object({ textDocument });
export const DID_CHANGE_WATCHED_FILES = object({ changes: array(object({ uri: string, type: uinteger })) });

/** Throws InvalidParams naming the method and the first problem; returns the params typed. */
export function requestParams<T>(method: string, shape: Shape, params: unknown): T {
  const problem = shape(params, 'params');
  if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
  return params as T;
}

/** The problem of a notification's params, or undefined; notifications have no reply to carry it. */
export function notificationProblem(method: string, shape: Shape, params: unknown): string | undefined {
  const problem = shape(params, 'params');
  return problem && `${method}: ${problem}`;
}
