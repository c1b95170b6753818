import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'metric-label-cardinality',
    title: { en: 'Unbounded metric label values', 'zh-cn': '指标标签值无上界' },
    chapter: 'observability',
    defaultSeverity: 'warning',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
