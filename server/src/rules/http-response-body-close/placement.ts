// Where `defer resp.Body.Close()` belongs: right after the `if err != nil { … }` that follows the request.
import type { Node } from 'web-tree-sitter';
import { isErrorCheck, nextStatement } from '../../core/release/binding';
import { readsToEnd } from '../../core/release/drain';
import type { RuleContext } from '../../core/rule';

/**
 * The idiom: `resp, err := …` directly followed by `if err != nil { … }` and
 * `defer resp.Body.Close()`. Read before any type is asked for; false means "look closer".
 */
export function closedRightAway(statement: Node, name: string, err: string | undefined): boolean {
  if (statement.parent?.type !== 'statement_list' || err === undefined || err === '_') return false;
  const check = nextStatement(statement);
  if (!check || !isErrorCheck(check, err)) return false;
  const next = nextStatement(check);
  return next?.type === 'defer_statement' && next.text.replace(/\s+/g, '') === `defer${name}.Body.Close()`;
}

/**
 * The `if err != nil { … }` right after the request, when its block always leaves (returns,
 * continues, breaks, panics): only then is the response non-nil after it and a defer safe.
 */
export function errorCheckAnchor(statement: Node, err: string | undefined, context: RuleContext): Node | undefined {
  if (statement.parent?.type !== 'statement_list' || err === undefined) return undefined;
  const next = nextStatement(statement);
  if (!next || !isErrorCheck(next, err)) return undefined;
  return leaves(next.childForFieldName('consequence'), context) ? next : undefined;
}

/** True when the last statement of the block leaves it for good. */
function leaves(block: Node | null, context: RuleContext): boolean {
  const list = block?.namedChildren.find((n) => n?.type === 'statement_list');
  const statements = list?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  const last = statements[statements.length - 1];
  switch (last?.type) {
    case 'return_statement':
    case 'continue_statement':
    case 'break_statement':
    case 'goto_statement':
      return true;
    case 'expression_statement': {
      const call = last.namedChild(0);
      const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
      if (fn?.type === 'identifier') return fn.text === 'panic' && !context.types.declaration(fn);
      const called = fn ? context.types.qualified(fn) : undefined;
      return called?.path === 'log' && /^(Fatal|Panic)(f|ln)?$/.test(called.name);
    }
    default:
      return false;
  }
}

/**
 * The body is read to its end by the statement right after the error check (`body, err :=
 * io.ReadAll(resp.Body)`, `io.Copy(io.Discard, resp.Body)`): from then on the Transport has
 * released the connection, back to the pool at EOF or closed on a read error, so no later path
 * can leak it. A missing Close is then a broken contract, not a leak.
 */
export function drainedRightAway(statement: Node, name: string, err: string | undefined, context: RuleContext): boolean {
  const check = errorCheckAnchor(statement, err, context);
  const following = check && nextStatement(check);
  return Boolean(following && readsToEnd(following, `${name}.Body`, context));
}
