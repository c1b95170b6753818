// Reading Go declarations from text, for the program graph (see core/programs): a file's top-level
// declarations as gofmt lays them out (each starts a line), the function literals that are a
// command's action, imports by the name they are used by. Comments and strings are blanked first.
import { isBuildIgnored } from './generated';

/** Comments, strings and runes, to blank out of the code the graph reads. */
const NOT_CODE = /\/\/[^\n]*|\/\*[^]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`]*`/g;


/** A top-level declaration, or a function literal carved out of one, as the graph reads it. */
export interface Declaration {
  /** The code's id: `pkg.Func`, `pkg.Type.Method`, `pkg#init`, `pkg#var:first`, `<declaration>#command<n>`. */
  id: string;
  /** `held`: a function literal a variable holds, read with the variable's code. */
  kind: 'function' | 'init' | 'variable' | 'held' | 'type' | 'command';
  start: number;
  end: number;
  /** The code's text (comments and strings blanked, carved literals blanked out of their declaration). */
  text: string;
  receiver?: { name: string; type: string };
  /** A function, method or command action with a command action's signature. */
  isCommand: boolean;
  /** A variable declaration's names; a type declaration's types. */
  names: string[];
  /** For a command's action written in place: the declaration it is written in, whose variables it can use. */
  enclosing?: string;
}

/**
 * A file's top-level declarations, innermost first where a function literal is carved out of one:
 * a command's action written in place (`RunE: func(cmd *cobra.Command, args []string) error {…}`)
 * runs in that command's process only, and a function a variable holds runs when code reads the
 * variable, not at init.
 */
export function declarationsOf(packagePath: string, text: string, imports: Map<string, string>): Declaration[] {
  const declarations: Declaration[] = [];
  const starts = [...text.matchAll(/^(?:func|var|const|type|import)\b/gm)].map((match) => match.index!);
  starts.forEach((start, index) => {
    const end = starts[index + 1] ?? text.length;
    let declaration = text.slice(start, end);
    if (/^(?:const|import)\b/.test(declaration)) return;
    const isVariable = declaration.startsWith('var');
    const names = isVariable ? declaredNames(declaration) : declaration.startsWith('type') ? declaredTypes(declaration) : [];
    const head = /^func\s*(?:\(\s*(?:(\w+)\s+)?\*?\s*(\w+)[^)]*\))?\s*(\w+)/.exec(declaration);
    let id: string;
    let kind: Declaration['kind'];
    if (isVariable) [id, kind] = [`${packagePath}#var:${names[0] ?? start}`, 'variable'];
    else if (!head) [id, kind] = [`${packagePath}#type:${names[0] ?? start}`, 'type'];
    else if (head[3] === 'init' && !head[2]) [id, kind] = [`${packagePath}#init`, 'init'];
    else [id, kind] = [head[2] ? `${packagePath}.${head[2]}.${head[3]}` : `${packagePath}.${head[3]}`, 'function'];
    let count = 0;
    for (const literal of functionLiterals(declaration, imports, isVariable)) {
      declarations.push({
        id: literal.isCommand ? `${id}#command${count++}` : id,
        kind: literal.isCommand ? 'command' : 'held',
        start: start + literal.start,
        end: start + literal.end,
        text: declaration.slice(literal.start, literal.end),
        isCommand: literal.isCommand,
        names: [],
        enclosing: literal.isCommand ? id : undefined,
      });
      declaration = declaration.slice(0, literal.start) + ' '.repeat(literal.end - literal.start) + declaration.slice(literal.end);
    }
    const receiver = head?.[1] !== undefined && head[2] !== undefined ? { name: head[1], type: head[2] } : undefined;
    const isCommand = kind === 'function' && isCommandHandler(declaration.slice(0, declaration.indexOf('{') >>> 0), imports);
    declarations.push({ id, kind, start, end, text: declaration, receiver, isCommand, names });
  });
  return declarations;
}
/**
 * A signature that only a command-line library calls: cobra's `func(*cobra.Command, []string)`,
 * urfave/cli's `func(*cli.Context) error` (v1, v2) and `func(context.Context, *cli.Command) error` (v3).
 */
function isCommandHandler(signature: string, imports: Map<string, string>): boolean {
  const params = /^func\s*(?:\([^)]*\)\s*)?\w*\s*(?:\[[^\]]*\]\s*)?\(([^)]*)\)/.exec(signature)?.[1];
  if (params === undefined) return false;
  const types = params.split(',').map((param) => param.trim().split(/\s+/).pop()!);
  const is = (type: string | undefined, library: string, name: string) => {
    const match = type === undefined ? null : /^\*(\w+)\.(\w+)$/.exec(type);
    const path = match ? imports.get(match[1]) : undefined;
    return path !== undefined && isUnder(path, library) && match![2] === name;
  };
  if (types.length === 2 && is(types[0], 'github.com/spf13/cobra', 'Command') && types[1] === '[]string') return true;
  if (types.length === 1 && is(types[0], 'github.com/urfave/cli', 'Context')) return true;
  return types.length === 2 && imports.get(types[0].split('.')[0]) === 'context' && is(types[1], 'github.com/urfave/cli', 'Command');
}

/**
 * The outermost function literals of a declaration that have a command action's signature, or,
 * with `all`, every outermost one; each with whether it is a command's action.
 */
function functionLiterals(declaration: string, imports: Map<string, string>, all: boolean): { start: number; end: number; isCommand: boolean }[] {
  const literals: { start: number; end: number; isCommand: boolean }[] = [];
  const commandLibrary = [...imports.values()].some((path) => isUnder(path, 'github.com/spf13/cobra') || isUnder(path, 'github.com/urfave/cli'));
  if (!all && !commandLibrary) return literals;
  const pattern = /(?<=[^\w.])func\s*\(/g;
  for (let match = pattern.exec(declaration); match; match = pattern.exec(declaration)) {
    const open = declaration.indexOf('{', match.index);
    if (open < 0) break;
    const isCommand = isCommandHandler(declaration.slice(match.index, open), imports);
    if (!isCommand && !all) continue;
    const end = open + block(declaration, open).length;
    literals.push({ start: match.index, end, isCommand });
    pattern.lastIndex = end;
  }
  return literals;
}

/** The names a `var` declaration declares (gofmt's layout: one spec per line, a tab in a block). */
function declaredNames(declaration: string): string[] {
  return [...declaration.matchAll(/^(?:var\s+|\t)(\w+(?:\s*,\s*\w+)*)/gm)].flatMap((match) => match[1].split(/\s*,\s*/)).filter((name) => name !== '_');
}

/** The package's own types declared by a `type` declaration (gofmt's layout: one spec per line, a tab in a block). */
function declaredTypes(declaration: string): string[] {
  const pattern = /^type\s*\(/.test(declaration) ? /^\t(\w+)/gm : /^type\s+(\w+)/g;
  return [...declaration.matchAll(pattern)].map((match) => match[1]);
}

/** The file's package name. */
export function packageClause(text: string): string | undefined {
  return /^package\s+(\w+)/m.exec(text)?.[1];
}

/** The text with comments, strings and runes blanked (newlines kept), so offsets stay the text's. */
export function blank(text: string): string {
  return text.replace(NOT_CODE, (token) => (token.includes('\n') ? token.replace(/[^\n]/g, ' ') : ' '.repeat(token.length)));
}

/** A file's imports: the name each is used by (a module package's own name when not renamed), to its path. */
export function importsOf(text: string, names: Map<string, string>): Map<string, string> {
  const imports = new Map<string, string>();
  const end = text.search(/^(?:func|type|var|const)\b/m);
  const section = end < 0 ? text : text.slice(0, end);
  for (const match of section.matchAll(/^\s*(?:import\s+)?(?:([\w.]+)\s+)?"([^"]+)"/gm)) {
    const [, alias, path] = match;
    if (alias === '_' || alias === '.') continue;
    imports.set(alias ?? names.get(path) ?? defaultName(path), path);
  }
  return imports;
}

/** The name an import is used by without an alias: its last element, without a major version. */
function defaultName(path: string): string {
  const parts = path.split('/');
  let last = parts.pop()!;
  if (/^v\d+$/.test(last) && parts.length > 0) last = parts.pop()!;
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[.-]go$/, '').replace(/\W/g, '');
}

export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}


/** The text of the block whose `{` is at `open`, braces included (to the end when unclosed). */
export function block(text: string, open: number): string {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return text.slice(open, index + 1);
  }
  return text.slice(open);
}

/** A file of a program: `package main` with a `func main`, not left out of builds. */
export function isProgram(text: string): boolean {
  return /^package\s+main\b/m.test(text) && /^func\s+main\s*\(\s*\)/m.test(text) && !isBuildIgnored(text);
}

/** The offset of the `.` that selects the name at `start` (spaces allowed between), or -1. */
export function dotBefore(text: string, start: number): number {
  let at = start - 1;
  while (at >= 0 && isSpaceCode(text.charCodeAt(at))) at--;
  return at >= 0 && text.charCodeAt(at) === 0x2e ? at : -1;
}

/** `\w` without the Unicode flag: ASCII letters, digits and `_`. */
export function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

/** `\s`: the ASCII spaces and the Unicode ones JavaScript counts. */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
