import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'sql-string-building',
    title: { en: 'SQL built from strings', 'zh-cn': '用字符串拼接 SQL' },
    chapter: 'databases',
    defaultSeverity: 'warning',
    peers: ['G201', 'G202'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
