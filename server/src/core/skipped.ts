import type { SkipReason } from './analyzer';
import { DEFAULT_BUDGET_MS } from './budget';
import { MAX_PARSED_CHARS } from './document';

export interface SkipNotice {
  /** Why, for people: follows "skipped <file>: ". */
  why: string;
  /**
   * A limit the user may want to know about (and raise), as opposed to a file that is left
   * alone by design (generated code, a program kept out of every build).
   */
  limit: boolean;
}

/** What to tell people about a file the analyzer skipped; `limit` names the size setting, `budgetMs` the time budget. */
export function skipNotice(reason: SkipReason, limit: { name: string; bytes: number | undefined }, budgetMs = DEFAULT_BUDGET_MS): SkipNotice {
  switch (reason) {
    case 'too-large':
      return { why: `it is larger than ${limit.name} (${limit.bytes} bytes)`, limit: true };
    case 'too-large-to-parse':
      return { why: `it is larger than ${MAX_PARSED_CHARS} bytes, the most the parser takes (it needs about 35 bytes of memory for each)`, limit: true };
    case 'generated':
      return { why: 'it is generated code (a "Code generated … DO NOT EDIT." comment)', limit: false };
    case 'build-ignored':
      return { why: 'it is kept out of every build (//go:build ignore)', limit: false };
    case 'budget':
      return { why: `its analysis took longer than ${budgetMs} ms (deeply nested or machine-written code?)`, limit: true };
    default:
      // A reason added later still reaches people, in its own words.
      return { why: `the analysis stopped (${String(reason)})`, limit: true };
  }
}
