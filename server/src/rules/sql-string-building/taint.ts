import type { Node } from 'web-tree-sitter';
import { calledParameter } from '../../core/callers';
import type { CalledParameter, Localized } from '../../core/findings';
import { carriesText, INPUT_CALLS, INPUT_VALUES, SQL_QUOTERS } from '../../core/known-apis';
import { requestKind } from '../../core/request-types';
import type { RuleContext } from '../../core/rule';
import type { Declaration } from '../../core/scope';
import { callArguments, unparen } from '../../core/syntax';
import { assignmentsBefore, referencesBefore } from '../../core/assignments';
import { filledByInput, FROM_REQUEST, writesInto } from './targets';
import { formatVerbs } from './verbs';

/** How the SQL was built, the part of it that came from outside, and where that came from. */
export interface Built {
  how: string;
  part: Node;
  /** The source, when the part does not name it itself: "via `fmt.Scanln`". */
  origin?: Localized;
  /** When the part is a parameter of an exported function: which, for reading its callers (see core/callers). */
  parameter?: CalledParameter & { declaration: number };
}

/**
 * Where the parts of a SQL string come from. A part is *tainted* when it is text from outside
 * the program's control: request data, command-line arguments, flags, environment variables,
 * standard input, a `string` parameter of an exported function (any caller may pass anything),
 * or a value derived from those through string operations. Literals, constants, numbers and
 * anything the syntax cannot trace (package variables, results of the package's own helpers,
 * other libraries' functions) are not: the rule stays silent on what it cannot see.
 */
export class Taint {
  private readonly seen: Set<number>;
  private origin: { node: Node; text: Localized } | undefined;
  /** Tainted parameter identifiers found, by node id. */
  private readonly parameters = new Map<number, CalledParameter & { declaration: number }>();

  constructor(
    readonly context: RuleContext,
    /** The SQL call: values are followed up to it. */
    readonly use: Node,
    /** Declarations (by their name's node id) to take as trusted: parameters already reported. */
    trusted: readonly number[] = [],
  ) {
    this.seen = new Set(trusted);
  }

  /**
   * For the SQL argument: the building expression (`+`, `+=`, `fmt.Sprintf`, a builder) and the
   * tainted part it puts into the SQL, following local variables to their assignments.
   */
  built(expression: Node, depth = 0): Built | undefined {
    const node = unparen(expression);
    if (depth > 4 || this.seen.has(node.id)) return undefined;
    this.seen.add(node.id);
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.type === '+') return this.found('+', this.tainted(node));
    if (node.type === 'call_expression') return this.builtByCall(node);
    if (node.type !== 'identifier') return undefined;
    const declaration = this.context.types.declaration(node);
    if (!declaration || (declaration.kind !== 'var' && declaration.kind !== 'short')) return undefined;
    for (const assignment of assignmentsBefore(declaration, this.use)) {
      if (!assignment.value) continue;
      if (assignment.operator === '+=') {
        const found = this.found('+=', this.tainted(assignment.value));
        if (found) return found;
        continue;
      }
      const found = this.built(assignment.value, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** `fmt.Sprintf(…)`, `strings.Join(…)`, `strings.ReplaceAll(…)`, `sb.String()` of a builder. */
  private builtByCall(call: Node): Built | undefined {
    const qualified = this.context.types.calledFunction(call);
    if (qualified?.path === 'fmt' && qualified.name === 'Sprintf') return this.found('fmt.Sprintf', this.taintedSprintf(call, 0));
    if (qualified?.path === 'strings' && BUILDING_STRINGS.has(qualified.name)) {
      const part = callArguments(call).map((arg) => this.tainted(arg, 1)).find((found) => found);
      return this.found(`strings.${qualified.name}`, part);
    }
    // `sb.String()` where `sb` is a local strings.Builder or bytes.Buffer written with input.
    const fn = call.childForFieldName('function');
    const receiver = fn?.type === 'selector_expression' ? unparen(fn.childForFieldName('operand')!) : undefined;
    if (receiver?.type !== 'identifier' || fn!.childForFieldName('field')?.text !== 'String') return undefined;
    const declaration = this.context.types.declaration(receiver);
    if (!declaration || (declaration.kind !== 'var' && declaration.kind !== 'short')) return undefined;
    const written = writesInto(this, declaration);
    const type = this.context.types.typeOfDeclaration(declaration);
    return written && this.found(type?.pkg && type.name ? `${type.pkg}.${type.name}` : `${receiver.text}.Write…`, written);
  }

  private found(how: string, part: Node | undefined): Built | undefined {
    if (!part) return undefined;
    // "from `os.Args[1]` (via `os.Args`)" would say it twice; a package variable's name does not.
    const origin = this.origin && (this.origin.node.type === 'identifier' || !part.text.includes(this.origin.node.text)) ? this.origin.text : undefined;
    const parameter = this.parameters.get(unparen(part).id);
    return parameter ? { how, part, origin, parameter } : { how, part, origin };
  }

  /** Records where the tainted text comes from (`node`, for the message); the first source found wins. */
  source(node: Node, origin: Localized): Node {
    this.origin ??= { node, text: origin };
    return node;
  }

  /** The first tainted part of an expression, if any. */
  tainted(expression: Node, depth = 0): Node | undefined {
    const node = unparen(expression);
    if (depth > 8) return undefined;
    switch (node.type) {
      case 'binary_expression':
        // Only `+` joins strings; every other operator yields a number or a bool.
        if (node.childForFieldName('operator')?.type !== '+') return undefined;
        return this.tainted(node.childForFieldName('left')!, depth + 1) ?? this.tainted(node.childForFieldName('right')!, depth + 1);
      case 'identifier':
        return this.taintedIdentifier(node, depth);
      case 'selector_expression':
        return this.taintedSelector(node, depth);
      case 'index_expression':
      case 'slice_expression':
        // An element of tainted text; a whitelist map indexed by tainted text is not.
        return this.fromRequest(node) ? this.source(node, FROM_REQUEST) : this.tainted(node.childForFieldName('operand')!, depth + 1) && node;
      case 'unary_expression': {
        const operator = node.childForFieldName('operator')?.type;
        return operator === '*' || operator === '&' ? this.tainted(node.childForFieldName('operand')!, depth + 1) && node : undefined;
      }
      case 'type_conversion_expression':
        return this.tainted(node.childForFieldName('operand')!, depth + 1) && node;
      case 'composite_literal':
        return this.taintedElements(node, depth) ? node : undefined;
      case 'call_expression':
        return this.taintedCall(node, depth);
      default:
        return undefined;
    }
  }

  private taintedIdentifier(node: Node, depth: number): Node | undefined {
    const declaration = this.context.types.declaration(node);
    if (!declaration) {
      // `var table = flag.String(…)` at package level: the index marks it.
      const packageVar = this.context.index.packageVar(node.text);
      return packageVar?.input ? this.source(node, { en: 'set by a flag or the environment', 'zh-cn': '来自命令行参数或环境变量' }) : undefined;
    }
    if (this.seen.has(declaration.name.id)) return undefined;
    this.seen.add(declaration.name.id);
    switch (declaration.kind) {
      case 'param': {
        const type = declaration.type?.text.replace(/^(\.\.\.|\[\])/, '');
        if (type !== 'string' || !this.exportedParameter(declaration) || this.validated(declaration)) return undefined;
        const called = calledParameter(declaration);
        if (called) this.parameters.set(node.id, { ...called, declaration: declaration.name.id });
        return node;
      }
      case 'range':
        // `for _, arg := range os.Args`: the element; the index or key is left alone.
        return declaration.index > 0 && declaration.values[0] && !this.validated(declaration) && this.tainted(declaration.values[0], depth + 1) ? node : undefined;
      case 'var':
      case 'short':
        break;
      default:
        return undefined;
    }
    if (this.validated(declaration)) return undefined;
    for (const { value, operator, resultIndex } of assignmentsBefore(declaration, this.use)) {
      // `line, err := reader.ReadString('\n')`: the text is the first result, not the error.
      if (!value || (resultIndex !== undefined && resultIndex > 0)) continue;
      const inner = this.tainted(value, depth + 1);
      if (!inner) continue;
      // An accumulator (`where += " AND " + col`) names the part it took in; a plain copy
      // (`order := r.FormValue("order")`) is named itself.
      const built = unparen(value);
      const accumulates = operator === '+=' || built.type === 'binary_expression' || (built.type === 'call_expression' && this.isSprintf(built));
      return accumulates ? inner : node;
    }
    // A variable filled in place: `fmt.Scanln(&name)`, `c.ShouldBindJSON(&req)`, `sb.WriteString(s)`.
    return (filledByInput(this, declaration) ?? writesInto(this, declaration)) ? node : undefined;
  }

  /**
   * `os.Args`, `r.URL.Path`, `c.Request.Body`; a field of a tainted value (`req.Name` of a
   * request decoded into `req`), unless the field is declared as a number or a bool.
   */
  private taintedSelector(node: Node, depth: number): Node | undefined {
    const qualified = this.context.types.qualified(node);
    if (qualified) return INPUT_VALUES[qualified.path]?.includes(qualified.name) ? this.source(node, { en: `via \`${node.text}\``, 'zh-cn': `来自 \`${node.text}\`` }) : undefined;
    if (this.fromRequest(node)) return this.source(node, FROM_REQUEST);
    if (!this.tainted(node.childForFieldName('operand')!, depth + 1)) return undefined;
    const type = this.context.types.typeOf(node);
    return type && type.pkg === '' && !type.pointer && NOT_TEXT.has(type.name ?? '') ? undefined : node;
  }

  private taintedElements(literal: Node, depth: number): boolean {
    const body = literal.childForFieldName('body');
    for (const element of body?.namedChildren ?? []) {
      const value = element?.type === 'keyed_element' ? element.namedChild(1) : element;
      const expression = value?.type === 'literal_element' ? value.namedChild(0) : value;
      if (expression && this.tainted(expression, depth + 1)) return true;
    }
    return false;
  }

  private taintedCall(call: Node, depth: number): Node | undefined {
    const fn = call.childForFieldName('function');
    const args = callArguments(call);
    if (!fn) return undefined;
    if (fn.type === 'identifier') {
      // Builtins and conversions (`append`, `string(b)`) carry their arguments; `len` is a number.
      // Functions of this package are not followed: what they return is unknown.
      if (this.context.types.declaration(fn) || this.context.index.func(fn.text)) return undefined;
      if (fn.text === 'len' || fn.text === 'cap' || fn.text === 'make' || fn.text === 'new') return undefined;
      return args.some((arg) => this.tainted(arg, depth + 1)) ? call : undefined;
    }
    const qualified = this.context.types.calledFunction(call);
    if (qualified) {
      const { path, name } = qualified;
      if (INPUT_CALLS[path]?.includes(name)) return this.source(call, { en: `via \`${fn.text}\``, 'zh-cn': `来自 \`${fn.text}\`` });
      if (SQL_QUOTERS[path]?.includes(name) || VALIDATOR.test(name)) return undefined;
      if (path === 'strconv' && NUMERIC_STRCONV.has(name)) return undefined;
      if (path === 'fmt' && name === 'Sprintf') return this.taintedSprintf(call, depth) ? call : undefined;
      // Other libraries' functions are followed only where they are known to pass text through.
      return carriesText(path, name) && args.some((arg) => this.tainted(arg, depth + 1)) ? call : undefined;
    }
    if (fn.type !== 'selector_expression') return undefined;
    if (this.fromRequest(fn)) return this.source(call, FROM_REQUEST);
    // `pgx.Identifier{…}.Sanitize()`, `escaper.Escape(s)`: quoting makes text safe in SQL.
    if (VALIDATOR.test(fn.childForFieldName('field')?.text ?? '')) return undefined;
    // A method of tainted text: `reader.ReadString('\n')` on a reader of os.Stdin, `req.GetName()`.
    return this.tainted(fn.childForFieldName('operand')!, depth + 1) ? call : undefined;
  }

  isSprintf(call: Node): boolean {
    const qualified = this.context.types.calledFunction(call);
    return qualified?.path === 'fmt' && qualified.name === 'Sprintf';
  }

  /** The tainted argument of a `fmt.Sprintf`, skipping those printed with a numeric verb. */
  taintedSprintf(call: Node, depth: number, skip = 0): Node | undefined {
    const [format, ...args] = callArguments(call).slice(skip);
    if (!format) return undefined;
    const fromFormat = this.tainted(format, depth + 1);
    if (fromFormat) return fromFormat;
    const verbs = formatVerbs(format);
    for (const [i, arg] of args.entries()) {
      // `%d` of an int cannot carry SQL; without a readable format every argument counts.
      const verb = verbs?.[i];
      if (verbs && (verb === undefined || !TEXT_VERBS.has(verb))) continue;
      const part = this.tainted(arg, depth + 1);
      if (part) return part;
    }
    return undefined;
  }

  /**
   * `r.URL.Query().Get("sort")`, `c.Param("id")`, `req.Name`: a selector chain rooted at a
   * parameter that is an HTTP request or a web framework's context.
   */
  fromRequest(node: Node): boolean {
    let root: Node | null = node;
    while (root && (root.type === 'selector_expression' || root.type === 'call_expression' || root.type === 'index_expression' || root.type === 'slice_expression')) {
      root = root.type === 'selector_expression' ? root.childForFieldName('operand') : root.childForFieldName(root.type === 'call_expression' ? 'function' : 'operand');
    }
    if (root?.type !== 'identifier') return false;
    const declaration = this.context.types.declaration(root);
    if (declaration?.kind !== 'param' || !declaration.type) return false;
    return requestKind(this.context.types.typeOfTypeNode(declaration.type)) !== undefined;
  }

  /**
   * A `string` parameter of an exported function or method, outside package main: any caller,
   * in any package, may pass anything. An unexported function's callers are all in this package
   * and usually pass values it controls (configuration, constants); a func literal's are unknown.
   */
  private exportedParameter(declaration: Declaration): boolean {
    const fn = declaration.node.parent?.parent;
    if (fn?.type !== 'function_declaration' && fn?.type !== 'method_declaration') return false;
    if (this.context.file.packageName === 'main') return false;
    return /^\p{Lu}/u.test(fn.childForFieldName('name')?.text ?? '');
  }

  /**
   * A value checked before use: compared with a non-empty literal, switched on, looked up in a map
   * (`allowedColumns[sort]`) or handed to a validating function. Whitelisting identifiers
   * that cannot be placeholders (table and column names) is the accepted remedy; stay silent.
   */
  private validated(declaration: Declaration): boolean {
    return referencesBefore(declaration, this.use).some((reference) => {
      for (let node: Node | null = reference, child: Node = reference; (node = node.parent); child = node) {
        if (node.type === 'binary_expression' && /^[!=]=$/.test(node.childForFieldName('operator')?.type ?? '')) {
          const other = node.childForFieldName('left')?.equals(child) ? node.childForFieldName('right') : node.childForFieldName('left');
          if (other && /_string_literal$/.test(other.type) && other.text.length > 2) return true;
        }
        if (node.type === 'expression_switch_statement' && node.childForFieldName('value')?.equals(child)) return true;
        if (node.type === 'index_expression' && node.childForFieldName('index')?.equals(child)) return true;
        if (node.type === 'call_expression' && VALIDATOR.test(node.childForFieldName('function')?.text ?? '')) return true;
        if (node.type.endsWith('_statement') || node.type === 'block') return false;
      }
      return false;
    });
  }
}

/** strconv functions whose result is a number's or a bool's text, or a number. */
const NUMERIC_STRCONV = new Set([
  'Itoa', 'FormatInt', 'FormatUint', 'FormatFloat', 'FormatBool', 'FormatComplex',
  'Atoi', 'ParseInt', 'ParseUint', 'ParseFloat', 'ParseBool', 'ParseComplex',
]);

/** Field types whose values print as digits or true/false. */
const NOT_TEXT = new Set([
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'bool',
]);

/** strings functions that assemble text from their arguments, as SQL building does. */
const BUILDING_STRINGS = new Set(['Join', 'Replace', 'ReplaceAll']);

/** Verbs that print a string's text as it is. */
const TEXT_VERBS = new Set(['s', 'v', 'q']);

/** Names of functions that check, quote or escape a value: `validColumn`, `pq.QuoteIdentifier`, `slices.Contains`. */
export const VALIDATOR = /(valid|allow|check|sanitiz|escape|quote|whitelist|MatchString|Contains)/i;
