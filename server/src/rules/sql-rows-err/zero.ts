// The zero value of a function's result types, as Go source, for a `return …, err` the fix writes.
import type { Node } from 'web-tree-sitter';
import type { TypeRef } from '../../core/go-types';
import type { RuleContext } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';

const NUMBERS = new Set([
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr',
  'float32', 'float64', 'complex64', 'complex128', 'byte', 'rune',
]);

/** Zero values of a few library types, by import path and name. */
const KNOWN: Record<string, Record<string, 'nil' | 'literal' | '0'>> = {
  time: { Time: 'literal', Duration: '0', Month: '0', Weekday: '0' },
  context: { Context: 'nil' },
  'database/sql': {
    Result: 'nil', NullString: 'literal', NullInt64: 'literal', NullInt32: 'literal', NullInt16: 'literal',
    NullFloat64: 'literal', NullBool: 'literal', NullTime: 'literal', NullByte: 'literal',
  },
  'encoding/json': { RawMessage: 'nil' },
  'github.com/google/uuid': { UUID: 'literal' },
};

/**
 * The results of `fn` as zero values, the trailing `error` left out; undefined when the last
 * result is not `error` or some result's zero value cannot be written with certainty (a type
 * parameter, a type from a package we know nothing about) and the function has no error return
 * of its own to copy it from.
 */
export function zeroResults(fn: Node, context: RuleContext): string[] | undefined {
  const result = fn.childForFieldName('result');
  if (!result) return undefined;
  const types: Node[] = [];
  if (result.type === 'parameter_list') {
    for (const declaration of result.namedChildren) {
      if (declaration?.type !== 'parameter_declaration') continue;
      const type = declaration.childForFieldName('type');
      if (!type) return undefined;
      const names = declaration.childrenForFieldName('name').length;
      for (let i = 0; i < Math.max(1, names); i++) types.push(type);
    }
  } else {
    types.push(result);
  }
  const last = types.pop();
  if (last?.type !== 'type_identifier' || last.text !== 'error' || context.index.namedType('error')) return undefined;
  const typeParameters = new Set(
    (fn.childForFieldName('type_parameters')?.descendantsOfType('identifier') ?? []).map((n) => n?.text),
  );
  const zeros = types.map((type) => zeroOf(type, typeParameters, context));
  if (zeros.every((zero) => zero !== undefined)) return zeros as string[];
  const shape = errorReturnShape(fn, types.length);
  return shape && zeros.map((zero, i) => zero ?? shape[i]);
}

/**
 * The values before the error in one of the function's own error returns (`return
 * model.Page{}, err`), when they are all literal zero shapes: what the author writes there
 * for a type we cannot see (`nil`, `false`, `0`, `""`, `T{}`). Undefined when there is none.
 */
function errorReturnShape(fn: Node, count: number): string[] | undefined {
  for (const statement of fn.descendantsOfType('return_statement')) {
    if (!statement || enclosingFunction(statement)?.equals(fn) !== true) continue;
    const values = statement.namedChildren.find((n) => n?.type === 'expression_list')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    if (values.length !== count + 1 || values[count].type === 'nil') continue;
    const others = values.slice(0, count);
    if (others.every(isZeroShape)) return others.map((value) => value.text);
  }
  return undefined;
}

function isZeroShape(value: Node): boolean {
  switch (value.type) {
    case 'nil':
    case 'false':
      return true;
    case 'int_literal':
    case 'float_literal':
      return Number(value.text) === 0;
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return value.text.length === 2;
    case 'composite_literal':
      return (value.childForFieldName('body')?.namedChildren ?? []).every((n) => n?.type === 'comment');
    default:
      return false;
  }
}

function zeroOf(type: Node, typeParameters: Set<string | undefined>, context: RuleContext): string | undefined {
  switch (type.type) {
    case 'pointer_type':
    case 'slice_type':
    case 'map_type':
    case 'channel_type':
    case 'function_type':
    case 'interface_type':
      return 'nil';
    case 'array_type':
      return `${type.text}{}`;
    case 'parenthesized_type':
      return type.namedChild(0) ? zeroOf(type.namedChild(0)!, typeParameters, context) : undefined;
    case 'type_identifier':
      if (typeParameters.has(type.text)) return undefined;
      return zeroOfLocal(type.text, type.text, context, new Set());
    case 'generic_type': {
      const base = type.childForFieldName('type');
      return base?.type === 'type_identifier' && context.index.struct(base.text) ? `${type.text}{}` : undefined;
    }
    case 'qualified_type': {
      const qualified = context.types.qualified(type);
      const kind = qualified && KNOWN[qualified.path]?.[qualified.name];
      return kind === 'literal' ? `${type.text}{}` : kind;
    }
    default:
      return undefined;
  }
}

/** A builtin or a type declared in this package, by name; `written` is how the result spells it. */
function zeroOfLocal(name: string, written: string, context: RuleContext, seen: Set<string>): string | undefined {
  if (context.index.struct(name)) return `${written}{}`;
  const underlying = context.index.namedType(name);
  if (!underlying) return builtinZero(name);
  if (seen.has(name)) return undefined;
  seen.add(name);
  return zeroOfRef(underlying, written, context, seen);
}

/** The zero value of a declared type, given the type it is defined from (`type IDs []int64`). */
function zeroOfRef(underlying: TypeRef, written: string, context: RuleContext, seen: Set<string>): string | undefined {
  const text = underlying.text.trim();
  if (/^(\*|\[\]|map\[|chan\b|<-|func\b|interface\b)/.test(text)) return 'nil';
  if (/^\[[^\]]+\]/.test(text) || text.startsWith('struct')) return `${written}{}`;
  if (underlying.pkg === '' && underlying.name) {
    const zero = zeroOfLocal(underlying.name, written, context, seen);
    // `type Status string` → "", but `type Account User` (a struct) → Account{}.
    return zero;
  }
  if (underlying.pkg && underlying.name) {
    const kind = KNOWN[underlying.pkg]?.[underlying.name];
    return kind === 'literal' ? `${written}{}` : kind;
  }
  return undefined;
}

function builtinZero(name: string): string | undefined {
  if (NUMBERS.has(name)) return '0';
  if (name === 'string') return '""';
  if (name === 'bool') return 'false';
  if (name === 'error' || name === 'any') return 'nil';
  return undefined;
}
