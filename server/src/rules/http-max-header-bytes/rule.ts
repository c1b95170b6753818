import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, passedToCall, storedInAnotherValue } from '../../core/literals';
import { capture, type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const FIELD = 'MaxHeaderBytes';
/** 8 KB, the source guide's production value (000, §2.1). */
const VALUE = '8 << 10';

export const rule: Rule = {
  meta: {
    id: 'http-max-header-bytes',
    title: { en: 'HTTP server without a header size limit', 'zh-cn': 'HTTP 服务未限制请求头大小' },
    chapter: 'http-servers',
    defaultSeverity: 'hint',
    peers: [],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  query,
  check(match, context) {
    const type = capture(match, 'type')!;
    const body = capture(match, 'body')!;
    const literal = capture(match, 'literal')!;
    if (context.types.qualified(type)?.path !== 'net/http') return;
    const keys = literalKeys(body);
    if (!keys || keys.has(FIELD) || storedInAnotherValue(literal) || passedToCall(literal)) return;
    const target = assignedTarget(literal);
    if (target) {
      const later = laterConfiguration(literal, target, context.file.text, [FIELD]);
      if (later === 'handed-off' || later.has(FIELD)) return;
    }
    context.report({
      node: type,
      message: {
        en: `http.Server has no MaxHeaderBytes, so every request may send up to 1 MB of headers (http.DefaultMaxHeaderBytes); set \`MaxHeaderBytes: ${VALUE}\` or a limit sized for your largest cookies and tokens`,
        'zh-cn': `http.Server 没有设置 MaxHeaderBytes，每个请求最多可以发 1 MB 的请求头（http.DefaultMaxHeaderBytes）；设置 \`MaxHeaderBytes: ${VALUE}\`，或按最大的 cookie 和 token 定一个上限`,
      },
      fixes: [{ title: { en: `Add MaxHeaderBytes: ${VALUE}`, 'zh-cn': `加上 MaxHeaderBytes: ${VALUE}` }, edits: addLiteralFields(body, [{ key: FIELD, value: VALUE }], context.file.lines) }],
    });
  },
};
