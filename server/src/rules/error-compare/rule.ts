import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'error-compare',
    title: { en: 'Error compared with ==', 'zh-cn': '用 == 比较错误' },
    chapter: 'errors',
    defaultSeverity: 'warning',
    peers: ['errorlint'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
