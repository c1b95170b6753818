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
}

export interface Finding {
  rule: string;
  range: Range;
  message: Text;
  severity: Severity;
  /** The first fix is the preferred one; all of them are safe to apply unattended. */
  fixes: Fix[];
  /** Code that does nothing (a stale suppression): editors fade it. */
  unnecessary?: boolean;
}
