import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import type { Declaration } from '../../core/scope';
import { callArguments, unparen } from '../../core/syntax';
import { assignmentsBefore, referencesBefore } from './origin';
import { formatVerbs } from './verbs';

/**
 * Where the parts of a SQL string come from. A part is *tainted* when it is text from outside
 * the function's control: a `string` parameter, something read from an HTTP request, or a value
 * derived from those. Literals, constants, numbers and anything the syntax cannot trace (package
 * variables, helper results, map look-ups) are not: the rule stays silent on what it cannot see.
 */
export class Taint {
  private readonly seen = new Set<number>();

  constructor(
    private readonly context: RuleContext,
    /** The SQL call: values are followed up to it. */
    private readonly use: Node,
  ) {}

  /**
   * For the SQL argument: the building expression (`+`, `+=` or `fmt.Sprintf`) and the tainted
   * part it puts into the SQL, following local variables to their assignments.
   */
  built(expression: Node, depth = 0): { how: string; part: Node } | undefined {
    const node = unparen(expression);
    if (depth > 4 || this.seen.has(node.id)) return undefined;
    this.seen.add(node.id);
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.type === '+') {
      const part = this.tainted(node);
      return part && { how: '+', part };
    }
    if (node.type === 'call_expression' && this.isSprintf(node)) {
      const part = this.taintedSprintf(node, 0);
      return part && { how: 'fmt.Sprintf', part };
    }
    if (node.type !== 'identifier') return undefined;
    const declaration = this.context.types.declaration(node);
    if (!declaration || (declaration.kind !== 'var' && declaration.kind !== 'short')) return undefined;
    for (const assignment of assignmentsBefore(declaration, this.use)) {
      if (!assignment.value) continue;
      if (assignment.operator === '+=') {
        const part = this.tainted(assignment.value);
        if (part) return { how: '+=', part };
        continue;
      }
      const found = this.built(assignment.value, depth + 1);
      if (found) return found;
    }
    return undefined;
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
        return this.fromRequest(node) ? node : undefined;
      case 'call_expression':
        return this.taintedCall(node, depth);
      default:
        return undefined;
    }
  }

  private taintedIdentifier(node: Node, depth: number): Node | undefined {
    const declaration = this.context.types.declaration(node);
    if (!declaration) return undefined;
    if (declaration.kind === 'param') {
      const type = declaration.type?.text.replace(/^(\.\.\.|\[\])/, '');
      return type === 'string' && !this.validated(declaration) ? node : undefined;
    }
    if (declaration.kind !== 'var' && declaration.kind !== 'short') return undefined;
    if (this.seen.has(declaration.name.id)) return undefined;
    this.seen.add(declaration.name.id);
    if (this.validated(declaration)) return undefined;
    for (const { value, operator } of assignmentsBefore(declaration, this.use)) {
      const inner = value && this.tainted(value, depth + 1);
      if (!inner) continue;
      // An accumulator (`where += " AND " + col`) names the part it took in; a plain copy
      // (`order := r.FormValue("order")`) is named itself.
      const accumulates = operator === '+=' || (unparen(value).type === 'binary_expression' || (unparen(value).type === 'call_expression' && this.isSprintf(unparen(value))));
      return accumulates ? inner : node;
    }
    return undefined;
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
      if (qualified.path === 'strconv' && NUMERIC_STRCONV.has(qualified.name)) return undefined;
      if (qualified.path === 'fmt' && qualified.name === 'Sprintf') return this.taintedSprintf(call, depth) ? call : undefined;
      return args.some((arg) => this.tainted(arg, depth + 1)) ? call : undefined;
    }
    return fn.type === 'selector_expression' && this.fromRequest(fn) ? call : undefined;
  }

  private isSprintf(call: Node): boolean {
    const qualified = this.context.types.calledFunction(call);
    return qualified?.path === 'fmt' && qualified.name === 'Sprintf';
  }

  /** The tainted argument of a `fmt.Sprintf`, skipping those printed with a numeric verb. */
  private taintedSprintf(call: Node, depth: number): Node | undefined {
    const [format, ...args] = callArguments(call);
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
  private fromRequest(node: Node): boolean {
    let root: Node | null = node;
    while (root && (root.type === 'selector_expression' || root.type === 'call_expression' || root.type === 'index_expression')) {
      root = root.type === 'selector_expression' ? root.childForFieldName('operand') : root.childForFieldName(root.type === 'call_expression' ? 'function' : 'operand');
    }
    if (root?.type !== 'identifier') return false;
    const declaration = this.context.types.declaration(root);
    if (declaration?.kind !== 'param' || !declaration.type) return false;
    const type = this.context.types.typeOfTypeNode(declaration.type);
    return REQUEST_TYPES.some(([path, name]) => type.name === name && (type.pkg === path || type.pkg?.startsWith(`${path}/v`)));
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

/** strconv functions whose result is a number's or a bool's text. */
const NUMERIC_STRCONV = new Set(['Itoa', 'FormatInt', 'FormatUint', 'FormatFloat', 'FormatBool', 'FormatComplex']);

/** Verbs that print a string's text as it is. */
const TEXT_VERBS = new Set(['s', 'v', 'q']);

const VALIDATOR = /(valid|allow|check|sanitiz|escape|quote|whitelist|MatchString)/i;

const REQUEST_TYPES: Array<[string, string]> = [
  ['net/http', 'Request'],
  ['github.com/gin-gonic/gin', 'Context'],
  ['github.com/labstack/echo', 'Context'],
  ['github.com/gofiber/fiber', 'Ctx'],
];
