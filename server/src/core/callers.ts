// What the module's own calls pass for a parameter. A finding about an exported function's
// parameter assumes any caller may pass anything (sql-string-building: a column name built into
// SQL); in a program's own code, or under `internal/`, every caller is in the module, and when each
// of them passes a literal or a struct field that request validation restricts to a fixed list
// (`validate:"oneof=asc desc"`, `binding:"oneof=…"`), the value is fixed and the finding goes.
// A dial target (grpc-insecure-credentials) is fixed by a loopback address; one that is only a
// flag's loopback default is fixed until someone runs the program with another value, and the
// finding becomes what it says it becomes then (`Finding.ifFlagDefaults`).
// Read from the texts of the module's packages, like the program graph (core/programs).
import type { CalledParameter, Finding } from './findings';
import { isExampleCode } from './example-code';
import { namesLoopback } from './loopback';
import { blank, importsOf, isProgram, packageClause } from './program-text';
import type { PackageTexts } from './programs';
import type { Declaration } from './scope';

/** A struct tag that restricts a field to a fixed list, with the library that enforces it. */
const FIXED_LIST_TAG = /\b(validate|binding):"[^"]*\boneof=/;

/** A Go string literal, interpreted or raw: group 1 or 2 is its value. */
const STRING_LITERAL = /^"((?:[^"\\\n]|\\.)*)"$|^`([^`]*)`$/;

/** Binding a string to a command-line flag: `flag.StringVar(&p, name, value, usage)`, pflag's and cobra's too, and pflag's `StringVarP(&p, name, shorthand, value, usage)`. */
const FLAG_BINDING = /\.String(Var|VarP)\s*\(\s*$/;
const FLAG_PACKAGES = /"(?:flag|github\.com\/spf13\/(?:pflag|cobra))"/;

/**
 * What the module's calls pass for a parameter: only fixed values, fixed values some of which are
 * flags' defaults, or (undefined) something else, or nothing the calls show.
 */
export type Passed = 'fixed' | 'flag defaults' | undefined;

interface ModuleFile {
  text: string;
  code: string;
  packagePath: string;
}

/** The module's calls and struct fields, to answer `passedFor`. */
export class ModuleCallers {
  private readonly files: ModuleFile[];
  /** The name each package of the module declares, by import path. */
  private readonly packageNames: Map<string, string>;
  /** Field names whose every declaration in the module is restricted to a fixed list, by a validation that runs. */
  private readonly fixedFields = new Set<string>();
  /** Field names by whether they are flags whose default is on this machine (see `isLoopbackFlag`). */
  private readonly loopbackFlags = new Map<string, boolean>();

  /** The module's packages that one of its programs (not an example) links: a service's own code. */
  readonly linkedByPrograms: ReadonlySet<string>;

  constructor(packages: readonly PackageTexts[]) {
    this.files = packages.flatMap((pkg) => pkg.files.map((file) => ({ text: file.text, code: blank(file.text), packagePath: pkg.importPath })));
    this.packageNames = new Map(packages.flatMap((pkg) => {
      const name = pkg.files.length > 0 ? packageClause(pkg.files[0].text) : undefined;
      return name ? [[pkg.importPath, name] as const] : [];
    }));
    this.linkedByPrograms = linkedByPrograms(packages);
    const all = this.files.map((file) => file.text).join('\n');
    // `binding` tags are checked by gin's and echo's binders as they bind; `validate` tags only
    // when the module calls go-playground's validator.
    const enforced = {
      binding: /"github\.com\/(?:gin-gonic\/gin|labstack\/echo)/.test(all),
      validate: /"github\.com\/go-playground\/validator/.test(all),
    };
    const verdicts = new Map<string, boolean>();
    for (const match of all.matchAll(/^[ \t]*(\w+)[ \t]+[^\n`]*`([^`\n]*)`/gm)) {
      const library = FIXED_LIST_TAG.exec(match[2])?.[1] as keyof typeof enforced | undefined;
      const fixed = library !== undefined && enforced[library];
      verdicts.set(match[1], (verdicts.get(match[1]) ?? true) && fixed);
    }
    for (const [field, fixed] of verdicts) if (fixed) this.fixedFields.add(field);
  }

  /**
   * What the module's calls pass for the parameter. Fixed when the module calls the function at
   * least once, names it nowhere but in calls and its own declarations, and passes a fixed value in
   * every call (see `CalledParameter`).
   */
  passedFor(parameter: CalledParameter): Passed {
    const name = parameter.function.replace(/[^\w]/g, '');
    let calls = 0;
    let defaults = false;
    for (const file of this.files) {
      const uses = this.usesIn(file, name, parameter);
      if (uses === undefined) return undefined;
      if (uses === null) continue;
      for (const use of file.code.matchAll(uses)) {
        const end = use.index! + use[0].length;
        const before = file.code.slice(Math.max(0, use.index! - 200), use.index!);
        // Its own declaration (a method's has no dot before the name, nor has an interface's).
        if (/\bfunc\s*(?:\([^)]*\)\s*)?$/.test(before)) continue;
        const open = /^\s*\(/.exec(file.code.slice(end));
        if (!open) return undefined; // a function value: called where the syntax cannot follow
        const start = end + open[0].length - 1;
        const argument = argumentsOf(file.code, file.text, start)[parameter.index];
        const passed = argument && this.passed(file.text.slice(argument.start, argument.end).trim(), parameter);
        if (!passed) return undefined;
        defaults ||= passed === 'flag defaults';
        calls++;
      }
    }
    return calls === 0 ? undefined : defaults ? 'flag defaults' : 'fixed';
  }

  /**
   * Where a file may name the parameter's function: any function or method of its name, or, with
   * `package`, that package's function; null where the file cannot name it, undefined where the
   * text cannot tell (a dot import).
   */
  private usesIn(file: ModuleFile, name: string, parameter: CalledParameter): RegExp | null | undefined {
    if (parameter.method) return new RegExp(`\\.\\s*${name}\\b`, 'g');
    if (parameter.package === undefined) return new RegExp(`(?<![\\w.])${name}\\b|\\.\\s*${name}\\b`, 'g');
    if (file.packagePath === parameter.package) return new RegExp(`(?<![\\w.])${name}\\b`, 'g');
    const quoted = `"${parameter.package}"`;
    if (!file.text.includes(quoted)) return null;
    if (new RegExp(`^[ \\t]*(?:import[ \\t]+)?\\.[ \\t]+${quoted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm').test(file.text)) return undefined;
    const aliases = [...importsOf(file.text, this.packageNames)].filter(([, path]) => path === parameter.package).map(([alias]) => alias);
    return aliases.length === 0 ? null : new RegExp(`(?<![\\w.])(?:${aliases.join('|')})\\s*\\.\\s*${name}\\b`, 'g');
  }

  private passed(argument: string, parameter: CalledParameter): Passed {
    if (parameter.fixed === 'loopback') {
      const literal = STRING_LITERAL.exec(argument);
      if (literal) return namesLoopback(literal[1] ?? literal[2], true) ? 'fixed' : undefined;
      const field = /^[\w.]+\.(\w+)$/.exec(argument)?.[1];
      return field !== undefined && this.isLoopbackFlag(field) ? 'flag defaults' : undefined;
    }
    if (STRING_LITERAL.test(argument)) return 'fixed';
    const field = /^[\w.]+\.(\w+)$/.exec(argument)?.[1];
    return field !== undefined && this.fixedFields.has(field) ? 'fixed' : undefined;
  }

  /**
   * Whether every `x.Field` of the module holds a flag's default on this machine until the command
   * line says otherwise: the module declares the field, untagged (no decoder fills it), as a
   * string; binds it at least once with `StringVar(&x.Field, name, "<loopback>", …)`; and names
   * it nowhere else but in reads (no assignment, keyed literal, other address or declaration).
   * By name, as the text shows no types: one struct's field counts for all of that name.
   */
  private isLoopbackFlag(field: string): boolean {
    let known = this.loopbackFlags.get(field);
    if (known === undefined) this.loopbackFlags.set(field, (known = this.readLoopbackFlag(field)));
    return known;
  }

  private readLoopbackFlag(field: string): boolean {
    const declaration = new RegExp(`^[ \\t]*(?:\\w+[ \\t]*,[ \\t]*)*${field}(?:[ \\t]*,[ \\t]*\\w+)*[ \\t]+string[ \\t]*$`);
    let declared = 0;
    let bound = 0;
    for (const file of this.files) {
      for (const use of file.code.matchAll(new RegExp(`(?<!\\w)${field}\\b`, 'g'))) {
        const at = use.index!;
        const end = at + field.length;
        const lineStart = file.code.lastIndexOf('\n', at) + 1;
        const lineEnd = file.code.indexOf('\n', end) === -1 ? file.code.length : file.code.indexOf('\n', end);
        const before = file.code.slice(Math.max(0, at - 300), at);
        const after = file.code.slice(end, lineEnd);
        if (!/\.\s*$/.test(before)) {
          // Unqualified: only its declaration as a field, without a tag.
          if (!declaration.test(file.code.slice(lineStart, lineEnd)) || file.text.slice(lineStart, lineEnd).includes('`')) return false;
          declared++;
          continue;
        }
        // An address taken (`&x.F`, `&xs[i].F`, `&f(x.F)` as far as the text tells): a flag binding's only.
        const address = /(?<!&)&(?!&)[\w.\s[\]()*]*$/.exec(before);
        if (address) {
          if (!this.bindsLoopbackFlag(file, at - (before.length - address.index), field)) return false;
          bound++;
          continue;
        }
        // Assigned, alone (`x.F = …`, `x.F += …`) or among several targets (`x.F, err = …`).
        if (/^\s*(?:[-+*/%&|^]|<<|>>|&\^)?=(?!=)/.test(after) || /^\s*,[^\n]*?[^=!<>:]=(?!=)/.test(after)) return false;
      }
    }
    return declared > 0 && bound > 0;
  }

  /** Whether the `&` at `ampersand` starts `&x.field`, the first argument of a flag binding whose default is a loopback literal. */
  private bindsLoopbackFlag(file: ModuleFile, ampersand: number, field: string): boolean {
    if (!FLAG_PACKAGES.test(file.text)) return false;
    const binding = FLAG_BINDING.exec(file.code.slice(Math.max(0, ampersand - 200), ampersand));
    if (!binding) return false;
    const texts = argumentsOf(file.code, file.text, file.code.lastIndexOf('(', ampersand)).map(({ start, end }) => file.text.slice(start, end).trim());
    if (!new RegExp(`^&\\s*[\\w.]+\\.\\s*${field}$`).test(texts[0] ?? '')) return false;
    const literal = STRING_LITERAL.exec(texts[binding[1] === 'VarP' ? 3 : 2] ?? '');
    return literal !== null && namesLoopback(literal[1] ?? literal[2], true);
  }
}

/** The function a parameter belongs to and its position among the parameters (`a, b string` counts two). */
export function calledParameter(declaration: Declaration): CalledParameter | undefined {
  const list = declaration.node.parent;
  const fn = list?.parent;
  const name = fn?.childForFieldName('name')?.text;
  if (!list || !fn || !name || !list.equals(fn.childForFieldName('parameters') ?? list)) return undefined;
  let index = 0;
  for (const parameter of list.namedChildren) {
    if (!parameter) continue;
    if (parameter.equals(declaration.node)) return { function: name, method: fn.type === 'method_declaration', index: index + declaration.index };
    index += Math.max(1, parameter.childrenForFieldName('name').length);
  }
  return undefined;
}

/** The packages the module's programs import, transitively, themselves included; example programs left out. */
function linkedByPrograms(packages: readonly PackageTexts[]): Set<string> {
  const imports = new Map<string, string[]>();
  for (const pkg of packages) {
    const paths = new Set<string>();
    for (const file of pkg.files) for (const path of importsOf(file.text, new Map()).values()) paths.add(path);
    imports.set(pkg.importPath, [...paths]);
  }
  const programs = packages.filter((pkg) => !isExampleCode(pkg.importPath) && pkg.files.some((file) => isProgram(file.text)));
  const linked = new Set(programs.map((pkg) => pkg.importPath));
  const queue = [...linked];
  while (queue.length > 0) {
    for (const path of imports.get(queue.pop()!) ?? []) {
      if (linked.has(path) || !imports.has(path)) continue;
      linked.add(path);
      queue.push(path);
    }
  }
  return linked;
}

/**
 * The arguments of the call whose `(` is at `open`, as ranges of the text: top-level commas of the
 * code (strings blanked) split them; the text tells a trailing comma from a last string argument.
 */
function argumentsOf(code: string, text: string, open: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let depth = 0;
  let start = open + 1;
  for (let index = open + 1; index < code.length; index++) {
    const char = code[index];
    if (char === '(' || char === '[' || char === '{') depth++;
    else if ((char === ')' || char === ']' || char === '}') && depth-- === 0) {
      if (text.slice(start, index).trim() !== '') ranges.push({ start, end: index });
      break;
    } else if (char === ',' && depth === 0) {
      ranges.push({ start, end: index });
      start = index + 1;
    }
  }
  return ranges;
}

/**
 * The findings without those whose parameters every caller in the module fixes (see
 * `Finding.unlessCallersFix`), and with what those become whose callers fix them only with flags'
 * defaults (see `Finding.ifFlagDefaults`).
 */
export function withoutFixedByCallers(findings: Finding[], callers: () => ModuleCallers | undefined): Finding[] {
  if (!findings.some((finding) => finding.unlessCallersFix)) return findings;
  const known = callers();
  if (!known) return findings;
  return findings.flatMap((finding) => {
    const parameters = finding.unlessCallersFix;
    if (!parameters) return [finding];
    const passed: Passed[] = [];
    for (const parameter of parameters) {
      const verdict = known.passedFor(parameter);
      if (!verdict) return [finding];
      passed.push(verdict);
    }
    if (passed.every((verdict) => verdict === 'fixed')) return [];
    return finding.ifFlagDefaults ? [{ ...finding, ...finding.ifFlagDefaults }] : [finding];
  });
}
