// Variables that receive outside input in place rather than by assignment: scanned, decoded or
// bound into (`fmt.Scanln(&name)`, `c.ShouldBindJSON(&req)`), or written into (a strings.Builder).
import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import { INPUT_FILLS, PARSE_FILLS } from '../../core/known-apis';
import type { Declaration } from '../../core/scope';
import { callArguments } from '../../core/syntax';
import { referencesBefore } from '../../core/assignments';
import type { Taint } from './taint';

/** Where request data came in, as the message says it. */
export const FROM_REQUEST: Localized = { en: 'via the request', 'zh-cn': '来自请求' };

/** Methods that store what they read into their pointer argument. */
const FILLING_METHOD = /Bind|Decode|Unmarshal|Parse|Scan|Read/;

/** Methods of strings.Builder and bytes.Buffer (and any writer) that append their argument. */
const WRITE_METHODS = new Set(['WriteString', 'Write', 'WriteByte', 'WriteRune']);

/**
 * A reference through which the variable receives outside input: its address given to a
 * scanning function (`fmt.Scanln`, `flag.StringVar`), to a parser of tainted text
 * (`fmt.Sscanf(line, …)`, `json.Unmarshal(body, …)`), or to a method of the request or of a
 * tainted reader (`c.ShouldBindJSON(&req)`, `json.NewDecoder(r.Body).Decode(&req)`).
 */
export function filledByInput(taint: Taint, declaration: Declaration): Node | undefined {
  for (const reference of referencesBefore(declaration, taint.use)) {
    const address = reference.parent?.type === 'unary_expression' && reference.parent.childForFieldName('operator')?.type === '&';
    const argument = address ? reference.parent! : reference;
    const call = argument.parent?.type === 'argument_list' ? argument.parent.parent : null;
    if (call?.type !== 'call_expression') continue;
    const args = callArguments(call);
    const position = args.findIndex((arg) => arg.equals(argument));
    const fn = call.childForFieldName('function')!;
    const qualified = taint.context.types.calledFunction(call);
    if (qualified) {
      const from = INPUT_FILLS[qualified.path]?.[qualified.name];
      if (from !== undefined && position >= from) {
        taint.source(fn, { en: `via \`${fn.text}\``, 'zh-cn': `来自 \`${fn.text}\`` });
        return reference;
      }
      const parse = PARSE_FILLS[qualified.path]?.[qualified.name];
      if (parse && position >= parse[1] && args[parse[0]] && taint.tainted(args[parse[0]], 1)) return reference;
      continue;
    }
    if (fn.type !== 'selector_expression' || (!address && !FILLING_METHOD.test(fn.childForFieldName('field')?.text ?? ''))) continue;
    if (taint.fromRequest(fn)) {
      taint.source(fn, FROM_REQUEST);
      return reference;
    }
    if (taint.tainted(fn.childForFieldName('operand')!, 1)) return reference;
  }
  return undefined;
}

/**
 * For a builder (`strings.Builder`, `bytes.Buffer`), the first tainted text written into it
 * before the SQL call: `sb.WriteString(name)`, `fmt.Fprintf(&sb, "… %s", name)`,
 * `io.WriteString(&sb, name)`.
 */
export function writesInto(taint: Taint, declaration: Declaration): Node | undefined {
  for (const reference of referencesBefore(declaration, taint.use)) {
    const selector = reference.parent;
    if (selector?.type === 'selector_expression' && WRITE_METHODS.has(selector.childForFieldName('field')?.text ?? '')) {
      const call = selector.parent;
      if (call?.type !== 'call_expression') continue;
      const part = callArguments(call).map((arg) => taint.tainted(arg, 1)).find((found) => found);
      if (part) return part;
      continue;
    }
    const argument = selector?.type === 'unary_expression' ? selector : reference;
    const call = argument.parent?.type === 'argument_list' ? argument.parent.parent : null;
    if (call?.type !== 'call_expression' || !callArguments(call)[0]?.equals(argument)) continue;
    const qualified = taint.context.types.calledFunction(call);
    if (qualified?.path === 'fmt' && qualified.name === 'Fprintf') {
      const part = taint.taintedSprintf(call, 0, 1);
      if (part) return part;
    } else if ((qualified?.path === 'fmt' && (qualified.name === 'Fprint' || qualified.name === 'Fprintln')) || (qualified?.path === 'io' && qualified.name === 'WriteString')) {
      const part = callArguments(call).slice(1).map((arg) => taint.tainted(arg, 1)).find((found) => found);
      if (part) return part;
    }
  }
  return undefined;
}
