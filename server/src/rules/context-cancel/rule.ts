import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'context-cancel',
    title: { en: 'Context cancel function not called', 'zh-cn': '未调用 context 的 cancel 函数' },
    chapter: 'context',
    defaultSeverity: 'warning',
    peers: ['lostcancel', 'G118'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
