// Which unexported fields a declaration may change, and which it sends HTTP requests through, by
// name. Only the package can name an unexported field, so when no declaration of the package
// changes one, the value a literal gave it is the value it keeps (http-client-timeout: a client
// stored in a field that nothing configures). Names only: without types, a field of another
// struct with the same name counts too, which can only make the rules that ask more careful.
import type { Node } from 'web-tree-sitter';
import { isExported } from './package-index';
import { REQUEST_METHODS } from './response-wrappers';

export interface FieldWrites {
  /**
   * Fields on the left of an assignment (`c.hc = …`, and at any depth, `c.hc.Timeout = …`), of
   * `++`/`--`, of a range or receive, or under `&` (`&c.hc`: a pointer that can change it later).
   */
  changed: string[];
  /** Fields whose value sends a request: `c.hc.Do(req)`, `c.hc.Get(url)`. */
  sending: string[];
}

const WRITES = ['assignment_statement', 'inc_statement', 'dec_statement', 'range_clause', 'receive_statement', 'unary_expression'];

/** `x.field.Do(` and the other request methods, on a field that is not exported: a text test before the walk. */
const SEND = new RegExp(`\\.\\s*[\\p{Ll}_][\\p{L}\\p{Nd}_]*\\s*\\.\\s*(?:${[...REQUEST_METHODS].join('|')})\\s*\\(`, 'u');

export function fieldWritesOf(declaration: Node, text: string): FieldWrites {
  const changed = new Set<string>();
  for (const node of declaration.descendantsOfType(WRITES)) {
    if (!node) continue;
    if (node.type === 'unary_expression') {
      if (node.childForFieldName('operator')?.text === '&') addChain(node.childForFieldName('operand'), changed);
    } else if (node.type === 'inc_statement' || node.type === 'dec_statement') {
      addChain(node.namedChild(0), changed);
    } else {
      const left = node.childForFieldName('left');
      for (const target of left?.type === 'expression_list' ? left.namedChildren : [left]) addChain(target, changed);
    }
  }
  const sending = new Set<string>();
  if (SEND.test(text)) {
    for (const call of declaration.descendantsOfType('call_expression')) {
      const callee = call?.childForFieldName('function');
      const client = callee?.type === 'selector_expression' && REQUEST_METHODS.has(callee.childForFieldName('field')?.text ?? '') ? callee.childForFieldName('operand') : null;
      const field = client?.type === 'selector_expression' ? client.childForFieldName('field')?.text : undefined;
      if (field && !isExported(field)) sending.add(field);
    }
  }
  return { changed: [...changed].sort(), sending: [...sending].sort() };
}

/** The unexported field names along `c.a[i].b`, `(*p).a`, `c.get().a`: each may be changed through it. */
function addChain(expression: Node | null, names: Set<string>): void {
  for (let current = expression; current; ) {
    switch (current.type) {
      case 'selector_expression': {
        const field = current.childForFieldName('field')?.text;
        if (field && !isExported(field)) names.add(field);
        current = current.childForFieldName('operand');
        break;
      }
      case 'index_expression':
      case 'slice_expression':
      case 'unary_expression':
        current = current.childForFieldName('operand');
        break;
      case 'call_expression':
        current = current.childForFieldName('function');
        break;
      case 'parenthesized_expression':
        current = current.namedChild(0);
        break;
      default:
        current = null;
    }
  }
}
