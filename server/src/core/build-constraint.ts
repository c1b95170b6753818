// The Go language version a file's `//go:build` line gives that file, by Go's own rule.
//
// Go's parser reads the version from the `//go:build` line before the package clause only (an old
// `// +build` line sets none) as the lowest Go version the expression implies
// (go/build/constraint.GoVersion): `go1.21 && linux` implies go1.21; `go1.21 || linux` implies
// none, since `linux` alone satisfies it; `!go1.22` implies none; of `go1.20 || go1.21` the
// lower, go1.20. The type checker then compiles the file as max(that version, go1.21): a file
// can go back to the old loop-variable semantics even in a newer module, or forward to the new
// ones in an older module.
import type { Node } from 'web-tree-sitter';

type Expression = { tag: string } | { not: Expression } | { and: [Expression, Expression] } | { or: [Expression, Expression] };

/**
 * The minor version (`21` for go1.21, `0` for go1) the file's `//go:build` line implies, or
 * undefined when it has none, implies none, or does not parse.
 */
export function buildConstraintGoMinor(root: Node): number | undefined {
  let minor: number | undefined;
  // Only the comments before the package clause: walked one by one, not as the list of every
  // top-level declaration.
  for (let child = root.firstNamedChild; child?.type === 'comment'; child = child.nextNamedSibling) {
    const line = /^\/\/go:build(?:[ \t](.*))?$/.exec(child.text.replace(/\r$/, ''));
    if (!line) continue;
    const expression = parse(line[1] ?? '');
    const version = expression ? lowestVersion(expression, true) : -1;
    minor = version < 0 ? undefined : version;
  }
  return minor;
}

/** Go's minVersion: the lowest go1.N a true `expression` requires (-1: none); `positive` false under `!`. */
function lowestVersion(expression: Expression, positive: boolean): number {
  if ('not' in expression) return lowestVersion(expression.not, !positive);
  if ('and' in expression || 'or' in expression) {
    const [x, y] = 'and' in expression ? expression.and : expression.or;
    const both = 'and' in expression === positive;
    const a = lowestVersion(x, positive);
    const b = lowestVersion(y, positive);
    return both ? Math.max(a, b) : Math.min(a, b);
  }
  // A negated tag implies nothing about the version.
  if (!positive) return -1;
  if (expression.tag === 'go1') return 0;
  const minor = /^go1\.(\d+)$/.exec(expression.tag);
  return minor ? Number(minor[1]) : -1;
}

/** Parses a build expression (`a && (b || !c)`); undefined when it is not one. */
function parse(text: string): Expression | undefined {
  const tokens = text.match(/&&|\|\||[()!]|[^\s()!&|]+|\S/g) ?? [];
  let at = 0;
  const or = (): Expression | undefined => {
    let left = and();
    while (left && tokens[at] === '||') {
      at++;
      const right = and();
      left = right && { or: [left, right] };
    }
    return left;
  };
  const and = (): Expression | undefined => {
    let left = not();
    while (left && tokens[at] === '&&') {
      at++;
      const right = not();
      left = right && { and: [left, right] };
    }
    return left;
  };
  const not = (): Expression | undefined => {
    const token = tokens[at++];
    if (token === '!') {
      const operand = not();
      return operand && { not: operand };
    }
    if (token === '(') {
      const inner = or();
      return inner && tokens[at++] === ')' ? inner : undefined;
    }
    return token !== undefined && /^[\p{L}\p{Nd}_.]+$/u.test(token) ? { tag: token } : undefined;
  };
  const expression = or();
  return expression && at === tokens.length ? expression : undefined;
}
