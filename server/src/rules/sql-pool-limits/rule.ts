import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'sql-pool-limits',
    title: { en: 'Connection pool left at defaults', 'zh-cn': '连接池使用默认配置' },
    chapter: 'databases',
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
