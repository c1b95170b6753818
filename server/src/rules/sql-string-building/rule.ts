import type { TypeRef } from '../../core/go-types';
import { GORM_PATHS, PGX_PATHS, PGXPOOL_PATHS } from '../../core/known-apis';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { snippet } from '../../core/text';
import { callArguments } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { Taint } from './taint';

const SQL = 'database/sql';
const SQLX = 'github.com/jmoiron/sqlx';
const SQL_RECEIVERS = new Set(['DB', 'Tx', 'Conn']);
const PGX_RECEIVERS = new Set(['Conn', 'Tx', 'Pool']);

/** database/sql and sqlx methods that take SQL text, with or without a context. */
const SQL_METHODS = /^(Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|Get|Select|NamedExec|NamedQuery|MustExec|Preparex|PrepareNamed)(Context)?$/;

/** pgx methods take the context first; Prepare takes a statement name before the SQL. */
const PGX_SQL_ARGUMENT: Record<string, number> = { Query: 1, QueryRow: 1, Exec: 1, Prepare: 2 };

/** GORM methods whose first argument may be SQL text (a condition, an ordering, a join, a raw statement). */
const GORM_SQL_METHODS = new Set(['Raw', 'Exec', 'Where', 'Or', 'Not', 'Order', 'Group', 'Having', 'Select', 'Joins', 'InnerJoins']);

type Driver = 'sql' | 'pgx' | 'gorm';

/** Where the SQL text sits among the arguments of `method` on a receiver of this driver. */
function sqlArgumentIndex(driver: Driver, method: string): number | undefined {
  if (driver === 'pgx') return PGX_SQL_ARGUMENT[method];
  if (driver === 'gorm') return GORM_SQL_METHODS.has(method) ? 0 : undefined;
  if (!SQL_METHODS.test(method)) return undefined;
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
    ...GORM_SQL_METHODS,
  ],
  check(match, context) {
    const call = capture(match, 'call')!;
    const receiver = capture(match, 'operand')!;
    const method = capture(match, 'method')!.text;
    const driver = driverOf(context.types.typeOf(receiver), method, context);
    const index = driver && sqlArgumentIndex(driver, method);
    const argument = index === undefined ? undefined : callArguments(call)[index];
    if (!argument) return;
    const found = new Taint(context, call).built(argument);
    if (!found) return;
    // A part that is an exported function's parameter: any caller may pass anything, unless the
    // module's own calls all pass fixed or validated values (read after the analysis, see
    // core/callers). Only when every tainted part is such a parameter.
    const parameters: NonNullable<typeof found.parameter>[] = [];
    let next: typeof found | undefined = found;
    while (next?.parameter && parameters.length < 4) {
      parameters.push(next.parameter);
      next = new Taint(context, call, parameters.map((parameter) => parameter.declaration)).built(argument);
    }
    const onlyParameters = next === undefined && parameters.length > 0;
    const callee = snippet(`${receiver.text}.${method}`, 30);
    const part = snippet(found.part.text, 24);
    const origin = found.origin ? { en: ` (${found.origin.en})`, 'zh-cn': `（${found.origin['zh-cn']}）` } : { en: '', 'zh-cn': '' };
    context.report({
      node: argument,
      message: {
        en: `\`${callee}\` gets SQL built with \`${found.how}\` from \`${part}\`${origin.en}; pass values as placeholders, names from a fixed list`,
        'zh-cn': `传给 \`${callee}\` 的 SQL 用 \`${found.how}\` 拼进了 \`${part}\`${origin['zh-cn']}；值请用占位符（\`$1\`、\`?\`）传入，表名、列名从固定白名单中选取`,
      },
      unlessCallersFix: onlyParameters ? parameters.map(({ function: name, method, index }) => ({ function: name, method, index })) : undefined,
    });
  },
};

/**
 * The driver of a database handle: `*sql.DB`, `*sqlx.Tx` and friends; a pgx connection, pool or
 * transaction; a `*gorm.DB`; or a struct of this package embedding one of them.
 */
function driverOf(type: TypeRef | undefined, method: string, context: RuleContext, depth = 0): Driver | undefined {
  if (!type?.name || type.pkg === undefined) return undefined;
  const { pkg, name } = type;
  if ((pkg === SQL || pkg === SQLX) && SQL_RECEIVERS.has(name)) return 'sql';
  if ((PGX_PATHS.includes(pkg) || PGXPOOL_PATHS.includes(pkg)) && PGX_RECEIVERS.has(name)) return 'pgx';
  if (GORM_PATHS.includes(pkg) && name === 'DB') return 'gorm';
  // A type of this package that declares the method itself (its own query builder) is not the driver.
  if (pkg !== '' || depth > 2 || context.index.method(name, method)) return undefined;
  for (const embedded of context.index.struct(name)?.embedded ?? []) {
    const driver = driverOf(embedded, method, context, depth + 1);
    if (driver) return driver;
  }
  return undefined;
}
