import type { Chapter, Rule } from '../core/rule';

export type GuideLanguage = 'en' | 'zh-cn';

export interface ChapterInfo {
  id: Chapter;
  number: number;
  title: Record<GuideLanguage, string>;
}

/** The chapters of the guide, in the order of the rule catalog. */
export const CHAPTERS: readonly ChapterInfo[] = [
  { id: 'http-servers', number: 1, title: { en: 'HTTP servers', 'zh-cn': 'HTTP 服务端' } },
  { id: 'http-clients', number: 2, title: { en: 'HTTP clients', 'zh-cn': 'HTTP 客户端' } },
  { id: 'databases', number: 3, title: { en: 'Databases', 'zh-cn': '数据库' } },
  { id: 'context', number: 4, title: { en: 'Context', 'zh-cn': 'Context' } },
  { id: 'concurrency', number: 5, title: { en: 'Concurrency', 'zh-cn': '并发' } },
  { id: 'errors', number: 6, title: { en: 'Errors', 'zh-cn': '错误处理' } },
  { id: 'observability', number: 7, title: { en: 'Observability', 'zh-cn': '可观测性' } },
  { id: 'security', number: 8, title: { en: 'Security and RPC', 'zh-cn': '安全与 RPC' } },
  { id: 'frameworks', number: 9, title: { en: 'Frameworks', 'zh-cn': '框架' } },
];

/**
 * Where the guide is published. Links point here so they work from the CLI, SARIF and any
 * editor; the VS Code client recognises them and opens the bundled copy instead.
 */
export const GUIDE_HOME = 'https://github.com/go-backend-guide/go-backend-guide/blob/main/';

export function chapterInfo(id: Chapter): ChapterInfo {
  return CHAPTERS.find((chapter) => chapter.id === id)!;
}

/** Repository-relative path of a chapter file, e.g. `docs/guide/en/01-http-servers.md`. */
export function chapterPath(id: Chapter, language: GuideLanguage): string {
  const chapter = chapterInfo(id);
  return `docs/guide/${language}/${String(chapter.number).padStart(2, '0')}-${chapter.id}.md`;
}

/** The published address of a rule's section: the chapter file with the rule id as anchor. */
export function ruleGuideUrl(rule: Rule, language: GuideLanguage): string {
  return `${GUIDE_HOME}${chapterPath(rule.meta.chapter, language)}#${rule.meta.id}`;
}

/** Splits one of our guide addresses into the bundled file path and the section anchor. */
export function parseGuideUrl(url: string): { path: string; anchor?: string } | undefined {
  if (!url.startsWith(GUIDE_HOME)) return undefined;
  const [path, anchor] = url.slice(GUIDE_HOME.length).split('#');
  return /^docs\/guide\/(en|zh-cn)\/\d\d-[a-z-]+\.md$/.test(path) ? { path, anchor } : undefined;
}

/** The first paragraph of a rule doc: what is flagged and what to do. */
export function ruleSummary(rule: Rule, language: GuideLanguage): string {
  const doc = rule.meta.docs[language].trim();
  return doc.split(/\n\s*\n/)[0].trim();
}

/** The doc with its section headings, for the guide and for `--explain`. */
export function ruleSection(rule: Rule, language: GuideLanguage): string {
  return rule.meta.docs[language].trim();
}

export function guideLanguage(locale: string | undefined): GuideLanguage {
  return locale?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
