import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import { callArguments, calleeParts, enclosingFunction, findAll, unparen } from '../../core/syntax';

/**
 * The server stored in `target` is served, in the function that builds it, only on listeners
 * from `net.Listen("unix", …)`: a socket file that only processes of this machine (normally a
 * reverse proxy) can open, so slow clients from the network never reach it.
 */
export function servesOnlyUnixSockets(target: Node, literal: Node, context: RuleContext): boolean {
  const fn = enclosingFunction(literal);
  const body = fn?.childForFieldName('body');
  if (!body || target.type !== 'identifier') return false;
  const serves = findAll(body, 'call_expression').filter((call) => {
    const callee = calleeParts(call);
    return callee?.operand?.type === 'identifier' && callee.operand.text === target.text && /^(Serve|ServeTLS|ListenAndServe|ListenAndServeTLS)$/.test(callee.name);
  });
  return serves.length > 0 && serves.every((call) => calleeParts(call)!.name.startsWith('Serve') && isUnixListener(callArguments(call)[0], body, context));
}

/** `listener` is a variable of `body` whose only value is `net.Listen("unix", …)`. */
function isUnixListener(listener: Node | undefined, body: Node, context: RuleContext): boolean {
  if (listener?.type !== 'identifier') return false;
  const values: Node[] = [];
  for (const statement of findAll(body, new Set(['short_var_declaration', 'assignment_statement']))) {
    const left = statement.childForFieldName('left')?.namedChildren ?? [];
    if (!left.some((name) => name?.type === 'identifier' && name.text === listener.text)) continue;
    const right = statement.childForFieldName('right')?.namedChildren ?? [];
    if (right.length !== 1 || !right[0]) return false;
    values.push(unparen(right[0]));
  }
  return (
    values.length > 0 &&
    values.every((value) => {
      if (value.type !== 'call_expression') return false;
      const called = context.types.calledFunction(value);
      const network = callArguments(value)[0];
      return called?.path === 'net' && called.name === 'Listen' && network?.type === 'interpreted_string_literal' && network.text === '"unix"';
    })
  );
}
