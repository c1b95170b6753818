import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Text for the user in each language the product speaks. */
export interface Localized {
  en: string;
  'zh-cn': string;
}

export type MessageLanguage = keyof Localized;

/** What a rule may say: one text for every language, or one per language. */
export type Text = string | Localized;

export function textIn(text: Text, language: MessageLanguage): string {
  return typeof text === 'string' ? text : text[language];
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** Shown as the code action title: says what the edit does. */
  title: Text;
  edits: TextEdit[];
  /**
   * False when the fix writes starting values the author must size to the service (a timeout,
   * a pool or semaphore size): it is offered, but never marked preferred, and `--fix` and "Fix
   * all" leave it out, since they apply only what is safe unattended. Its title says so.
   */
  preferred?: boolean;
}

export interface Finding {
  rule: string;
  range: Range;
  message: Text;
  severity: Severity;
  /** The first fix is the preferred one unless it says otherwise (see `Fix.preferred`). */
  fixes: Fix[];
  /** Code that does nothing (a stale suppression): editors fade it. */
  unnecessary?: boolean;
  /**
   * The finding stands only while a caller may pass anything for these parameters: the module's
   * own calls are read after the analysis (see core/callers), and when every one passes a fixed or
   * validated value, the finding goes.
   */
  unlessCallersFix?: CalledParameter[];
  /**
   * What the finding becomes instead when every caller fixes those parameters but some only with
   * a command-line flag's default (see `CalledParameter.fixed`): whoever runs the program may
   * give another value.
   */
  ifFlagDefaults?: { severity: Severity; message: Text };
}

/**
 * A parameter by its function's name (a method's, with `method`) and its position among the
 * parameters. With `package` (the import path of a function's package), only that package's
 * function is called there (unqualified in its own files, through an import of it elsewhere);
 * without it, any function of that name. `fixed` says what a caller passes to fix it: by default
 * a string literal or a field restricted to a fixed list; `loopback`, an address on this machine,
 * written as a literal or the default of a flag bound to a field.
 */
export interface CalledParameter {
  function: string;
  method: boolean;
  index: number;
  package?: string;
  fixed?: 'loopback';
}

/** The fix `--fix` and "Fix all" apply for a finding: its first, unless that is a starting point. */
export function preferredFix(finding: Finding): Fix | undefined {
  const fix = finding.fixes[0];
  return fix && fix.preferred !== false ? fix : undefined;
}
