// Whether a loop runs once per incoming request: inside a handler, a fan-out multiplies with
// the traffic, and the number of items may come from the request itself.
import type { Node } from 'web-tree-sitter';
import { requestKind } from '../../core/request-types';
import type { RuleContext } from '../../core/rule';
import { FUNCTION_TYPES } from '../../core/syntax';

/** True when the node sits in a function (or a closure inside one) that receives a request. */
export function insideHandler(node: Node, context: RuleContext): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!FUNCTION_TYPES.has(current.type)) continue;
    const parameters = current.childForFieldName('parameters');
    // Cheap text test first: a request type always names one of these.
    if (!parameters || !/Request|Context|Ctx/.test(parameters.text)) continue;
    for (const declaration of parameters.namedChildren) {
      const type = declaration?.childForFieldName('type');
      if (type && requestKind(context.types.typeOfTypeNode(type))) return true;
    }
  }
  return false;
}
