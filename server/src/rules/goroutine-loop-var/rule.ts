import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'goroutine-loop-var',
    title: { en: 'Closure captures the loop variable (before Go 1.22)', 'zh-cn': '闭包捕获循环变量（Go 1.22 之前）' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['loopclosure'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
