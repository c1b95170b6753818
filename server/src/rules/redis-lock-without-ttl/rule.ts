import type { Node } from 'web-tree-sitter';
import { REDIS_PATHS } from '../../core/known-apis';
import { literalKeys } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { callArguments, enclosingFunction, unparen } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';

/** go-redis types that have SetNX: clients, the Cmdable interfaces, pipelines and transactions. */
const CLIENT_TYPES = new Set(['Client', 'ClusterClient', 'Ring', 'UniversalClient', 'Cmdable', 'StatefulCmdable', 'Pipeliner', 'Tx', 'Conn']);
/** v8 and later take a context first. */
const WITH_CONTEXT = new Set(['github.com/redis/go-redis/v9', 'github.com/go-redis/redis/v8']);
/** A key, or a function around the call, that names a lock. */
const LOCK_NAME = words(['lock', 'mutex', 'leader', 'semaphore']);
const LOCK_FUNCTION = words(['lock', 'mutex', 'acquire', 'leader', 'elect']);

/**
 * Matches the words as words of an identifier or key: `lock:order`, `order_lock`, `orderLock`,
 * `TryLock`, `LOCK_KEY`, but not `block`, `Clock` or `unlocked` spelled inside another word.
 */
function words(list: string[]): RegExp {
  const capitalized = list.map((w) => w[0].toUpperCase() + w.slice(1));
  const upper = list.map((w) => w.toUpperCase());
  return new RegExp(`(?<![A-Za-z])(?:${list.join('|')})|(?<![A-Z])(?:${capitalized.join('|')})|(?<![A-Za-z])(?:${upper.join('|')})`);
}

export const rule: Rule = {
  meta: {
    id: 'redis-lock-without-ttl',
    title: { en: 'Redis lock without expiry', 'zh-cn': 'Redis 锁没有过期时间' },
    chapter: 'security',
    defaultSeverity: 'warning',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  methods: ['SetNX', 'SetArgs'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const receiver = capture(match, 'operand')!;
    const method = capture(match, 'method')!.text;
    const path = redisPath(receiver, context);
    if (!path) return;
    const args = callArguments(call);
    const offset = WITH_CONTEXT.has(path) ? 1 : 0;
    if (args.length !== offset + 3 || args.some((arg) => arg.type === 'variadic_argument')) return;
    const key = args[offset];
    const last = args[offset + 2];
    const client = receiver.text;

    if (method === 'SetNX') {
      if (!isZeroDuration(last, context)) return;
      const lock = lockEvidence(call, key, context);
      if (!lock) return;
      context.report({
        node: last,
        message:
          lock === 'expire-after'
            ? {
                en: `\`${client}.SetNX\` with expiration 0 and a separate Expire is not atomic: a crash in between leaves a lock that never expires; pass the TTL to SetNX`,
                'zh-cn': `\`${client}.SetNX\` 过期时间为 0、再单独调用 Expire，两步不是原子的：中间一旦崩溃，锁就永远不会过期；请直接把 TTL 传给 SetNX`,
              }
            : {
                en: `\`${client}.SetNX\` with expiration 0 takes a lock that never expires, so a crash before release blocks all later callers; pass a TTL`,
                'zh-cn': `\`${client}.SetNX\` 过期时间为 0，拿到的锁永不过期，释放前一旦崩溃，后续所有调用方都会被卡住；请传入 TTL，例如 \`30*time.Second\``,
              },
      });
      return;
    }
    // SetArgs(ctx, key, value, redis.SetArgs{Mode: "NX"}) without TTL or ExpireAt.
    const literal = unparen(last);
    const type = literal.type === 'composite_literal' ? literal.childForFieldName('type') : null;
    const qualified = type ? context.types.qualified(type) : undefined;
    if (!type || !qualified || !REDIS_PATHS.includes(qualified.path) || qualified.name !== 'SetArgs') return;
    const body = literal.childForFieldName('body')!;
    const keys = literalKeys(body);
    if (!keys || keys.has('TTL') || keys.has('ExpireAt') || keys.has('KeepTTL') || !setsModeNX(body)) return;
    if (!lockEvidence(call, key, context)) return;
    context.report({
      node: type,
      message: {
        en: `\`${client}.SetArgs\` with Mode "NX" and no TTL takes a lock that never expires, so a crash before release blocks all later callers; set TTL`,
        'zh-cn': `\`${client}.SetArgs\` 使用 Mode "NX" 却没有设置 TTL，拿到的锁永不过期，释放前一旦崩溃，后续所有调用方都会被卡住；请在 SetArgs 中设置 TTL`,
      },
    });
  },
};

/** The go-redis import path of the receiver's type, when it is one of the client types. */
function redisPath(receiver: Node, context: RuleContext): string | undefined {
  const type = context.types.typeOf(receiver);
  if (!type?.pkg || !type.name || !REDIS_PATHS.includes(type.pkg) || !CLIENT_TYPES.has(type.name)) return undefined;
  return type.pkg;
}

/** `0`, `time.Duration(0)`, `0 * time.Second`. */
function isZeroDuration(node: Node, context: RuleContext): boolean {
  const expression = unparen(node);
  if (expression.type === 'int_literal') return /^0+$/.test(expression.text.replace(/_/g, ''));
  if (expression.type === 'call_expression') {
    const called = context.types.calledFunction(expression);
    const args = callArguments(expression);
    return called?.path === 'time' && called.name === 'Duration' && args.length === 1 && isZeroDuration(args[0], context);
  }
  if (expression.type === 'binary_expression' && expression.child(1)?.type === '*') {
    const left = expression.childForFieldName('left');
    const right = expression.childForFieldName('right');
    return [left, right].some((side) => side?.type === 'int_literal' && /^0+$/.test(side.text));
  }
  return false;
}

function setsModeNX(body: Node): boolean {
  return body.namedChildren.some((element) => {
    if (element?.type !== 'keyed_element') return false;
    const key = element.childForFieldName('key')?.text;
    const value = element.childForFieldName('value');
    const text = value?.namedChild(0)?.type === 'interpreted_string_literal' || value?.namedChild(0)?.type === 'raw_string_literal' ? value.namedChild(0)!.text.slice(1, -1) : undefined;
    return key === 'Mode' && text?.toUpperCase() === 'NX';
  });
}

/**
 * Whether the call takes a lock rather than recording a value meant to live forever (a
 * first-writer-wins marker): the key or the function says "lock", or the function later deletes
 * the key (acquire/release) or sets an expiry on it in a second step.
 */
function lockEvidence(call: Node, key: Node, context: RuleContext): 'expire-after' | true | undefined {
  const fn = enclosingFunction(call);
  const body = fn?.childForFieldName('body');
  if (body) {
    const after = context.file.text.slice(call.endIndex, body.endIndex);
    const escaped = key.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const on = (methods: string) => new RegExp(`\\.(?:${methods})\\([^;\\n]*?(?<![\\w.])${escaped}\\s*[,)]`);
    if (on('Expire|PExpire|ExpireAt|PExpireAt').test(after)) return 'expire-after';
    if (on('Del|Unlink').test(after)) return true;
  }
  let keyText = key.text;
  if (key.type === 'identifier') {
    const declaration = context.types.declaration(key);
    if (declaration?.values[declaration.index]) keyText += ` ${declaration.values[declaration.index].text}`;
  }
  if (LOCK_NAME.test(keyText)) return true;
  for (let outer: Node | null = fn; outer; outer = enclosingFunction(outer)) {
    const name = outer.childForFieldName('name')?.text;
    if (name && LOCK_FUNCTION.test(name)) return true;
  }
  return undefined;
}
