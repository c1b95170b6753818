import type { Node, Tree } from 'web-tree-sitter';
import { typeFromNode, type TypeRef } from './go-types';
import { readImports, type FileImports } from './imports';

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
}

export function summarizeFile(uri: string, tree: Tree): FileSummary {
  const root = tree.rootNode;
  const imports = readImports(root);
  const resolve = (qualifier: string) => imports.byName.get(qualifier);
  const summary: FileSummary = {
    uri,
    packageName: '',
    imports,
    structs: [],
    otherTypes: new Map(),
    funcs: [],
    vars: new Map(),
  };
  for (const declaration of root.namedChildren) {
    if (!declaration) continue;
    switch (declaration.type) {
      case 'package_clause':
        summary.packageName = declaration.namedChild(0)?.text ?? '';
        break;
      case 'type_declaration':
        for (const spec of declaration.namedChildren) {
          if (spec?.type === 'type_spec') readTypeSpec(spec, resolve, summary);
        }
        break;
      case 'function_declaration':
      case 'method_declaration': {
        const signature = readSignature(declaration, resolve);
        if (signature) summary.funcs.push(signature);
        break;
      }
      case 'var_declaration':
        for (const spec of declaration.descendantsOfType('var_spec')) {
          if (spec && isDirectSpec(spec, declaration)) readVarSpec(spec, resolve, summary.vars);
        }
        break;
    }
  }
  return summary;
}

function readTypeSpec(spec: Node, resolve: (q: string) => string | undefined, summary: FileSummary): void {
  const name = spec.childForFieldName('name')?.text;
  const type = spec.childForFieldName('type');
  if (!name || !type) return;
  if (type.type !== 'struct_type') {
    summary.otherTypes.set(name, typeFromNode(type, resolve));
    return;
  }
  const struct: StructType = { name, fields: new Map(), embedded: [] };
  for (const field of type.descendantsOfType('field_declaration')) {
    const fieldType = field?.childForFieldName('type');
    if (!field || !fieldType || !field.parent?.parent?.equals(type)) continue;
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

export function readSignature(declaration: Node, resolve: (q: string) => string | undefined): FuncSignature | undefined {
  const name = declaration.childForFieldName('name')?.text;
  if (!name) return undefined;
  const signature: FuncSignature = { name, params: readParams(declaration.childForFieldName('parameters'), resolve), results: [] };
  const receiver = declaration.childForFieldName('receiver');
  if (receiver) {
    const type = readParams(receiver, resolve)[0]?.type;
    signature.receiver = type?.name ?? type?.text.replace(/^\*/, '');
  }
  const result = declaration.childForFieldName('result');
  if (result?.type === 'parameter_list') signature.results = readParams(result, resolve).map((p) => p.type);
  else if (result) signature.results = [typeFromNode(result, resolve)];
  return signature;
}

export function readParams(list: Node | null, resolve: (q: string) => string | undefined): Param[] {
  const params: Param[] = [];
  if (!list) return params;
  for (const declaration of list.namedChildren) {
    if (declaration?.type !== 'parameter_declaration' && declaration?.type !== 'variadic_parameter_declaration') continue;
    const typeNode = declaration.childForFieldName('type');
    if (!typeNode) continue;
    const type = typeFromNode(typeNode, resolve);
    const names = declaration.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (names.length === 0) params.push({ type });
    for (const name of names) params.push({ name: name.text, type });
  }
  return params;
}

function readVarSpec(spec: Node, resolve: (q: string) => string | undefined, vars: Map<string, TypeRef>): void {
  const typeNode = spec.childForFieldName('type');
  const names = spec.childrenForFieldName('name').filter((n): n is Node => n !== null);
  const type = typeNode ? typeFromNode(typeNode, resolve) : { pointer: false, text: '' };
  for (const name of names) vars.set(name.text, type);
}

/** A var_spec of this declaration itself, not one of a nested declaration. */
function isDirectSpec(spec: Node, declaration: Node): boolean {
  const parent = spec.parent;
  return Boolean(parent?.equals(declaration) || (parent?.type === 'var_spec_list' && parent.parent?.equals(declaration)));
}
