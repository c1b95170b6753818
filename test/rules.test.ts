// The fixture runner: every rule folder is discovered and held to the same contract.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { AnalysisSettings } from '../server/src/core/analyzer';
import { combineFixes } from '../server/src/core/combine-fixes';
import { applyEdits } from '../server/src/core/edits';
import type { Rule } from '../server/src/core/rule';
import { textIn } from '../server/src/core/findings';
import { LineIndex } from '../server/src/core/text';
import { RULES } from '../server/src/rules/registry';
import { checkerFor, packageDirectories, readPackage, RULES_DIR, wantedFindings } from './helpers';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const MAX_MESSAGE = 160;
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
        const { files, goVersion, module } = readPackage(directory);
        const results = checker.checkPackage(files, goVersion, enabled(rule), module);
        for (const file of files) {
          const name = basename(fileURLToPath(file.uri));
          const actual = new Map<number, string[]>();
          for (const finding of results.get(file.uri)!.findings) {
            const ids = actual.get(finding.range.start.line) ?? [];
            // A finding at another severity than the rule's says so: `// want "rule-id:information"`.
            ids.push(finding.severity === enabled(rule).severities![rule.meta.id] ? finding.rule : `${finding.rule}:${finding.severity}`);
            actual.set(finding.range.start.line, ids);
          }
          const expected = wantedFindings(file.text);
          if (name.startsWith('good')) assert.equal(expected.size, 0, `${name} must not contain // want`);
          assert.deepEqual(format(actual), format(expected), `${name}: findings (line: rules) differ from // want`);
        }
      });

      test(`${label}: every message and fix title is written in English and in Chinese`, async () => {
        const checker = await checkerFor([rule]);
        const { files, goVersion, module } = readPackage(directory);
        for (const [uri, result] of checker.checkPackage(files, goVersion, enabled(rule), module)) {
          for (const finding of result.findings) {
            const where = `${basename(fileURLToPath(uri))}:${finding.range.start.line + 1}`;
            for (const [what, text] of [['message', finding.message], ...finding.fixes.map((fix) => ['fix title', fix.title] as const)] as const) {
              assert.ok(typeof text === 'object', `${where}: the ${what} has no Chinese: ${String(text)}`);
              assert.ok(text.en.trim() && !HAN.test(text.en), `${where}: the English ${what} is empty or not English: ${text.en}`);
              assert.ok(HAN.test(text['zh-cn']), `${where}: the Chinese ${what} has no Chinese in it: ${text['zh-cn']}`);
            }
            // One line a reader takes in at a glance: the defect and the remedy, nothing more.
            const message = textIn(finding.message, 'en');
            assert.ok(message.length <= MAX_MESSAGE, `${where}: the message is ${message.length} characters (at most ${MAX_MESSAGE}): ${message}`);
            assert.ok(!/\bforever\b/.test(message), `${where}: "forever" claims more than the code shows: ${message}`);
          }
        }
      });

      if (!rule.meta.fixable) continue;
      test(`${label}: fixes match the golden files and parse`, async () => {
        const checker = await checkerFor([rule]);
        const { files, goVersion, module } = readPackage(directory);
        const results = checker.checkPackage(files, goVersion, enabled(rule), module);
        for (const file of files) {
          const path = fileURLToPath(file.uri);
          const findings = results.get(file.uri)!.findings;
          if (findings.length === 0) continue;
          // Every first fix, starting-value ones too (which --fix leaves out), so all can be read here.
          const fixable = findings.filter((f) => f.fixes.length > 0);
          const unfixable = findings.filter((f) => f.fixes.length === 0).map((f) => textIn(f.message, 'en'));
          const original = checker.openDocument(file.uri, file.text);
          const lines = new LineIndex(file.text);
          const fixed = applyEdits(file.text, combineFixes(original.tree, lines, fixable.map((f) => f.fixes[0])).edits, lines);
          original.dispose();
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
            enabled(rule),
            module,
          );
          assert.deepEqual(
            again.get(file.uri)!.findings.map((f) => textIn(f.message, 'en')).sort(),
            unfixable.sort(),
            `${basename(golden)}: only the findings without a fix may remain after the fixes`,
          );
        }
      });
    }
  });
}

/** The rule switched on: one shipped off (opt-in) is tested at information severity. */
function enabled(rule: Rule): AnalysisSettings {
  return { severities: { [rule.meta.id]: rule.meta.defaultSeverity === 'off' ? 'information' : rule.meta.defaultSeverity } };
}

/** Any Chinese character: a Chinese text must contain one, an English text none. */
const HAN = /\p{Script=Han}/u;

function format(findings: Map<number, string[]>): string[] {
  return [...findings].sort((a, b) => a[0] - b[0]).map(([line, ids]) => `${line + 1}: ${ids.sort().join(', ')}`);
}

// Biome's rule: the examples in a rule's docs are executed, so the docs cannot drift.
const EXAMPLE_PREAMBLE = `package example

import (
	"context"
	"database/sql"
	"net/http"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/errgroup"
)

type Store struct {
	db  *sql.DB
	dbx *sqlx.DB
}

type Order struct{ ID int64 }

type User struct{ ID int64 }
`;

const EXAMPLE_HEADINGS = { en: ['Before:', 'After:'], 'zh-cn': ['修改前：', '修改后：'] } as const;

/** The Go blocks that follow the "Before:" and "After:" lines of a doc's Example section. */
function examples(doc: string, language: 'en' | 'zh-cn'): { before?: string; after?: string; goVersion: string } {
  const section = doc.split(/^### /m).find((part) => /^(Example|示例)\s*$/m.test(part.split('\n')[0])) ?? '';
  const blockAfter = (label: string) => {
    const at = section.indexOf(label);
    if (at === -1) return undefined;
    return /```go\n([\s\S]*?)```/.exec(section.slice(at))?.[1];
  };
  const [before, after] = EXAMPLE_HEADINGS[language];
  // A rule gated on the Go version says which module its example belongs to: `<!-- go 1.21 -->`.
  const goVersion = /<!--\s*go\s+(\d+\.\d+)\s*-->/.exec(section)?.[1] ?? '1.22';
  return { before: blockAfter(before), after: blockAfter(after), goVersion };
}

for (const rule of RULES) {
  for (const language of ['en', 'zh-cn'] as const) {
    test(`${rule.meta.id}: the ${language} doc's Before example fires and its After example is silent`, async () => {
      const { before, after, goVersion } = examples(rule.meta.docs[language], language);
      assert.ok(before && after, 'the Example section needs a Before and an After Go block');
      const checker = await checkerFor([rule]);
      const run = (code: string) => {
        const text = code.startsWith('package ') ? code : `${EXAMPLE_PREAMBLE}\n${code}`;
        return checker.checkPackage([{ uri: 'file:///docs/example.go', text }], goVersion, enabled(rule)).get('file:///docs/example.go')!.findings;
      };
      assert.ok(run(before).length > 0, `Before example does not fire:\n${before}`);
      assert.deepEqual(run(after).map((f) => f.message), [], 'After example fires');
    });
  }
}
