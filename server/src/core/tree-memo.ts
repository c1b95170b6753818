// Answers remembered per syntax tree, for questions whose cost would otherwise grow with how
// deep or how long the code is. A tree's answers are forgotten when it is edited (positions
// move) and go with the tree when it is collected.
import { Node, Tree } from 'web-tree-sitter';

const memos = new WeakMap<Tree, Map<string, unknown>>();

/** The memo named `kind` of `tree`, made by `create` the first time it is asked for. */
export function treeMemo<T>(tree: Tree, kind: string, create: () => T): T {
  let byKind = memos.get(tree);
  if (!byKind) {
    byKind = new Map();
    memos.set(tree, byKind);
  }
  let memo = byKind.get(kind) as T | undefined;
  if (memo === undefined) {
    memo = create();
    byKind.set(kind, memo);
  }
  return memo;
}

/**
 * tree-sitter answers `node.parent` by descending from the root (`ts_node_parent`), so one step
 * up costs as much as the node is deep and a walk up to the enclosing function costs depth²
 * steps. Rules walk up all the time (the enclosing function, the scope of a name), which made
 * the analysis of deeply nested code quadratic or worse. Here a descent records every node on
 * its way down, so the rest of the walk up is a lookup; and it starts from the deepest node of
 * the previous descent that spans the node asked about, since questions come in source order
 * and neighbours share most of their ancestors.
 */
function memoisedParent(this: Node): Node | null {
  const memo = treeMemo(this.tree, 'parents', () => ({ parents: new Map<number, Node | null>(), path: [] as Node[] }));
  const hit = memo.parents.get(this.id);
  if (hit !== undefined) return hit;
  const { path } = memo;
  const start = this.startIndex;
  const end = this.endIndex;
  for (let from = path.length - 1; from >= 0; from--) {
    const ancestor = path[from];
    if (ancestor.startIndex > start || ancestor.endIndex < end) continue;
    const parent = descend(memo, from, this);
    if (parent !== undefined) return parent;
  }
  const root = this.tree.rootNode;
  memo.path = [root];
  if (root.id === this.id) {
    memo.parents.set(this.id, null);
    return null;
  }
  return descend(memo, 0, this) ?? null;
}

/** Descends from `memo.path[from]` to `target`, recording parents; undefined when it is not below. */
function descend(memo: { parents: Map<number, Node | null>; path: Node[] }, from: number, target: Node): Node | undefined {
  // The path is cut back to `from` in place: copying it would cost its depth on every descent.
  const path = memo.path;
  path.length = from + 1;
  let current = path[from];
  for (;;) {
    const next = current.childWithDescendant(target);
    if (!next) return undefined;
    memo.parents.set(next.id, current);
    path.push(next);
    if (next.id === target.id) return current;
    current = next;
  }
}

let installed = false;

/** Makes `node.parent` memoised for every tree of the process, and edits forget a tree's memos. */
export function installTreeMemos(): void {
  if (installed) return;
  installed = true;
  Object.defineProperty(Node.prototype, 'parent', { get: memoisedParent, configurable: true });
  const edit = Tree.prototype.edit;
  Tree.prototype.edit = function (this: Tree, change) {
    memos.delete(this);
    edit.call(this, change);
  };
}
