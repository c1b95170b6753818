import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'errorf-wrap',
    title: { en: 'Error formatted without %w', 'zh-cn': 'fmt.Errorf 未用 %w 包装错误' },
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
