// A client literal kept in a struct field: silent while something may configure it later, flagged
// when the package shows that nothing can.
import type { Node } from 'web-tree-sitter';
import { isHttpClient } from '../../core/response-wrappers';
import { isExported } from '../../core/package-index';
import type { RuleContext } from '../../core/rule';

/**
 * `&client{hc: http.Client{Jar: jar}}`: the literal is the value of an unexported field, declared
 * `http.Client` (a value, not a pointer), of a struct of this package, which sends requests through
 * that field and never changes it: no assignment to it or under it (`c.hc.Timeout = …`,
 * `c.hc = …`), no `&c.hc`. Only the package can name the field, and a copy of it handed out is
 * another client, so the Timeout this literal leaves out stays unset. The field's name, or
 * undefined.
 */
export function unconfiguredField(literal: Node, context: RuleContext): string | undefined {
  const element = literal.parent;
  const keyed = element?.parent;
  if (element?.type !== 'literal_element' || keyed?.type !== 'keyed_element' || !keyed.childForFieldName('value')?.equals(element)) return undefined;
  const key = keyed.childForFieldName('key');
  const field = key?.namedChild(0) ?? key;
  if (field?.type !== 'identifier' || isExported(field.text)) return undefined;
  const struct = keyed.parent?.parent;
  const type = struct?.type === 'composite_literal' ? struct.childForFieldName('type') : null;
  if (type?.type !== 'type_identifier') return undefined;
  const declared = context.index.struct(type.text)?.fields.get(field.text);
  if (!declared || !isHttpClient(declared) || declared.pointer) return undefined;
  const { index } = context;
  return index.sendsThroughField(field.text) && !index.changesField(field.text) ? field.text : undefined;
}
