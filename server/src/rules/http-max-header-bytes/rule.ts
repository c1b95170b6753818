import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'http-max-header-bytes',
    title: { en: 'HTTP server without a header size limit', 'zh-cn': 'HTTP 服务未限制请求头大小' },
    chapter: 'http-servers',
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
