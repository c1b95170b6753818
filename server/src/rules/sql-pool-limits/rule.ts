// The sql-pool-limits rule: a database/sql or sqlx pool opened and left with the default limits.
import type { Node } from 'web-tree-sitter';
import type { Fix, TextEdit } from '../../core/findings';
import { packageQualifier } from '../../core/qualifier';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { declarationIn, findLocalDeclaration } from '../../core/scope';
import { enclosingFunction } from '../../core/syntax';
import { afterErrorCheck, calledMethod, insertAfter, ownLocal, usesOf } from '../../core/variables';
import { listEn, listZh } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { helperConfiguration, LIMITS, packageConfiguration, useOf, type Limit } from './usage';

const OPENERS: Record<string, readonly string[]> = {
  'database/sql': ['Open', 'OpenDB'],
  'github.com/jmoiron/sqlx': ['Open', 'Connect', 'ConnectContext', 'MustOpen', 'MustConnect'],
};

/** The limits whose values depend on the deployment (instances × pool ≤ the database's limit). */
const SIZES = new Set(['SetMaxOpenConns', 'SetMaxIdleConns']);

/** Embedded or test databases, for which pool limits mean little. */
const EMBEDDED_DRIVER = /sqlite|duckdb|ramsql|txdb/i;

export const rule: Rule = {
  meta: {
    id: 'sql-pool-limits',
    title: { en: 'Connection pool left at defaults', 'zh-cn': '连接池使用默认配置' },
    chapter: 'databases',
    defaultSeverity: 'information',
    peers: [],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  methods: ['Open', 'OpenDB', 'Connect', 'ConnectContext', 'MustOpen', 'MustConnect'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const opener = context.types.calledFunction(call);
    if (!opener || !OPENERS[opener.path]?.includes(opener.name)) return;
    const driver = call.childForFieldName('arguments')?.namedChild(0);
    if (driver?.type === 'interpreted_string_literal' && EMBEDDED_DRIVER.test(driver.text)) return;

    const binding = bindingOf(call);
    if (!binding) return;
    const { target, statement, err } = binding;
    const fn = enclosingFunction(call);
    let missing: Limit[] | undefined;
    let setters = new Map<string, Node>();
    if (target.type === 'identifier' && fn) {
      const declaration = statement.type === 'assignment_statement' ? findLocalDeclaration(target) : declarationIn(statement, target.text);
      if (declaration?.kind === 'result' || declaration?.kind === 'param') return;
      const own = statement.type === 'assignment_statement' ? ownLocal(target, fn) : declaration;
      if (own) {
        const set = new Map<string, Node>();
        let stored = false;
        let closed = false;
        let inClosure = false;
        for (const use of usesOf(own.name, fn)) {
          if (use.equals(target)) continue;
          let kind = useOf(use, set);
          if (kind === 'handed-off') kind = helperConfiguration(use, set, context);
          if (kind === 'handed-off') return;
          stored ||= kind === 'stored';
          closed ||= calledMethod(use) === 'Close';
          inClosure ||= !enclosingFunction(use)?.equals(fn);
        }
        // Opened, used and closed right here, by this function alone: a one-off connection
        // (creating a database, a migration), not a pool that serves concurrent work.
        if (closed && !stored && !inClosure) return;
        missing = stored ? packageConfiguration(context.index) : LIMITS.filter((limit) => !limit.methods.some((method) => set.has(method)));
        setters = set;
      } else if (declaration) {
        return; // a variable of an enclosing function
      } else {
        missing = packageConfiguration(context.index); // a package variable
      }
    } else {
      missing = packageConfiguration(context.index); // a field, or a package-level declaration
    }
    if (!missing || missing.length === 0) return;

    const pool = target.text;
    const fnText = call.childForFieldName('function')!.text;
    context.report({
      node: target,
      message: {
        en: `\`${pool}\` from \`${fnText}\` keeps the default pool (${listEn(missing.map((m) => m.fallback.en))}); call ${missing.map((m) => m.methods[0]).join(', ')}`,
        'zh-cn': `来自 \`${fnText}\` 的连接池 \`${pool}\` 沿用了 database/sql 的默认配置（${listZh(missing.map((m) => m.fallback.zh))}）；打开之后调用 ${listZh(missing.map((m) => `\`${pool}.${m.methods[0]}\``))}`,
      },
      fixes: fn ? fixFor(statement, err, pool, missing, setters, context) : [],
    });
  },
};

interface Binding {
  /** The variable or field the pool is assigned to. */
  target: Node;
  /** The assignment or declaration statement. */
  statement: Node;
  err?: string;
}

/**
 * `db, err := sql.Open(…)`, `s.db, err = …`, `var db = sqlx.MustConnect(…)` (in a function or at
 * package level). Undefined when the pool goes straight into a call or a return.
 */
function bindingOf(call: Node): Binding | undefined {
  const values = call.parent;
  if (values?.type !== 'expression_list' || !values.namedChild(0)?.equals(call)) return undefined;
  const holder = values.parent;
  let targets: Node[];
  let statement: Node | null | undefined = holder;
  if (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement') {
    if (holder.type === 'assignment_statement' && holder.childForFieldName('operator')?.text !== '=') return undefined;
    if (!holder.childForFieldName('right')?.equals(values)) return undefined;
    targets = holder.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  } else if (holder?.type === 'var_spec') {
    targets = holder.childrenForFieldName('name').filter((n): n is Node => n !== null);
    statement = holder.parent?.type === 'var_spec_list' ? holder.parent.parent : holder.parent;
  } else {
    return undefined;
  }
  const target = targets[0];
  if (!statement || !target || (target.type !== 'identifier' && target.type !== 'selector_expression') || target.text === '_') return undefined;
  const errName = targets[1];
  const err = errName?.type === 'identifier' && errName.text !== '_' ? errName.text : undefined;
  return { target, statement, err };
}

/**
 * The missing calls with the guide's values, after the setters already there (when they are
 * statements of one block) or else right after the error check. An idle limit matches an
 * existing `SetMaxOpenConns(n)` when n is a literal.
 */
function fixFor(statement: Node, err: string | undefined, pool: string, missing: Limit[], setters: Map<string, Node>, context: RuleContext): Fix[] {
  const existing = [...setters.values()].map((call) => call.parent).filter((n): n is Node => n?.type === 'expression_statement' && n.parent?.type === 'statement_list');
  const sameBlock = existing.length > 0 && existing.length === setters.size && existing.every((n) => n.parent!.equals(existing[0].parent!));
  const anchor = sameBlock ? existing.reduce((last, n) => (n.startIndex > last.startIndex ? n : last)) : afterErrorCheck(statement, err);
  if (!anchor) return [];
  const maxOpen = setters.get('SetMaxOpenConns')?.childForFieldName('arguments')?.namedChild(0);
  const openLimit = maxOpen?.type === 'int_literal' ? maxOpen.text : undefined;
  const needsTime = missing.some((limit) => limit.value.includes('time.'));
  const time = needsTime ? packageQualifier(context, 'time', anchor) : { name: 'time', edits: [] };
  if (!time) return [];
  const value = (limit: Limit) => (limit.methods[0] === 'SetMaxIdleConns' && openLimit ? openLimit : limit.value.replace('time.', `${time.name}.`));
  const code = missing.map((limit) => `${pool}.${limit.methods[0]}(${value(limit)})`);
  const edits: TextEdit[] = [insertAfter(anchor, code, context.file.lines), ...time.edits];
  const names = missing.map((m) => m.methods[0]);
  // A lifetime only recycles connections; the pool sizes depend on how many instances share
  // the database's connection limit, so with those the values are a starting point.
  const sized = missing.some((limit) => SIZES.has(limit.methods[0]));
  if (!sized) return [{ title: { en: `Set ${listEn(names)}`, 'zh-cn': `设置 ${listZh(names)}` }, edits }];
  return [
    {
      title: {
        en: `Set ${listEn(names)} (starting values: size the pool to what the database allows all instances)`,
        'zh-cn': `设置 ${listZh(names)}（只是起点：请按数据库允许所有实例使用的连接数调整）`,
      },
      edits,
      preferred: false,
    },
  ];
}
