import { capture, type Rule, type RuleContext } from '../../core/rule';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';

/** Structured loggers, by import path prefix, with the name the message uses. */
const STRUCTURED: ReadonlyArray<[string, string]> = [
  ['go.uber.org/zap', 'zap'],
  ['github.com/rs/zerolog', 'zerolog'],
  ['log/slog', 'slog'],
  ['golang.org/x/exp/slog', 'slog'],
];

const FMT = new Set(['Print', 'Printf', 'Println']);
const LOG_PRINT = new Set(['Print', 'Printf', 'Println']);

export const rule: Rule = {
  meta: {
    id: 'log-unstructured',
    title: { en: 'Unstructured logging in a structured-logging module', 'zh-cn': '结构化日志项目里使用非结构化日志' },
    chapter: 'observability',
    defaultSeverity: 'off',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  methods: ['Print', 'Printf', 'Println', 'Fatal', 'Fatalf', 'Fatalln', 'Panic', 'Panicf', 'Panicln'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const callee = context.types.calledFunction(call);
    if (!callee || (callee.path !== 'log' && callee.path !== 'fmt')) return;
    const isMain = context.file.packageName === 'main';
    // In a command, fmt.Print* is the program's output, and log.Fatal* / log.Panic* at start-up
    // often report that the structured logger itself could not be built.
    if (callee.path === 'fmt' ? isMain || !FMT.has(callee.name) : isMain && !LOG_PRINT.has(callee.name)) return;
    const logger = structuredLogger(context);
    if (!logger) return;
    const fn = call.childForFieldName('function')!;
    context.report({
      node: fn,
      message: {
        en: `\`${fn.text}\` writes unstructured text in a package that logs with ${logger}; log through ${logger} with key-value fields so the line can be searched and parsed`,
        'zh-cn': `\`${fn.text}\` 输出的是非结构化文本，而这个包使用 ${logger} 记录日志；请改用 ${logger}，并把变量写成键值对字段，方便检索和解析`,
      },
    });
  },
};

/** The structured logger some file of the package imports, if any. */
function structuredLogger(context: RuleContext): string | undefined {
  for (const file of context.index.files) {
    if (file.uri.endsWith('_test.go')) continue;
    for (const path of file.imports.byPath.keys()) {
      const hit = STRUCTURED.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
      if (hit) return hit[1];
    }
  }
  return undefined;
}
