import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../../core/findings';
import { addLiteralFields, assignedTarget, laterConfiguration, literalKeys, storedInAnotherValue } from '../../core/literals';
import { servesOnlyObservability } from '../../core/observability';
import { packageQualifier } from '../../core/qualifier';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { listEn } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';
import { servesOnlyUnixSockets } from './unix-socket';

const TIMEOUT_FIELDS = ['ReadHeaderTimeout', 'ReadTimeout', 'WriteTimeout', 'IdleTimeout'];

/**
 * The guide's values (source guide 000, §2.1), in the order the fix inserts them. Go sets none,
 * and a read or write deadline bounds the whole request or response, so they are starting
 * values: an upload or a download that takes longer would now be cut off.
 */
const RECOMMENDED: Record<string, string> = {
  ReadHeaderTimeout: '2 * time.Second',
  ReadTimeout: '5 * time.Second',
  WriteTimeout: '10 * time.Second',
  IdleTimeout: '60 * time.Second',
};

export const rule: Rule = {
  meta: {
    id: 'http-server-timeouts',
    title: { en: 'HTTP server without timeouts', 'zh-cn': 'HTTP 服务器未设置超时' },
    chapter: 'http-servers',
    defaultSeverity: 'warning',
    peers: ['G112'],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
    // Test servers (httptest and friends) listen on loopback for the length of a test.
    skipsTests: true,
  },
  query,
  check(match, context) {
    const type = capture(match, 'type')!;
    const body = capture(match, 'body')!;
    const literal = capture(match, 'literal')!;
    if (context.types.qualified(type)?.path !== 'net/http') return;
    const keys = literalKeys(body);
    if (!keys || storedInAnotherValue(literal)) return;

    const set = new Set([...keys].filter((key) => TIMEOUT_FIELDS.includes(key)));
    const target = assignedTarget(literal);
    if (target) {
      const later = laterConfiguration(literal, target, context.file.text, TIMEOUT_FIELDS);
      if (later === 'handed-off') return;
      for (const field of later) set.add(field);
    }

    // A timeout named in a comment inside the literal (`// WriteTimeout: …, // exports stream
    // for minutes`) was weighed and left out on purpose: the decision is the author's.
    for (const comment of body.descendantsOfType('comment')) {
      for (const field of TIMEOUT_FIELDS) if (comment?.text.includes(field)) set.add(field);
    }

    const hasRead = set.has('ReadHeaderTimeout') || set.has('ReadTimeout');
    const hasWrite = set.has('WriteTimeout');
    // net/http: a zero IdleTimeout falls back to ReadTimeout, and with neither the wait for the
    // next request is bounded by the header read's deadline (ReadHeaderTimeout); with none of the
    // three, idle keep-alive connections are never closed, as serious as a missing read deadline.
    const idleNever = !set.has('IdleTimeout') && !set.has('ReadTimeout') && !set.has('ReadHeaderTimeout');
    const missing: string[] = [];
    if (!hasRead) missing.push('ReadHeaderTimeout', 'ReadTimeout');
    if (!hasWrite) missing.push('WriteTimeout');
    if (idleNever) missing.push('IdleTimeout');

    // An ops port (metrics, pprof, health) is not a client-facing service: a header deadline is
    // what it needs, and a WriteTimeout would cut off pprof's profiles and traces.
    if (!hasRead || !hasWrite) {
      const handler = servedHandler(body, target, literal, context.file.text);
      if (handler !== 'unknown' && servesOnlyObservability(handler, context)) {
        if (hasRead) return;
        context.report({
          node: type,
          severity: 'information',
          message: {
            en: 'http.Server serves only observability routes (metrics, pprof, health) and has no read timeout; set ReadHeaderTimeout',
            'zh-cn': 'http.Server 只提供 metrics、pprof、健康检查这类观测路由，但没有读超时；请设置 ReadHeaderTimeout',
          },
          fixes: startingValues(body, ['ReadHeaderTimeout'], context),
        });
        return;
      }
    }

    // Only local processes can open a unix socket: a missing timeout is hygiene there.
    const local = target !== undefined && servesOnlyUnixSockets(target, literal, context);
    if (!hasRead || !hasWrite || idleNever) {
      const fields = missing.filter((field) => !set.has(field));
      // The fix also sets IdleTimeout when the read deadline is all that bounds idle connections,
      // so that the fixed server re-checks clean (no IdleTimeout information finding).
      const added = set.has('IdleTimeout') || fields.includes('IdleTimeout') ? fields : [...fields, 'IdleTimeout'];
      context.report({
        node: type,
        severity: local ? 'information' : undefined,
        message: local
          ? {
              en: `http.Server has ${describe(!hasRead, !hasWrite, idleNever)}; only local clients reach its unix socket; set ${fields.join(', ')}`,
              'zh-cn': `http.Server ${describeZh(!hasRead, !hasWrite, idleNever)}；它只在 unix socket 上服务，只有本机进程能占着连接；请设置 ${fields.join('、')}`,
            }
          : {
              en: `http.Server has ${describe(!hasRead, !hasWrite, idleNever)}, so slow clients hold connections; ${remedy(fields)}`,
              'zh-cn': `http.Server ${describeZh(!hasRead, !hasWrite, idleNever)}，慢速或空闲的客户端可以无限期占着连接；${remedyZh(fields)}`,
            },
        fixes: startingValues(body, added, context),
      });
      return;
    }
    if (!set.has('IdleTimeout')) {
      const idleFallback = set.has('ReadTimeout') ? 'ReadTimeout' : 'ReadHeaderTimeout';
      context.report({
        node: type,
        severity: 'information',
        message: {
          en: `IdleTimeout is not set, so idle keep-alive connections reuse ${idleFallback}; set IdleTimeout explicitly`,
          'zh-cn': `没有设置 IdleTimeout，空闲的 keep-alive 连接沿用 ${idleFallback}；请显式设置 IdleTimeout`,
        },
        fixes: idleAsToday(body, context),
      });
    }
  },
};

/**
 * The handler the server serves: its `Handler:` value, or undefined (http.DefaultServeMux) when
 * the literal has none and nothing in the function sets `srv.Handler` afterwards.
 */
function servedHandler(body: Node, target: Node | undefined, literal: Node, source: string): Node | undefined | 'unknown' {
  for (const element of body.namedChildren) {
    const key = element?.type === 'keyed_element' ? element.childForFieldName('key') : null;
    if ((key?.namedChild(0) ?? key)?.text !== 'Handler') continue;
    const value = element!.childForFieldName('value');
    return (value?.type === 'literal_element' ? value.namedChild(0) : value) ?? 'unknown';
  }
  if (!target) return undefined;
  const later = laterConfiguration(literal, target, source, ['Handler']);
  return later === 'handed-off' || later.has('Handler') ? 'unknown' : undefined;
}

/**
 * What to set. ReadTimeout and WriteTimeout bound a whole request body and a whole response, so a
 * value that suits most routes cuts off a streamed download, a websocket or a large upload: the
 * message says to size them to those (reviewers of real services, review 5).
 */
const WHOLE_REQUEST = new Set(['ReadTimeout', 'WriteTimeout']);

function remedy(fields: string[]): string {
  const whole = fields.filter((field) => WHOLE_REQUEST.has(field));
  const sized = whole.length === 0 ? [] : [`${whole.length === 2 ? 'Read/WriteTimeout' : whole[0]} past your longest stream`];
  return `set ${[...fields.filter((field) => !WHOLE_REQUEST.has(field)), ...sized].join(', ')}`;
}

function remedyZh(fields: string[]): string {
  const whole = fields.filter((field) => WHOLE_REQUEST.has(field));
  const sized = whole.length === 0 ? [] : [`${whole.join('、')}（要长于最长的上传或流式响应）`];
  return `请设置 ${[...fields.filter((field) => !WHOLE_REQUEST.has(field)), ...sized].join('、')}`;
}

function describeZh(noRead: boolean, noWrite: boolean, idleNever: boolean): string {
  const kinds = [noRead && '读', noWrite && '写', idleNever && '空闲'].filter((kind): kind is string => Boolean(kind));
  return `没有${kinds.join('、')}超时`;
}

function describe(noRead: boolean, noWrite: boolean, idleNever: boolean): string {
  const kinds = [noRead && 'read', noWrite && 'write', idleNever && 'idle'].filter((kind): kind is string => Boolean(kind));
  return `no ${listEn(kinds, 'or')} timeout`;
}

/** The guide's values for the missing fields: offered, not preferred, since they are guesses. */
function startingValues(body: Node, fields: string[], context: RuleContext): Fix[] {
  const time = packageQualifier(context, 'time', body);
  if (!time) return [];
  const entries = fields.map((key) => ({ key, value: RECOMMENDED[key].replace('time.', `${time.name}.`) }));
  const edits: TextEdit[] = [...addLiteralFields(body, entries, context.file.lines), ...time.edits];
  return [
    {
      title: {
        en: `Add ${listEn(fields)} (starting values: size them to your slowest uploads and responses)`,
        'zh-cn': `加上 ${fields.join('、')}（只是起点：请按最慢的上传和响应调整）`,
      },
      edits,
      preferred: false,
    },
  ];
}

/**
 * `IdleTimeout` set to the literal's own `ReadTimeout`, which idle connections use today: the
 * setting becomes explicit and nothing changes. No fix when ReadTimeout is set elsewhere.
 */
function idleAsToday(body: Node, context: RuleContext): Fix[] {
  const read = body.namedChildren.find((element) => {
    const key = element?.type === 'keyed_element' ? element.childForFieldName('key') : null;
    return (key?.namedChild(0) ?? key)?.text === 'ReadTimeout';
  });
  const value = read?.childForFieldName('value');
  if (!value || value.startPosition.row !== value.endPosition.row) return [];
  return [
    {
      title: { en: `Add IdleTimeout: ${value.text} (the ReadTimeout idle connections use today)`, 'zh-cn': `加上 IdleTimeout: ${value.text}（即空闲连接现在沿用的 ReadTimeout）` },
      edits: addLiteralFields(body, [{ key: 'IdleTimeout', value: value.text }], context.file.lines),
    },
  ];
}
