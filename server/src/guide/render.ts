import type { Rule } from '../core/rule';
import { suppressionNames } from '../core/suppression';
import { chapterInfo, type ChapterInfo, type GuideLanguage } from './chapters';

const LABELS = {
  en: { severity: 'Default severity', tools: 'in code only command-line tools run: information', fix: 'Quick fix', yes: 'yes', no: 'no', silenced: 'Silenced by', off: 'off (opt-in)', sources: 'Sources' },
  'zh-cn': { severity: '默认级别', tools: '仅由命令行工具运行的代码中为信息', fix: '快速修复', yes: '有', no: '无', silenced: '屏蔽名称', off: '默认关闭', sources: '参考资料' },
};

const SEVERITY_NAMES = {
  en: { error: 'error', warning: 'warning', information: 'information', hint: 'hint', off: 'off (opt-in)' },
  'zh-cn': { error: '错误', warning: '警告', information: '信息', hint: '提示', off: '默认关闭' },
};

/**
 * A guide chapter: its hand-written introduction, then one section per rule, generated from the
 * rule's own doc so that the guide, the hover and the CLI cannot drift apart. Each section opens
 * with an anchor named after the rule id, which every link to the rule targets. The chapter ends
 * with the sources its introduction names (its closing `Sources:` paragraph).
 */
export function renderChapter(chapter: ChapterInfo, language: GuideLanguage, intro: string, rules: readonly Rule[]): string {
  const label = LABELS[language];
  const colon = language === 'zh-cn' ? '：' : ': ';
  const paragraphs = intro.trim().split(/\n\s*\n/);
  const sourcesAt = paragraphs.findIndex((paragraph) => /^(Sources:|参考资料：)/.test(paragraph));
  const sources = sourcesAt === -1 ? undefined : paragraphs.splice(sourcesAt, 1)[0].replace(/^(Sources:|参考资料：)\s*/, '');
  const parts = [paragraphs.join('\n\n')];
  for (const rule of rules.filter((r) => r.meta.chapter === chapter.id)) {
    const names = [...suppressionNames(rule.meta.id, rule.meta.peers)].map((name) => `\`//nolint:${name}\``).join(', ');
    parts.push(
      [
        `<a id="${rule.meta.id}"></a>`,
        '',
        `## ${rule.meta.title[language]} (\`${rule.meta.id}\`)`,
        '',
        [
          // See core/programs: only a warning is lowered there.
          `${label.severity}${colon}${SEVERITY_NAMES[language][rule.meta.defaultSeverity]}${rule.meta.longRunning && rule.meta.defaultSeverity === 'warning' ? (language === 'zh-cn' ? `（${label.tools}）` : ` (${label.tools})`) : ''}`,
          `${label.fix}${colon}${rule.meta.fixable ? label.yes : label.no}`,
          `${label.silenced}${colon}${names}`,
        ].join(' · '),
        '',
        rule.meta.docs[language].trim(),
      ].join('\n'),
    );
  }
  if (sources) parts.push(`## ${label.sources}\n\n${sources}`);
  return `${parts.join('\n\n')}\n`;
}

export { chapterInfo };
