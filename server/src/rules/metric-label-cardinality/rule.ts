import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, calleeParts, unparen } from '../../core/syntax';
import { snippet } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { singleValue } from './origin';

const PROMETHEUS = 'github.com/prometheus/client_golang/prometheus';
const PROMAUTO = 'github.com/prometheus/client_golang/prometheus/promauto';
/** beego v1 and v2, any of their packages. */
const BEEGO = /^github\.com\/(?:astaxie\/beego|beego\/beego\/v2)(?:\/|$)/;
const VECS = new Set(['CounterVec', 'GaugeVec', 'HistogramVec', 'SummaryVec', 'MetricVec']);

type Kind = 'path' | 'id' | 'address' | 'error';

/** Identifiers and fields that name one user, request or session (`userID`, `req_id`, `email`). */
const IDENTITY = /^((user|account|customer|member|order|session|request|req|trace|span|device|visitor)_?(id|uuid|key)|uuid|uid|email|e_?mail_?addr(ess)?|username|token)$/i;
const ADDRESS = /^(ip|client_?ip|remote_?ip|real_?ip|remote_?addr|ip_?addr(ess)?|peer_?addr)$/i;
/** Methods reading a header, a query or a path parameter by name: `r.Header.Get("X-Request-ID")`. */
const LOOKUPS = new Set(['Get', 'Param', 'Query', 'FormValue', 'PostFormValue', 'GetHeader', 'QueryParam', 'Params']);

export const rule: Rule = {
  meta: {
    id: 'metric-label-cardinality',
    title: { en: 'Unbounded metric label values', 'zh-cn': '指标标签值无上界' },
    chapter: 'observability',
    defaultSeverity: 'warning',
    peers: [],
    fixable: false,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
  },
  methods: ['WithLabelValues', 'GetMetricWithLabelValues', 'With', 'GetMetricWith'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const receiver = capture(match, 'operand')!;
    const method = capture(match, 'method')!.text;
    const args = callArguments(call);
    if (args.some((arg) => arg.nextSibling?.type === '...')) return;
    let values: Node[];
    if (method.endsWith('LabelValues')) {
      if (!isVec(receiver, context) && !importsPrometheus(context)) return;
      values = args;
    } else {
      const labels = args.length === 1 ? unparen(args[0]) : undefined;
      const type = labels?.type === 'composite_literal' ? labels.childForFieldName('type') : null;
      const isLabels = type && context.types.qualified(type)?.path === PROMETHEUS && type.text.endsWith('.Labels');
      if (!labels || !isLabels || (!isVec(receiver, context) && !importsPrometheus(context))) return;
      values = (labels.childForFieldName('body')?.namedChildren ?? [])
        .filter((element): element is Node => element?.type === 'keyed_element')
        .map((element) => element.childForFieldName('value') ?? element.namedChild(1))
        .map((value) => (value?.type === 'literal_element' ? value.namedChild(0) : value))
        .filter((value): value is Node => value !== null && value !== undefined);
    }
    let reset: string | false | undefined;
    for (const value of values) {
      const kind = unbounded(value, call, context);
      if (!kind) continue;
      reset ??= resetVec(receiver, context) ?? false;
      if (reset) {
        context.report({ node: value, severity: 'information', message: resetMessage(snippet(value.text), kind, reset) });
        continue;
      }
      context.report({ node: value, message: kind === 'path' && importsBeego(context) ? beegoPathMessage(snippet(value.text)) : message(snippet(value.text), kind) });
    }
  },
};

function message(text: string, kind: Kind): Localized {
  switch (kind) {
    case 'path':
      return {
        en: `label value \`${text}\` is the raw request URL, one time series per URL; use the route template (gin's \`c.FullPath()\`, mux's \`GetPathTemplate()\`)`,
        'zh-cn': `标签值 \`${text}\` 是原始请求 URL，每个不同的 URL 都会产生一条新的时间序列；请改用路由模板（gin 的 \`c.FullPath()\`、mux 的 \`GetPathTemplate()\`）`,
      };
    case 'error':
      return {
        en: `label value \`${text}\` is free-form error text, one time series per message; label with a small fixed set of error kinds instead`,
        'zh-cn': `标签值 \`${text}\` 是任意的错误文本，每种不同的错误信息都会产生一条新的时间序列；请先归类为少量固定的错误类别再做标签`,
      };
    case 'address':
      return {
        en: `label value \`${text}\` is a client address, one time series per client; drop the label and put the address in logs or trace attributes`,
        'zh-cn': `标签值 \`${text}\` 是客户端地址，每个客户端一条时间序列；请去掉这个标签，把地址记到日志或链路追踪属性里`,
      };
    case 'id':
      return {
        en: `label value \`${text}\` is a per-user or per-request id, one time series per value; drop the label and log or trace the id instead`,
        'zh-cn': `标签值 \`${text}\` 是按用户或按请求变化的标识，每个值一条时间序列；请去掉这个标签，把 ID 记到日志或链路追踪属性里`,
      };
  }
}

/** beego's router records the pattern a request matched (`/api/user/:id`) in the input's data. */
function beegoPathMessage(text: string): Localized {
  return {
    en: `label value \`${text}\` is the raw request path, one time series per path; use the route pattern, \`ctx.Input.GetData("RouterPattern")\` in beego`,
    'zh-cn': `标签值 \`${text}\` 是原始请求路径，每个不同的路径都会产生一条新的时间序列；请改用路由模式，beego 中是 \`ctx.Input.GetData("RouterPattern")\``,
  };
}

/**
 * The vec's name when the package, or a module package it imports, resets a vec of that name in
 * a loop (`for range ticker.C { ApiThroughput.Reset() }`): it then holds only the series since the
 * last reset, so the process's memory stays bounded. The series still reach the monitoring
 * backend, which is why it is information and not silence.
 */
function resetVec(receiver: Node, context: RuleContext): string | undefined {
  const node = unparen(receiver);
  const name = node.type === 'identifier' ? node.text : node.type === 'selector_expression' ? node.childForFieldName('field')?.text : undefined;
  return name && context.index.resetsPeriodically(name) ? name : undefined;
}

/** What the label value is and the remedy, short: the reset's clause takes the rest of the line. */
const RESET_NOTES: Record<Kind, { en: [string, string]; 'zh-cn': [string, string] }> = {
  path: { en: ['the raw request path', 'use the route pattern'], 'zh-cn': ['原始请求路径', '请改用路由模板'] },
  error: { en: ['free-form error text', 'use fixed error kinds'], 'zh-cn': ['任意的错误文本', '请改用固定的错误类别'] },
  address: { en: ['a client address', 'drop the label'], 'zh-cn': ['客户端地址', '请去掉这个标签'] },
  id: { en: ['a per-user or per-request id', 'drop the label'], 'zh-cn': ['按用户或按请求变化的标识', '请去掉这个标签'] },
};

function resetMessage(text: string, kind: Kind, vec: string): Localized {
  const { en: [what, remedy], 'zh-cn': [whatZh, remedyZh] } = RESET_NOTES[kind];
  return {
    en: `label value \`${text}\` is ${what}; \`${vec}.Reset()\` in a loop bounds memory, but each value still reaches the backend; ${remedy}`,
    'zh-cn': `标签值 \`${text}\` 是${whatZh}；循环里的 \`${vec}.Reset()\` 限住了内存，但每个值仍会成为监控后端的一条时间序列；${remedyZh}`,
  };
}

function isVec(receiver: Node, context: RuleContext): boolean {
  const type = context.types.typeOf(receiver);
  return (type?.pkg === PROMETHEUS || type?.pkg === PROMAUTO) && type.name !== undefined && VECS.has(type.name);
}

function importsPrometheus(context: RuleContext): boolean {
  const uri = context.file.uri;
  return context.index.importNames(uri, PROMETHEUS).length > 0 || context.index.importNames(uri, PROMAUTO).length > 0;
}

function unbounded(expression: Node, use: Node, context: RuleContext, depth = 0): Kind | undefined {
  const node = unparen(expression);
  if (depth > 3) return undefined;
  switch (node.type) {
    case 'identifier': {
      if (IDENTITY.test(node.text)) return 'id';
      if (ADDRESS.test(node.text)) return 'address';
      const value = singleValue(node, use);
      return value ? unbounded(value, use, context, depth + 1) : undefined;
    }
    case 'selector_expression': {
      const field = node.childForFieldName('field')?.text ?? '';
      const operand = node.childForFieldName('operand');
      if (['Path', 'RawPath', 'RawQuery'].includes(field) && operand?.type === 'selector_expression' && operand.childForFieldName('field')?.text === 'URL') return 'path';
      if (field === 'RequestURI') return 'path';
      if (field === 'RemoteAddr' || ADDRESS.test(field)) return 'address';
      if (IDENTITY.test(field)) return 'id';
      // `user.ID`, `req.Id`: the id of something per-user or per-request.
      if (/^(id|uuid)$/i.test(field) && operand && /(user|account|customer|member|order|session|request|req)$/i.test(operand.text)) return 'id';
      return undefined;
    }
    case 'call_expression':
      return unboundedCall(node, context);
    default:
      return undefined;
  }
}

function unboundedCall(call: Node, context: RuleContext): Kind | undefined {
  const callee = calleeParts(call);
  if (!callee?.operand || context.types.calledFunction(call)) return undefined;
  const args = callArguments(call);
  const operand = unparen(callee.operand);
  const onURL = operand.type === 'selector_expression' && operand.childForFieldName('field')?.text === 'URL';
  if (args.length === 0) {
    if (onURL && ['String', 'RequestURI', 'EscapedPath', 'Redacted'].includes(callee.name)) return 'path';
    if (isBeegoInput(operand) && (callee.name === 'URL' || callee.name === 'URI') && importsBeego(context)) return 'path';
    if (['ClientIP', 'RealIP', 'RemoteIP', 'IP'].includes(callee.name)) return 'address';
    if (callee.name === 'Error' && isErrorValue(operand, context)) return 'error';
    return undefined;
  }
  // `r.Header.Get("X-Request-Id")`, `c.Param("userID")`: a lookup by a name that says what it is.
  const key = args[0];
  if (args.length === 1 && LOOKUPS.has(callee.name) && key.type === 'interpreted_string_literal') {
    const name = key.text.slice(1, -1).replace(/^x-/i, '').replace(/-/g, '_');
    if (IDENTITY.test(name)) return 'id';
    if (ADDRESS.test(name) || /^(forwarded_for|real_ip)$/i.test(name)) return 'address';
  }
  return undefined;
}

/** `ctx.Input` or `c.Ctx.Input`: beego's request input, whose `URL()` and `URI()` are the raw path. */
function isBeegoInput(operand: Node): boolean {
  return operand.type === 'selector_expression' && operand.childForFieldName('field')?.text === 'Input';
}

function importsBeego(context: RuleContext): boolean {
  const paths = context.index.imports(context.file.uri)?.byPath.keys() ?? [];
  for (const path of paths) if (BEEGO.test(path)) return true;
  return false;
}

function isErrorValue(node: Node, context: RuleContext): boolean {
  if (node.type !== 'identifier') return false;
  const declaration = context.types.declaration(node);
  if (declaration?.type) return declaration.type.text === 'error';
  return /^(err\d*|[a-z]\w*Err|[a-z]\w*Error)$/.test(node.text);
}
