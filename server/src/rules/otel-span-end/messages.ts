// What the otel-span-end findings say, in English and in Chinese.
import type { Node } from 'web-tree-sitter';
import type { Fix, Localized } from '../../core/findings';
import { addedLine } from '../../core/release/fix';
import { LineIndex, snippet } from '../../core/text';
import { exitVerb } from '../../core/release/exits';

/** "the span `span` from `tracer.Start`", the opening of every message about a named span. */
export function spanSubject(name: string, fullCallee: string): Localized {
  const callee = snippet(fullCallee, 30);
  return { en: `the span \`${name}\` from \`${callee}\``, 'zh-cn': `\`${callee}\` 创建的 span \`${name}\`` };
}

/** The span is thrown away with `_`. */
export function discarded(fullCallee: string): Localized {
  const callee = snippet(fullCallee, 30);
  return {
    en: `\`_\` discards the span from \`${callee}\`, so it is never ended or exported; name it and add \`defer span.End()\` after the Start call`,
    'zh-cn': `\`_\` 丢弃了 \`${callee}\` 创建的 span，它既不会结束也不会被导出；请给它命名，并在 Start 调用的下一行加上 \`defer span.End()\``,
  };
}

/** No End anywhere; in a loop the remedy is per iteration. */
export function neverEnded(subject: Localized, name: string, inLoop: boolean): Localized {
  const code = `defer ${name}.End()`;
  return inLoop
    ? {
        en: `${subject.en} is never ended, so no iteration's span is exported; end it in each iteration, or move the loop body into a function`,
        'zh-cn': `${subject['zh-cn']} 从未结束，每次迭代的 span 都不会被导出；请在每次迭代末尾调用 \`${name}.End()\`，或把循环体抽成函数并在其中 defer`,
      }
    : {
        en: `${subject.en} is never ended, so the trace loses it; add \`${code}\` right after the Start call`,
        'zh-cn': `${subject['zh-cn']} 从未结束，不会被导出，链路里会缺掉这一段；请在 Start 调用的下一行加上 \`${code}\``,
      };
}

/** The variable gets another span before this one is ended (no line number: findings are kept while code moves). */
export function replacedBeforeEnd(subject: Localized, name: string, inLoop: boolean): Localized {
  return inLoop
    ? {
        en: `${subject.en} is replaced later before it is ended, so the trace loses it; end it before it is replaced`,
        'zh-cn': `${subject['zh-cn']} 在之后被重新赋值时还没有结束，链路里会缺掉这一段；请在那次赋值之前调用 \`${name}.End()\``,
      }
    : {
        en: `${subject.en} is replaced later before it is ended, so the trace loses it; add \`defer ${name}.End()\` right after the Start call`,
        'zh-cn': `${subject['zh-cn']} 在之后被重新赋值时还没有结束，链路里会缺掉这一段；请在 Start 调用的下一行加上 \`defer ${name}.End()\``,
      };
}

/** How the End is missed: a late defer, an explicit End in a loop, or an explicit End. */
export type LeakKind = 'deferred' | 'loop' | 'explicit';

/** Some path leaves before the End. */
export function leftOpen(subject: Localized, name: string, exit: Node, kind: LeakKind): Localized {
  const path = exitPath(exit);
  const start = { en: `${subject.en} is left open ${path.en}`, 'zh-cn': `${subject['zh-cn']} ${path['zh-cn']}` };
  switch (kind) {
    case 'deferred':
      return {
        en: `${start.en} before the deferred End is reached; defer it right after the Start call`,
        'zh-cn': `${start['zh-cn']}执行不到 defer 的 End，span 一直没有结束；请把 defer 挪到 Start 调用的下一行`,
      };
    case 'loop':
      return {
        en: `${start.en} before \`${name}.End()\`; end it there too, or move the loop body into a function`,
        'zh-cn': `${start['zh-cn']}执行不到 \`${name}.End()\`，span 一直没有结束；请在这条路径上也调用 End，或把循环体抽成函数并在其中 defer End`,
      };
    case 'explicit':
      return {
        en: `${start.en} before \`${name}.End()\`; add \`defer ${name}.End()\` right after the Start call`,
        'zh-cn': `${start['zh-cn']}执行不到 \`${name}.End()\`，span 一直没有结束；请在 Start 调用的下一行加上 \`defer ${name}.End()\``,
      };
  }
}

/** "on the path that returns" and its Chinese: the exit that skips the End. */
function exitPath(exit: Node): Localized {
  const zh: Record<string, string> = {
    return_statement: '在提前 return 的路径上',
    break_statement: '在 break 跳出的路径上',
    continue_statement: '在 continue 的路径上',
    goto_statement: '在 goto 跳走的路径上',
  };
  return { en: `on the path that ${exitVerb(exit)}`, 'zh-cn': zh[exit.type] ?? '在 panic 的路径上' };
}

/** `Add \`defer span.End()\``: the shared fix, with its title in both languages. */
export function addedDefer(statement: Node, code: string, lines: LineIndex): Fix {
  return { ...addedLine(statement, code, lines), title: { en: `Add \`${code}\``, 'zh-cn': `加上 \`${code}\`` } };
}

/** The title of the fix that moves a late End up to the Start call. */
export function movedTitle(close: string, code: string, deferred: boolean): Localized {
  return deferred
    ? { en: `Move \`${code}\` right after the Start call`, 'zh-cn': `把 \`${code}\` 挪到 Start 调用的下一行` }
    : { en: `Replace \`${close}\` with \`${code}\` after the Start call`, 'zh-cn': `把 \`${close}\` 换成 Start 调用之后的 \`${code}\`` };
}
