import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'sql-rows-err',
    title: { en: 'rows.Err not checked after the loop', 'zh-cn': '遍历后未检查 rows.Err' },
    chapter: 'databases',
    defaultSeverity: 'warning',
    peers: ['rowserrcheck'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
