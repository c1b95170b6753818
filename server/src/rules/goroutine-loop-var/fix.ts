// The fix: `v := v` as the first statement of the loop body, the per-iteration copy that Go
// 1.22 makes by itself. Every finding about the same variable makes the same edit, so fixing
// several closures at once inserts it once.
import type { Node } from 'web-tree-sitter';
import { insertLinesBefore } from '../../core/edits';
import type { Fix } from '../../core/findings';
import type { RuleContext } from '../../core/rule';
import { declarationIn, findLocalDeclaration } from '../../core/scope';
import { walk } from '../../core/syntax';
import type { Capture } from './captures';

export function copyFix(capture: Capture, context: RuleContext): Fix | undefined {
  const body = capture.loop.childForFieldName('body');
  const list = body?.namedChildren.find((n) => n?.type === 'statement_list');
  if (!body || !list) return undefined;
  const statements = list.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  const first = statements[0];
  if (!first || first.startPosition.row === body.startPosition.row) return undefined;
  const before = context.file.lines.lineText(first.startPosition.row).slice(0, first.startPosition.column);
  if (before.trim() !== '') return undefined;
  // Another `v` declared in the body itself would clash with the copy.
  if (statements.some((statement) => declarationIn(statement, capture.name))) return undefined;
  // A counter the body changes (`i++` to skip an element) must stay the loop's own variable.
  if (capture.kind === 'counter' && assignsVariable(body, capture)) return undefined;
  return {
    title: {
      en: `Copy \`${capture.name}\` for each iteration with \`${capture.name} := ${capture.name}\``,
      'zh-cn': `用 \`${capture.name} := ${capture.name}\` 为每轮迭代复制一份 \`${capture.name}\``,
    },
    edits: [insertLinesBefore(first, [`${capture.name} := ${capture.name}`], context.file.lines)],
  };
}

function assignsVariable(body: Node, capture: Capture): boolean {
  const declaration = findLocalDeclaration(capture.use);
  let assigned = false;
  walk(body, (node) => {
    if (assigned) return false;
    let targets: Node[] = [];
    if (node.type === 'inc_statement' || node.type === 'dec_statement') targets = [node.namedChild(0)!];
    else if (node.type === 'assignment_statement') targets = node.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
    else if (node.type === 'unary_expression' && node.child(0)?.type === '&') targets = [node.childForFieldName('operand')!];
    for (const target of targets) {
      if (target?.type === 'identifier' && target.text === capture.name && findLocalDeclaration(target)?.name.equals(declaration!.name)) assigned = true;
    }
    return undefined;
  });
  return assigned;
}
