// Whether an http.Client has a Timeout: in its literal, or assigned to the variable holding it.
// Shared by the rules that judge what a client's requests can hold (transports, bodies).
import type { Node } from 'web-tree-sitter';
import { assignedTarget, laterConfiguration, literalKeys } from './literals';
import type { RuleContext } from './rule';
import { findDeclarationFrom } from './scope';
import { enclosingFunction, unparen } from './syntax';

/** `http.Client` (any import name of net/http) as a type node. */
export function isClientType(type: Node | null, context: RuleContext): boolean {
  const qualified = type ? context.types.qualified(unparen(type)) : undefined;
  return qualified?.path === 'net/http' && qualified.name === 'Client';
}

/** Timeout in the client literal, or assigned to the variable holding it later in the function. */
export function clientLiteralHasTimeout(client: Node, context: RuleContext): boolean {
  const body = client.childForFieldName('body');
  if (body && literalKeys(body)?.has('Timeout')) return true;
  const holder = assignedTarget(client);
  if (!holder) return false;
  const later = laterConfiguration(client, holder, context.file.text, ['Timeout']);
  return later !== 'handed-off' && later.has('Timeout');
}

/**
 * Whether the client `operand` has a Timeout, as seen from `at`: `c.Timeout = …` in the function,
 * `c := &http.Client{Timeout: …}`, or a package-level `var c = http.Client{Timeout: …}` of this file.
 */
export function timeoutSetOn(operand: Node, at: Node, context: RuleContext): boolean {
  const scope = enclosingFunction(at)?.childForFieldName('body');
  const text = scope ? context.file.text.slice(scope.startIndex, scope.endIndex) : '';
  const name = operand.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*Timeout\\s*=[^=]`).test(text)) return true;
  if (operand.type !== 'identifier') return false;
  const declaration = findDeclarationFrom(operand.text, at);
  const value = declaration ? declaration.values[declaration.index] : packageVarValue(operand.text, at.tree.rootNode);
  const client = value ? unparen(value.type === 'unary_expression' ? value.namedChild(0)! : value) : undefined;
  return client?.type === 'composite_literal' && isClientType(client.childForFieldName('type'), context) && Boolean(literalKeys(client.childForFieldName('body')!)?.has('Timeout'));
}

/** The value of a package-level `var name = …` declared in this file (other files are not read). */
function packageVarValue(name: string, root: Node): Node | undefined {
  for (const declaration of root.namedChildren) {
    if (declaration?.type !== 'var_declaration') continue;
    const specs = declaration.namedChildren.flatMap((n) => (n?.type === 'var_spec_list' ? n.namedChildren : [n]));
    for (const spec of specs) {
      if (spec?.type !== 'var_spec') continue;
      const index = spec.childrenForFieldName('name').findIndex((n) => n?.text === name);
      if (index < 0) continue;
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      return values.length === spec.childrenForFieldName('name').length ? (values[index] ?? undefined) : undefined;
    }
  }
  return undefined;
}
