import type { Node } from 'web-tree-sitter';
import { indentOf } from '../../core/edits';
import { servesOnlyObservability } from '../../core/observability';
import { packageQualifier } from '../../core/qualifier';
import type { Fix, TextEdit } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';

/**
 * How each package-level function maps onto a server: which argument is the address or the
 * listener, which the handler, and which stay as arguments of the method.
 */
const SHAPES: Record<string, { arity: number; addr?: number; handler: number; kept: number[] }> = {
  ListenAndServe: { arity: 2, addr: 0, handler: 1, kept: [] },
  ListenAndServeTLS: { arity: 4, addr: 0, handler: 3, kept: [1, 2] },
  Serve: { arity: 2, handler: 1, kept: [0] },
  ServeTLS: { arity: 4, handler: 1, kept: [0, 2, 3] },
};

/** The guide's values (source guide 000, §2.1), the same starting values http-server-timeouts offers. */
const TIMEOUTS: [string, string][] = [
  ['ReadHeaderTimeout', '2 * time.Second'],
  ['ReadTimeout', '5 * time.Second'],
  ['WriteTimeout', '10 * time.Second'],
  ['IdleTimeout', '60 * time.Second'],
];

export const rule: Rule = {
  meta: {
    id: 'http-serve-without-timeouts',
    title: { en: 'Package-level ListenAndServe or Serve, which cannot set timeouts', 'zh-cn': '使用包级 ListenAndServe/Serve，无法设置超时' },
    chapter: 'http-servers',
    defaultSeverity: 'warning',
    peers: ['G114'],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
    // Test servers listen on loopback for the length of a test.
    skipsTests: true,
  },
  methods: ['ListenAndServe', 'ListenAndServeTLS', 'Serve', 'ServeTLS'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const callee = capture(match, 'callee')!;
    const called = context.types.calledFunction(call);
    if (called?.path !== 'net/http' || !(called.name in SHAPES)) return;
    const handler = callArguments(call)[SHAPES[called.name].handler];
    // An ops port (metrics, pprof, health) is not a client-facing service: what it needs is a
    // header deadline, and a WriteTimeout would cut off pprof's profiles and traces.
    const ops = handler !== undefined && servesOnlyObservability(handler, context);
    const fix = rewrite(call, callee, called.name, ops ? TIMEOUTS.slice(0, 1) : TIMEOUTS, context);
    context.report({
      node: callee,
      severity: ops ? 'information' : undefined,
      message: ops
        ? {
            en: `\`${callee.text}\` serves an observability port (metrics, pprof, health) with no timeouts; start an \`http.Server\` with ReadHeaderTimeout`,
            'zh-cn': `\`${callee.text}\` 启动的观测端口（metrics、pprof、健康检查）没有任何超时；改为启动设置了 ReadHeaderTimeout 的 \`http.Server\``,
          }
        : {
            en: `\`${callee.text}\` runs a server with no timeouts, so slow clients can hold connections without limit; start an \`http.Server\` with timeouts instead`,
            'zh-cn': `\`${callee.text}\` 启动的 server 没有任何超时，慢速客户端可以无限期占着连接；改为启动设置了超时的 \`http.Server\``,
          },
      fixes: fix ? [fix] : [],
    });
  },
};

/**
 * `http.ListenAndServe(addr, h)` → `(&http.Server{Addr: addr, Handler: h, …timeouts}).ListenAndServe()`,
 * laid out one field per line as gofmt aligns it. No fix when the result could not be laid out
 * the way gofmt would keep it: an argument spanning lines, comments among the arguments, or a
 * call inside a one-line block (`go func() { … }()`), which gofmt would then have to expand.
 */
function rewrite(call: Node, callee: Node, name: string, timeouts: [string, string][], context: RuleContext): Fix | undefined {
  const shape = SHAPES[name];
  const args = callArguments(call);
  const list = call.childForFieldName('arguments')!;
  if (args.length !== shape.arity || list.namedChildren.some((n) => n?.type === 'comment')) return undefined;
  if (args.some((arg) => arg.startPosition.row !== arg.endPosition.row || arg.type === 'variadic_argument')) return undefined;
  if (!startsItsLine(call, context)) return undefined;

  const http = callee.childForFieldName('operand')!.text;
  const time = packageQualifier(context, 'time', call);
  if (!time) return undefined;
  const fields: [string, string][] = [];
  if (shape.addr !== undefined) fields.push(['Addr', args[shape.addr].text]);
  if (args[shape.handler].type !== 'nil') fields.push(['Handler', args[shape.handler].text]);
  for (const [key, value] of timeouts) fields.push([key, value.replace('time.', `${time.name}.`)]);

  const indent = indentOf(call, context.file.lines);
  const width = Math.max(...fields.map(([key]) => key.length));
  const rows = fields.map(([key, value]) => `${indent}\t${key}:${' '.repeat(width - key.length + 1)}${value},\n`).join('');
  const kept = shape.kept.map((i) => args[i].text).join(', ');
  const edits: TextEdit[] = [
    {
      range: {
        start: { line: call.startPosition.row, character: call.startPosition.column },
        end: { line: call.endPosition.row, character: call.endPosition.column },
      },
      newText: `(&${http}.Server{\n${rows}${indent}}).${name}(${kept})`,
    },
    ...time.edits,
  ];
  return {
    title:
      timeouts.length === 1
        ? { en: 'Use an http.Server with ReadHeaderTimeout (a starting value)', 'zh-cn': '改用设置了 ReadHeaderTimeout 的 http.Server（只是起点）' }
        : {
            en: 'Use an http.Server with timeouts (starting values: size them to your slowest uploads and responses)',
            'zh-cn': '改用设置了超时的 http.Server（超时只是起点：请按最慢的上传和响应调整）',
          },
    edits,
    // Go sets no deadline; these cut off any upload or response that takes longer.
    preferred: false,
  };
}

/** True when the statement holding the call is the first thing on its line. */
function startsItsLine(call: Node, context: RuleContext): boolean {
  let statement: Node = call;
  while (statement.parent && statement.parent.type !== 'statement_list' && statement.parent.type !== 'block') {
    statement = statement.parent;
  }
  const line = context.file.lines.lineText(statement.startPosition.row);
  return line.slice(0, statement.startPosition.column).trim() === '';
}
