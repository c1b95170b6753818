// package.json, the guide and the rule registry must agree: ids, defaults, docs, translations.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CONFIG_KEYS } from '../server/src/core/config';
import { chapterPath, ruleGuideUrl, parseGuideUrl } from '../server/src/guide/chapters';
import { DEFAULT_SETTINGS } from '../server/src/lsp/settings';
import { API_CARDS, cardText, sections } from '../server/src/guide/api-cards';
import { RULES, ruleById } from '../server/src/rules/registry';
import { renderGuide } from '../scripts/write-guide';
import { ROOT } from './helpers';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;
const nls = {
  en: JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>,
  'zh-cn': JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>,
};

describe('package.json', () => {
  test('declares a severity setting for exactly the registered rules', () => {
    const rules = properties['goBackendGuide.rules'];
    assert.deepEqual(Object.keys(rules.properties).sort(), RULES.map((r) => r.meta.id).sort());
    for (const schema of Object.values(rules.properties) as { enum: string[]; default: string }[]) {
      assert.deepEqual(schema.enum, ['default', 'error', 'warning', 'information', 'hint', 'off']);
      assert.equal(schema.default, 'default');
    }
  });

  test('the configuration schema is contributed and lists exactly the registered rules', () => {
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.go-backend-guide.json', url: './schemas/go-backend-guide.schema.json' }]);
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/go-backend-guide.schema.json'), 'utf8'));
    assert.deepEqual(Object.keys(schema.properties.rules.properties).sort(), RULES.map((r) => r.meta.id).sort());
    assert.deepEqual(Object.keys(schema.properties).sort(), [...CONFIG_KEYS].sort());
  });

  test('setting defaults match the server defaults', () => {
    assert.equal(properties['goBackendGuide.enable'].default, DEFAULT_SETTINGS.enable);
    assert.equal(properties['goBackendGuide.maxFileSize'].default, DEFAULT_SETTINGS.maxFileSize);
    assert.equal(properties['goBackendGuide.apiHovers'].default, DEFAULT_SETTINGS.apiHovers);
    assert.equal(properties['goBackendGuide.language'].default, DEFAULT_SETTINGS.language);
    assert.equal(properties['goBackendGuide.baselinedFindings'].default, DEFAULT_SETTINGS.baselinedFindings);
  });

  test('the walkthrough pictures exist and its links name commands that exist', () => {
    const [walkthrough] = manifest.contributes.walkthroughs as { steps: { id: string; description: string; media: { image: string } }[] }[];
    const ours = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    const views = (manifest.contributes.viewsContainers.activitybar as { id: string }[]).map((container) => container.id);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(join(ROOT, step.media.image)), `${step.id}: ${step.media.image} is missing (npm run screenshots)`);
      for (const language of ['en', 'zh-cn'] as const) {
        const text = nls[language][step.description.slice(1, -1)];
        for (const [, command] of text.matchAll(/\(command:(goBackendGuide\.[\w.]+)/g)) assert.ok(ours.has(command), `${step.id}: unknown command ${command}`);
        for (const [, view] of text.matchAll(/command:workbench\.view\.extension\.([\w.]+)/g)) assert.ok(views.includes(view), `${step.id}: unknown view ${view}`);
      }
    }
  });

  test('the README lists every rule with its guide link, and nothing else', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| \[`([a-z0-9-]+)`\]\((docs\/guide\/en\/[^)#]+)#([a-z0-9-]+)\)/gm)];
    assert.deepEqual(listed.map((m) => m[1]).sort(), RULES.map((r) => r.meta.id).sort());
    for (const [, id, path, anchor] of listed) assert.equal(`${path}#${anchor}`, `${chapterPath(ruleById(id)!.meta.chapter, 'en')}#${id}`);
  });

  test('every guidance card has its text in both languages and links to a rule that exists', () => {
    for (const [language, file] of [['en', 'en.md'], ['zh-cn', 'zh-cn.md']] as const) {
      const texts = sections(readFileSync(join(ROOT, 'server/src/guide/cards', file), 'utf8'));
      assert.deepEqual([...texts.keys()].sort(), API_CARDS.map((card) => card.id).sort(), `cards/${file}`);
      for (const card of API_CARDS) assert.ok(cardText(card, language).length > 80, `${card.id} (${language}) is too short`);
    }
    for (const card of API_CARDS) assert.ok(ruleById(card.rule), `${card.id} links to unknown rule ${card.rule}`);
  });

  test('every %key% has a text in English and Chinese, and no text is left over', () => {
    const used = new Set([...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    for (const language of ['en', 'zh-cn'] as const) {
      assert.deepEqual(Object.keys(nls[language]).sort(), [...used].sort(), `package.nls${language === 'en' ? '' : '.zh-cn'}.json`);
      for (const [key, value] of Object.entries(nls[language])) assert.ok(value.trim(), `${key} is empty`);
    }
  });

  test('runs nothing from the workspace: untrusted and virtual workspaces are fully supported', () => {
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
    assert.deepEqual(manifest.activationEvents, ['onLanguage:go']);
  });

  test('pins every dependency to an exact version', () => {
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      assert.match(String(version), /^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/, `${name}@${version}`);
    }
  });
});

describe('the guide', () => {
  test('the chapters are up to date with the rule docs (npm run guide)', () => {
    for (const [path, content] of renderGuide(ROOT)) {
      assert.ok(existsSync(join(ROOT, path)), `${path} is missing`);
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), content, `${path} is stale: run npm run guide`);
      const lastSection = content.split(/^## /m).pop()!;
      assert.match(lastSection, /^(Sources|参考资料)\n\n.*source guide|^(Sources|参考资料)\n\n.*源指南/s, `${path} does not end with its sources`);
    }
  });

  for (const rule of RULES) {
    test(`${rule.meta.id}: a section in both languages, linked by its anchor`, () => {
      for (const language of ['en', 'zh-cn'] as const) {
        const path = chapterPath(rule.meta.chapter, language);
        const chapter = readFileSync(join(ROOT, path), 'utf8');
        assert.ok(chapter.includes(`<a id="${rule.meta.id}"></a>`), `${path} has no section for ${rule.meta.id}`);
        assert.deepEqual(parseGuideUrl(ruleGuideUrl(rule, language)), { path, anchor: rule.meta.id });
      }
    });

    test(`${rule.meta.id}: its docs have the sections of the doc format`, () => {
      const headings = {
        en: ['### Why it matters', '### What to do', '### Example', '### Not flagged', '### Sources'],
        'zh-cn': ['### 为什么重要', '### 怎么做', '### 示例', '### 不会报告的情况', '### 参考资料'],
      };
      for (const language of ['en', 'zh-cn'] as const) {
        const found = rule.meta.docs[language].split('\n').filter((line) => line.startsWith('### '));
        assert.deepEqual(found, headings[language], `doc.${language}.md`);
      }
    });
  }
});
