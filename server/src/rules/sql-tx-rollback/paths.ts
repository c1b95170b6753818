// Finds a way out of the function (or of the loop body) taken after Begin with no Commit or
// Rollback before it.
import type { Node } from 'web-tree-sitter';
import { unconditionalStatement } from '../../core/release/usage';
import { walk } from '../../core/syntax';
import { isErrNotNil } from '../../core/variables';

const BREAK_TARGETS = new Set(['for_statement', 'expression_switch_statement', 'type_switch_statement', 'select_statement']);

/**
 * The first exit after `statement` (the Begin) that leaves with the transaction open: a return,
 * or a break/continue leaving the block the transaction was begun in, with no statement that
 * always calls Commit or Rollback (`finishes`: those calls, deferred ones included) before it.
 * Exits on the Begin's own error path (`if err != nil { … }` before the tx is used) are skipped.
 */
export function openExit(statement: Node, finishes: Node[], uses: Node[], err: string | undefined): Node | undefined {
  const list = statement.parent;
  if (list?.type !== 'statement_list') return undefined;
  const sites = new Set<number>();
  for (const call of finishes) {
    const site = unconditionalStatement(call);
    if (site) sites.add(site.id);
  }
  const usedIn = (node: Node) => uses.some((use) => use.startIndex >= node.startIndex && use.startIndex < node.endIndex);
  let usedYet = false;
  for (let sibling = statement.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
    if (sibling.type === 'comment') continue;
    let region: Node | null = sibling;
    if (!usedYet && err !== undefined && isBeginErrorCheck(sibling, err) && !usedIn(sibling.childForFieldName('consequence') ?? sibling)) {
      // The error path: Begin failed and there is no transaction to roll back.
      region = sibling.childForFieldName('alternative');
    }
    usedYet ||= usedIn(sibling);
    if (!region) continue;
    for (const exit of exitsIn(region, list)) {
      if (finishes.some((call) => call.startIndex >= exit.startIndex && call.endIndex <= exit.endIndex)) continue;
      if (!coveredBefore(exit, list, sites)) return exit;
    }
  }
  return undefined;
}

/** `if err != nil { … }` on the Begin's error (also `err != nil || tx == nil`), with no initializer. */
function isBeginErrorCheck(statement: Node, err: string): boolean {
  if (statement.type !== 'if_statement' || statement.childForFieldName('initializer')) return false;
  let condition = statement.childForFieldName('condition');
  while (condition?.type === 'binary_expression' && condition.childForFieldName('operator')?.text === '||') condition = condition.childForFieldName('left');
  return isErrNotNil(condition, err);
}

/** Returns, and breaks or continues that leave `list`, in `root`, outside func literals. */
function exitsIn(root: Node, list: Node): Node[] {
  const exits: Node[] = [];
  const visit = (node: Node): boolean | undefined => {
    switch (node.type) {
      case 'func_literal':
        return false;
      case 'return_statement':
        exits.push(node);
        break;
      case 'break_statement':
      case 'continue_statement':
        if (leavesRegion(node, list)) exits.push(node);
        break;
    }
    return undefined;
  };
  if (visit(root) !== false) walk(root, visit);
  return exits;
}

function leavesRegion(jump: Node, region: Node): boolean {
  const label = jump.namedChildren.find((n) => n?.type === 'label_name')?.text;
  for (let current = jump.parent; current && !current.equals(region); current = current.parent) {
    if (label !== undefined) {
      if (current.type === 'labeled_statement' && current.childForFieldName('label')?.text === label) return false;
    } else if (current.type === 'for_statement' || (jump.type === 'break_statement' && BREAK_TARGETS.has(current.type))) {
      return false;
    }
  }
  return true;
}

/**
 * True when a statement that always finishes the transaction runs before `exit`: a preceding
 * statement in one of the blocks between `exit` and `list`, or an `if` whose initializer or
 * condition does it (`if err := tx.Commit(); err != nil { return err }`).
 */
function coveredBefore(exit: Node, list: Node, sites: Set<number>): boolean {
  let child = exit;
  for (let current = exit.parent; current; child = current, current = current.parent) {
    if (sites.has(current.id)) return true;
    if (current.type === 'statement_list') {
      for (const sibling of current.namedChildren) {
        if (!sibling || sibling.startIndex >= child.startIndex) break;
        if (finishesAll(sibling, sites)) return true;
      }
    }
    if (current.equals(list)) break;
  }
  return false;
}

/**
 * True when every way through `statement` that reaches the next statement has finished the
 * transaction: a statement that always does, or an `if`/`else` chain (a `switch` with a
 * default) each of whose branches finishes it or returns.
 */
function finishesAll(statement: Node, sites: Set<number>): boolean {
  if (sites.has(statement.id)) return true;
  switch (statement.type) {
    case 'if_statement': {
      const alternative = statement.childForFieldName('alternative');
      return alternative !== null && branchFinishes(statement.childForFieldName('consequence'), sites) && branchFinishes(alternative, sites);
    }
    case 'expression_switch_statement':
    case 'type_switch_statement': {
      const cases = statement.namedChildren.filter((n): n is Node => n !== null && CASES.has(n.type));
      return cases.some((n) => n.type === 'default_case') && cases.every((n) => branchFinishes(n, sites));
    }
    default:
      return false;
  }
}

const CASES = new Set(['expression_case', 'type_case', 'default_case']);

/** A block, an `else if` or a case whose statements finish the transaction or return. */
function branchFinishes(branch: Node | null, sites: Set<number>): boolean {
  if (!branch) return false;
  if (branch.type === 'if_statement') return finishesAll(branch, sites);
  const list = branch.type === 'statement_list' ? branch : branch.namedChildren.find((n) => n?.type === 'statement_list');
  if (!list) return false;
  return list.namedChildren.some((n) => n !== null && (n.type === 'return_statement' || finishesAll(n, sites)));
}
