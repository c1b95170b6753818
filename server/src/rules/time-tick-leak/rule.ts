// time-tick-leak: `time.Tick` in a function that returns, in modules before Go 1.23, where the
// ticker it starts is never stopped and never collected.
import { capture, type Rule } from '../../core/rule';
import { snippet } from '../../core/text';
import { enclosingFunction } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { tickerFix } from './fix';
import { isProgramEntry, neverReturns } from './lifetime';

export const rule: Rule = {
  meta: {
    id: 'time-tick-leak',
    title: { en: 'time.Tick leaks its ticker (before Go 1.23)', 'zh-cn': 'time.Tick 泄漏 Ticker（Go 1.23 之前）' },
    chapter: 'concurrency',
    defaultSeverity: 'warning',
    peers: ['SA1015'],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
    // A test process is short-lived: a ticker left running there costs nothing that matters.
    skipsTests: true,
  },
  methods: ['Tick'],
  check(match, context) {
    // Go 1.23 collects unreferenced tickers; without a go.mod, assume a modern module.
    if (context.index.goAtLeast(1, 23) !== false) return;
    const call = capture(match, 'call')!;
    const isTick = (node: typeof call) => {
      const called = context.types.calledFunction(node);
      return called?.path === 'time' && called.name === 'Tick';
    };
    if (!isTick(call)) return;
    // Package-level variables are created once and live as long as the program.
    const fn = enclosingFunction(call);
    if (!fn || isProgramEntry(fn, context.file.packageName) || neverReturns(fn, isTick)) return;
    const fix = tickerFix(call, fn, context);
    context.report({
      node: call,
      message: {
        en: `\`${snippet(call.text, 30)}\` starts a ticker never stopped or collected before Go 1.23 (go ${context.index.goVersion}); use \`time.NewTicker\` and \`defer ticker.Stop()\``,
        'zh-cn': `\`${snippet(call.text)}\` 创建的 Ticker 永远不会停止，Go 1.23 之前也不会被垃圾回收（本模块的 go.mod 为 go ${context.index.goVersion}）；请改用 \`time.NewTicker\` 并 \`defer ticker.Stop()\``,
      },
      fixes: fix ? [fix] : [],
    });
  },
};
