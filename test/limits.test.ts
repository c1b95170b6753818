// The analysis stays linear on deep and long code: memoised tree questions that answer exactly
// as the uncached ones did, and the pathological inputs of bench/pathological.ts within bounds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node } from 'web-tree-sitter';
import { Edit } from 'web-tree-sitter';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PATHOLOGICAL } from '../bench/pathological';
import { checkFiles } from '../server/src/cli/check';
import { findDeclarationFrom } from '../server/src/core/scope';
import { findAll } from '../server/src/core/syntax';
import { checkerFor, temporaryFolder } from './helpers';

const NESTED = `package p

import "fmt"

var x = 1

func f(x int) {
	if x := x + 1; x > 0 {
		for i := 0; i < x; i++ {
			x := i
			fmt.Println(x)
			go func(x string) {
				fmt.Println(x, i)
			}("a")
		}
		fmt.Println(x)
	}
	fmt.Println(x)
	{
		var x, y = 2, 3
		fmt.Println(x, y)
	}
	fmt.Println(x)
}
`;

/** Every node with the parent a tree cursor reports for it, in source order. */
function nodesWithParents(root: Node): Array<{ node: Node; parent: Node | null }> {
  const found: Array<{ node: Node; parent: Node | null }> = [];
  const cursor = root.walk();
  const stack: Node[] = [];
  for (;;) {
    const node = cursor.currentNode;
    found.push({ node, parent: stack[stack.length - 1] ?? null });
    if (cursor.gotoFirstChild()) {
      stack.push(node);
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return found;
      }
      stack.pop();
    }
  }
}

/** A fixed shuffle, so the memo is asked in an order unlike source order. */
function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  let seed = 7;
  for (let i = copy.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('memoised tree questions', () => {
  test('node.parent answers as a tree cursor does, in any order and after an edit', async () => {
    const checker = await checkerFor();
    const tree = checker.parser.parse(NESTED)!;
    try {
      for (const order of [(all: ReturnType<typeof nodesWithParents>) => all, shuffled]) {
        for (const { node, parent } of order(nodesWithParents(tree.rootNode))) {
          assert.equal(node.parent?.id ?? null, parent?.id ?? null, `parent of ${node.type} at ${node.startIndex}`);
        }
      }
      // After an edit the old answers (with their old positions) are forgotten.
      const at = NESTED.indexOf('fmt.Println(x)\n}');
      tree.edit(new Edit({ startIndex: at, oldEndIndex: at, newEndIndex: at + 1, startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 0, column: 1 } }));
      const call = tree.rootNode.descendantForIndex(at + 1, at + 4);
      assert.equal(call?.parent?.startIndex, at + 1);
    } finally {
      tree.delete();
    }
  });

  test('names resolve to their innermost declaration, whatever was asked before', async () => {
    const checker = await checkerFor();
    const answer = (id: Node) => `${id.startPosition.row}:${id.startPosition.column} → ${findDeclarationFrom(id.text, id)?.name.startPosition.row ?? 'package'}`;
    const names = (root: Node) => findAll(root, 'identifier').filter((id) => ['x', 'i', 'y'].includes(id.text));
    const trees = [checker.parser.parse(NESTED)!, checker.parser.parse(NESTED)!];
    try {
      const inOrder = names(trees[0].rootNode).map(answer);
      // Each name asked alone on a tree that has answered nothing yet: no memo to rely on.
      const alone = names(trees[0].rootNode).map((id) => {
        const fresh = checker.parser.parse(NESTED)!;
        try {
          return answer(fresh.rootNode.descendantForIndex(id.startIndex, id.endIndex)!);
        } finally {
          fresh.delete();
        }
      });
      const reversed = names(trees[1].rootNode).reverse().map(answer).reverse();
      assert.deepEqual(inOrder, alone);
      assert.deepEqual(reversed, alone);
      // Shadowing as Go scopes it (rows are 0-based; a declaring name sees the outer one).
      assert.deepEqual(inOrder, [
        '4:4 → package', '6:7 → 6', '7:4 → 6', '7:9 → 6', '7:16 → 7', '8:6 → package', '8:14 → 8', '8:18 → 7', '8:21 → 8',
        '9:3 → 7', '9:8 → 8', '10:15 → 9', '11:11 → 11', '12:16 → 11', '12:19 → 8', '15:14 → 7', '17:13 → 6',
        '19:6 → 6', '19:9 → package', '20:14 → 19', '20:17 → 19', '22:13 → 6',
      ]);
    } finally {
      for (const tree of trees) tree.delete();
    }
  });
});

/** A file of the same package as the pathological inputs, with one finding. */
const ORDINARY = 'package deep\n\nimport "net/http"\n\nfunc serve() {\n\t_ = http.ListenAndServe(":8080", nil)\n}\n';

describe('deep and long input', () => {
  // Each of these took from 23 s to hours before the analysis was made linear; the bound is
  // generous for a slow, busy machine. The time budget is lifted so that it cannot hide a stall.
  for (const input of PATHOLOGICAL) {
    test(`${input.name}: analysed in linear time, the rest of the package too`, async () => {
      const checker = await checkerFor();
      const files = [
        { uri: 'file:///deep/deep.go', text: input.text() },
        { uri: 'file:///deep/ordinary.go', text: ORDINARY },
      ];
      const started = performance.now();
      const results = checker.checkPackage(files, '1.19', { budgetMs: 600_000 });
      const seconds = (performance.now() - started) / 1000;
      assert.equal(results.get(files[0].uri)!.skipped, undefined);
      assert.ok(seconds < 15, `${input.name} took ${seconds.toFixed(1)} s`);
      assert.deepEqual(results.get(files[1].uri)!.findings.map((finding) => finding.rule), ['http-serve-without-timeouts']);
    });
  }

  test('goroutines nested 500 deep: the counter race is still found', async () => {
    const checker = await checkerFor();
    const input = PATHOLOGICAL.find((candidate) => candidate.name.includes('goroutine'))!;
    const result = checker.checkPackage([{ uri: 'file:///deep/deep.go', text: input.text() }], '1.19', { budgetMs: 600_000 }).get('file:///deep/deep.go')!;
    assert.deepEqual(result.findings.map((finding) => `${finding.range.start.line + 1}:${finding.rule}`), ['513:shared-counter-race']);
  });

  test('a file over its time budget is skipped with the reason; the other files are checked', async () => {
    const checker = await checkerFor();
    const root = temporaryFolder('gbg-budget-');
    mkdirSync(join(root, 'deep'));
    const input = PATHOLOGICAL.find((candidate) => candidate.name.includes('switch'))!;
    writeFileSync(join(root, 'deep', 'deep.go'), input.text());
    writeFileSync(join(root, 'deep', 'ordinary.go'), ORDINARY);
    const wanted = ['deep.go', 'ordinary.go'].map((name) => join(root, 'deep', name));
    const started = performance.now();
    const outcome = await checkFiles(checker, [{ folder: join(root, 'deep'), wanted }], { budgetMs: 20 }, root);
    assert.ok(performance.now() - started < 10_000);
    assert.deepEqual(outcome.notices, ['deep/deep.go: skipped: its analysis took longer than 20 ms (deeply nested or machine-written code?)']);
    assert.deepEqual(outcome.errors, []);
    assert.deepEqual(outcome.findings.map((finding) => `${finding.file}:${finding.rule}`), ['deep/ordinary.go:http-serve-without-timeouts']);
  });
});
