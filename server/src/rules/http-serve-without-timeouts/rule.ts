import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'http-serve-without-timeouts',
    title: { en: 'Package-level ListenAndServe or Serve, which cannot set timeouts', 'zh-cn': '使用包级 ListenAndServe/Serve，无法设置超时' },
    chapter: 'http-servers',
    defaultSeverity: 'warning',
    peers: ['G114'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
