// The fix: a ticker the function stops, in the two statement shapes where that is a plain
// rewrite: `for range time.Tick(d)` and `tick := time.Tick(d)`.
import type { Node } from 'web-tree-sitter';
import { indentOf, insertLinesBefore, replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import type { RuleContext } from '../../core/rule';
import { callArguments } from '../../core/syntax';
import type { LineIndex } from '../../core/text';

const UNITS = new Set(['Nanosecond', 'Microsecond', 'Millisecond', 'Second', 'Minute', 'Hour']);

export function tickerFix(call: Node, fn: Node, context: RuleContext): Fix | undefined {
  const statement = enclosingStatement(call);
  if (!statement) return undefined;
  // A defer in a loop would hold every ticker until the function returns.
  for (let node = statement.parent; node && !node.equals(fn); node = node.parent) {
    if (node.type === 'for_statement') return undefined;
  }
  const lines = context.file.lines;
  if (lines.lineText(statement.startPosition.row).slice(0, statement.startPosition.column).trim() !== '') return undefined;
  if (/\bticker\b/.test(fn.text)) return undefined;
  const [duration] = callArguments(call);
  // time.Tick returns nil for a duration <= 0, where NewTicker panics: only known positive values.
  if (!duration || !positiveConstant(duration, context)) return undefined;
  const time = call.childForFieldName('function')!.childForFieldName('operand')!.text;
  return {
    title: { en: 'Use time.NewTicker and stop it when the function returns', 'zh-cn': '改用 time.NewTicker，并在函数返回时停止它' },
    edits: [insertBefore(statement, [`ticker := ${time}.NewTicker(${duration.text})`, 'defer ticker.Stop()'], lines), replaceNode(call, 'ticker.C')],
  };
}

/** Lines before the statement; before a label, at the indentation of the labelled loop. */
function insertBefore(statement: Node, code: string[], lines: LineIndex): TextEdit {
  if (statement.type !== 'labeled_statement') return insertLinesBefore(statement, code, lines);
  const loop = statement.namedChildren.find((n) => n?.type === 'for_statement')!;
  const indent = indentOf(loop, lines);
  const at = { line: statement.startPosition.row, character: 0 };
  return { range: { start: at, end: at }, newText: code.map((line) => `${indent}${line}\n`).join('') };
}

/** The for statement ranging over the call, or the `tick := time.Tick(d)` declaring it. */
function enclosingStatement(call: Node): Node | undefined {
  const parent = call.parent;
  if (parent?.type === 'range_clause' && parent.childForFieldName('right')?.equals(call)) {
    const loop = parent.parent!;
    return loop.parent?.type === 'labeled_statement' ? loop.parent : loop;
  }
  const declaration = parent?.type === 'expression_list' ? parent.parent : undefined;
  if (declaration?.type !== 'short_var_declaration' || parent!.namedChildCount !== 1) return undefined;
  if (!declaration.childForFieldName('right')?.equals(parent!) || declaration.childForFieldName('left')?.namedChildCount !== 1) return undefined;
  return declaration;
}

function positiveConstant(node: Node, context: RuleContext): boolean {
  switch (node.type) {
    case 'int_literal':
    case 'float_literal':
      return Number(node.text.replace(/_/g, '')) > 0;
    case 'parenthesized_expression':
      return node.namedChild(0) !== null && positiveConstant(node.namedChild(0)!, context);
    case 'binary_expression': {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator')?.text;
      return (operator === '*' || operator === '+') && left !== null && right !== null && positiveConstant(left, context) && positiveConstant(right, context);
    }
    case 'selector_expression': {
      const unit = context.types.qualified(node);
      return unit?.path === 'time' && UNITS.has(unit.name);
    }
    default:
      return false;
  }
}
