import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'time-after-in-loop',
    title: { en: 'time.After in a select loop (before Go 1.23)', 'zh-cn': '在 select 循环中使用 time.After（Go 1.23 之前）' },
    chapter: 'concurrency',
    defaultSeverity: 'information',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
