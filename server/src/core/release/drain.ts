// Reading an HTTP body to its end: the Transport then releases the connection (back to the pool
// at EOF, closed on a read error), so a Close that comes later no longer holds one.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../rule';

const READS = new Set(['short_var_declaration', 'assignment_statement', 'expression_statement']);

/**
 * True when the statement reads `body` (its source text, `resp.Body`) to the end: `b, err :=
 * io.ReadAll(body)` (or ioutil's), `io.Copy(io.Discard, body)`, or either as the initializer of
 * an `if` (`if _, err := io.Copy(io.Discard, resp.Body); err != nil {`).
 */
export function readsToEnd(statement: Node, body: string, context: RuleContext): boolean {
  const read = statement.type === 'if_statement' ? statement.childForFieldName('initializer') : statement;
  if (!read || !READS.has(read.type)) return false;
  const call = read.type === 'expression_statement' ? read.namedChild(0) : read.childForFieldName('right')?.namedChild(0);
  if (call?.type !== 'call_expression') return false;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  const called = context.types.calledFunction(call);
  if (called?.name === 'ReadAll' && (called.path === 'io' || called.path === 'io/ioutil')) return args.length === 1 && args[0].text === body;
  if (called?.path === 'io' && called.name === 'Copy' && args.length === 2 && args[1].text === body) {
    const sink = args[0].type === 'selector_expression' ? context.types.qualified(args[0]) : undefined;
    return sink?.name === 'Discard' && (sink.path === 'io' || sink.path === 'io/ioutil');
  }
  return false;
}
