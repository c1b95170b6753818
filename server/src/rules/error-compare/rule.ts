import type { Node } from 'web-tree-sitter';
import { calleeSignature } from '../../core/callee';
import { replaceNode } from '../../core/edits';
import type { TextEdit } from '../../core/findings';
import { packageQualifier } from '../../core/qualifier';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { snippet } from '../../core/text';
import { findDeclarationFrom } from '../../core/scope';
import { callArguments, calleeParts, findAll, unparen } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { isError, isSentinel, sentinelSpellings } from '../../core/error-values';
import type { FuncSignature } from '../../core/file-summary';
import { originOf } from './origin';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'error-compare',
    title: { en: 'Error compared with ==', 'zh-cn': '用 == 比较错误' },
    chapter: 'errors',
    defaultSeverity: 'warning',
    peers: ['errorlint'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    // Tests pin exact errors on purpose, and a wrapped one makes them fail rather than pass.
    skipsTests: true,
  },
  query,
  // `==` or `!=` before an operand that can be a name, a selector, a call, a parenthesized
  // expression or a string (not `nil`, a number, a rune or a unary expression), or a switch.
  queryTrigger: /[=!]=\s*(?![\d'\-+!^*&<]|nil(?![\p{L}\p{Nd}_]))|(?<![\p{L}\p{Nd}_])switch(?![\p{L}\p{Nd}_])/u,
  queryTriggerFor: sentinelSpellings,
  check(match, context) {
    const comparison = capture(match, 'comparison');
    if (comparison) checkComparison(comparison, capture(match, 'operator')!.type === '!=', context);
    const tag = capture(match, 'tag');
    if (tag) checkSwitch(capture(match, 'switch')!, tag, context);
  },
};

function checkComparison(comparison: Node, negated: boolean, context: RuleContext): void {
  const left = unparen(comparison.childForFieldName('left')!);
  const right = unparen(comparison.childForFieldName('right')!);
  if (left.type === 'nil' || right.type === 'nil') return;

  const text = errorText(left, context) ?? errorText(right, context);
  const literal = [left, right].find((side) => /_string_literal$/.test(side.type));
  if (text && literal) {
    if (insideIsMethod(comparison)) return;
    const exact = exactErrorText(literal, context);
    if (exact) {
      reportExactText(comparison, text, exact, context);
      return;
    }
    if (!context.index.createsErrorText(literal.text.slice(1, -1))) {
      reportForeignText(comparison, text, literal, context);
      return;
    }
    context.report({
      node: comparison,
      message: {
        en: `\`${snippet(text.text, 30)}.Error()\` compared with a string breaks when the message changes or is wrapped; use \`errors.Is\` or \`errors.As\` instead`,
        'zh-cn': `拿 \`${snippet(text.text, 30)}.Error()\` 和字符串比较，错误信息一改措辞或被包装就会失效；请用 \`errors.Is\` 和哨兵错误比较，或用 \`errors.As\` 匹配错误类型`,
      },
    });
    return;
  }

  const sentinelOnRight = isSentinel(right, context);
  const sentinel = sentinelOnRight ? right : isSentinel(left, context) ? left : undefined;
  const value = sentinel === right ? left : right;
  if (!sentinel || isSentinel(value, context) || !isError(value, context) || insideIsMethod(comparison)) return;
  if (comparedByIdentity(sentinel, context) || documentedUnwrapped(value, sentinel, comparison, context)) return;
  if (fromDefiningPackage(value, sentinel, comparison, context) || ownErrorFromOwnCode(value, sentinel, comparison, context)) return;
  if (passedOnByOwnCode(value, comparison, context)) return;
  if (isUnexpectedEOF(sentinel, context) && besideEOFCheck(comparison, value, context)) return;
  const errors = packageQualifier(context, 'errors', comparison);
  const call = `${negated ? '!' : ''}${errors?.name ?? 'errors'}.Is(${value.text}, ${sentinel.text})`;
  const onlyLogs = decidesOnlyLogging(comparison);
  const wrapped = arrivesWrapped(value, comparison, context);
  context.report({
    node: comparison,
    // A missed match here costs one log line more or less, not a wrong branch of the program.
    // Without a sign that the error is wrapped, `==` is a hazard for later, not a wrong branch now.
    severity: onlyLogs || !wrapped ? 'information' : undefined,
    message: onlyLogs
      ? {
          en: `\`${snippet(comparison.text)}\` misses ${sentinel.text} when it arrives wrapped, which here only decides a log line; use \`${snippet(call, 60)}\``,
          'zh-cn': `${sentinel.text} 被包装后 \`${snippet(comparison.text)}\` 就匹配不到，这里只影响是否打一行日志；请改用 \`${snippet(call, 60)}\``,
        }
      : wrapped
        ? {
            en: `\`${snippet(comparison.text)}\` misses ${sentinel.text}: ${wrapped} wraps the errors it returns; use \`${snippet(call, 60)}\``,
            'zh-cn': `${wrapped} 返回的错误是包装过的，\`${snippet(comparison.text)}\` 匹配不到 ${sentinel.text}；请改用 \`${snippet(call, 60)}\``,
          }
        : {
            en: `\`${snippet(comparison.text)}\` would miss ${sentinel.text} once it arrives wrapped; use \`${snippet(call, 60)}\``,
            'zh-cn': `${sentinel.text} 一旦被包装后返回，\`${snippet(comparison.text)}\` 就匹配不到；请改用 \`${snippet(call, 60)}\``,
          },
    fixes: errors ? [{ title: { en: `Use ${call}`, 'zh-cn': `改用 ${call}` }, edits: [replaceNode(comparison, call), ...errors.edits] }] : [],
  });
}

function checkSwitch(statement: Node, tag: Node, context: RuleContext): void {
  if (!isError(tag, context) || isSentinel(tag, context) || insideIsMethod(statement)) return;
  const cases = statement.namedChildren.filter((n): n is Node => n?.type === 'expression_case');
  const values = cases.flatMap((clause) => clause.childForFieldName('value')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? []);
  const sentinels = values.filter((value) => isSentinel(value, context) && !comparedByIdentity(value, context) && !(isUnexpectedEOF(value, context) && caseListsEOF(value, context)));
  if (sentinels.length === 0) return;
  // The tag itself is where the value is read: `switch err = f(); err` assigns it just before.
  if (sentinels.every((sentinel) => documentedUnwrapped(tag, sentinel, tag, context) || ownErrorFromOwnCode(tag, sentinel, tag, context))) return;

  const errors = packageQualifier(context, 'errors', statement);
  // The rewrite repeats the tag in every case, so it must be a plain variable; every case value
  // must be nil or an error the tag can be matched against.
  const rewritable = errors && tag.type === 'identifier' && values.every((value) => value.type === 'nil' || isError(value, context));
  const edits: TextEdit[] = [];
  if (rewritable) {
    // `switch err {` → `switch {`; `switch err := f(); err {` → `switch err := f(); {`.
    const before = tag.previousSibling ?? statement.child(0)!;
    edits.push({ range: { start: position(before), end: position(tag) }, newText: '' });
    for (const value of values) {
      edits.push(replaceNode(value, value.type === 'nil' ? `${tag.text} == nil` : `${errors.name}.Is(${tag.text}, ${value.text})`));
    }
  }
  const first = sentinels[0].text;
  const suggestion = `case ${errors?.name ?? 'errors'}.Is(${snippet(tag.text, 20)}, ${first}):`;
  const wrapped = arrivesWrapped(tag, tag, context);
  context.report({
    node: tag,
    severity: wrapped ? undefined : 'information',
    message: wrapped
      ? {
          en: `\`switch ${snippet(tag.text, 20)}\` misses ${first}: ${wrapped} wraps the errors it returns; use \`switch {\` with \`${suggestion}\``,
          'zh-cn': `${wrapped} 返回的错误是包装过的，\`switch ${snippet(tag.text, 20)}\` 匹配不到 ${first}；请改用 \`switch {\` 加 \`${suggestion}\``,
        }
      : {
          en: `\`switch ${snippet(tag.text, 20)}\` would miss ${first} once it arrives wrapped; use \`switch {\` with \`${suggestion}\``,
          'zh-cn': `${first} 一旦被包装后返回，\`switch ${snippet(tag.text, 20)}\` 就匹配不到；请改用 \`switch {\` 加 \`${suggestion}\``,
        },
    fixes: rewritable ? [{ title: { en: 'Use errors.Is in each case', 'zh-cn': '每个 case 改用 errors.Is' }, edits: [...edits, ...errors.edits] }] : [],
  });
}

/**
 * `io.ErrUnexpectedEOF` checked together with `io.EOF`: both are the read family's end-of-input
 * signals, which readers and `io.ReadFull` return as they are (errorlint allows the pair after
 * those calls). Read together they are one question, asked the way io documents for `io.EOF`.
 */
function isUnexpectedEOF(sentinel: Node, context: RuleContext): boolean {
  const qualified = context.types.qualified(unparen(sentinel));
  return qualified?.path === 'io' && qualified.name === 'ErrUnexpectedEOF';
}

function isEOF(node: Node, context: RuleContext): boolean {
  const qualified = context.types.qualified(unparen(node));
  return qualified?.path === 'io' && qualified.name === 'EOF';
}

/** `case io.EOF, io.ErrUnexpectedEOF:` */
function caseListsEOF(value: Node, context: RuleContext): boolean {
  return value.parent?.namedChildren.some((other) => other !== null && isEOF(other, context)) ?? false;
}

/** `err == io.EOF || err == io.ErrUnexpectedEOF` (or `!=` joined by `&&`), on the same value. */
function besideEOFCheck(comparison: Node, value: Node, context: RuleContext): boolean {
  let chain = comparison.parent;
  while (chain?.type === 'parenthesized_expression') chain = chain.parent;
  if (chain?.type !== 'binary_expression' || !['||', '&&'].includes(chain.childForFieldName('operator')?.text ?? '')) return false;
  return findAll(chain, 'binary_expression').some((other) => {
    const sides = [other.childForFieldName('left'), other.childForFieldName('right')].map((side) => side && unparen(side));
    return /^[!=]=$/.test(other.childForFieldName('operator')?.text ?? '') && sides.some((side) => side?.text === value.text) && sides.some((side) => side !== null && isEOF(side, context));
  });
}

/** Log calls that return: `log.Printf`, `logx.Errorf`, `s.logger.Warn` (not `Fatal` or `Panic`, which stop the program). */
const LOG_METHOD = /^(Print|Error|Warn|Warning|Info|Debug|Trace|Log)(f|ln|w|Context|Ctx)?$/;

/**
 * The comparison is part of an `if` condition (with no `else`) whose body only logs:
 * `if err != nil && err != ErrNotFound { logx.Errorf(…) }`. Whatever it decides, the program
 * goes on the same way.
 */
function decidesOnlyLogging(comparison: Node): boolean {
  let node = comparison;
  while (node.parent?.type === 'parenthesized_expression' || (node.parent?.type === 'binary_expression' && ['&&', '||'].includes(node.parent.childForFieldName('operator')?.text ?? ''))) {
    node = node.parent;
  }
  const statement = node.parent;
  if (statement?.type !== 'if_statement' || !statement.childForFieldName('condition')?.equals(node) || statement.childForFieldName('alternative')) return false;
  const block = statement.childForFieldName('consequence');
  const list = block?.namedChildren.find((n) => n?.type === 'statement_list');
  const body = list?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? [];
  return (
    body.length > 0 &&
    body.every((child) => {
      const call = child.type === 'expression_statement' ? child.namedChild(0) : null;
      const callee = call?.type === 'call_expression' ? calleeParts(call) : undefined;
      return callee?.operand !== null && callee?.operand !== undefined && /log/i.test(callee.operand.text) && LOG_METHOD.test(callee.name);
    })
  );
}

/**
 * Error texts that their packages return as they are, with the sentinel that carries each.
 * Compared as a string they match exactly what the call returns today.
 */
const LIBRARY_TEXTS: Record<string, string> = {
  'http: named cookie not present': 'http.ErrNoCookie',
  'http: Server closed': 'http.ErrServerClosed',
  'sql: no rows in result set': 'sql.ErrNoRows',
  EOF: 'io.EOF',
  'unexpected EOF': 'io.ErrUnexpectedEOF',
  'context canceled': 'context.Canceled',
  'context deadline exceeded': 'context.DeadlineExceeded',
  'record not found': 'gorm.ErrRecordNotFound',
  'no columns found to be updated': 'xorm.ErrNoColumnsTobeUpdated',
  'redis: nil': 'redis.Nil',
  'mongo: no documents in result': 'mongo.ErrNoDocuments',
};

/** What an exact error text is: a library's (with its sentinel) or one this file creates with a fixed message. */
type ExactText = { sentinel: string } | { own: true };

/**
 * The compared string is the whole, fixed text of a known error: a library sentinel's, or an
 * `errors.New("…")` / verb-free `fmt.Errorf("…")` of this file. The match is exact today; only a
 * reworded message or a wrapper would break it, which makes this hygiene, not a defect.
 */
function exactErrorText(literal: Node, context: RuleContext): ExactText | undefined {
  const text = literal.text.slice(1, -1);
  if (text === '' || text.includes('%')) return undefined;
  const sentinel = LIBRARY_TEXTS[text];
  if (sentinel) return { sentinel };
  const escaped = literal.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(?:errors\\.New|Errorf)\\(\\s*${escaped}\\s*\\)`).test(context.file.text) ? { own: true } : undefined;
}

function reportExactText(comparison: Node, error: Node, exact: ExactText, context: RuleContext): void {
  const value = snippet(error.text, 30);
  context.report({
    node: comparison,
    severity: 'information',
    message:
      'sentinel' in exact
        ? {
            en: `\`${value}.Error()\` is compared with the exact text of ${exact.sentinel}; \`errors.Is(${value}, ${exact.sentinel})\` says the same and survives wrapping`,
            'zh-cn': `\`${value}.Error()\` 比较的正是 ${exact.sentinel} 的原文；改用 \`errors.Is(${value}, ${exact.sentinel})\` 意思相同，被包装后也能匹配`,
          }
        : {
            en: `\`${value}.Error()\` is compared with the text of an error this file creates; make that error a sentinel (\`var ErrX = errors.New(…)\`) and use \`errors.Is\``,
            'zh-cn': `\`${value}.Error()\` 比较的是本文件自己创建的错误的文本；请把那个错误定义成哨兵（\`var ErrX = errors.New(…)\`），再用 \`errors.Is\` 判断`,
          },
  });
}

/**
 * No error of this package (or of the module packages it imports) has the compared text: it is
 * someone else's message, often a remote server's carried in `errors.New(resp.Msg)`. No Go error
 * value may exist for `errors.Is` to match, so the finding names the fragility, not a remedy.
 */
function reportForeignText(comparison: Node, error: Node, literal: Node, context: RuleContext): void {
  const value = snippet(error.text, 30);
  const text = snippet(literal.text, 40);
  context.report({
    node: comparison,
    severity: 'information',
    message: {
      en: `\`${value}.Error()\` is compared with ${text}, a text no error of this package has; the match silently fails if its author rewords it or it arrives wrapped`,
      'zh-cn': `\`${value}.Error()\` 和 ${text} 比较，而本包没有哪个错误是这段文本；写这条消息的一方改了措辞，或错误被包装后，匹配会悄悄失效`,
    },
  });
}

function position(node: Node) {
  const point = node.endPosition;
  return { line: point.row, character: point.column };
}

/** For `err.Error()` on an error, the `err`. */
function errorText(side: Node, context: RuleContext): Node | undefined {
  if (side.type !== 'call_expression') return undefined;
  const callee = calleeParts(side);
  return callee?.name === 'Error' && callee.operand && callArguments(side).length === 0 && isError(callee.operand, context) ? callee.operand : undefined;
}

/** Inside `func (e *MyErr) Is(target error) bool`, comparing by identity is the point. */
function insideIsMethod(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'func_literal') continue;
    if (current.type === 'method_declaration') return current.childForFieldName('name')?.text === 'Is';
    if (current.type === 'function_declaration') return false;
  }
  return false;
}

/** The read family: io.Reader and its relatives (bufio, encoding/json's Decoder, gRPC streams' Recv, tar's Next). */
const READ_METHODS = /^(Read\w*|Recv\w*|Next\w*|Decode|Token|Peek|Discard|CopyN)$/;

/** Who may return a sentinel unwrapped: package functions (`path.Name`) or methods, by name. */
interface Returners {
  functions?: readonly string[];
  methods?: RegExp;
  /** Methods only count on a receiver of this `path.Type` (when the name alone says too little). */
  receiver?: string;
}

/**
 * Sentinels the standard library documents as returned unwrapped by these calls, so that `==`
 * is exact right after them (errorlint allows the same pairs). Matching a method by its name
 * alone is enough where the pair is specific (`ErrServerClosed` and `ListenAndServe`).
 */
const UNWRAPPED: Record<string, Returners> = {
  'io.EOF': { methods: READ_METHODS, functions: ['io.ReadFull', 'io.ReadAtLeast', 'debug/elf.Open', 'debug/elf.NewFile'] },
  'io.ErrUnexpectedEOF': { methods: READ_METHODS, functions: ['io.ReadFull', 'io.ReadAtLeast'] },
  'io.ErrShortBuffer': { functions: ['io.ReadAtLeast'] },
  'io.ErrClosedPipe': { methods: /^Write$/, receiver: 'io.PipeWriter' },
  'net/http.ErrServerClosed': {
    methods: /^(ListenAndServe|ListenAndServeTLS|Serve|ServeTLS)$/,
    functions: ['net/http.ListenAndServe', 'net/http.ListenAndServeTLS', 'net/http.Serve', 'net/http.ServeTLS'],
  },
  'database/sql.ErrNoRows': { methods: /^Scan$/ },
  'context.Canceled': { methods: /^Err$/, receiver: 'context.Context' },
  'context.DeadlineExceeded': { methods: /^Err$/, receiver: 'context.Context' },
  'mime.ErrInvalidMediaParameter': { functions: ['mime.ParseMediaType'] },
  'mime/multipart.ErrMessageTooLarge': { methods: /^ReadForm$/ },
  // go-zero's stores return ErrNotFound (sql.ErrNoRows under another name) from a row query as
  // it is, and the code goctl generates compares it with == on that promise.
  'github.com/zeromicro/go-zero/core/stores/sqlx.ErrNotFound': { methods: /^QueryRow\w*$/ },
  'github.com/zeromicro/go-zero/core/stores/sqlc.ErrNotFound': { methods: /^QueryRow\w*$/ },
};

/**
 * GORM sets a query's `Error` to ErrRecordNotFound as it is (v1 never wraps it; v2 joins it to an
 * earlier error only when there was one, and then `==` rightly treats the result as a failure).
 */
const GORM_NOT_FOUND = new Set(['gorm.io/gorm.ErrRecordNotFound', 'github.com/jinzhu/gorm.ErrRecordNotFound']);

/** `db.Where(…).First(&x).Error`: the Error field at the end of a chain of calls. */
function isGormResultError(origin: Node | undefined): boolean {
  return origin?.type === 'selector_expression' && origin.childForFieldName('field')?.text === 'Error' && origin.childForFieldName('operand')?.type === 'call_expression';
}

/** syscall's and x/sys/unix's functions return their `E…` errno values as they are. */
const ERRNO_PACKAGES = new Set(['syscall', 'golang.org/x/sys/unix']);

/**
 * Sentinels Go expects to be compared by identity: `io.EOF` (io: "Read must return EOF itself,
 * not an error wrapping EOF, because callers will test for EOF using =="), and an unexported
 * sentinel of this package, an internal signal that only this package creates and returns.
 */
function comparedByIdentity(sentinel: Node, context: RuleContext): boolean {
  const node = unparen(sentinel);
  const qualified = context.types.qualified(node);
  if (qualified) return qualified.path === 'io' && qualified.name === 'EOF';
  if (node.text === 'EOF' && context.file.packageName === 'io') return true;
  return node.type === 'identifier' && !/^\p{Lu}/u.test(node.text);
}

/**
 * The error came straight from the package that defines the sentinel (`r.ReadSlice` of a
 * `*bufio.Reader` compared with `bufio.ErrBufferFull`): a package returns its own sentinels as
 * they are, and says so, so that callers can compare them. Not the packages that wrap theirs in
 * an error type: `f.Close()` returns a `*PathError` holding `os.ErrClosed`.
 */
function fromDefiningPackage(value: Node, sentinel: Node, use: Node, context: RuleContext): boolean {
  const home = context.types.qualified(unparen(sentinel))?.path;
  if (!home || WRAPPING_PACKAGES.has(home)) return false;
  const origin = originOf(value, use);
  if (origin?.type !== 'call_expression') return false;
  const called = context.types.calledFunction(origin);
  if (called) return called.path === home;
  const operand = calleeParts(origin)?.operand;
  return Boolean(operand) && context.types.typeOf(operand!)?.pkg === home;
}

/**
 * A sentinel of this package (or of an `internal/` package, which only this project can import)
 * compared with an error that comes straight from this package's own functions or methods: the
 * authors write both sides and decide whether their errors are ever wrapped. An error that
 * arrives as a parameter, or from another package, is still flagged.
 */
function ownErrorFromOwnCode(value: Node, sentinel: Node, use: Node, context: RuleContext): boolean {
  const bare = unparen(sentinel);
  const own = bare.type === 'identifier' || /(^|\/)internal(\/|$)/.test(context.types.qualified(bare)?.path ?? '');
  return own && ownCallee(value, use, context) !== undefined;
}

/**
 * The error comes straight from a function or method of this package (or of another package of
 * the module, through the module index) whose own body wraps no
 * error (no `%w`, no `errors.Wrap`, `Join`, …): it hands errors on as it got them, so a sentinel
 * it passes through arrives bare, and its authors are the ones comparing. One level only: a
 * wrapping deeper down, in another function it calls, is not seen.
 */
function passedOnByOwnCode(value: Node, use: Node, context: RuleContext): boolean {
  const origin = originOf(value, use);
  return origin?.type === 'call_expression' && calleeSignature(origin, context)?.wrapsErrors === false;
}

/** The function or method of this package `value` comes straight from, with its signature when the index has it. */
function ownCallee(value: Node, use: Node, context: RuleContext): { signature: FuncSignature | undefined } | undefined {
  const origin = originOf(value, use);
  const callee = origin?.type === 'call_expression' ? calleeParts(origin) : undefined;
  if (!origin || !callee) return undefined;
  if (!callee.operand) {
    const signature = context.index.func(callee.name);
    return signature && !findDeclarationFrom(callee.name, origin) ? { signature } : undefined;
  }
  if (context.types.qualified(origin.childForFieldName('function'))) return undefined;
  const type = context.types.typeOf(callee.operand);
  if (type?.pkg !== '') return undefined;
  return { signature: type.name ? context.index.method(type.name, callee.name) : undefined };
}

/**
 * The callee that `value` comes straight from, named for the message, when it is known to wrap
 * what it returns: a function of the module whose body wraps with `%w`, or a function or method
 * of a package that returns its errors inside *PathError, *OpError, *url.Error, *NumError and
 * the like (`os.Open`, `client.Do`, `strconv.Atoi`). Then `==` against a sentinel is wrong now.
 */
function arrivesWrapped(value: Node, use: Node, context: RuleContext): string | undefined {
  const origin = originOf(value, use);
  if (origin?.type !== 'call_expression') return undefined;
  const shown = snippet(origin.childForFieldName('function')!.text, 30);
  if (calleeSignature(origin, context)?.wrapsErrors === true) return shown;
  const called = context.types.calledFunction(origin);
  if (called) return WRAPPING_PACKAGES.has(called.path) || RETURNS_WRAPPED.has(called.path) ? shown : undefined;
  const callee = calleeParts(origin);
  const type = callee?.operand ? context.types.typeOf(callee.operand) : undefined;
  const home = type?.pkg;
  return home && (WRAPPING_PACKAGES.has(home) || RETURNS_WRAPPED.has(home)) ? shown : undefined;
}

/** Besides WRAPPING_PACKAGES: net/http's client wraps in *url.Error, strconv in *NumError. */
const RETURNS_WRAPPED = new Set(['net/http', 'strconv']);

/** Packages whose functions return their sentinels inside *PathError, *OpError and the like. */
const WRAPPING_PACKAGES = new Set(['os', 'io/fs', 'net', 'net/url', 'os/exec', 'syscall']);

/** The value was returned by a call documented to return this sentinel unwrapped (see `UNWRAPPED`). */
function documentedUnwrapped(value: Node, sentinel: Node, use: Node, context: RuleContext): boolean {
  const qualified = context.types.qualified(unparen(sentinel));
  if (!qualified) return false;
  const origin = originOf(value, use, true);
  if (GORM_NOT_FOUND.has(`${qualified.path}.${qualified.name}`)) return isGormResultError(origin);
  if (origin?.type !== 'call_expression') return false;
  const called = context.types.calledFunction(origin);
  if (ERRNO_PACKAGES.has(qualified.path) && qualified.name.startsWith('E')) return called?.path === qualified.path;
  const returners = UNWRAPPED[`${qualified.path}.${qualified.name}`];
  if (!returners) return false;
  if (called) return returners.functions?.includes(`${called.path}.${called.name}`) ?? false;
  const callee = calleeParts(origin);
  if (!callee?.operand || !returners.methods?.test(callee.name)) return false;
  if (!returners.receiver) return true;
  const type = context.types.typeOf(callee.operand);
  return `${type?.pkg}.${type?.name}` === returners.receiver;
}
