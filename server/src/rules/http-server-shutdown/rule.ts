import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'http-server-shutdown',
    title: { en: 'HTTP server without graceful shutdown', 'zh-cn': 'HTTP 服务没有优雅退出' },
    chapter: 'http-servers',
    defaultSeverity: 'information',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
