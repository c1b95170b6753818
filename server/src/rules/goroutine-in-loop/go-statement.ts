// Reading a go statement and the code around it: its call, its func literal, its loops, a block's first statement.
import type { Node } from 'web-tree-sitter';
import { unparen } from '../../core/syntax';

/** The call of a go statement. */
export function goCall(go: Node): Node | undefined {
  const call = firstNamed(go);
  return call?.type === 'call_expression' ? call : undefined;
}

/** The func literal a go statement calls (`go func() { … }()`), if it calls one. */
export function goroutineLiteral(call: Node | undefined): Node | undefined {
  const fn = call?.childForFieldName('function');
  const literal = fn ? unparen(fn) : undefined;
  return literal?.type === 'func_literal' ? literal : undefined;
}

/** The first named child that is not a comment. */
export function firstNamed(node: Node): Node | null {
  let child = node.firstNamedChild;
  while (child && child.type === 'comment') child = child.nextNamedSibling;
  return child;
}

/** The first statement of a block, or its first comment when it has no statement. */
export function firstStatement(block: Node): Node | null {
  let comment: Node | null = null;
  for (let child = block.firstNamedChild; child; child = child.nextNamedSibling) {
    const type = child.type;
    if (type === 'comment') {
      comment ??= child;
    } else if (type === 'statement_list') {
      const statement = firstNamed(child);
      if (statement) return statement;
    } else {
      return child;
    }
  }
  return comment;
}
