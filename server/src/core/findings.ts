import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** Shown as the code action title: says what the edit does. */
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  rule: string;
  range: Range;
  message: string;
  severity: Severity;
  /** The first fix is the preferred one; all of them are safe to apply unattended. */
  fixes: Fix[];
  /** Code that does nothing (a stale suppression): editors fade it. */
  unnecessary?: boolean;
}
