import type { Hover } from 'vscode-languageserver';
import type { ApiAt } from '../core/api-at';
import { cardForApi, cardText } from '../guide/api-cards';
import { ruleGuideUrl, type GuideLanguage } from '../guide/chapters';
import { ruleById } from '../rules/registry';

/** The guidance card of the API under the cursor, with a link to its guide section. */
export function cardHover(api: ApiAt, language: GuideLanguage): Hover | undefined {
  const card = api.names.map(cardForApi).find((found) => found !== undefined);
  const rule = card && ruleById(card.rule);
  if (!card || !rule) return undefined;
  const more = language === 'zh-cn' ? '在指南中阅读' : 'Read more in the guide';
  const node = api.node;
  return {
    contents: { kind: 'markdown', value: `${cardText(card, language)}\n\n[${more} →](${ruleGuideUrl(rule, language)})` },
    range: {
      start: { line: node.startPosition.row, character: node.startPosition.column },
      end: { line: node.endPosition.row, character: node.endPosition.column },
    },
  };
}
