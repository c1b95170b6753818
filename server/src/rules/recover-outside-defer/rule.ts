import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'recover-outside-defer',
    title: { en: 'recover outside a deferred function', 'zh-cn': '在 defer 函数之外调用 recover' },
    chapter: 'errors',
    defaultSeverity: 'warning',
    peers: ['revive:defer'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
