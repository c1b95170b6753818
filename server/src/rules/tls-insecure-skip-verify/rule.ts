import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { assignedTarget, literalKeys } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { fileConstant, findLocalDeclaration } from '../../core/scope';
import { isLoopbackHost, literalHost } from '../../core/loopback';
import { enclosingFunction, unparen } from '../../core/syntax';
import { snippet } from '../../core/text';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const TLS = 'crypto/tls';
/** Callbacks that verify the peer by hand: with one of them set, skipping the default check is a choice. */
const MANUAL_VERIFICATION = ['VerifyPeerCertificate', 'VerifyConnection'];
/** Conditions that read like an opt-in switch: `if *insecure`, `if cfg.SkipVerify`, `if ignoreCertificate`, `case "dev":`. */
const OPT_IN = /insecure|skip|verify|ignore|debug|\bdev|develop|local|test|unsafe/i;

const INSECURE_NAME = /insecure|skip_?verify|no_?verify/i;

/** The finding, quoting the setting as written: `InsecureSkipVerify: true` or `InsecureSkipVerify = true`. */
function message(setting: string): Localized {
  return {
    en: `\`${setting}\` turns off TLS certificate checks, so anyone on the path can impersonate the server; trust its CA through \`RootCAs\` instead`,
    'zh-cn': `\`${setting}\` 关闭了 TLS 证书校验，网络路径上的任何人都能冒充服务端；请改为通过 \`RootCAs\` 信任它的 CA`,
  };
}

export const rule: Rule = {
  meta: {
    id: 'tls-insecure-skip-verify',
    title: { en: 'TLS certificate verification turned off', 'zh-cn': '关闭了 TLS 证书校验' },
    chapter: 'security',
    defaultSeverity: 'warning',
    peers: ['G402'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
    skipsTests: true,
  },
  query,
  check(match, context) {
    const value = capture(match, 'value');
    if (!value || constantBool(value) !== true) return;
    const element = capture(match, 'element');
    if (element) {
      checkLiteral(element, `InsecureSkipVerify: ${snippet(value.text, 20)}`, context);
      return;
    }
    const target = capture(match, 'target');
    const assignment = capture(match, 'assignment');
    if (target && assignment) checkAssignment(target, assignment, `InsecureSkipVerify = ${snippet(value.text, 20)}`, context);
  },
};

function checkLiteral(element: Node, setting: string, context: RuleContext): void {
  const body = element.parent;
  if (body?.type !== 'literal_value' || !isTLSConfigLiteral(body, context)) return;
  const keys = literalKeys(body);
  if (!keys || MANUAL_VERIFICATION.some((key) => keys.has(key))) return;
  if (optedIn(element) || namedInsecure(element) || talksOnlyToLoopback(element)) return;
  const literal = body.parent?.type === 'composite_literal' ? body.parent : undefined;
  const target = literal && assignedTarget(literal);
  if (target && setsCallbackLater(target.text, literal, context)) return;
  context.report({ node: element, message: message(setting) });
}

function checkAssignment(target: Node, assignment: Node, setting: string, context: RuleContext): void {
  const operand = target.childForFieldName('operand');
  if (!operand) return;
  const type = context.types.typeOf(operand);
  if (type) {
    if (!isNamed(type, TLS, 'Config')) return;
  } else if (operand.type !== 'selector_expression' || operand.childForFieldName('field')?.text !== 'TLSClientConfig') {
    // An untyped owner counts only through the field path every TLS-capable transport uses.
    return;
  }
  if (optedIn(assignment) || namedInsecure(assignment) || talksOnlyToLoopback(assignment)) return;
  if (setsCallbackAnywhere(operand.text, assignment, context)) return;
  context.report({ node: assignment, message: message(setting) });
}

/**
 * The value of a boolean constant expression: `true`, `!false`, `(a && b)`, or a constant
 * declared in the function or at the top of this file. Undefined for anything else (a variable,
 * a call, a flag), which is a choice made at run time.
 */
export function constantBool(node: Node, depth = 0): boolean | undefined {
  if (depth > 8) return undefined;
  const expression = unparen(node);
  switch (expression.type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'unary_expression': {
      const operand = expression.childForFieldName('operand');
      const value = operand && expression.childForFieldName('operator')?.text === '!' ? constantBool(operand, depth + 1) : undefined;
      return value === undefined ? undefined : !value;
    }
    case 'binary_expression': {
      const operator = expression.childForFieldName('operator')?.text;
      const left = constantBool(expression.childForFieldName('left')!, depth + 1);
      const right = constantBool(expression.childForFieldName('right')!, depth + 1);
      if (left === undefined || right === undefined) return undefined;
      return operator === '&&' ? left && right : operator === '||' ? left || right : undefined;
    }
    case 'identifier': {
      const declaration = findLocalDeclaration(expression) ?? fileConstant(expression);
      const value = declaration?.kind === 'const' ? declaration.values[declaration.index] : undefined;
      return value ? constantBool(value, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** `tls.Config{…}`, `&tls.Config{…}`, or an elided element of `[]*tls.Config{{…}}` / `map[K]*tls.Config{k: {…}}`. */
function isTLSConfigLiteral(body: Node, context: RuleContext): boolean {
  const parent = body.parent;
  if (parent?.type === 'composite_literal') {
    const type = parent.childForFieldName('type');
    return type !== null && context.types.qualified(type)?.path === TLS && type.childForFieldName('name')?.text === 'Config';
  }
  if (parent?.type !== 'literal_element') return false;
  const outerBody = parent.parent?.type === 'keyed_element' ? parent.parent.parent : parent.parent;
  const outer = outerBody?.parent;
  if (outer?.type !== 'composite_literal') return false;
  let element = outer.childForFieldName('type');
  element = element && (element.childForFieldName('element') ?? element.childForFieldName('value'));
  if (element?.type === 'pointer_type') element = element.namedChild(0);
  if (element?.type !== 'qualified_type') return false;
  const qualified = context.types.qualified(element);
  return qualified?.path === TLS && qualified.name === 'Config';
}

/**
 * Inside a branch chosen by an opt-in switch (`if insecure {…}`, `case "dev":`): the same
 * explicit choice as `InsecureSkipVerify: cfg.Insecure`, which the rule leaves alone.
 */
function optedIn(node: Node): boolean {
  const stop = enclosingFunction(node);
  for (let child = node, parent = node.parent; parent && !parent.equals(stop ?? parent); child = parent, parent = parent.parent) {
    if (parent.type === 'if_statement') {
      const condition = parent.childForFieldName('condition');
      const inBranch = [parent.childForFieldName('consequence'), parent.childForFieldName('alternative')].some((branch) => branch?.equals(child));
      if (inBranch && condition && OPT_IN.test(condition.text)) return true;
    }
    if (parent.type === 'expression_case' || parent.type === 'default_case') {
      const header = `${parent.childForFieldName('value')?.text ?? ''} ${parent.parent?.childForFieldName('value')?.text ?? ''}`;
      if (OPT_IN.test(header)) return true;
    }
  }
  return false;
}

/**
 * Held by a function or variable whose name says it is insecure (`insecureClient`,
 * `newInsecureTransport`): a deliberately separate mode, chosen where it is used.
 */
function namedInsecure(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    let name: string | undefined;
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'var_spec') {
      name = current.childForFieldName('name')?.text;
    } else if (current.type === 'short_var_declaration' || current.type === 'assignment_statement') {
      name = current.childForFieldName('left')?.text;
    }
    if (name && INSECURE_NAME.test(name)) return true;
  }
  return false;
}

/**
 * Every address the function names is the machine itself (`https://127.0.0.1:8443`,
 * `localhost:9000`), and it names at least one: there is no path on which anyone could stand
 * between the two ends, so the certificate check protects nothing. An address read from
 * configuration is not seen, and then this says nothing.
 */
function talksOnlyToLoopback(node: Node): boolean {
  const fn = enclosingFunction(node);
  if (!fn) return false;
  let loopback = false;
  let elsewhere = false;
  for (const literal of fn.descendantsOfType('interpreted_string_literal')) {
    const host = literal && literalHost(literal.text);
    if (!host || !/[.:[\]]|localhost/i.test(literal.text)) continue;
    if (isLoopbackHost(host)) loopback = true;
    else if (/[.:]/.test(host) && /:\/\/|:\d+/.test(literal.text)) elsewhere = true;
  }
  return loopback && !elsewhere;
}

/** `cfg.VerifyPeerCertificate = …` after the literal stored in `cfg`, in the same function. */
function setsCallbackLater(name: string, literal: Node, context: RuleContext): boolean {
  const scope = enclosingFunction(literal)?.childForFieldName('body') ?? literal.tree.rootNode;
  return callbackAssignment(name).test(context.file.text.slice(literal.endIndex, scope.endIndex));
}

/** A verification callback assigned to the same config anywhere in the function. */
function setsCallbackAnywhere(name: string, at: Node, context: RuleContext): boolean {
  const scope = enclosingFunction(at)?.childForFieldName('body') ?? at.tree.rootNode;
  return callbackAssignment(name).test(context.file.text.slice(scope.startIndex, scope.endIndex));
}

function callbackAssignment(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\./g, '\\s*\\.\\s*');
  return new RegExp(`(?<![\\w.])${escaped}\\s*\\.\\s*(?:${MANUAL_VERIFICATION.join('|')})\\s*=[^=]`);
}
