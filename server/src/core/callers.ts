// What the module's own calls pass for a parameter. A finding about an exported function's
// parameter assumes any caller may pass anything (sql-string-building: a column name built into
// SQL); in a program's own code, or under `internal/`, every caller is in the module, and when each
// of them passes a literal or a struct field that request validation restricts to a fixed list
// (`validate:"oneof=asc desc"`, `binding:"oneof=…"`), the value is fixed and the finding goes.
// Read from the texts of the module's packages, like the program graph (core/programs).
import type { CalledParameter, Finding } from './findings';
import { isExampleCode } from './example-code';
import { blank, importsOf, isProgram } from './program-text';
import type { PackageTexts } from './programs';

/** A struct tag that restricts a field to a fixed list, with the library that enforces it. */
const FIXED_LIST_TAG = /\b(validate|binding):"[^"]*\boneof=/;

/** The module's calls and struct fields, to answer `fixedByCallers`. */
export class ModuleCallers {
  private readonly files: { text: string; code: string }[];
  /** Field names whose every declaration in the module is restricted to a fixed list, by a validation that runs. */
  private readonly fixedFields = new Set<string>();

  /** The module's packages that one of its programs (not an example) links: a service's own code. */
  readonly linkedByPrograms: ReadonlySet<string>;

  constructor(packages: readonly PackageTexts[]) {
    this.files = packages.flatMap((pkg) => pkg.files.map((file) => ({ text: file.text, code: blank(file.text) })));
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
   * True when the module calls the parameter's function at least once, names it nowhere but in
   * calls and its own declarations, and passes a fixed value in every call: a string literal, or
   * `x.Field` for a field restricted to a fixed list.
   */
  fixedByCallers(parameter: CalledParameter): boolean {
    const name = parameter.function.replace(/[^\w]/g, '');
    const uses = parameter.method ? new RegExp(`\\.\\s*${name}\\b`, 'g') : new RegExp(`(?<![\\w.])${name}\\b|\\.\\s*${name}\\b`, 'g');
    let calls = 0;
    for (const file of this.files) {
      for (const use of file.code.matchAll(uses)) {
        const end = use.index! + use[0].length;
        const before = file.code.slice(Math.max(0, use.index! - 200), use.index!);
        // Its own declaration (a method's has no dot before the name, nor has an interface's).
        if (/\bfunc\s*(?:\([^)]*\)\s*)?$/.test(before)) continue;
        const open = /^\s*\(/.exec(file.code.slice(end));
        if (!open) return false; // a function value: called where the syntax cannot follow
        const start = end + open[0].length - 1;
        const argument = argumentsOf(file.code, file.text, start)[parameter.index];
        if (!argument || !this.fixed(file.text.slice(argument.start, argument.end).trim())) return false;
        calls++;
      }
    }
    return calls > 0;
  }

  private fixed(argument: string): boolean {
    if (/^"(?:[^"\\\n]|\\.)*"$|^`[^`]*`$/.test(argument)) return true;
    const field = /^[\w.]+\.(\w+)$/.exec(argument)?.[1];
    return field !== undefined && this.fixedFields.has(field);
  }
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

/** The findings without those whose parameters every caller in the module fixes (see `Finding.unlessCallersFix`). */
export function withoutFixedByCallers(findings: Finding[], callers: () => ModuleCallers | undefined): Finding[] {
  if (!findings.some((finding) => finding.unlessCallersFix)) return findings;
  const known = callers();
  if (!known) return findings;
  return findings.filter((finding) => !finding.unlessCallersFix?.every((parameter) => known.fixedByCallers(parameter)));
}
