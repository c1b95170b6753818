import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'redis-lock-without-ttl',
    title: { en: 'Redis lock without expiry', 'zh-cn': 'Redis 锁没有过期时间' },
    chapter: 'security',
    defaultSeverity: 'warning',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
