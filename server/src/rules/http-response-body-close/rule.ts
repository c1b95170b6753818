// The http-response-body-close rule: its metadata, and the check's flow from a request to a finding.
import type { Node } from 'web-tree-sitter';
import type { Fix, Localized } from '../../core/findings';
import { snippet } from '../../core/text';
import { withHelpers } from '../../core/release/helpers';
import { trackRelease } from '../../core/release/tracked';
import { addedLine, movedLine } from '../../core/release/fix';
import { insideLoop } from '../../core/paths';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, enclosingFunction } from '../../core/syntax';
import { timeoutSetOn } from '../../core/http-client';
import { carriesDeadline } from '../../core/request-bounds';
import { receivedCall, varDeclarationOf, type Binding } from '../../core/release/binding';
import { exitPath, leakBeforeClose, type Leak } from '../../core/release/exits';
import type { Reference } from '../../core/release/usage';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { closedRightAway, drainedRightAway, errorCheckAnchor } from './placement';
import query from './query.scm';
import { classifyResponseUse, handedToCaller, isHeadRequest, returnsResponse, seesWrappers, wrapperResponse } from './response';
import { REQUEST_METHODS } from '../../core/response-wrappers';

export const rule: Rule = {
  meta: {
    id: 'http-response-body-close',
    title: { en: 'Response body not closed', 'zh-cn': '响应体未关闭' },
    chapter: 'http-clients',
    defaultSeverity: 'warning',
    peers: ['bodyclose'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    // Tests talk to short-lived httptest servers; a leaked body there costs nothing lasting.
    skipsTests: true,
  },
  methods: [...REQUEST_METHODS],
  // Calls of the module's wrappers (`res, err := get(url)`): any call received by two names.
  query,
  queryTrigger: /=/u,
  queryWanted: seesWrappers,
  check(match, context) {
    const call = capture(match, 'call')!;
    // A call named like a request method comes as a method call, wrapper or not.
    if (!capture(match, 'method') && REQUEST_METHODS.has(call.childForFieldName('function')?.childForFieldName('field')?.text ?? '')) return;
    const site = receivedCall(call);
    if (!site) return;
    const { target, spec } = site;
    const holder = spec ?? site.statement;
    if (!target || !holder || target.text === '_') {
      // `http.Get(…)` as a statement, or `_, err := client.Do(req)`.
      const source = enclosingFunction(call) ? sourceOf(call, context) : undefined;
      if (source) reportDiscarded(call, source, context);
      return;
    }
    const name = target.text;
    const errName = target.nextNamedSibling?.type === 'identifier' ? target.nextNamedSibling.text : undefined;
    const assigning = spec ? varDeclarationOf(spec) : holder;
    if (assigning && closedRightAway(assigning, name, errName)) return;
    const source = sourceOf(call, context);
    if (!source) return;
    const receiver = enclosingFunction(call);
    const classify = (ref: Reference) => (receiver && handedToCaller(ref, receiver)) || classifyResponseUse(ref, context);
    const tracked = trackRelease(call, holder, target, name, context.file.tree, withHelpers(classify, ['Body.Close'], context));
    if (!tracked) return;
    const { binding, fn, refs, usage } = tracked;

    const callee = snippet(call.childForFieldName('function')!.text, 30);
    const response: Response = { binding, name, fn, subject: { en: `\`${name}.Body\` from \`${callee}\``, 'zh-cn': `\`${callee}\` 返回的 \`${name}.Body\`` } };
    // Read to the end right after the error check, or a HEAD response, which has no body: the
    // connection is released whatever follows.
    const drained = source.head ? 'head' : drainedRightAway(binding.statement, name, binding.err, context) ? 'read' : undefined;
    if (usage.overwrittenAt || (usage.sites.length === 0 && !usage.conditionalRelease)) {
      if (drained) reportDrainedNeverClosed(response, drained, context);
      else reportNeverClosed(response, usage.overwrittenAt, context);
      return;
    }
    // Closed somewhere: the body leaks only if a path leaves before the Close runs.
    const leak = !drained && leakBeforeClose(binding.statement, usage.sites, refs, binding.err, name);
    if (leak) reportLeak(response, leak, source.wrapper ? undefined : boundOfRequest(call, context), context);
  },
};

/**
 * Where a response comes from: a request made here, or a wrapper of the module that returns one
 * (whose client and deadline are not known here, so no bound is looked for).
 */
interface Source {
  head: boolean;
  wrapper: boolean;
}

function sourceOf(call: Node, context: RuleContext): Source | undefined {
  if (returnsResponse(call, context)) return { head: isHeadRequest(call, context), wrapper: false };
  const wrapped = wrapperResponse(call, context);
  return wrapped && { head: wrapped.head, wrapper: true };
}

/** The response variable, as the findings about it need it. */
interface Response {
  binding: Binding;
  name: string;
  /** The function the response is received in. */
  fn: Node;
  /** "`resp.Body` from `client.Do`", the opening of every message. */
  subject: Localized;
}

/**
 * No Close anywhere, or none before the variable is assigned again (`overwritten`): a defer after
 * the error check closes this body whatever the variable holds later. In a loop a defer would hold
 * every iteration's connection until the function returns, so no fix is offered there; nor when
 * the error is dropped (the response may be nil).
 */
function reportNeverClosed({ binding, name, fn, subject }: Response, overwritten: Node | undefined, context: RuleContext): void {
  const { target, statement, err } = binding;
  const inLoop = insideLoop(statement, fn);
  const anchor = inLoop ? undefined : errorCheckAnchor(statement, err, context);
  const close = `${name}.Body.Close()`;
  context.report({
    node: target,
    message: neverClosedMessage(subject, close, inLoop, overwritten && overwritten.startPosition.row + 1),
    fixes: anchor ? [addedLine(anchor, `defer ${close}`, context.file.lines)] : [],
  });
}

/**
 * Read to its end (or a HEAD response) but never closed: nothing leaks (the Transport releases the
 * connection at EOF, or at once for HEAD), but net/http asks for the Close, and a later edit that
 * returns before the read would leak. Information, with the same fix.
 */
function reportDrainedNeverClosed({ binding, name, fn, subject }: Response, drained: 'read' | 'head', context: RuleContext): void {
  const { target, statement, err } = binding;
  const inLoop = insideLoop(statement, fn);
  const anchor = inLoop ? undefined : errorCheckAnchor(statement, err, context);
  const close = `${name}.Body.Close()`;
  const remedy = inLoop
    ? { en: `call \`${close}\` once it is read`, 'zh-cn': `读完后调用 \`${close}\`` }
    : { en: `add \`defer ${close}\` after the error check`, 'zh-cn': `请在错误检查之后加上 \`defer ${close}\`` };
  context.report({
    node: target,
    severity: 'information',
    message: {
      en: drained === 'read' ? `${subject.en} is read to the end but never closed; net/http asks for Close: ${remedy.en}` : `${subject.en} is never closed; a HEAD response frees its connection at once, but net/http asks for \`${close}\``,
      'zh-cn':
        drained === 'read'
          ? `${subject['zh-cn']} 已读到末尾但从未关闭；读完虽会释放连接，但 net/http 要求调用 Close：${remedy['zh-cn']}`
          : `${subject['zh-cn']} 从未关闭；HEAD 响应会立即释放连接，但 net/http 仍要求调用 \`${close}\``,
    },
    fixes: anchor ? [addedLine(anchor, `defer ${close}`, context.file.lines)] : [],
  });
}

/** What the never-closed message says: in a loop, or replaced on `line` before any Close. */
function neverClosedMessage(subject: Localized, close: string, inLoop: boolean, line: number | undefined): Localized {
  if (line !== undefined) {
    return {
      en: `${subject.en} is replaced by a later assignment while still open, leaking its connection; ${inLoop ? 'close it before that assignment' : `add \`defer ${close}\` after the error check`}`,
      'zh-cn': `${subject['zh-cn']} 在之后被重新赋值时还没有关闭，底层连接会泄漏；${inLoop ? '请在那次赋值之前关闭它' : `请在错误检查之后加上 \`defer ${close}\``}`,
    };
  }
  return inLoop
    ? {
        en: `${subject.en} is never closed, so each iteration keeps a connection out of the pool; close it once read, or move the loop body into a function`,
        'zh-cn': `${subject['zh-cn']} 从未关闭，每轮迭代都有一个连接回不到连接池；读完后调用 \`${close}\`，或把循环体抽成函数`,
      }
    : {
        en: `${subject.en} is never closed, which leaks its connection; add \`defer ${close}\` after the error check`,
        'zh-cn': `${subject['zh-cn']} 从未关闭，底层连接会泄漏；请在错误检查之后加上 \`defer ${close}\``,
      };
}

/**
 * A Close that some path skips (the classic one: a return on a bad status code). A late defer is
 * moved up to the error check; an explicit Close gets a defer there too, except in a loop. When
 * what the path skips is a `return resp` that hands the body to the caller, a defer would close
 * the caller's body too: no fix.
 */
function reportLeak({ binding, name, fn, subject }: Response, { close, exit }: Leak, bound: Bound | undefined, context: RuleContext): void {
  const { target, statement, err } = binding;
  const lines = context.file.lines;
  const code = `defer ${name}.Body.Close()`;
  const deferred = close.type === 'defer_statement';
  const inLoop = insideLoop(statement, fn);
  const anchor = close.type === 'return_statement' ? undefined : errorCheckAnchor(statement, err, context);
  const fixes: Fix[] = [];
  if (anchor && (deferred ? close.text === code : !inLoop && close.text === `${name}.Body.Close()`)) {
    // `defer resp.Body.Close()` or a bare `resp.Body.Close()`: becomes the defer after the check.
    const title: Localized = deferred
      ? { en: `Move \`${code}\` right after the error check`, 'zh-cn': `把 \`${code}\` 移到紧跟错误检查之后` }
      : { en: `Replace \`${close.text}\` with \`${code}\` after the error check`, 'zh-cn': `把 \`${close.text}\` 换成错误检查之后的 \`${code}\`` };
    const moved = movedLine(close, code, anchor, title, lines);
    if (moved) fixes.push(moved);
  }
  if (anchor && fixes.length === 0 && (deferred || !inLoop)) fixes.push(addedLine(anchor, code, lines));
  context.report({
    node: target,
    // A bounded request frees its connection when the bound ends it: a late Close, not a leak.
    severity: bound ? 'information' : undefined,
    message: leakMessage(subject, name, exitPath(exit), close.type === 'return_statement' ? 'returned' : deferred ? 'deferred' : inLoop ? 'loop' : 'explicit', bound),
    fixes,
  });
}

/**
 * What ends a request that nobody closes: the client's Timeout or a deadline on the request's
 * context set in this function. Either cancels the round trip when it expires, which closes the
 * connection, so a body left open is held until then rather than for good.
 */
type Bound = 'client timeout' | 'deadline';

function boundOfRequest(call: Node, context: RuleContext): Bound | undefined {
  const operand = call.childForFieldName('function')?.childForFieldName('operand');
  if (operand && !context.types.qualified(call.childForFieldName('function')) && timeoutSetOn(operand, call, context)) return 'client timeout';
  const request = callArguments(call)[0];
  const method = call.childForFieldName('function')?.childForFieldName('field')?.text;
  return method === 'Do' && request && carriesDeadline(request, context) ? 'deadline' : undefined;
}

/**
 * What the leak message says, by how the body is let go: a late defer, a Close in a loop, a Close,
 * or a return that hands it to the caller.
 */
function leakMessage(subject: Localized, name: string, path: Localized, close: 'deferred' | 'loop' | 'explicit' | 'returned', bound: Bound | undefined): Localized {
  if (close === 'returned') {
    return bound
      ? {
          en: `${subject.en} stays open ${path.en} without handing it to the caller until ${UNTIL[bound].en} ends the request; close it there`,
          'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}既没有关闭也没有交给调用方，会开着直到${UNTIL[bound]['zh-cn']}结束请求；请在这条路径上关闭它`,
        }
      : {
          en: `${subject.en} stays open ${path.en} without handing it to the caller; close it on that path`,
          'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}既没有关闭也没有交给调用方，会一直开着；请在这条路径上关闭它`,
        };
  }
  const closeCall = `\`${name}.Body.Close()\``;
  const { missed, remedy } = {
    deferred: {
      missed: { en: 'the deferred Close is reached', 'zh-cn': 'defer 的 Close' },
      remedy: { en: 'defer it right after the error check', 'zh-cn': '请把 defer 移到紧跟错误检查之后' },
    },
    loop: {
      missed: { en: closeCall, 'zh-cn': closeCall },
      remedy: { en: 'close it there too, or move the loop body into a function', 'zh-cn': '在这条路径上也关闭它，或把循环体抽成函数' },
    },
    explicit: {
      missed: { en: closeCall, 'zh-cn': closeCall },
      remedy: { en: `add \`defer ${name}.Body.Close()\` after the error check`, 'zh-cn': `请在错误检查之后加上 \`defer ${name}.Body.Close()\`` },
    },
  }[close];
  if (bound) {
    // The bound frees the connection; the message says how long the body is held, not "leaks".
    return {
      en: `${subject.en} stays open ${path.en} until ${UNTIL[bound].en} ends the request; ${remedy.en}`,
      'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}执行不到 ${missed['zh-cn']}，会开着直到${UNTIL[bound]['zh-cn']}结束请求；${remedy['zh-cn']}`,
    };
  }
  return {
    en: `${subject.en} stays open ${path.en} before ${missed.en}; ${remedy.en}`,
    'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}执行不到 ${missed['zh-cn']}，会一直开着；${remedy['zh-cn']}`,
  };
}

/** What ends the request, as the message words it. */
const UNTIL: Record<Bound, Localized> = {
  'client timeout': { en: "the client's Timeout", 'zh-cn': '客户端的 Timeout ' },
  deadline: { en: "the request's deadline", 'zh-cn': '请求的截止时间' },
};

/** `http.Get(…)` as a statement or `_, err := client.Do(req)`: nobody can close the body. */
function reportDiscarded(call: Node, source: Source, context: RuleContext): void {
  const callee = call.childForFieldName('function')!.text;
  if (source.head) {
    context.report({
      node: call,
      severity: 'information',
      message: {
        en: `the response from \`${callee}\` is discarded; a HEAD response frees its connection at once, but net/http asks for its Body to be closed`,
        'zh-cn': `\`${callee}\` 返回的响应被直接丢弃；HEAD 响应会立即释放连接，但 net/http 仍要求关闭它的 Body`,
      },
    });
    return;
  }
  context.report({
    node: call,
    message: {
      en: `the response from \`${callee}\` is discarded, so its body is never closed and its connection leaks; keep it and \`defer resp.Body.Close()\``,
      'zh-cn': `\`${callee}\` 返回的响应被直接丢弃，响应体永远不会关闭，连接会泄漏；请保留响应并 \`defer resp.Body.Close()\``,
    },
  });
}
