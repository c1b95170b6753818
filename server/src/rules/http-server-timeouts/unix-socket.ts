import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../../core/rule';
import { assignmentsBefore } from '../../core/assignments';
import { findLocalDeclaration } from '../../core/scope';
import { callArguments, calleeParts, enclosingFunction, findAll } from '../../core/syntax';

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
  return serves.length > 0 && serves.every((call) => calleeParts(call)!.name.startsWith('Serve') && isUnixListener(callArguments(call)[0], call, context));
}

/** `listener` is a local variable whose every value before `use` is `net.Listen("unix", …)`. */
function isUnixListener(listener: Node | undefined, use: Node, context: RuleContext): boolean {
  const declaration = listener?.type === 'identifier' ? findLocalDeclaration(listener) : undefined;
  if (!declaration) return false;
  const assignments = assignmentsBefore(declaration, use);
  return (
    assignments.length > 0 &&
    assignments.every(({ value, resultIndex }) => {
      if (value?.type !== 'call_expression' || (resultIndex ?? 0) !== 0) return false;
      const called = context.types.calledFunction(value);
      const network = callArguments(value)[0];
      return called?.path === 'net' && called.name === 'Listen' && network?.type === 'interpreted_string_literal' && network.text === '"unix"';
    })
  );
}
