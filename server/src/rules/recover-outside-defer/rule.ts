// The recover-outside-defer rule: a recover() that can never stop a panic.
import type { Node } from 'web-tree-sitter';
import type { Localized } from '../../core/findings';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { findLocalDeclaration } from '../../core/scope';
import { enclosingFunction } from '../../core/syntax';
import { identifiersNamed } from '../../core/syntax';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import query from './query.scm';

export const rule: Rule = {
  meta: {
    id: 'recover-outside-defer',
    title: { en: 'recover outside a deferred function', 'zh-cn': '在 defer 函数之外调用 recover' },
    chapter: 'errors',
    defaultSeverity: 'warning',
    peers: ['revive:defer'],
    fixable: false,
    docs: { en, 'zh-cn': zh },
  },
  query,
  check(match, context) {
    const call = capture(match, 'call')!;
    const name = capture(match, 'name')!;
    if (capture(match, 'args')!.namedChildCount !== 0) return;
    // A local or package-level `recover` is somebody's function, not the builtin.
    if (findLocalDeclaration(name) || context.index.func('recover') || context.index.packageVar('recover')) return;
    const message = problem(call) ?? neverDeferred(call, context);
    if (message) context.report({ node: call, message });
  },
};

/**
 * `recover()` at the top level of a named function or method that has results and that no file of
 * the package defers: a helper meant to be deferred (`defer handlePanic()`) returns nothing, so
 * this one is called as an ordinary function, where recover always returns nil.
 */
function neverDeferred(call: Node, context: RuleContext): Localized | undefined {
  const fn = enclosingFunction(call);
  if ((fn?.type !== 'function_declaration' && fn?.type !== 'method_declaration') || !fn.childForFieldName('result')) return undefined;
  const name = fn.childForFieldName('name')?.text;
  const body = fn.childForFieldName('body');
  if (!name || !body || !atTopLevel(call, body) || context.index.defers(name)) return undefined;
  return {
    en: `\`recover()\` returns nil here: \`${name}\` has results and is never deferred in this package; move it into a deferred \`func() { … }\``,
    'zh-cn': `这里的 \`recover()\` 只会返回 nil：\`${name}\` 有返回值，本包里也没有任何地方 defer 它；请把它移到被 defer 的 \`func() { … }\` 里`,
  };
}

/** The call is part of a statement directly in the function's body (an `if` initializer or condition included). */
function atTopLevel(call: Node, body: Node): boolean {
  let node = call;
  while (node.parent && node.parent.type !== 'statement_list') {
    if (node.parent.type === 'block') return false;
    node = node.parent;
  }
  return node.parent?.parent?.equals(body) ?? false;
}

const REMEDY = {
  en: 'call it in a deferred `func() { if r := recover(); r != nil { … } }`',
  'zh-cn': '应该在被 defer 的函数字面量里直接调用：`defer func() { if r := recover(); r != nil { … } }()`',
};

/** Why this recover() cannot stop a panic, or undefined when it may (or we cannot tell). */
function problem(call: Node): Localized | undefined {
  if (call.parent?.type === 'defer_statement') {
    return {
      en: `\`defer recover()\` stops no panic: recover works only when a deferred function calls it; ${REMEDY.en}`,
      'zh-cn': `\`defer recover()\` 拦不住 panic：只有被 defer 的函数在其内部调用 recover 才有效；${REMEDY['zh-cn']}`,
    };
  }
  const fn = enclosingFunction(call);
  // A named function may itself be deferred by its callers (`defer handlePanic()`), which works.
  if (fn?.type !== 'func_literal') return undefined;
  const invocation = fn.parent;
  const immediate = invocation?.type === 'call_expression' && invocation.childForFieldName('function')?.equals(fn) === true;
  if (!immediate && !onlyCalledDirectly(fn)) return undefined;
  const statement = immediate ? invocation!.parent : null;
  if (statement?.type === 'defer_statement') return undefined;
  if (statement?.type === 'go_statement') {
    return {
      en: `\`recover()\` in the goroutine's function, which is not deferred, returns nil; ${REMEDY.en}`,
      'zh-cn': `\`recover()\` 直接写在 goroutine 的函数体里，这个函数并没有被 defer，所以它只会返回 nil，拦不住任何 panic；${REMEDY['zh-cn']}`,
    };
  }
  if (insideDeferredLiteral(fn)) {
    return {
      en: '`recover()` is called by a closure inside the deferred function, not by that function itself, so it returns nil; call it directly in the deferred function',
      'zh-cn': '`recover()` 是由 defer 函数里的另一个闭包调用的，而不是 defer 函数本身直接调用，所以只会返回 nil，panic 会继续向上传播；请在 defer 函数里直接调用它',
    };
  }
  return {
    en: `\`recover()\` in a function literal called right away, not deferred, returns nil; ${REMEDY.en}`,
    'zh-cn': `\`recover()\` 所在的函数字面量是被立即调用的，而不是被 defer，所以它只会返回 nil，拦不住任何 panic；${REMEDY['zh-cn']}`,
  };
}

/**
 * `report := func() { … recover() … }` whose every use is a plain call statement `report()`: never
 * deferred, never passed on.
 */
function onlyCalledDirectly(literal: Node): boolean {
  const list = literal.parent;
  const declaration = list?.parent;
  if (list?.type !== 'expression_list' || declaration?.type !== 'short_var_declaration' || list.namedChildCount !== 1) return false;
  const left = declaration.childForFieldName('left');
  const variable = left?.namedChildCount === 1 ? left.namedChild(0) : null;
  const scope = declaration.parent;
  if (variable?.type !== 'identifier' || !scope) return false;
  const uses = identifiersNamed(scope, variable.text).filter((use) => use.startIndex > declaration.endIndex && findLocalDeclaration(use)?.name.id === variable.id);
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const call = use.parent;
      return call?.type === 'call_expression' && call.childForFieldName('function')?.equals(use) && call.parent?.type === 'expression_statement';
    })
  );
}

/** True when `literal` sits in the body of a func literal that is deferred where it is written. */
function insideDeferredLiteral(literal: Node): boolean {
  const outer = enclosingFunction(literal);
  if (outer?.type !== 'func_literal') return false;
  const invocation = outer.parent;
  return invocation?.type === 'call_expression' && invocation.childForFieldName('function')?.equals(outer) === true && invocation.parent?.type === 'defer_statement';
}
