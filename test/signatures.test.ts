// Function signatures for the package index (core/signatures): named types read from the text
// must be what the tree says, and every other shape must still come from the tree.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoChecker } from '../server/src/checker';
import type { FuncSignature } from '../server/src/core/file-summary';
import { readGrammarBinaries } from '../server/src/node/grammar-files';

async function signatures(code: string): Promise<FuncSignature[]> {
  const checker = await GoChecker.create(readGrammarBinaries());
  const text = `package p\n\nimport (\n\t"context"\n\tstore "example.com/shop/store"\n)\n\n${code}\n`;
  const document = checker.openDocument('file:///p/a.go', text);
  try {
    return checker.summarize(document).funcs;
  } finally {
    document.dispose();
  }
}

/** Each parameter as `name type@pkg.Name*`, the pointer marked, so a test reads like the source. */
function shown(signature: FuncSignature): string {
  const type = (t: FuncSignature['results'][number]) => `${t.text}${t.name === undefined ? '' : `@${t.pkg}.${t.name}`}${t.pointer ? '*' : ''}`;
  const params = signature.params.map((param) => `${param.name ?? '_'} ${type(param.type)}`).join(', ');
  return `${signature.receiver ? `(${signature.receiver}) ` : ''}${signature.name}(${params}) (${signature.results.map(type).join(', ')})`;
}

test('named types are read with their package and pointer, grouped names share a type', async () => {
  const [fn] = await signatures('func Get(ctx context.Context, a, b int, s *store.Store, rest ...string) (*store.Item, error) { return nil, nil }');
  assert.equal(
    shown(fn),
    'Get(ctx context.Context@context.Context, a int@.int, b int@.int, s *store.Store@example.com/shop/store.Store*, rest string@.string) (*store.Item@example.com/shop/store.Item*, error@.error)',
  );
});

test('a receiver gives its base type name; named results are types only', async () => {
  const [method, generic] = await signatures('func (s *Store) Put(item Item) (n int, err error) { return }\n\nfunc (l List[T]) Len() int { return 0 }');
  assert.equal(shown(method), '(Store) Put(item Item@.Item) (int@.int, error@.error)');
  assert.equal(shown(generic), '(List) Len() (int@.int)');
});

test('generic instantiations name their generic type; unknown qualifiers keep only the text', async () => {
  const [fn] = await signatures('func F[T any](x T, y store.List[T], z *Pair[int, string], w other.Thing) *store.Page[T] { return nil }');
  assert.equal(shown(fn), 'F(x T@.T, y store.List[T]@example.com/shop/store.List, z *Pair[int, string]@.Pair*, w other.Thing) (*store.Page[T]@example.com/shop/store.Page*)');
});

test('unnamed shapes come from the tree: slices, maps, channels, funcs, double pointers, spaced or commented types', async () => {
  const [fn] = await signatures('func G(a []int, b map[string]int, c chan int, d func(int) error, e **T, f * T, g /* c */ T, h [4]byte) map[K]V[int] { return nil }');
  assert.equal(shown(fn), 'G(a []int, b map[string]int, c chan int, d func(int) error, e **T*, f * T@.T*, g T@.T, h [4]byte) (map[K]V[int])');
});

test('parameters without names and a function without results', async () => {
  const [fn] = await signatures('func H(int, store.Store) {}');
  assert.equal(shown(fn), 'H(_ int@.int, _ store.Store@example.com/shop/store.Store) ()');
});
