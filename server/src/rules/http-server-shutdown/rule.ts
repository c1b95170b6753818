import type { Node } from 'web-tree-sitter';
import { capture, type Rule } from '../../core/rule';
import { callArguments, unparen } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';

/** A string literal address on the loopback interface: a debug or profiling side server. */
const LOOPBACK = /^"(localhost|127\.0\.0\.1|\[::1\]):/;

export const rule: Rule = {
  meta: {
    id: 'http-server-shutdown',
    title: { en: 'HTTP server without graceful shutdown', 'zh-cn': 'HTTP 服务没有优雅退出' },
    chapter: 'http-servers',
    defaultSeverity: 'information',
    peers: [],
    fixable: false,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  methods: ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'],
  check(match, context) {
    // Only a program decides how it stops: libraries (and tests) leave that to their caller.
    if (context.file.packageName !== 'main') return;
    // Any `.Shutdown(` call in the package: the receiver's type is not known across files, so
    // the rule trusts it (an OpenTelemetry provider's Shutdown silences it too).
    if (context.index.callsMethod('Shutdown')) return;
    const call = capture(match, 'call')!;
    const name = capture(match, 'method')!;
    const operand = capture(match, 'operand')!;

    const called = context.types.calledFunction(call);
    if (called) {
      if (called.path !== 'net/http') return;
      const address = callArguments(call)[0];
      if (called.name.startsWith('ListenAndServe') && address && LOOPBACK.test(address.text)) return;
      const callee = call.childForFieldName('function')!.text;
      context.report({
        node: name,
        message: {
          en: `\`${callee}\` starts a server that cannot be shut down, so requests in flight are cut off at exit; use an \`http.Server\` and its \`Shutdown\``,
          'zh-cn': `\`${callee}\` 启动的 server 无法优雅关闭，进程退出时正在处理的请求会被切断；改用 \`http.Server\`，收到 SIGTERM 时调用 \`Shutdown(ctx)\``,
        },
      });
      return;
    }
    const type = context.types.typeOf(operand);
    if (type?.pkg !== 'net/http' || type.name !== 'Server') return;
    const receiver = simpleReceiver(operand);
    const shutdown = `\`${receiver ?? 'srv'}.Shutdown(ctx)\``;
    context.report({
      node: name,
      message: {
        en: `${receiver ? `\`${receiver}\`` : 'the http.Server'} is started with \`${name.text}\` but never shut down, so requests in flight are cut off at exit; call ${shutdown} on SIGTERM`,
        'zh-cn': `${receiver ? `\`${receiver}\`` : '这个 http.Server '}用 \`${name.text}\` 启动，但程序从不调用 Shutdown，进程退出时正在处理的请求会被切断；收到 SIGTERM 时调用 ${shutdown}`,
      },
    });
  },
};

/** `srv`, `a.server`: a receiver short enough to name in the message; not a literal. */
function simpleReceiver(operand: Node): string | undefined {
  const receiver = unparen(operand);
  const simple = receiver.type === 'identifier' || (receiver.type === 'selector_expression' && !receiver.text.includes('\n'));
  return simple ? receiver.text : undefined;
}
