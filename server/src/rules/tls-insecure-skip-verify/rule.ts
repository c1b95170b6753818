import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import { isNamed } from '../../core/go-types';
import { assignedTarget, literalKeys } from '../../core/literals';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

const TLS = 'crypto/tls';
/** Callbacks that verify the peer by hand: with one of them set, skipping the default check is a choice. */
const MANUAL_VERIFICATION = ['VerifyPeerCertificate', 'VerifyConnection'];
/** Conditions that read like an opt-in switch: `if *insecure`, `if cfg.SkipVerify`, `case "dev":`. */
const OPT_IN = /insecure|skip|verify|debug|\bdev|develop|local|test|unsafe/i;

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
    const element = capture(match, 'element');
    if (element) {
      checkLiteral(element, context);
      return;
    }
    const target = capture(match, 'target');
    const assignment = capture(match, 'assignment');
    if (target && assignment) checkAssignment(target, assignment, context);
  },
};

function checkLiteral(element: Node, context: RuleContext): void {
  const body = element.parent;
  if (body?.type !== 'literal_value' || !isTLSConfigLiteral(body, context)) return;
  const keys = literalKeys(body);
  if (!keys || MANUAL_VERIFICATION.some((key) => keys.has(key))) return;
  if (optedIn(element) || namedInsecure(element)) return;
  const literal = body.parent?.type === 'composite_literal' ? body.parent : undefined;
  const target = literal && assignedTarget(literal);
  if (target && setsCallbackLater(target.text, literal, context)) return;
  context.report({ node: element, message: message('InsecureSkipVerify: true') });
}

function checkAssignment(target: Node, assignment: Node, context: RuleContext): void {
  const operand = target.childForFieldName('operand');
  if (!operand) return;
  const type = context.types.typeOf(operand);
  if (type) {
    if (!isNamed(type, TLS, 'Config')) return;
  } else if (operand.type !== 'selector_expression' || operand.childForFieldName('field')?.text !== 'TLSClientConfig') {
    // An untyped owner counts only through the field path every TLS-capable transport uses.
    return;
  }
  if (optedIn(assignment) || namedInsecure(assignment)) return;
  if (setsCallbackAnywhere(operand.text, assignment, context)) return;
  context.report({ node: assignment, message: message('InsecureSkipVerify = true') });
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
