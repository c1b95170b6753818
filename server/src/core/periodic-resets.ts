// Which values a declaration resets in a loop: `ApiThroughput.Reset()` inside `for range
// ticker.C { … }`. A Prometheus vec reset that way holds only the series made since the last
// reset, so a label with many values costs the process bounded memory (metric-label-cardinality).
import type { Node } from 'web-tree-sitter';
import { enclosingLoops } from './syntax';

const RESET_CALL = /\.\s*Reset\s*\(\s*\)/;

/**
 * The names reset with no arguments inside a `for` statement of the same function: the
 * variable's or the field's name (`ApiThroughput` for `object.ApiThroughput.Reset()`, `hits` for
 * `m.hits.Reset()`). Names only: without types, another value of the same name counts too.
 */
export function periodicResetsOf(declaration: Node, text: string): string[] {
  if (!text.includes('Reset') || !RESET_CALL.test(text)) return [];
  const found = new Set<string>();
  for (const call of declaration.descendantsOfType('call_expression')) {
    const callee = call?.childForFieldName('function');
    if (callee?.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Reset') continue;
    if (call!.childForFieldName('arguments')?.namedChildCount !== 0 || enclosingLoops(call!).length === 0) continue;
    const operand = callee.childForFieldName('operand');
    const name = operand?.type === 'identifier' ? operand.text : operand?.type === 'selector_expression' ? operand.childForFieldName('field')?.text : undefined;
    if (name) found.add(name);
  }
  return [...found].sort();
}
