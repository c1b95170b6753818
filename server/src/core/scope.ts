import type { Node } from 'web-tree-sitter';
import { treeMemo } from './tree-memo';

/** Where a name is declared, as far as the syntax tells. */
export interface Declaration {
  kind: 'param' | 'receiver' | 'result' | 'var' | 'const' | 'short' | 'range' | 'package';
  /** The identifier in the declaration. */
  name: Node;
  /** The declared type, when written. */
  type?: Node;
  /** The value expressions of the declaration, when there are any. */
  values: Node[];
  /** Position of this name among the declared names (for `a, b := f()`). */
  index: number;
  /** The declaring statement, parameter list or clause. */
  node: Node;
}

/**
 * Finds the declaration a plain identifier refers to by walking outwards through the enclosing
 * blocks, clauses and functions, as Go's scoping does. Package-level names are not resolved here
 * (the package index knows them); `undefined` means "not declared locally".
 */
export function findLocalDeclaration(identifier: Node): Declaration | undefined {
  return findDeclarationFrom(identifier.text, identifier);
}

/**
 * The declaration `name` would refer to if it were written at `at` (any node: a statement, a
 * call). Used to ask "is `ctx` in scope here, and what is it?" without an identifier in hand.
 */
export function findDeclarationFrom(name: string, at: Node): Declaration | undefined {
  // The answer from a node is the answer from every node on the way up to where it was found,
  // so each lookup remembers it for them: nested code asks about the same names at every depth.
  const byName = treeMemo(at.tree, 'declarations', () => new Map<string, Map<number, Declaration | null>>());
  let answers = byName.get(name);
  if (!answers) {
    answers = new Map();
    byName.set(name, answers);
  }
  const visited: number[] = [];
  let found: Declaration | undefined;
  let child: Node = at;
  search: for (let scope = at.parent; scope; child = scope, scope = scope.parent) {
    const known = answers.get(child.id);
    if (known !== undefined) {
      found = known ?? undefined;
      break;
    }
    visited.push(child.id);
    switch (scope.type) {
      case 'statement_list':
      case 'block':
        found = declarationBefore(scope, child, name);
        break;
      case 'if_statement':
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'for_statement':
      case 'for_clause':
      case 'select_statement':
      case 'communication_case':
      case 'type_case':
      case 'expression_case':
      case 'default_case':
        found = clauseDeclaration(scope, child, name);
        break;
      case 'function_declaration':
      case 'method_declaration':
      case 'func_literal':
        found = parameterDeclaration(scope, name);
        break;
      case 'source_file':
        break search;
    }
    if (found) break;
  }
  for (const id of visited) answers.set(id, found ?? null);
  return found;
}

/**
 * The last declaration of `name` among the statements of `list` before `child`. The names each
 * statement declares are indexed once per list, so a long function costs no more per lookup
 * than a short one.
 */
function declarationBefore(list: Node, child: Node, name: string): Declaration | undefined {
  const indexes = treeMemo(list.tree, 'declared-names', () => new Map<number, Map<string, Node[]>>());
  let index = indexes.get(list.id);
  if (!index) {
    index = new Map();
    for (const statement of list.namedChildren) {
      if (!statement) continue;
      for (const declared of declaredNames(statement)) {
        const statements = index.get(declared);
        if (statements) statements.push(statement);
        else index.set(declared, [statement]);
      }
    }
    indexes.set(list.id, index);
  }
  const statements = index.get(name) ?? [];
  for (let i = statements.length - 1; i >= 0; i--) {
    if (statements[i].startIndex < child.startIndex) return declarationIn(statements[i], name);
  }
  return undefined;
}

/** Every name `declarationIn` finds in a statement. */
function declaredNames(statement: Node): string[] {
  switch (statement.type) {
    case 'short_var_declaration': {
      const left = statement.childForFieldName('left');
      const names = left?.type === 'expression_list' ? left.namedChildren : left ? [left] : [];
      return names.filter((n): n is Node => n?.type === 'identifier').map((n) => n.text);
    }
    case 'var_declaration':
    case 'const_declaration':
      return statement
        .descendantsOfType(statement.type === 'var_declaration' ? 'var_spec' : 'const_spec')
        .flatMap((spec) => spec?.childrenForFieldName('name').map((n) => n?.text ?? '') ?? []);
    default:
      return [];
  }
}

/** A declaration of `name` made by a statement (not looking inside nested blocks). */
export function declarationIn(statement: Node, name: string): Declaration | undefined {
  switch (statement.type) {
    case 'short_var_declaration':
      return fromAssignment(statement, name, 'short');
    case 'var_declaration':
    case 'const_declaration': {
      const kind = statement.type === 'var_declaration' ? 'var' : 'const';
      const specType = kind === 'var' ? 'var_spec' : 'const_spec';
      for (const spec of statement.descendantsOfType(specType)) {
        if (!spec) continue;
        const names = spec.childrenForFieldName('name').filter((n): n is Node => n !== null);
        const index = names.findIndex((n) => n.text === name);
        if (index === -1) continue;
        const values = spec.childForFieldName('value')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
        return { kind, name: names[index], type: spec.childForFieldName('type') ?? undefined, values, index, node: spec };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function fromAssignment(statement: Node, name: string, kind: 'short' | 'range'): Declaration | undefined {
  const left = statement.childForFieldName('left');
  if (!left) return undefined;
  const names = left.type === 'expression_list' ? left.namedChildren.filter((n): n is Node => n !== null) : [left];
  const index = names.findIndex((n) => n.type === 'identifier' && n.text === name);
  if (index === -1) return undefined;
  const right = statement.childForFieldName('right');
  const values = right?.type === 'expression_list' ? right.namedChildren.filter((n): n is Node => n !== null) : right ? [right] : [];
  return { kind, name: names[index], values, index, node: statement };
}

function clauseDeclaration(scope: Node, child: Node, name: string): Declaration | undefined {
  // `i` in `for i := 0; i < n; i++` (condition, update) is the initializer's.
  const initializer = scope.childForFieldName('initializer');
  if (initializer && !initializer.equals(child)) {
    const found = declarationIn(initializer, name);
    if (found) return found;
  }
  if (scope.type === 'for_statement') {
    for (const clause of scope.namedChildren) {
      if (!clause || clause.equals(child)) continue;
      if (clause.type === 'range_clause' && clause.text.includes(':=')) {
        const found = fromAssignment(clause, name, 'range');
        if (found) return found;
      }
      if (clause.type === 'for_clause') {
        const init = clause.childForFieldName('initializer');
        const found = init ? declarationIn(init, name) : undefined;
        if (found) return found;
      }
    }
  }
  if (scope.type === 'type_switch_statement') {
    const alias = scope.childForFieldName('alias');
    const aliases = alias?.type === 'expression_list' ? alias.namedChildren : alias ? [alias] : [];
    const hit = aliases.find((n) => n?.text === name);
    if (hit) return { kind: 'short', name: hit, values: [], index: 0, node: scope };
  }
  if (scope.type === 'communication_case') {
    const communication = scope.childForFieldName('communication');
    if (communication?.type === 'receive_statement' && !communication.equals(child)) {
      const found = fromAssignment(communication, name, 'short');
      if (found) return found;
    }
  }
  return undefined;
}

function parameterDeclaration(fn: Node, name: string): Declaration | undefined {
  const lists: Array<[Node | null, Declaration['kind']]> = [
    [fn.childForFieldName('receiver'), 'receiver'],
    [fn.childForFieldName('parameters'), 'param'],
    [fn.childForFieldName('result'), 'result'],
  ];
  for (const [list, kind] of lists) {
    if (list?.type !== 'parameter_list') continue;
    for (const declaration of list.namedChildren) {
      if (!declaration) continue;
      const names = declaration.childrenForFieldName('name').filter((n): n is Node => n !== null);
      const index = names.findIndex((n) => n.text === name);
      if (index !== -1) {
        return { kind, name: names[index], type: declaration.childForFieldName('type') ?? undefined, values: [], index, node: declaration };
      }
    }
  }
  return undefined;
}


/** A constant declared at the top level of the file of `identifier` (`const address = "localhost:50051"`). */
export function fileConstant(identifier: Node): Declaration | undefined {
  for (const child of identifier.tree.rootNode.namedChildren) {
    if (child?.type !== 'const_declaration') continue;
    const found = declarationIn(child, identifier.text);
    if (found) return found;
  }
  return undefined;
}
