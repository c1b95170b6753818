import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'http-transport-limits',
    title: { en: 'HTTP transport left at default limits', 'zh-cn': 'HTTP Transport 使用默认连接参数' },
    chapter: 'http-clients',
    defaultSeverity: 'hint',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
