import type { Node } from 'web-tree-sitter';
import { seenFrom, typeFromNode, type TypeRef } from './go-types';
import { knownFunctionResults, knownMethodResults } from './known-apis';
import type { FuncSignature } from './file-summary';
import { isExported, type PackageIndex } from './package-index';
import { findLocalDeclaration, type Declaration } from './scope';
import { calleeParts, unparen } from './syntax';

/**
 * Answers "what type is this expression?" and "is this name the net/http package?" for one file,
 * from its syntax, the package index and the table of known library APIs. An answer of
 * `undefined` means "cannot tell", and rules treat it as such: they stay silent.
 */
export class TypeResolver {
  private readonly memo = new Map<number, TypeRef | undefined>();

  constructor(
    private readonly fileUri: string,
    private readonly index: PackageIndex,
  ) {}

  /** The import path `name` refers to at `at`, unless a local declaration shadows the import. */
  packagePath(name: string, at: Node): string | undefined {
    const path = this.index.importPath(this.fileUri, name);
    if (path === undefined) return undefined;
    return findLocalDeclaration(at) ? undefined : path;
  }

  /** True when `node` is the identifier of an import of `path` (`http`, `nethttp`, …). */
  isPackage(node: Node | null, path: string): boolean {
    return node?.type === 'identifier' && this.packagePath(node.text, node) === path;
  }

  /**
   * For `pkg.Name` (a selector or qualified type), the import path and member name;
   * `undefined` when the operand is not an import of this file.
   */
  qualified(node: Node | null): { path: string; name: string } | undefined {
    if (!node) return undefined;
    const isSelector = node.type === 'selector_expression';
    if (!isSelector && node.type !== 'qualified_type') return undefined;
    const operand = node.childForFieldName(isSelector ? 'operand' : 'package');
    const member = node.childForFieldName(isSelector ? 'field' : 'name');
    if (!operand || !member || (isSelector && operand.type !== 'identifier')) return undefined;
    const path = isSelector ? this.packagePath(operand.text, operand) : this.index.importPath(this.fileUri, operand.text);
    return path === undefined ? undefined : { path, name: member.text };
  }

  /** For a call, the package function it calls (`sql.Open` → database/sql, Open). */
  calledFunction(call: Node): { path: string; name: string } | undefined {
    return this.qualified(call.childForFieldName('function'));
  }

  declaration(identifier: Node): Declaration | undefined {
    return findLocalDeclaration(identifier);
  }

  typeOfTypeNode(node: Node): TypeRef {
    return typeFromNode(node, (qualifier) => this.index.importPath(this.fileUri, qualifier));
  }

  typeOf(expression: Node): TypeRef | undefined {
    const key = expression.id;
    if (this.memo.has(key)) return this.memo.get(key);
    this.memo.set(key, undefined); // guards against cycles such as `x := x.next`
    const type = this.computeType(unparen(expression));
    this.memo.set(key, type);
    return type;
  }

  /** The result types of a call, when the callee is known. */
  resultsOf(call: Node): TypeRef[] | undefined {
    const callee = calleeParts(call);
    if (!callee) return undefined;
    if (!callee.operand) {
      const fn = call.childForFieldName('function');
      if (fn && findLocalDeclaration(fn)) return undefined;
      return this.index.func(callee.name)?.results;
    }
    const qualified = this.calledFunction(call);
    if (qualified) return knownFunctionResults(qualified.path, qualified.name) ?? this.moduleResults(qualified.path, this.index.importedFunc(qualified.path, qualified.name));
    const receiver = this.typeOf(callee.operand);
    return receiver ? this.methodResults(receiver, callee.name) : undefined;
  }

  private methodResults(receiver: TypeRef, method: string, seen = new Set<string>()): TypeRef[] | undefined {
    if (receiver.pkg !== '') {
      const known = knownMethodResults(receiver, method);
      return known ?? (receiver.name ? this.moduleResults(receiver.pkg!, this.index.importedMethod(receiver.pkg!, receiver.name, method)) : undefined);
    }
    if (!receiver.name || seen.has(receiver.name)) return undefined;
    seen.add(receiver.name);
    const own = this.index.method(receiver.name, method);
    if (own) return own.results;
    for (const embedded of this.index.struct(receiver.name)?.embedded ?? []) {
      const promoted = this.methodResults(embedded, method, seen);
      if (promoted) return promoted;
    }
    return undefined;
  }

  /** The results of a function of another package of the module, as this package sees their types. */
  private moduleResults(path: string, signature: FuncSignature | undefined): TypeRef[] | undefined {
    return signature?.results.map((type) => seenFrom(type, path));
  }

  private computeType(node: Node): TypeRef | undefined {
    switch (node.type) {
      case 'identifier':
        return this.typeOfIdentifier(node);
      case 'unary_expression': {
        const operand = node.childForFieldName('operand');
        if (node.child(0)?.type !== '&' || !operand) return undefined;
        const inner = this.typeOf(operand);
        return inner && { ...inner, pointer: true, text: `*${inner.text}` };
      }
      case 'composite_literal': {
        const type = node.childForFieldName('type');
        return type ? this.typeOfTypeNode(type) : undefined;
      }
      case 'type_assertion_expression': {
        const type = node.childForFieldName('type');
        return type ? this.typeOfTypeNode(type) : undefined;
      }
      case 'call_expression':
        return this.newOf(node) ?? this.resultsOf(node)?.[0];
      case 'selector_expression':
        return this.typeOfSelector(node);
      default:
        return undefined;
    }
  }

  /** `new(T)` with the builtin `new`: a `*T`. */
  private newOf(call: Node): TypeRef | undefined {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'identifier' || fn.text !== 'new' || findLocalDeclaration(fn)) return undefined;
    const type = call.childForFieldName('arguments')?.namedChild(0);
    if (!type) return undefined;
    const inner = this.typeOfTypeNode(type);
    return { ...inner, pointer: true, text: `*${inner.text}` };
  }

  private typeOfIdentifier(identifier: Node): TypeRef | undefined {
    const declaration = findLocalDeclaration(identifier);
    if (!declaration) return this.index.packageVar(identifier.text);
    return this.typeOfDeclaration(declaration);
  }

  typeOfDeclaration(declaration: Declaration): TypeRef | undefined {
    if (declaration.type) return this.typeOfTypeNode(declaration.type);
    if (declaration.kind === 'range') return undefined;
    const { values, index } = declaration;
    if (values.length === 0) return undefined;
    if (values.length > 1) return values[index] ? this.typeOf(values[index]) : undefined;
    const value = unparen(values[0]);
    if (index === 0) return this.typeOf(value);
    return value.type === 'call_expression' ? this.resultsOf(value)?.[index] : undefined;
  }

  private typeOfSelector(node: Node): TypeRef | undefined {
    const operand = node.childForFieldName('operand');
    const field = node.childForFieldName('field')?.text;
    if (!operand || !field) return undefined;
    const qualified = this.qualified(node);
    if (qualified) {
      if (qualified.path === 'net/http' && qualified.name === 'DefaultClient') return httpClient;
      // A variable of another package of the module (`object.ApiLatency`), as that package declares it.
      const declared = isExported(qualified.name) ? this.index.imported(qualified.path)?.packageVar(qualified.name) : undefined;
      return declared && seenFrom(declared, qualified.path);
    }
    const owner = this.typeOf(operand);
    if (owner?.pkg !== '' || !owner.name) return undefined;
    return this.index.fieldType(owner.name, field);
  }
}

const httpClient: TypeRef = { pkg: 'net/http', name: 'Client', pointer: true, text: '*http.Client' };
