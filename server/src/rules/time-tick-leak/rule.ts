import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'time-tick-leak',
    title: { en: 'time.Tick leaks its ticker (before Go 1.23)', 'zh-cn': 'time.Tick 泄漏 Ticker（Go 1.23 之前）' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['SA1015'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
