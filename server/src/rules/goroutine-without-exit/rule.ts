import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'goroutine-without-exit',
    title: { en: 'Goroutine with no way to exit', 'zh-cn': 'goroutine 没有退出路径' },
    chapter: 'concurrency',
    defaultSeverity: 'information',
    peers: ['G118'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
