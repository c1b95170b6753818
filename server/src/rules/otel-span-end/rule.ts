// The otel-span-end rule: its metadata, and the check's flow from `tracer.Start` to a finding.
import type { Node } from 'web-tree-sitter';
import type { Fix, Localized } from '../../core/findings';
import { withHelpers } from '../../core/release/helpers';
import { trackRelease } from '../../core/release/tracked';
import { movedLine } from '../../core/release/fix';
import { insideLoop } from '../../core/paths';
import { callSite } from '../../core/method-calls';
import { capture, type Rule, type RuleContext } from '../../core/rule';
import { enclosingFunction } from '../../core/syntax';
import { nextStatement, varDeclarationOf, type Binding } from '../../core/release/binding';
import { leakBeforeClose, type Leak } from '../../core/release/exits';
import { contextHandedOn, reportDiscarded } from './discarded';
import en from './doc.en.md';
import zh from './doc.zh-cn.md';
import { addedDefer, leftOpen, movedTitle, neverEnded, replacedBeforeEnd, spanSubject } from './messages';
import { classifySpanUse, startsSpan } from './span';

export const rule: Rule = {
  meta: {
    id: 'otel-span-end',
    title: { en: 'Span never ended', 'zh-cn': 'Span 未结束' },
    chapter: 'observability',
    defaultSeverity: 'warning',
    peers: ['spancheck'],
    fixable: true,
    longRunning: true,
    docs: { en, 'zh-cn': zh },
  },
  methods: ['Start'],
  check(match, context) {
    // A test's spans go nowhere that matters; ending them is the test's own business.
    if (context.file.isTest) return;
    const call = capture(match, 'call')!;
    // `ctx, span := tracer.Start(…)`, `ctx, span = …` or `var ctx, span = …`: the span is the
    // second name, possibly `_`; a var declaration is read like `:=`.
    const site = callSite(call);
    const target = site?.names[1];
    if (!site || site.names.length !== 2 || target?.type !== 'identifier') return;
    const holder = site.spec ?? site.statement;
    const statement = site.spec ? varDeclarationOf(site.spec) : site.statement;
    if (!holder || !statement || (statement.type === 'assignment_statement' && statement.childForFieldName('operator')?.text !== '=')) return;
    const ctx = site.names[0];
    const name = target.text;
    // The idiom, read from the text before any type is asked for.
    if (name !== '_' && nextStatement(statement)?.text.replace(/\s+/g, '') === `defer${name}.End()`) return;
    const fn = enclosingFunction(call);
    const body = fn?.childForFieldName('body');
    if (!fn || !body || !startsSpan(call, context)) return;
    if (name === '_') {
      reportDiscarded(statement, ctx, target, call, fn, context);
      return;
    }
    const tracked = trackRelease(call, holder, target, name, context.file.tree, withHelpers(classifySpanUse, ['End'], context));
    if (!tracked) return;
    const { binding, refs, usage } = tracked;
    // The span also travels in the context Start returns: whoever receives that can end it.
    if (usage.sites.length === 0 && ctx?.type === 'identifier' && ctx.text !== '_' && contextHandedOn(ctx.text, statement, fn)) return;

    const span: Span = { binding, name, fn, subject: spanSubject(name, call.childForFieldName('function')!.text) };
    if (usage.overwrittenAt || (usage.sites.length === 0 && !usage.conditionalRelease)) {
      reportNeverEnded(span, usage.overwrittenAt, context);
      return;
    }
    // Ended somewhere: a path that leaves before the End leaves the span open.
    const leak = leakBeforeClose(binding.statement, usage.sites, refs, undefined, name);
    if (leak) reportLeak(span, leak, context);
  },
};

/** The span variable, as the findings about it need it. */
interface Span {
  binding: Binding;
  name: string;
  /** The function the span is started in. */
  fn: Node;
  /** "the span `span` from `tracer.Start`", the opening of every message. */
  subject: Localized;
}

/** True when a defer can go right after the Start statement: it is in a block, not in a loop. */
function deferable(statement: Node, fn: Node): boolean {
  return statement.parent?.type === 'statement_list' && !insideLoop(statement, fn);
}

/**
/**
 * True when the context `tracer.Start` returned with the span is returned, stored or handed to a
 * goroutine or a defer: the span it carries may be ended there, and a deferred End added here
 * would end it first.
 */
function endedThroughContext(statement: Node, fn: Node): boolean {
  const ctx = statement.type === 'var_declaration' ? statement.descendantsOfType('var_spec')[0]?.childrenForFieldName('name')[0] : statement.childForFieldName('left')?.namedChild(0);
  return ctx?.type === 'identifier' && ctx.text !== '_' && contextHandedOn(ctx.text, statement, fn);
}

/**
 * No End anywhere, or none before the variable is assigned again (`overwritten`): a defer right
 * after the Start ends this span whatever the variable holds later. In a loop a defer would end
 * every iteration's span at the function's end.
 */
function reportNeverEnded({ binding, name, fn, subject }: Span, overwritten: Node | undefined, context: RuleContext): void {
  const { target, statement } = binding;
  const inLoop = insideLoop(statement, fn);
  context.report({
    node: target,
    message: overwritten ? replacedBeforeEnd(subject, name, inLoop) : neverEnded(subject, name, inLoop),
    fixes: deferable(statement, fn) && !endedThroughContext(statement, fn) ? [addedDefer(statement, `defer ${name}.End()`, context.file.lines)] : [],
  });
}

/** An End that some path skips: a late defer moves up, an explicit trailing End becomes a defer. */
function reportLeak({ binding, name, fn, subject }: Span, { close, exit }: Leak, context: RuleContext): void {
  const { target, statement } = binding;
  const lines = context.file.lines;
  const code = `defer ${name}.End()`;
  const deferred = close.type === 'defer_statement';
  const fixes: Fix[] = [];
  if (deferable(statement, fn) || (deferred && statement.parent?.type === 'statement_list')) {
    if (close.text === (deferred ? code : `${name}.End()`)) {
      const title = movedTitle(close.text, code, deferred);
      const moved = movedLine(close, code, statement, title.en, lines);
      if (moved) fixes.push({ ...moved, title });
    }
    if (fixes.length === 0 && !endedThroughContext(statement, fn)) fixes.push(addedDefer(statement, code, lines));
  }
  const kind = deferred ? 'deferred' : insideLoop(statement, fn) ? 'loop' : 'explicit';
  context.report({ node: target, message: leftOpen(subject, name, exit, kind), fixes });
}
