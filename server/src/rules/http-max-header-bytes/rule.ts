import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, passedToCall, storedInAnotherValue } from '../../core/literals';
import { capture, type Rule } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const FIELD = 'MaxHeaderBytes';
/**
 * 64 KB: a sixteenth of Go's 1 MB default, yet as much as the usual front ends forward (an AWS
 * load balancer takes 64 KB of request headers, nginx's default buffers 32 KB), so no request
 * that reaches the service through them starts failing with 431. The source guide's 8 KB
 * (000, §2.1) would refuse requests with large cookies or tokens that Go accepts today.
 */
const VALUE = '64 << 10';

export const rule: Rule = {
  meta: {
    id: 'http-max-header-bytes',
    title: { en: 'HTTP server without a header size limit', 'zh-cn': 'HTTP 服务未限制请求头大小' },
    chapter: 'http-servers',
    defaultSeverity: 'hint',
    peers: [],
    fixable: true,
    longRunning: true,
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
        en: `http.Server has no MaxHeaderBytes, so each request may send 1 MB of headers; set \`MaxHeaderBytes: ${VALUE}\` or a limit fit for your largest cookies and tokens`,
        'zh-cn': `http.Server 没有设置 MaxHeaderBytes，每个请求最多可以发 1 MB 的请求头（http.DefaultMaxHeaderBytes）；设置 \`MaxHeaderBytes: ${VALUE}\`，或按最大的 cookie 和 token 定一个上限`,
      },
      fixes: [{ title: { en: `Add MaxHeaderBytes: ${VALUE}`, 'zh-cn': `加上 MaxHeaderBytes: ${VALUE}` }, edits: addLiteralFields(body, [{ key: FIELD, value: VALUE }], context.file.lines) }],
    });
  },
};
