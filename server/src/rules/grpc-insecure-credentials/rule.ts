import { type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'grpc-insecure-credentials',
    title: { en: 'gRPC connection without transport security', 'zh-cn': 'gRPC 连接未加密' },
    chapter: 'security',
    defaultSeverity: 'warning',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check() {
    // TODO(issue): not written yet.
  },
};
