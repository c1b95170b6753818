// A fix is withdrawn when, applied to a file that already has syntax errors, it would leave more.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nodeRange } from '../server/src/core/analyzer';
import { syntaxErrorCount } from '../server/src/core/fix-guard';
import { textIn, type Fix } from '../server/src/core/findings';
import { PackageIndex } from '../server/src/core/package-index';
import { capture, type Rule } from '../server/src/core/rule';
import { ruleById } from '../server/src/rules/registry';
import { checkerFor } from './helpers';

/** Reports each function's name with two fixes: one that keeps the syntax, one that breaks it. */
const stub: Rule = {
  meta: { ...ruleById('http-server-timeouts')!.meta, id: 'stub-fixes', peers: [] },
  query: '(function_declaration name: (identifier) @name)',
  check(match, context) {
    const name = capture(match, 'name')!;
    const end = nodeRange(name).end;
    context.report({
      node: name,
      message: { en: 'stub', 'zh-cn': 'stub' },
      fixes: [
        { title: { en: 'rename', 'zh-cn': 'rename' }, edits: [{ range: { start: end, end }, newText: 'Renamed' }] },
        { title: { en: 'break', 'zh-cn': 'break' }, edits: [{ range: { start: end, end }, newText: ' ( {' }] },
      ],
    });
  },
};

const titles = (fixes: readonly Fix[]) => fixes.map((fix) => textIn(fix.title, 'en'));

test('in a file with syntax errors, a fix that would add errors is not offered; one that keeps the syntax is', async () => {
  const checker = await checkerFor([stub]);
  // The second function does not parse; the first is clean, so it is analysed and gets its fixes.
  const text = 'package p\n\nfunc clean() {}\n\nfunc broken() { x := }\n';
  const document = checker.openDocument('file:///p/x.go', text);
  try {
    assert.ok(syntaxErrorCount(document.tree) > 0, 'the file has syntax errors');
    const { findings } = checker.analyzeDocument(document, new PackageIndex([checker.summarize(document)]));
    const clean = findings.find((finding) => finding.range.start.line === 2);
    assert.ok(clean, 'the clean function is reported');
    assert.deepEqual(titles(clean.fixes), ['rename']);
  } finally {
    document.dispose();
  }
});

test('in a file that parses, fixes are not re-parsed (the fix-safety tests hold them)', async () => {
  const checker = await checkerFor([stub]);
  const results = checker.checkPackage([{ uri: 'file:///p/y.go', text: 'package p\n\nfunc clean() {}\n' }], undefined);
  assert.deepEqual(titles(results.get('file:///p/y.go')!.findings[0].fixes), ['rename', 'break']);
});

test('syntax errors are counted as ERROR and MISSING nodes', async () => {
  const checker = await checkerFor([]);
  const count = (text: string) => {
    const document = checker.openDocument('file:///c.go', text);
    try {
      return syntaxErrorCount(document.tree);
    } finally {
      document.dispose();
    }
  };
  assert.equal(count('package p\n\nfunc f() {}\n'), 0);
  assert.ok(count('package p\n\nfunc f() { x := }\n') >= 1);
  assert.ok(count('package p\n\nfunc f() { x := }\n\nfunc g() { y := }\n') > count('package p\n\nfunc f() { x := }\n'));
});
