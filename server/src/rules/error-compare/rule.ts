import type { Node } from 'web-tree-sitter';
import { addImport, replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findDeclarationFrom } from '../../core/scope';
import { callArguments, calleeParts, unparen } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { isError, isSentinel } from '../../core/error-values';
import { lastValueBefore } from './origin';
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
    context.report({
      node: comparison,
      message: {
        en: `\`${text.text}.Error()\` compared with a string breaks when the message is reworded or wrapped; compare with a sentinel error using \`errors.Is\`, or match a type with \`errors.As\``,
        'zh-cn': `拿 \`${text.text}.Error()\` 和字符串比较，错误信息一改措辞或被包装就会失效；请用 \`errors.Is\` 和哨兵错误比较，或用 \`errors.As\` 匹配错误类型`,
      },
    });
    return;
  }

  const sentinelOnRight = isSentinel(right, context);
  const sentinel = sentinelOnRight ? right : isSentinel(left, context) ? left : undefined;
  const value = sentinel === right ? left : right;
  if (!sentinel || isSentinel(value, context) || !isError(value, context) || insideIsMethod(comparison)) return;
  if (comparedByIdentity(sentinel, context) || readerEOF(value, sentinel, comparison, context)) return;
  if (fromDefiningPackage(value, sentinel, comparison, context)) return;
  const errors = errorsPackage(comparison, context);
  const call = `${negated ? '!' : ''}${errors?.name ?? 'errors'}.Is(${value.text}, ${sentinel.text})`;
  context.report({
    node: comparison,
    message: {
      en: `\`${comparison.text}\` no longer matches once ${sentinel.text} is wrapped; use \`${call}\``,
      'zh-cn': `${sentinel.text} 一旦被包装，\`${comparison.text}\` 就不再成立；请改用 \`${call}\``,
    },
    fixes: errors ? [withImport({ title: { en: `Use ${call}`, 'zh-cn': `改用 ${call}` }, edits: [replaceNode(comparison, call)] }, errors, context)] : [],
  });
}

function checkSwitch(statement: Node, tag: Node, context: RuleContext): void {
  if (!isError(tag, context) || isSentinel(tag, context) || insideIsMethod(statement)) return;
  const cases = statement.namedChildren.filter((n): n is Node => n?.type === 'expression_case');
  const values = cases.flatMap((clause) => clause.childForFieldName('value')?.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment') ?? []);
  const sentinels = values.filter((value) => isSentinel(value, context) && !comparedByIdentity(value, context));
  if (sentinels.length === 0) return;
  if (sentinels.every((sentinel) => readerEOF(tag, sentinel, statement, context))) return;

  const errors = errorsPackage(statement, context);
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
  const suggestion = `switch { case ${errors?.name ?? 'errors'}.Is(${tag.text}, ${first}): … }`;
  context.report({
    node: tag,
    message: {
      en: `\`switch ${tag.text}\` compares the error with ${first} by identity and misses wrapped errors; use \`${suggestion}\``,
      'zh-cn': `\`switch ${tag.text}\` 按同一性把错误和 ${first} 比较，匹配不到被包装的错误；请改用 \`${suggestion}\``,
    },
    fixes: rewritable ? [withImport({ title: { en: 'Use errors.Is in each case', 'zh-cn': '每个 case 改用 errors.Is' }, edits }, errors, context)] : [],
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

/**
 * Errors documented to come unwrapped. `io.EOF` straight from a read: io.Reader and its relatives (bufio, encoding/json's Decoder,
 * gRPC streams' Recv, tar's Next) document that they return io.EOF itself, never wrapped, so
 * `err == io.EOF` is exact there (errorlint allows the same); and `ctx.Err()`, which returns
 * `context.Canceled` or `context.DeadlineExceeded` itself.
 */
const READ_METHODS = /^(Read\w*|Recv\w*|Next\w*|Decode|Token|Peek|Discard|CopyN)$/;

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
  const node = unparen(value);
  const origin = node.type === 'call_expression' ? node : node.type === 'identifier' ? lastValueBefore(node, use) : undefined;
  if (origin?.type !== 'call_expression') return false;
  const called = context.types.calledFunction(origin);
  if (called) return called.path === home;
  const operand = calleeParts(origin)?.operand;
  return Boolean(operand) && context.types.typeOf(operand!)?.pkg === home;
}

/** Packages whose functions return their sentinels inside *PathError, *OpError and the like. */
const WRAPPING_PACKAGES = new Set(['os', 'io/fs', 'net', 'net/url', 'os/exec', 'syscall']);

function readerEOF(value: Node, sentinel: Node, use: Node, context: RuleContext): boolean {
  const qualified = context.types.qualified(unparen(sentinel));
  const eof = qualified?.path === 'io' && (qualified.name === 'EOF' || qualified.name === 'ErrUnexpectedEOF');
  const done = qualified?.path === 'context' && (qualified.name === 'Canceled' || qualified.name === 'DeadlineExceeded');
  if (!eof && !done) return false;
  const node = unparen(value);
  const origin = node.type === 'call_expression' ? node : node.type === 'identifier' ? lastValueBefore(node, use) : undefined;
  if (origin?.type !== 'call_expression') return false;
  const callee = calleeParts(origin);
  if (!callee) return false;
  if (eof) return READ_METHODS.test(callee.name);
  // `ctx.Err()` returns context.Canceled or context.DeadlineExceeded themselves.
  const type = callee.operand ? context.types.typeOf(callee.operand) : undefined;
  return callee.name === 'Err' && type?.pkg === 'context' && type.name === 'Context';
}

/** The name `errors.Is` is reachable under, or undefined when the fix cannot be written safely. */
function errorsPackage(at: Node, context: RuleContext): { name: string; add: boolean } | undefined {
  const uri = context.file.uri;
  const names = context.index.importNames(uri, 'errors');
  const name = names[0] ?? 'errors';
  const bound = context.index.importPath(uri, name);
  // github.com/pkg/errors has Is too (it forwards to the standard library).
  if (names.length === 0 && bound !== undefined && bound !== 'github.com/pkg/errors') return undefined;
  if (findDeclarationFrom(name, at)) return undefined;
  return { name, add: names.length === 0 && bound === undefined };
}

function withImport(fix: Fix, errors: { add: boolean }, context: RuleContext): Fix {
  if (!errors.add) return fix;
  const edit = addImport(context.file.tree, 'errors');
  return edit ? { ...fix, edits: [...fix.edits, edit] } : fix;
}
