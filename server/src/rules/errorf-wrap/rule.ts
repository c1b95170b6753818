import type { Node } from 'web-tree-sitter';
import { replaceNode } from '../../core/edits';
import type { Fix, TextEdit } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, calleeParts, unparen } from '../../core/syntax';
import { listEn, listZh, type Range } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { isError } from '../../core/error-values';
import { formatVerbs, type Verb } from './verbs';

export const rule: Rule = {
  meta: {
    id: 'errorf-wrap',
    title: { en: 'Error formatted without %w', 'zh-cn': 'fmt.Errorf 未用 %w 包装错误' },
    chapter: 'errors',
    defaultSeverity: 'information',
    peers: ['errorlint'],
    fixable: true,
    docs: { en, 'zh-cn': zh },
    // Errors a test builds are for its own messages; nobody matches on them.
    skipsTests: true,
  },
  methods: ['Errorf'],
  check(match, context) {
    if (!context.types.isPackage(capture(match, 'operand')!, 'fmt')) return;
    // %w arrived in Go 1.13; a module that says older has nothing to switch to.
    if (context.index.goAtLeast(1, 13) === false) return;
    const call = capture(match, 'call')!;
    const format = capture(match, 'arguments')!.namedChild(0);
    if (format?.type !== 'interpreted_string_literal' && format?.type !== 'raw_string_literal') return;
    const verbs = formatVerbs(format);
    // A format that already wraps (`%w: %v` wraps a sentinel and describes the cause) is a choice.
    if (!verbs || verbs.some((verb) => verb.letter === 'w')) return;
    const args = callArguments(call).slice(1);
    if (args.some((arg) => arg.nextSibling?.type === '...')) return;

    const found: Array<{ verb: Verb; arg: Node; viaText: boolean }> = [];
    for (const verb of verbs) {
      // `%+v` and `%#v` print more than the message (pkg/errors stacks, Go syntax): left alone.
      if ((verb.letter !== 'v' && verb.letter !== 's') || verb.flags.includes('+') || verb.flags.includes('#')) continue;
      const arg = args[verb.argument];
      if (!arg) continue;
      const flattened = errorOfErrorCall(arg, context);
      if (flattened) found.push({ verb, arg, viaText: true });
      else if (isError(arg, context)) found.push({ verb, arg, viaText: false });
    }
    if (found.length === 0) return;
    // Before Go 1.20 (or with no go.mod to say), fmt.Errorf wraps one error only: convert the first.
    const wrapped = context.index.goAtLeast(1, 20) === true ? found : found.slice(0, 1);
    const errors = wrapped.map(({ arg, viaText }) => (viaText ? errorOfErrorCall(arg, context)!.text : arg.text));
    // One call is one finding, however many errors it flattens, and its fix wraps them all.
    const first = wrapped[0];
    const directive = format.text.slice(first.verb.start, first.verb.end);
    const named = errors.map((error) => `\`${error}\``);
    const message =
      wrapped.length > 1
        ? {
            en: `\`fmt.Errorf\` formats the errors ${listEn(named)} as text, which hides them from errors.Is/As; wrap them with \`%w\``,
            'zh-cn': `\`fmt.Errorf\` 把错误 ${listZh(named)} 打印成了文本，errors.Is/As 将无法识别；请改用 \`%w\` 包装`,
          }
        : first.viaText
          ? {
              en: `\`fmt.Errorf\` formats \`${first.arg.text}\`, which flattens the error to text and hides it from errors.Is/As; pass \`${errors[0]}\` with \`%w\``,
              'zh-cn': `\`fmt.Errorf\` 打印的是 \`${first.arg.text}\`，错误被压成了文本，errors.Is/As 无法再识别；请改为用 \`%w\` 传入 \`${errors[0]}\``,
            }
          : {
              en: `\`fmt.Errorf\` formats the error \`${errors[0]}\` with \`${directive}\`, which hides it from errors.Is/As; wrap it with \`%w\``,
              'zh-cn': `\`fmt.Errorf\` 用 \`${directive}\` 打印错误 \`${errors[0]}\`，errors.Is/As 将无法识别它；请改用 \`%w\` 包装`,
            };
    context.report({ range: rangeIn(format, first.verb), message, fixes: [fix(format, wrapped, errors)] });
  },
};

/** For `err.Error()`, the `err` it is called on, when that is an error. */
function errorOfErrorCall(arg: Node, context: RuleContext): Node | undefined {
  const call = unparen(arg);
  if (call.type !== 'call_expression' || callArguments(call).length > 0) return undefined;
  const callee = calleeParts(call);
  return callee?.name === 'Error' && callee.operand && isError(callee.operand, context) ? callee.operand : undefined;
}

function fix(format: Node, wrapped: readonly { verb: Verb; arg: Node; viaText: boolean }[], errors: readonly string[]): Fix {
  const edits: TextEdit[] = [];
  wrapped.forEach(({ verb, arg, viaText }, i) => {
    edits.push({ range: rangeIn(format, verb), newText: '%w' });
    if (viaText) edits.push(replaceNode(arg, errors[i]));
  });
  if (wrapped.length > 1) return { title: { en: `Wrap ${listEn(errors)} with %w`, 'zh-cn': `用 %w 包装 ${listZh(errors)}` }, edits };
  const { verb, viaText } = wrapped[0];
  const directive = format.text.slice(verb.start, verb.end);
  const title = viaText
    ? { en: `Wrap ${errors[0]} with %w`, 'zh-cn': `用 %w 包装 ${errors[0]}` }
    : { en: `Change ${directive} to %w`, 'zh-cn': `将 ${directive} 改为 %w` };
  return { title, edits };
}

/** The range of a directive inside the literal (raw strings may span lines). */
function rangeIn(literal: Node, verb: Verb): Range {
  const at = (offset: number) => {
    const before = literal.text.slice(0, offset);
    const newline = before.lastIndexOf('\n');
    const line = literal.startPosition.row + (before.match(/\n/g)?.length ?? 0);
    const character = newline === -1 ? literal.startPosition.column + offset : offset - newline - 1;
    return { line, character };
  };
  return { start: at(verb.start), end: at(verb.end) };
}
