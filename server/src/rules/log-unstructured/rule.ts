import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'log-unstructured',
    title: { en: 'Unstructured logging in a structured-logging module', 'zh-cn': '结构化日志项目里使用非结构化日志' },
    chapter: 'observability',
    defaultSeverity: 'off',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
