// Import edits as gofmt leaves them: each result is compared with the expected text and with
// what gofmt says about it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { combineFixes } from '../server/src/core/combine-fixes';
import { addImport, applyEdits, replaceNode } from '../server/src/core/edits';
import type { Fix } from '../server/src/core/findings';
import { rewriteImports, type ImportSpec } from '../server/src/core/import-edits';
import { LineIndex } from '../server/src/core/text';
import { gofmtAll } from './gofmt';
import { checkerFor } from './helpers';

async function withAdded(text: string, ...specs: ImportSpec[]): Promise<string | null> {
  const checker = await checkerFor();
  const document = checker.openDocument('file:///p/a.go', text);
  try {
    const edit = rewriteImports(document.tree.rootNode, document.lines, specs, []);
    if (edit === null) return null;
    return edit ? applyEdits(text, [edit], document.lines) : text;
  } finally {
    document.dispose();
  }
}

/** Replaces every `context.Background()` by `ctx`, one fix each, and applies them together. */
async function withoutBackground(text: string): Promise<string> {
  const checker = await checkerFor();
  const document = checker.openDocument('file:///p/a.go', text);
  try {
    const calls = document.tree.rootNode.descendantsOfType('call_expression').filter((n) => n?.text === 'context.Background()');
    const fixes: Fix[] = calls.map((call) => ({ title: 'ctx', edits: [replaceNode(call!, 'ctx')] }));
    return applyEdits(text, combineFixes(document.tree, document.lines, fixes).edits, document.lines);
  } finally {
    document.dispose();
  }
}

function assertGofmtClean(...texts: string[]): void {
  for (const [name, verdict] of gofmtAll(new Map(texts.map((t, i) => [String(i), t])))) {
    assert.deepEqual(verdict, { unformatted: false }, `gofmt would change:\n${texts[Number(name)]}`);
  }
}

describe('adding imports', () => {
  test('a standard package goes into the standard group at its sorted place', async () => {
    const text = 'package p\n\nimport (\n\t"context"\n\t"net/http"\n\n\t"github.com/gin-gonic/gin"\n)\n';
    const result = await withAdded(text, { path: 'time' }, { path: 'errors' });
    assert.equal(result, 'package p\n\nimport (\n\t"context"\n\t"errors"\n\t"net/http"\n\t"time"\n\n\t"github.com/gin-gonic/gin"\n)\n');
    assertGofmtClean(result!);
  });

  test('with no standard group, a new one on top', async () => {
    const text = 'package p\n\nimport (\n\t"github.com/a/b"\n\t"github.com/c/d"\n)\n';
    const result = await withAdded(text, { path: 'time' });
    assert.equal(result, 'package p\n\nimport (\n\t"time"\n\n\t"github.com/a/b"\n\t"github.com/c/d"\n)\n');
    assertGofmtClean(result!);
  });

  test('a group that mixes paths is kept sorted as gofmt sorts it', async () => {
    const text = 'package p\n\nimport (\n\t"sync"\n\t"tailscale.com/net"\n)\n';
    const result = await withAdded(text, { path: 'time' });
    assert.equal(result, 'package p\n\nimport (\n\t"sync"\n\t"tailscale.com/net"\n\t"time"\n)\n');
    assertGofmtClean(result!);
  });

  test('a single import becomes a block; no import at all gets a declaration after the package clause', async () => {
    assert.equal(await withAdded('package p\n\nimport "github.com/a/b"\n', { path: 'time' }), 'package p\n\nimport (\n\t"time"\n\n\t"github.com/a/b"\n)\n');
    assert.equal(await withAdded('// Package p does things.\npackage p // import "x/p"\n\nfunc f() {}\n', { path: 'time' }), '// Package p does things.\npackage p // import "x/p"\n\nimport "time"\n\nfunc f() {}\n');
    assertGofmtClean(
      (await withAdded('package p\n\nimport "github.com/a/b"\n', { path: 'time' }))!,
      (await withAdded('package p\n\nfunc f() {}\n', { path: 'time' }, { path: 'errors' }))!,
    );
  });

  test('an alias is written before the path; an import already there under any name is not added again', async () => {
    const text = 'package p\n\nimport (\n\t"github.com/pkg/errors"\n)\n';
    assert.equal(await withAdded(text, { path: 'errors', name: 'stderrors' }), 'package p\n\nimport (\n\tstderrors "errors"\n\n\t"github.com/pkg/errors"\n)\n');
    const checker = await checkerFor();
    const document = checker.openDocument('file:///p/b.go', 'package p\n\nimport t "time"\n');
    assert.equal(addImport(document, 'time'), undefined);
    document.dispose();
  });

  test('imports written several to a line are not rewritten: the fix is withdrawn', async () => {
    assert.equal(await withAdded('package p\n\nimport ("fmt"; "os")\n', { path: 'time' }), null);
  });
});

describe('removing imports a fix leaves unused', () => {
  test('the spec line goes; a block left empty goes with one blank line', async () => {
    const several = 'package p\n\nimport (\n\t"context"\n\t"fmt"\n)\n\nfunc f(ctx any) { fmt.Println(context.Background()) }\n';
    assert.equal(await withoutBackground(several), 'package p\n\nimport (\n\t"fmt"\n)\n\nfunc f(ctx any) { fmt.Println(ctx) }\n');
    const only = 'package p\n\nimport (\n\t"context"\n)\n\nvar ctx any\n\nvar a, b = context.Background(), context.Background()\n';
    assert.equal(await withoutBackground(only), 'package p\n\nvar ctx any\n\nvar a, b = ctx, ctx\n');
    const single = 'package p\n\nimport "context"\n\nvar ctx any\n\nvar a = context.Background()\n';
    assert.equal(await withoutBackground(single), 'package p\n\nvar ctx any\n\nvar a = ctx\n');
    assertGofmtClean(await withoutBackground(several), await withoutBackground(only), await withoutBackground(single));
  });

  test('a group left empty leaves no blank lines behind', async () => {
    const text = 'package p\n\nimport (\n\t"context"\n\n\t"github.com/a/b"\n)\n\nvar ctx any\n\nvar a, c = context.Background(), b.X\n';
    const result = await withoutBackground(text);
    assert.equal(result, 'package p\n\nimport (\n\t"github.com/a/b"\n)\n\nvar ctx any\n\nvar a, c = ctx, b.X\n');
    assertGofmtClean(result);
  });

  test('kept when another use remains, in code or in a type', async () => {
    const text = 'package p\n\nimport "context"\n\nfunc f(ctx context.Context) any { return context.Background() }\n';
    assert.equal(await withoutBackground(text), 'package p\n\nimport "context"\n\nfunc f(ctx context.Context) any { return ctx }\n');
  });

  test('kept when the new text uses it; a mention in a comment or string is not a use', async () => {
    const checker = await checkerFor();
    const text = 'package p\n\nimport "context"\n\nvar a = context.Background()\n';
    const document = checker.openDocument('file:///p/c.go', text);
    const call = document.tree.rootNode.descendantsOfType('call_expression')[0]!;
    const apply = (newText: string) => applyEdits(text, combineFixes(document.tree, document.lines, [{ title: 'x', edits: [replaceNode(call, newText)] }]).edits, document.lines);
    assert.match(apply('context.TODO()'), /import "context"/);
    assert.doesNotMatch(apply('nil /* context.TODO() */'), /import/);
    assert.doesNotMatch(apply('"context.TODO()"'), /import/);
    document.dispose();
  });
});

describe('combining fixes', () => {
  test('a fix goes in whole or not at all; the one that overlaps waits for the next pass', async () => {
    const checker = await checkerFor();
    const text = 'package p\n\nfunc f() {\n\ta := 1\n\t_ = a\n}\n';
    const document = checker.openDocument('file:///p/d.go', text);
    const first = document.tree.rootNode.descendantsOfType('short_var_declaration')[0];
    const statement = document.tree.rootNode.descendantsOfType('assignment_statement')[0]!;
    const fixes: Fix[] = [
      { title: 'one', edits: [replaceNode(first!, 'a := 2')] },
      { title: 'two', edits: [replaceNode(statement, '_ = a + 1'), replaceNode(first!, 'a := 3')] },
    ];
    const combined = combineFixes(document.tree, document.lines, fixes);
    assert.deepEqual(combined.applied, [0]);
    assert.equal(applyEdits(text, combined.edits, new LineIndex(text)), 'package p\n\nfunc f() {\n\ta := 2\n\t_ = a\n}\n');
    document.dispose();
  });
});

test('a selector on a local that shadows the import is no use of it', async () => {
  const text = 'package p\n\nimport "context"\n\ntype opts struct{ Deadline int }\n\nfunc f(ctx any) (any, int) {\n\tcontext := opts{}\n\treturn ctx, context.Deadline\n}\n\nvar a = context.Background()\n';
  const result = await withoutBackground(text);
  assert.doesNotMatch(result, /import "context"/);
});

test('an ordinary edit on an import line (a stale //nolint taken off) is not lost when fixes combine', async () => {
  const checker = await checkerFor();
  const text = 'package p\n\nimport (\n\t"context"\n\t"unsafe" //nolint:gosec\n)\n\nvar ctx any\n\nvar a, b = context.Background(), unsafe.Sizeof(1)\n';
  const document = checker.openDocument('file:///p/e.go', text);
  const line = 4;
  const at = text.split('\n')[line].indexOf(' //nolint');
  const stale: Fix = { title: 'x', edits: [{ range: { start: { line, character: at }, end: { line, character: text.split('\n')[line].length } }, newText: '' }] };
  const call = document.tree.rootNode.descendantsOfType('call_expression').find((n) => n?.text === 'context.Background()')!;
  const combined = combineFixes(document.tree, document.lines, [stale, { title: 'y', edits: [replaceNode(call, 'ctx')] }]);
  // The comment's removal overlaps the rewritten imports: it waits for the next pass.
  assert.deepEqual(combined.applied, [1]);
  const once = applyEdits(text, combined.edits, document.lines);
  assert.equal(once, 'package p\n\nimport (\n\t"unsafe" //nolint:gosec\n)\n\nvar ctx any\n\nvar a, b = ctx, unsafe.Sizeof(1)\n');
  const next = checker.openDocument('file:///p/e.go', once);
  const again = combineFixes(next.tree, next.lines, [{ title: 'x', edits: [{ range: { start: { line: 3, character: 9 }, end: { line: 3, character: 24 } }, newText: '' }] }]);
  assert.equal(applyEdits(once, again.edits, next.lines), 'package p\n\nimport (\n\t"unsafe"\n)\n\nvar ctx any\n\nvar a, b = ctx, unsafe.Sizeof(1)\n');
  next.dispose();
  document.dispose();
});
