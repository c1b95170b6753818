import type { Node } from 'web-tree-sitter';
import { referencesBefore } from '../../core/assignments';
import { calledParameter } from '../../core/callers';
import type { CalledParameter, Localized } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { isLoopbackAddress, leadingText } from '../../core/loopback';
import { callArguments, enclosingFunction, findAll, FUNCTION_TYPES, unparen } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';

const GRPC = 'google.golang.org/grpc';
const INSECURE = 'google.golang.org/grpc/credentials/insecure';
const BUFCONN = 'google.golang.org/grpc/test/bufconn';
/** Dial functions and the position of their target argument. */
const DIALS: Record<string, number> = { Dial: 0, NewClient: 0, DialContext: 1 };
/** Unix domain sockets: the other end is on this machine. */
const UNIX_SOCKET = /^(?:unix|unix-abstract):/;
/** Packages of integration and end-to-end test harnesses, which dial the system they started. */
const TEST_HARNESS_PACKAGES = new Set(['integration', 'e2e']);

export const rule: Rule = {
  meta: {
    id: 'grpc-insecure-credentials',
    title: { en: 'gRPC connection without transport security', 'zh-cn': 'gRPC 连接未加密' },
    chapter: 'security',
    defaultSeverity: 'warning',
    peers: [],
    fixable: false,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  methods: ['WithInsecure', 'NewCredentials'],
  check(match, context) {
    const call = capture(match, 'call')!;
    const callee = context.types.calledFunction(call);
    let option: Node;
    let message: Localized;
    if (callee?.path === GRPC && callee.name === 'WithInsecure') {
      option = call;
      message = plainText(call.text, {
        en: 'use `grpc.WithTransportCredentials(credentials.NewTLS(cfg))`',
        'zh-cn': '请改用 `grpc.WithTransportCredentials(credentials.NewTLS(cfg))`',
      });
    } else if (callee?.path === INSECURE && callee.name === 'NewCredentials') {
      const wrapper = transportCredentialsCall(call, context);
      if (!wrapper) return;
      option = wrapper;
      message = plainText(call.text, {
        en: 'use `credentials.NewTLS(cfg)` instead',
        'zh-cn': '请把 `credentials.NewTLS(cfg)` 传给 `grpc.WithTransportCredentials`',
      });
    } else {
      return;
    }
    // In-memory connections of a test harness, and harnesses that dial the services they started.
    if (context.index.importNames(context.file.uri, BUFCONN).length > 0) return;
    if (TEST_HARNESS_PACKAGES.has(context.file.packageName)) return;
    const dial = dialOf(option, context);
    if (dial && dialsThisMachine(dial, context)) return;
    const fallback = unlessSecure(option);
    if (fallback) {
      // A library's default when its caller asked for no TLS: the choice is made elsewhere.
      context.report({
        node: call,
        severity: 'information',
        message: {
          en: `\`${call.text}\` is the fallback when \`${fallback}\` is false, so connections are clear text unless callers enable it; make sure production does`,
          'zh-cn': `\`${fallback}\` 为 false 时退回到 \`${call.text}\`，调用方不开启就是明文连接；请确认生产环境开启了它`,
        },
      });
      return;
    }
    // A target its function is given: the module's callers may show it is on this machine.
    const parameter = dial && dialedParameter(dial, context);
    context.report({
      node: call,
      message,
      unlessCallersFix: parameter && [parameter],
      ifFlagDefaults: parameter && {
        severity: 'information',
        message: {
          en: `\`${call.text}\` dials without TLS; the target is a flag defaulting to this machine, so a remote host given on the command line gets clear text`,
          'zh-cn': `\`${call.text}\` 的连接不走 TLS；目标地址是默认指向本机的命令行参数，在命令行指定远程主机时将以明文传输`,
        },
      },
    });
  },
};

/**
 * The parameter of the dialing function that is the dial's target, with the package of that
 * function: only while nothing in the function changes it or takes its address.
 */
function dialedParameter(dial: Dial, context: RuleContext): CalledParameter | undefined {
  const target = unparen(dial.address);
  const declaration = target.type === 'identifier' ? context.types.declaration(target) : undefined;
  const packagePath = context.index.packagePaths[0];
  if (declaration?.kind !== 'param' || packagePath === undefined) return undefined;
  const changed = referencesBefore(declaration, dial.call).some((reference) => {
    const parent = reference.parent;
    if (parent?.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '&') return true;
    const list = parent?.type === 'expression_list' ? parent : reference;
    const statement = list.parent;
    return statement?.type === 'assignment_statement' && statement.childForFieldName('left')?.equals(list) === true;
  });
  const called = changed ? undefined : calledParameter(declaration);
  return called && { ...called, package: packagePath, fixed: 'loopback' };
}

/**
 * The flag (`opts.Secure`, `useTLS`) whose negation guards the plaintext option, when the option
 * is chosen only under `if !<flag> {` and the flag's name speaks of TLS or security.
 */
function unlessSecure(option: Node): string | undefined {
  for (let node: Node | null = option.parent; node && !FUNCTION_TYPES.has(node.type); node = node.parent) {
    if (node.type !== 'block' || node.parent?.type !== 'if_statement' || !node.parent.childForFieldName('consequence')?.equals(node)) continue;
    const condition = unparen(node.parent.childForFieldName('condition')!);
    if (condition.type !== 'unary_expression' || condition.childForFieldName('operator')?.text !== '!') continue;
    const flag = unparen(condition.childForFieldName('operand')!);
    const name = flag.type === 'selector_expression' ? flag.childForFieldName('field')?.text : flag.type === 'identifier' ? flag.text : undefined;
    if (name && /secure|tls|ssl/i.test(name) && !/insecure/i.test(name)) return flag.text;
  }
  return undefined;
}

/**
 * "`grpc.WithInsecure()` dials without TLS, …; <remedy>", in both languages. Tokens are named as a
 * possibility: whether the calls carry any is not in the dial options.
 */
function plainText(option: string, remedy: Localized): Localized {
  return {
    en: `\`${option}\` dials without TLS: requests, and any tokens they carry, go in clear text; ${remedy.en}`,
    'zh-cn': `使用 \`${option}\` 的连接不走 TLS：请求及其元数据中可能携带的令牌都以明文传输；${remedy['zh-cn']}`,
  };
}

/**
 * The `grpc.WithTransportCredentials(…)` call the credentials go into: directly as its argument,
 * or through a local variable (`creds := insecure.NewCredentials()`). Server options such as
 * `grpc.Creds(…)` are left alone: a server without TLS is the default, and usually sits behind a
 * proxy or mesh that terminates TLS.
 */
function transportCredentialsCall(credentials: Node, context: RuleContext): Node | undefined {
  const isWrapper = (node: Node | null | undefined): node is Node => {
    const called = node?.type === 'call_expression' ? context.types.calledFunction(node) : undefined;
    return called?.path === GRPC && called.name === 'WithTransportCredentials';
  };
  const direct = credentials.parent?.type === 'argument_list' ? credentials.parent.parent : undefined;
  if (isWrapper(direct)) return direct;
  const name = storedIn(credentials);
  const scope = enclosingFunction(credentials)?.childForFieldName('body');
  if (!name || !scope) return undefined;
  return findAll(scope, 'call_expression').find(
    (call) => isWrapper(call) && callArguments(call).some((arg) => arg.type === 'identifier' && arg.text === name && context.types.declaration(arg)?.name.equals(nameNode(credentials)!)),
  );
}

/** `creds := insecure.NewCredentials()` / `var creds = …`: the declared name. */
function storedIn(call: Node): string | undefined {
  return nameNode(call)?.text;
}

function nameNode(call: Node): Node | undefined {
  const list = call.parent;
  if (list?.type !== 'expression_list' || list.namedChildCount !== 1) return undefined;
  const holder = list.parent;
  if (holder?.type === 'short_var_declaration' && holder.childForFieldName('right')?.equals(list)) {
    const left = holder.childForFieldName('left');
    return left?.namedChildCount === 1 && left.namedChild(0)?.type === 'identifier' ? left.namedChild(0)! : undefined;
  }
  if (holder?.type === 'var_spec') {
    const names = holder.childrenForFieldName('name');
    return names.length === 1 ? names[0] ?? undefined : undefined;
  }
  return undefined;
}

/** A `grpc.Dial/DialContext/NewClient` call and its target argument. */
interface Dial {
  call: Node;
  address: Node;
}

/**
 * The dial the option is given to: found when the option is passed straight to
 * `grpc.Dial/DialContext/NewClient`, or is an element of an options slice
 * (`opts := []grpc.DialOption{…}`, `opts = append(opts, …)`) that a dial in the same function spreads.
 */
function dialOf(option: Node, context: RuleContext): Dial | undefined {
  const target = (call: Node | null | undefined): Node | undefined => {
    if (call?.type !== 'call_expression') return undefined;
    const called = context.types.calledFunction(call);
    return called?.path === GRPC && called.name in DIALS ? callArguments(call)[DIALS[called.name]] : undefined;
  };
  const parent = option.parent;
  const direct = parent?.type === 'argument_list' ? parent.parent : undefined;
  const directTarget = target(direct);
  if (direct && directTarget) return { call: direct, address: directTarget };
  const slice = optionsSliceName(option);
  const scope = enclosingFunction(option)?.childForFieldName('body');
  if (!slice || !scope) return undefined;
  for (const call of findAll(scope, 'call_expression')) {
    const args = call.childForFieldName('arguments')?.text.replace(/\s+/g, '') ?? '';
    const address = new RegExp(`[(,]${slice}\\.\\.\\.,?\\)$`).test(args) ? target(call) : undefined;
    if (address) return { call, address };
  }
  return undefined;
}

/** The dial targets this machine: a loopback address (`"localhost:50051"`, `":" + port`, a constant holding one) or a unix socket. */
function dialsThisMachine({ call, address }: Dial, context: RuleContext): boolean {
  return isLoopbackAddress(address, call, context.types) || UNIX_SOCKET.test(leadingText(address, call, context.types).text);
}

/** The variable an options slice is held in: `opts := []grpc.DialOption{…}` or `opts = append(opts, …)`. */
function optionsSliceName(option: Node): string | undefined {
  const parent = option.parent;
  if (parent?.type === 'literal_element') {
    const literal = parent.parent?.parent;
    if (literal?.type !== 'composite_literal') return undefined;
    const list = literal.parent;
    const holder = list?.parent;
    if (list?.type === 'expression_list' && (holder?.type === 'short_var_declaration' || holder?.type === 'assignment_statement')) {
      return holder.childForFieldName('left')?.namedChild(0)?.text;
    }
    if (list?.type === 'expression_list' && holder?.type === 'var_spec') return holder.childForFieldName('name')?.text;
    return undefined;
  }
  if (parent?.type === 'argument_list') {
    const call = parent.parent;
    if (call?.childForFieldName('function')?.text !== 'append') return undefined;
    return callArguments(call)[0]?.type === 'identifier' ? callArguments(call)[0].text : undefined;
  }
  return undefined;
}
