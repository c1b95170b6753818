// Which unexported fields a package may change (core/field-writes), read from the text: every
// shape of a write must count, and reads must not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GoChecker } from '../server/src/checker';
import { readGrammarBinaries } from '../server/src/node/grammar-files';

async function changedFields(body: string): Promise<string[]> {
  const checker = await GoChecker.create(readGrammarBinaries());
  const document = checker.openDocument('file:///p/a.go', `package p\n\nfunc f(c *client, ch chan int) {\n${body}\n}\n`);
  try {
    return [...checker.summarize(document).changedFields].sort();
  } finally {
    document.dispose();
  }
}

test('every way of writing a field counts as changing it, and every field along the chain', async () => {
  const writes: Array<[string, string[]]> = [
    ['c.hc = http.Client{}', ['hc']],
    ['c.hc.Timeout = time.Second', ['hc']],
    ['c.inner.hc.Timeout = time.Second', ['hc', 'inner']],
    ['c.conns[i].hc.Timeout += time.Second', ['conns', 'hc']],
    ['c.conns[ids[i]].hc = x', ['conns', 'hc']],
    ['c.n++', ['n']],
    ['c.n--', ['n']],
    ['c.mask &^= 1', ['mask']],
    ['c.n <<= 2', ['n']],
    ['err, c.hc = make()', ['hc']],
    ['c.hc, err = make()', ['hc']],
    ['for _, c.hc = range clients {}', ['hc']],
    ['c.hc = <-ch', ['hc']],
    ['configure(&c.hc)', ['hc']],
    ['p := &c.inner.hc', ['hc', 'inner']],
    ['c.\n\thc.Timeout = 1', ['hc']],
  ];
  for (const [body, expected] of writes) assert.deepEqual(await changedFields(body), expected, body);
});

test('reads, comparisons and calls do not count as writes', async () => {
  for (const body of [
    'resp, err := c.hc.Do(req)',
    'if c.hc.Timeout == 0 || c.n >= 3 || c.m <= 2 || c.k != 1 {}',
    'ok := a && c.hc.Jar != nil',
    'use(c.hc.Jar, c.n)',
    'x := c.Exported',
  ]) {
    assert.deepEqual(await changedFields(body), [], body);
  }
});
