import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'tls-insecure-skip-verify',
    title: { en: 'TLS certificate verification turned off', 'zh-cn': '关闭了 TLS 证书校验' },
    chapter: 'security',
    defaultSeverity: 'warning',
    peers: ['G402'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
