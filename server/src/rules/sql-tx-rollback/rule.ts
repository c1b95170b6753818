import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'sql-tx-rollback',
    title: { en: 'Transaction not rolled back on error', 'zh-cn': '事务出错时未回滚' },
    chapter: 'databases',
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
