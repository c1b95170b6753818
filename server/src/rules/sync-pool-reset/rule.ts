import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'sync-pool-reset',
    title: { en: 'Pooled buffer used without Reset', 'zh-cn': 'sync.Pool 取出的对象未 Reset' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
