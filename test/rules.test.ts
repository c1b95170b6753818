// The fixture runner: every rule folder is discovered and held to the same contract.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { applyEdits } from '../server/src/core/edits';
import { LineIndex } from '../server/src/core/text';
import { RULES } from '../server/src/rules/registry';
import { checkerFor, packageDirectories, readPackage, RULES_DIR, wantedFindings } from './helpers';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const folders = readdirSync(RULES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('the registry lists every rule folder, sorted, and nothing else', () => {
  assert.deepEqual(
    RULES.map((rule) => rule.meta.id),
    folders,
  );
});

for (const rule of RULES) {
  const folder = join(RULES_DIR, rule.meta.id);
  const testdata = join(folder, 'testdata');

  describe(rule.meta.id, () => {
    test('has metadata, docs in both languages and both fixtures', () => {
      assert.match(rule.meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(rule.meta.title.en && rule.meta.title['zh-cn']);
      for (const language of ['en', 'zh-cn'] as const) {
        assert.ok(rule.meta.docs[language].trim().length > 200, `doc.${language}.md is missing or too short`);
      }
      assert.ok(existsSync(join(testdata, 'bad.go')), 'testdata/bad.go is missing');
      assert.ok(existsSync(join(testdata, 'good.go')), 'testdata/good.go is missing');
      if (rule.meta.fixable) assert.ok(existsSync(join(testdata, 'bad.go.golden')), 'testdata/bad.go.golden is missing');
    });

    for (const directory of packageDirectories(testdata)) {
      const label = directory.slice(testdata.length + 1) || 'testdata';
      test(`${label}: fires exactly on the // want lines`, async () => {
        const checker = await checkerFor([rule]);
        const { files, goVersion } = readPackage(directory);
        const results = checker.checkPackage(files, goVersion);
        for (const file of files) {
          const name = basename(fileURLToPath(file.uri));
          const actual = new Map<number, string[]>();
          for (const finding of results.get(file.uri)!.findings) {
            const ids = actual.get(finding.range.start.line) ?? [];
            ids.push(finding.rule);
            actual.set(finding.range.start.line, ids);
          }
          const expected = wantedFindings(file.text);
          if (name.startsWith('good')) assert.equal(expected.size, 0, `${name} must not contain // want`);
          assert.deepEqual(format(actual), format(expected), `${name}: findings (line: rules) differ from // want`);
        }
      });

      if (!rule.meta.fixable) continue;
      test(`${label}: fixes match the golden files and parse`, async () => {
        const checker = await checkerFor([rule]);
        const { files, goVersion } = readPackage(directory);
        const results = checker.checkPackage(files, goVersion);
        for (const file of files) {
          const path = fileURLToPath(file.uri);
          const findings = results.get(file.uri)!.findings;
          if (findings.length === 0) continue;
          const fixable = findings.filter((f) => f.fixes.length > 0);
          const unfixable = findings.filter((f) => f.fixes.length === 0).map((f) => f.message);
          const fixed = applyEdits(file.text, fixable.flatMap((f) => f.fixes[0].edits), new LineIndex(file.text));
          const golden = `${path}.golden`;
          if (UPDATE) writeFileSync(golden, fixed);
          assert.ok(existsSync(golden), `${basename(golden)} is missing (UPDATE_GOLDEN=1 writes it)`);
          assert.equal(fixed, readFileSync(golden, 'utf8'), `${basename(path)}: fixed text differs from the golden file`);

          const document = checker.openDocument(`${file.uri}.golden`, fixed);
          assert.equal(document.tree.rootNode.hasError, false, `${basename(golden)} does not parse`);
          document.dispose();
          const again = checker.checkPackage(
            files.map((f) => (f.uri === file.uri ? { uri: f.uri, text: fixed } : f)),
            goVersion,
          );
          assert.deepEqual(
            again.get(file.uri)!.findings.map((f) => f.message).sort(),
            unfixable.sort(),
            `${basename(golden)}: only the findings without a fix may remain after the fixes`,
          );
        }
      });
    }
  });
}

function format(findings: Map<number, string[]>): string[] {
  return [...findings].sort((a, b) => a[0] - b[0]).map(([line, ids]) => `${line + 1}: ${ids.sort().join(', ')}`);
}
