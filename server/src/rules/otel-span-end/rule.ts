import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'otel-span-end',
    title: { en: 'Span never ended', 'zh-cn': 'Span 未结束' },
    chapter: 'observability',
    defaultSeverity: 'warning',
    peers: ['spancheck'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
