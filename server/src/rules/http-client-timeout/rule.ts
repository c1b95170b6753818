import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'http-client-timeout',
    title: { en: 'HTTP client without a timeout', 'zh-cn': 'HTTP 客户端没有超时' },
    chapter: 'http-clients',
    defaultSeverity: 'warning',
    peers: ['noctx'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
