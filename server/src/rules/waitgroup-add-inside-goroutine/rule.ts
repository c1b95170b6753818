import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'waitgroup-add-inside-goroutine',
    title: { en: 'WaitGroup.Add inside the goroutine', 'zh-cn': '在 goroutine 内部调用 WaitGroup.Add' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['SA2000', 'waitgroup'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
