// The method calls rules ask for by name are found from the text, then confirmed by the tree:
// they must be exactly those a query pattern for every method call finds, filtered by name.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Query } from 'web-tree-sitter';
import { methodCallsIn, methodNamesPattern } from '../server/src/core/method-calls';
import { RULES } from '../server/src/rules/registry';
import { checkerFor, ROOT } from './helpers';

const EVERY_METHOD_CALL = '(call_expression function: (selector_expression field: (field_identifier) @method)) @call';

const TRICKY = `package p

import "fmt"

func f(x, y T) error {
	x.Close()
	x.Close ()
	x.
		Close()
	defer y.Rows().Close()
	Close()            // a function, not a method
	g := x.Close       // a method value, not a call
	_ = "x.Close()"    // in a string
	/* x.Close() */
	xClose := myClose() // other names that end in one
	x.Closer()
	x.QueryRow(1).Scan(&g)
	x.Query(1)
	héllo.Close()
	fmt.Errorf("%w", x.Close(), xClose)
	x.Close[int]()
	return fmt.Errorf("é %d", 1)
}
`;

async function expectSameAsQuery(text: string, names: readonly string[]): Promise<number> {
  const checker = await checkerFor([]);
  const document = checker.openDocument('file:///p/x.go', text);
  try {
    const root = document.tree.rootNode;
    const wanted = new Set(names);
    const query = new Query(checker.language, EVERY_METHOD_CALL);
    const expected = query
      .matches(root)
      .map((match) => match.captures.find((capture) => capture.name === 'method')!.node)
      .filter((method) => wanted.has(method.text))
      .map((method) => method.startIndex);
    const pattern = methodNamesPattern(names);
    const declarations = root.namedChildren.filter((node): node is NonNullable<typeof node> => node !== null);
    // As the analyzer calls it: over the whole text; over each declaration in turn with one cursor
    // from the root (a file analysed in slices); with a cursor of each declaration's own (a keystroke).
    const shared = root.walk();
    const ways = {
      whole: methodCallsIn(root.walk(), text, 0, text.length, pattern),
      slices: declarations.flatMap((node) => methodCallsIn(shared, text, node.startIndex, node.endIndex, pattern)),
      own: declarations.flatMap((node) => methodCallsIn(node.walk(), text, node.startIndex, node.endIndex, pattern)),
    };
    for (const [way, found] of Object.entries(ways)) {
      assert.deepEqual(
        found.map((call) => call.method.startIndex),
        expected,
        way,
      );
      for (const { call, method } of found) assert.equal(call.childForFieldName('function')?.childForFieldName('field')?.startIndex, method.startIndex);
    }
    return expected.length;
  } finally {
    document.dispose();
  }
}

test('the text scan finds the calls a query for every method call finds, and nothing else', async () => {
  const count = await expectSameAsQuery(TRICKY, ['Close', 'Query', 'QueryRow', 'Errorf']);
  // Close ×6 (three spellings, the deferred one, on héllo, as an argument), QueryRow, Query, Errorf ×2.
  assert.equal(count, 10);
});

test('on every rule fixture, the text scan finds the calls the rules ask for as the query did', async () => {
  const names = [...new Set(RULES.flatMap((rule) => rule.methods ?? []))];
  let total = 0;
  const rules = join(ROOT, 'server/src/rules');
  for (const rule of readdirSync(rules)) {
    const testdata = join(rules, rule, 'testdata');
    let files: string[] = [];
    try {
      files = readdirSync(testdata).filter((name) => name.endsWith('.go'));
    } catch {
      continue;
    }
    for (const name of files) total += await expectSameAsQuery(readFileSync(join(testdata, name), 'utf8'), names);
  }
  assert.ok(total > 100, `the fixtures call the wanted methods (${total} calls)`);
});
