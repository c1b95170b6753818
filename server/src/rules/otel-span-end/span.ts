// Which calls start a span, and what each use of the span variable means.
import type { Node } from 'web-tree-sitter';
import { isNamed } from '../../core/go-types';
import { isAssignedTo, isCompared, type Reference, type Use } from '../../core/release/usage';
import type { RuleContext } from '../../core/rule';

const OTEL_TRACE = 'go.opentelemetry.io/otel/trace';

/**
 * True for `Start` on a `trace.Tracer`: `otel.Tracer(…)`, a provider's `Tracer(…)`, or a
 * parameter, field, local or package variable of that type (any import name). A method of the
 * package's own types whose second result is a `trace.Span` counts too (a tracer embedded in a
 * struct, a thin wrapper): its caller must end the span just the same.
 */
export function startsSpan(call: Node, context: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : null;
  if (!operand || context.types.qualified(callee)) return false;
  if (isNamed(context.types.typeOf(operand), OTEL_TRACE, 'Tracer')) return true;
  return isNamed(context.types.resultsOf(call)?.[1], OTEL_TRACE, 'Span');
}

/**
 * What one use of the span variable means. Setting attributes, recording errors and reading the
 * span context are harmless; `span.End()` and a deferred helper taking the span end it; anything
 * else (returned, stored, passed on, put into a context) hands it to someone else.
 */
export function classifySpanUse({ node, parent }: Reference): Use {
  if (parent.type === 'selector_expression' && parent.childForFieldName('operand')?.equals(node)) {
    if (parent.childForFieldName('field')?.text !== 'End') return { kind: 'harmless' };
    const call = parent.parent;
    if (call?.type === 'call_expression' && call.childForFieldName('function')?.equals(parent)) return { kind: 'release', call };
    return { kind: 'releaseValue', value: parent };
  }
  if (parent.type === 'argument_list') return { kind: 'argument', argument: node, otherwise: 'escape' };
  if (isCompared(node) || isAssignedTo(node)) return { kind: 'harmless' };
  return { kind: 'escape' };
}
