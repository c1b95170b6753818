import type { TypeRef } from '../../core/go-types';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, unparen } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { Taint } from './taint';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';
const RECEIVERS = new Set(['DB', 'Tx', 'Conn']);

/** Where the SQL text sits among the arguments, by method name (after an optional ctx). */
function sqlArgumentIndex(method: string): number {
  const base = method.replace(/Context$/, '');
  const withContext = base !== method ? 1 : 0;
  // sqlx's Get and Select take the destination first: Get(dest, query, args…).
  return (base === 'Get' || base === 'Select' ? 1 : 0) + withContext;
}

export const rule: Rule = {
  meta: {
    id: 'sql-string-building',
    title: { en: 'SQL built from strings', 'zh-cn': '用字符串拼接 SQL' },
    chapter: 'databases',
    defaultSeverity: 'warning',
    peers: ['G201', 'G202'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  methods: [
    'Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Exec', 'ExecContext', 'Prepare', 'PrepareContext',
    'Queryx', 'QueryxContext', 'QueryRowx', 'QueryRowxContext', 'Get', 'GetContext', 'Select', 'SelectContext',
    'NamedExec', 'NamedExecContext', 'NamedQuery', 'NamedQueryContext', 'MustExec', 'MustExecContext',
    'Preparex', 'PreparexContext', 'PrepareNamed', 'PrepareNamedContext',
  ],
  check(match, context) {
    const call = capture(match, 'call')!;
    const receiver = capture(match, 'operand')!;
    const method = capture(match, 'method')!.text;
    if (!isDatabase(context.types.typeOf(receiver), context)) return;
    const argument = callArguments(call)[sqlArgumentIndex(method)];
    if (!argument) return;
    const found = new Taint(context, call).built(argument);
    if (!found) return;
    const callee = `${receiver.text}.${method}`;
    const part = found.part.text.length > 40 ? `${found.part.text.slice(0, 37)}…` : found.part.text;
    const variable = unparen(argument).type === 'identifier' ? argument.text : undefined;
    const how = found.how;
    context.report({
      node: argument,
      message: {
        en: `SQL ${variable ? `in \`${variable}\`, passed to \`${callee}\`,` : `passed to \`${callee}\``} is built with \`${how}\` from \`${part}\`; pass values as query arguments with placeholders (\`$1\` or \`?\`) and pick identifiers from a fixed list`,
        'zh-cn': `传给 \`${callee}\` 的 SQL${variable ? `（变量 \`${variable}\`）` : ''}用 \`${how}\` 拼进了 \`${part}\`；值请用占位符（\`$1\` 或 \`?\`）作为查询参数传入，表名、列名等标识符从固定白名单中选取`,
      },
    });
  },
};

/** `*sql.DB`, `*sqlx.Tx` and friends, or a struct of this package embedding one. */
function isDatabase(type: TypeRef | undefined, context: RuleContext, depth = 0): boolean {
  if (!type?.name) return false;
  if ((type.pkg === SQL || type.pkg === SQLX) && RECEIVERS.has(type.name)) return true;
  if (type.pkg !== '' || depth > 2) return false;
  return context.index.struct(type.name)?.embedded.some((embedded) => isDatabase(embedded, context, depth + 1)) ?? false;
}

