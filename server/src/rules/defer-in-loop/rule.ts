import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'defer-in-loop',
    title: { en: 'defer inside a loop', 'zh-cn': '在循环中使用 defer' },
    chapter: 'frameworks',
    defaultSeverity: 'warning',
    peers: ['revive:defer', 'gocritic:deferInLoop'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
