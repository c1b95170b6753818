import type { Rule } from '../core/rule';
import { CHAPTERS, ruleSummary, type GuideLanguage } from '../guide/chapters';
import type { Catalog } from './requests';

/** The chapters of the guide with the rules each one covers, for the editor's guide view. */
export function catalog(rules: readonly Rule[], language: GuideLanguage): Catalog {
  return {
    chapters: CHAPTERS.map((chapter) => ({
      id: chapter.id,
      number: chapter.number,
      title: chapter.title[language],
      rules: rules
        .filter((rule) => rule.meta.chapter === chapter.id)
        .map((rule) => ({ id: rule.meta.id, title: rule.meta.title[language], summary: ruleSummary(rule, language) })),
    })),
  };
}
