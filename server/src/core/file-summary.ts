import type { Node, Tree } from 'web-tree-sitter';
import { typeFromNode, type TypeRef } from './go-types';
import { scanTopLevel, type TopLevel } from './declarations';
import { errorTextsOf } from './error-texts';
import { readImports, type FileImports } from './imports';
import { INPUT_CALLS, knownFunctionResults } from './known-apis';
import { concreteResult, contextUsesOf, type ContextUse } from './context-params';
import { paramFacts, type ParamCall, type ParamUse } from './param-calls';
import { abortFactsOf, type AbortFact } from './gin-aborts';
import { responseFactOf, type ResponseFact } from './response-wrappers';
import { fieldWritesOf } from './field-writes';
import { periodicResetsOf } from './periodic-resets';
import { readSignature } from './signatures';

export interface Param {
  name?: string;
  type: TypeRef;
}

export interface FuncSignature {
  name: string;
  /** Base type name of the receiver (`Store` for `func (s *Store) …`); absent for functions. */
  receiver?: string;
  params: Param[];
  results: TypeRef[];
  /**
   * The declaration's own text wraps an error (`%w`, `errors.Wrap…`, `errors.Join`, …). False means the
   * function passes errors on as it got them, as far as its own text shows.
   */
  wrapsErrors?: boolean;
  /** Methods it calls on its parameters on every path (`rows.Close()`, `tx.Rollback()`): see `paramFacts`. */
  paramCalls?: ParamCall[];
  /** Parameters it only calls methods on: it cannot keep them (see `paramFacts`). */
  paramUses?: ParamUse[];
  /** Context parameters used only for their values or passed on to named calls (see `contextUsesOf`). */
  contextUses?: ContextUse[];
  /** The concrete type every return gives, when the declared result is another (see `concreteResult`). */
  returns?: TypeRef;
  /** `*gin.Context` parameters it aborts on every path (see `abortFactsOf`). */
  aborts?: AbortFact[];
  /** Every return hands back an HTTP response as a request call gave it (see `responseFactOf`). */
  response?: ResponseFact;
}

/** What wrapping an error looks like in Go's and the common error packages' APIs. */
const WRAPPING = ['%w', 'errors.Wrap', 'errors.WithMessage', 'errors.WithStack', 'errors.Join', 'errors.Mark', 'errors.Annotate', 'errors.Trace', 'xerrors.Errorf'];

/** Any of `WRAPPING`, found in one scan of the text rather than one per marker. */
const WRAPS = new RegExp(WRAPPING.map((marker) => marker.replace(/[.]/g, '\\.')).join('|'));

function wraps(text: string): boolean {
  // Every marker has `%w` or `errors.` in it: looked for first, far quicker than the pattern.
  return (text.includes('%w') || text.includes('errors.')) && WRAPS.test(text);
}

export interface StructType {
  name: string;
  fields: Map<string, TypeRef>;
  /** Embedded fields, whose methods and fields are promoted. */
  embedded: TypeRef[];
}

/** What one file contributes to its package's index: package-level declarations only. */
export interface FileSummary {
  uri: string;
  packageName: string;
  imports: FileImports;
  structs: StructType[];
  /** Other named types: `type Handler func(…)`, `type ID string`. */
  otherTypes: Map<string, TypeRef>;
  funcs: FuncSignature[];
  vars: Map<string, TypeRef>;
  /**
   * Which of the watched method names (`WATCHED_METHODS`) the file calls through a selector
   * anywhere, bodies included (`srv.Shutdown(ctx)`): for rules that ask "does the package ever
   * do X?" rather than "what is declared?".
   */
  calledMethods: Set<string>;
  /**
   * The names of the functions and methods the file defers anywhere (`defer handlePanic()`,
   * `defer s.recoverRequest()`): the callee's name, whatever its qualifier.
   */
  deferredNames: Set<string>;
  /** The texts the file gives its errors (see `errorTextsOf`), as written between the quotes. */
  errorTexts: Set<string>;
  /** Unexported fields the file may change, by name: assigned, at any depth, or addressed (see `fieldWritesOf`). */
  changedFields: Set<string>;
  /** Unexported fields the file sends HTTP requests through, by name (`c.hc.Do(req)`). */
  sendingFields: Set<string>;
  /** Values the file resets in a loop, by name (`vec.Reset()` on a ticker; see `periodicResetsOf`). */
  periodicResets: Set<string>;
  /**
   * Changes exactly when what the index learns from this file changes (not on body edits); or,
   * summarised with the text's content key, whenever the text changes (see `summarizeFile`).
   */
  fingerprint: string;
}

/** What one top-level declaration contributes. */
interface DeclarationSummary {
  structs: StructType[];
  otherTypes: Map<string, TypeRef>;
  funcs: FuncSignature[];
  vars: Map<string, TypeRef>;
  calledMethods: string[];
  deferredNames: string[];
  errorTexts: string[];
  changedFields: string[];
  sendingFields: string[];
  periodicResets: string[];
  /** A hash of the above, for the fingerprint: made when first needed (see `signatureOf`). */
  signature?: number;
}

/**
 * Summarises a file's package-level declarations. Given the document's top-level entries, a
 * declaration already summarised against the same imports (every one but the edited function,
 * on a keystroke) is not read again. Given the text's content key, the fingerprint is that key:
 * a run that sees each text once (the CLI) needs no finer one, and hashing every declaration's
 * summary cost a sixth of the summaries' time.
 */
export function summarizeFile(uri: string, tree: Tree, declarations: TopLevel[] = scanTopLevel(tree), contentKey?: string): FileSummary {
  const root = tree.rootNode;
  const imports = readImports(root, declarations.map((entry) => entry.type));
  const importsKey = JSON.stringify([...imports.byName]);
  const resolve = (qualifier: string) => imports.byName.get(qualifier);
  const summary: FileSummary = {
    uri,
    packageName: '',
    imports,
    structs: [],
    otherTypes: new Map(),
    funcs: [],
    vars: new Map(),
    calledMethods: new Set(),
    deferredNames: new Set(),
    errorTexts: new Set(),
    changedFields: new Set(),
    sendingFields: new Set(),
    periodicResets: new Set(),
    fingerprint: '',
  };
  let fingerprint = hash(importsKey);
  declarations.forEach((entry, index) => {
    if (entry.type === 'package_clause') {
      summary.packageName = root.child(index)?.namedChild(0)?.text ?? '';
      fingerprint = combine(fingerprint, hash(summary.packageName));
      return;
    }
    if (!SUMMARISED.has(entry.type)) return;
    let declaration = entry.summary?.key === importsKey ? (entry.summary.value as DeclarationSummary) : undefined;
    if (!declaration) {
      const node = root.child(index);
      if (!node) return;
      declaration = summarizeDeclaration(node, resolve);
      entry.summary = { key: importsKey, value: declaration };
    }
    summary.structs.push(...declaration.structs);
    summary.funcs.push(...declaration.funcs);
    for (const [name, ref] of declaration.otherTypes) summary.otherTypes.set(name, ref);
    for (const [name, ref] of declaration.vars) summary.vars.set(name, ref);
    for (const name of declaration.calledMethods) summary.calledMethods.add(name);
    for (const name of declaration.deferredNames) summary.deferredNames.add(name);
    for (const text of declaration.errorTexts) summary.errorTexts.add(text);
    for (const name of declaration.changedFields) summary.changedFields.add(name);
    for (const name of declaration.sendingFields) summary.sendingFields.add(name);
    for (const name of declaration.periodicResets) summary.periodicResets.add(name);
    if (contentKey === undefined) fingerprint = combine(fingerprint, (declaration.signature ??= signatureOf(declaration)));
  });
  summary.fingerprint = contentKey === undefined ? (fingerprint >>> 0).toString(36) : `text:${contentKey}`;
  return summary;
}

const SUMMARISED = new Set(['type_declaration', 'function_declaration', 'method_declaration', 'var_declaration', 'const_declaration']);

/** Method names whose calls are recorded per file (see `FileSummary.calledMethods`). */
export const WATCHED_METHODS: readonly string[] = ['Shutdown', 'SetMaxOpenConns', 'SetMaxIdleConns', 'SetConnMaxLifetime', 'SetConnMaxIdleTime'];
const WATCHED_CALL = new RegExp(`\\.\\s*(?:${WATCHED_METHODS.join('|')})\\s*\\(`);

function summarizeDeclaration(declaration: Node, resolve: (q: string) => string | undefined): DeclarationSummary {
  const result: DeclarationSummary = { structs: [], otherTypes: new Map(), funcs: [], vars: new Map(), calledMethods: [], deferredNames: [], errorTexts: [], changedFields: [], sendingFields: [], periodicResets: [] };
  // The declaration's text, read once for the signature and the six text tests.
  const text = declaration.type === 'type_declaration' ? '' : declaration.text;
  switch (declaration.type) {
    case 'type_declaration':
      for (const spec of declaration.namedChildren) {
        if (spec?.type === 'type_spec') readTypeSpec(spec, resolve, result);
      }
      break;
    case 'function_declaration':
    case 'method_declaration': {
      const signature = readSignature(declaration, text, resolve);
      if (signature) {
        const uses = contextUsesOf(declaration, signature.params, resolve);
        if (uses) signature.contextUses = uses;
        const returns = declaration.type === 'function_declaration' ? concreteResult(declaration, signature.results) : undefined;
        if (returns) signature.returns = returns;
        const aborts = abortFactsOf(declaration, signature, resolve);
        if (aborts.length > 0) signature.aborts = aborts;
        const response = responseFactOf(declaration, signature.params, signature.results, resolve);
        if (response) signature.response = response;
        result.funcs.push(signature);
      }
      break;
    }
    case 'var_declaration':
      // Its own specs, alone or in a parenthesized list: not those of declarations nested in values.
      for (const child of declaration.namedChildren) {
        const specs = child?.type === 'var_spec_list' ? child.namedChildren : [child];
        for (const spec of specs) if (spec?.type === 'var_spec') readVarSpec(spec, resolve, result.vars);
      }
      break;
  }
  if (declaration.type !== 'type_declaration') {
    result.calledMethods = watchedCalls(declaration, text);
    result.deferredNames = deferredCallees(text);
    result.errorTexts = errorTextsOf(declaration, text);
    const fields = fieldWritesOf(declaration, text);
    result.changedFields = fields.changed;
    result.sendingFields = fields.sending;
    result.periodicResets = periodicResetsOf(declaration, text);
    for (const fn of result.funcs) {
      fn.wrapsErrors = wraps(text);
      const facts = paramFacts(declaration, fn.params);
      if (facts.always.length > 0) fn.paramCalls = facts.always;
      if (facts.uses.length > 0) fn.paramUses = facts.uses;
    }
  }
  return result;
}

function signatureOf(result: DeclarationSummary): number {
  return hashContent(FNV_OFFSET, [result.structs, result.otherTypes, result.funcs, result.vars, result.calledMethods, result.deferredNames, result.errorTexts, result.changedFields, result.sendingFields, result.periodicResets]);
}

/**
 * The watched methods a declaration calls through a selector. A text test first: most
 * declarations never mention them, and those are not walked (this runs on every keystroke
 * for the edited declaration); a match in a comment or string is then ruled out by the tree.
 */
function watchedCalls(declaration: Node, text: string): string[] {
  if (!WATCHED_METHODS.some((name) => text.includes(name)) || !WATCHED_CALL.test(text)) return [];
  const found = new Set<string>();
  for (const call of declaration.descendantsOfType('call_expression')) {
    const fn = call?.childForFieldName('function');
    const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
    if (name && WATCHED_METHODS.includes(name)) found.add(name);
  }
  return [...found].sort();
}

const DEFERRED_CALL = /(?<![\p{L}\p{Nd}_])defer\s+(?:[\p{L}_][\p{L}\p{Nd}_]*\s*\.\s*)*([\p{L}_][\p{L}\p{Nd}_]*)\s*\(/gu;

/**
 * The names a declaration's defer statements call: `handlePanic` for `defer handlePanic()`,
 * `recoverRequest` for `defer s.recoverRequest()`. Read from the text: a `defer` written in a
 * comment or a string only adds a name, which can only make the rules that ask more careful.
 */
function deferredCallees(text: string): string[] {
  if (!text.includes('defer')) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(DEFERRED_CALL)) if (match[1] !== 'func') found.add(match[1]);
  return [...found].sort();
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, enough to tell two summaries (or two versions of a file) apart. */
export function hash(text: string): number {
  return hashText(FNV_OFFSET, text);
}

function hashText(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Marks in `hashContent`, above every UTF-16 unit so that no text can spell them. */
const MARK = { undefined: 0x10000, array: 0x10001, map: 0x10002, object: 0x10003, property: 0x10004, end: 0x10005, scalar: 0x10006, text: 0x20000 };

function step(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

/**
 * FNV-1a over a summary's content: its texts (each closed by a mark with its length), numbers and
 * booleans, with marks for where each array, set, map or object starts and ends and for each
 * property's name. Hashing the summary's JSON text said the same, but building that text took a
 * sixth of the summary's time.
 */
function hashContent(h: number, value: unknown): number {
  switch (typeof value) {
    case 'string':
      return step(hashText(h, value), MARK.text + value.length);
    case 'number':
    case 'boolean':
      return hashContent(step(h, MARK.scalar), String(value));
    case 'object': {
      if (value === null) return step(h, MARK.undefined);
      if (Array.isArray(value) || value instanceof Set) {
        h = step(h, MARK.array);
        for (const item of value) h = hashContent(h, item);
      } else if (value instanceof Map) {
        h = step(h, MARK.map);
        for (const [key, item] of value) h = hashContent(hashContent(h, key), item);
      } else {
        h = step(h, MARK.object);
        for (const key in value) {
          const item = (value as Record<string, unknown>)[key];
          // An absent property and one set to undefined are the same summary, as in JSON.
          if (item !== undefined) h = hashContent(hashContent(step(h, MARK.property), key), item);
        }
      }
      return step(h, MARK.end);
    }
    default:
      return step(h, MARK.undefined);
  }
}

function combine(h: number, next: number): number {
  return Math.imul(h ^ next, 0x01000193) + 0x9e3779b9;
}

function readTypeSpec(spec: Node, resolve: (q: string) => string | undefined, summary: DeclarationSummary): void {
  const name = spec.childForFieldName('name')?.text;
  const type = spec.childForFieldName('type');
  if (!name || !type) return;
  if (type.type !== 'struct_type') {
    summary.otherTypes.set(name, typeFromNode(type, resolve));
    return;
  }
  const struct: StructType = { name, fields: new Map(), embedded: [] };
  // Its own fields (the children of its field list), not those of structs nested in it.
  const fields = type.namedChildren.find((child) => child?.type === 'field_declaration_list')?.namedChildren ?? [];
  for (const field of fields) {
    const fieldType = field?.type === 'field_declaration' ? field.childForFieldName('type') : null;
    if (!field || !fieldType) continue;
    const ref = typeFromNode(fieldType, resolve);
    const names = field.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length === 0) {
      struct.embedded.push(ref);
      if (ref.name) struct.fields.set(ref.name, ref);
    }
    for (const fieldName of names) struct.fields.set(fieldName.text, ref);
  }
  summary.structs.push(struct);
}

function readVarSpec(spec: Node, resolve: (q: string) => string | undefined, vars: Map<string, TypeRef>): void {
  const typeNode = spec.childForFieldName('type');
  const names = spec.childrenForFieldName('name').filter((n): n is Node => n !== null);
  const declared = typeNode ? typeFromNode(typeNode, resolve) : undefined;
  const values = spec.childForFieldName('value')?.namedChildren ?? [];
  names.forEach((name, i) => {
    const value = values.length === names.length ? values[i] : undefined;
    const inferred = value && typeOfValue(value, resolve);
    const madeBy = !declared && !inferred && value ? constructorOf(value, resolve) : undefined;
    const type = declared ?? (inferred ? { ...inferred, inferred: true } : madeBy ? { pointer: false, text: '', madeBy } : { pointer: false, text: '' });
    vars.set(name.text, value && isInputCall(value, resolve) ? { ...type, input: true } : type);
  });
}

/**
 * The type of an untyped package variable's value, where the syntax alone tells it:
 * `&T{…}`, `T{…}`, or a library call whose result is known (`var tracer = otel.Tracer("x")`).
 */
function typeOfValue(value: Node, resolve: (q: string) => string | undefined): TypeRef | undefined {
  const address = value.type === 'unary_expression' && value.child(0)?.type === '&';
  const operand = address ? value.childForFieldName('operand') : value;
  if (operand?.type === 'composite_literal') {
    const type = typeFromNode(operand.childForFieldName('type')!, resolve);
    return address ? { ...type, pointer: true, text: `*${type.text}` } : type;
  }
  if (address || operand?.type !== 'call_expression') return undefined;
  const callee = operand.childForFieldName('function');
  const qualifier = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
  const path = qualifier?.type === 'identifier' ? resolve(qualifier.text) : undefined;
  return path === undefined ? undefined : knownFunctionResults(path, callee!.childForFieldName('field')!.text)?.[0];
}

/** The function a package variable's value calls: `NewRepo()` or `store.NewRepo(…)`. */
function constructorOf(value: Node, resolve: (q: string) => string | undefined): { pkg: string; name: string } | undefined {
  if (value.type !== 'call_expression') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type === 'identifier') return { pkg: '', name: callee.text };
  const qualifier = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
  const pkg = qualifier?.type === 'identifier' ? resolve(qualifier.text) : undefined;
  return pkg === undefined ? undefined : { pkg, name: callee!.childForFieldName('field')!.text };
}

/** `flag.String(…)`, `os.Getenv(…)`: a call that returns text from outside the process. */
function isInputCall(value: Node, resolve: (q: string) => string | undefined): boolean {
  if (value.type !== 'call_expression') return false;
  const callee = value.childForFieldName('function');
  const qualifier = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
  const path = qualifier?.type === 'identifier' ? resolve(qualifier.text) : undefined;
  return path !== undefined && (INPUT_CALLS[path]?.includes(callee!.childForFieldName('field')!.text) ?? false);
}

