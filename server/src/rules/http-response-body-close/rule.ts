import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'http-response-body-close',
    title: { en: 'Response body not closed', 'zh-cn': '响应体未关闭' },
    chapter: 'http-clients',
    defaultSeverity: 'warning',
    peers: ['bodyclose'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
