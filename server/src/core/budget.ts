// A time budget for the analysis of one file. No input may stall the editor or the CLI: deep,
// long or machine-written code that still takes too long is skipped, with its reason, instead.

/** How long the rules may spend on one file (after the parse) before it is skipped. */
export const DEFAULT_BUDGET_MS = 1000;

/** Thrown by `checkBudget` when the file's analysis is past its deadline. */
export class OverBudget extends Error {
  constructor() {
    super('the analysis of this file ran past its time budget');
  }
}

let deadline = Infinity;

/** Runs `work` with a deadline `ms` from now; analyses are synchronous, so one deadline at a time. */
export function withBudget<T>(ms: number, work: () => T): T {
  const outer = deadline;
  deadline = Math.min(outer, performance.now() + ms);
  try {
    return work();
  } finally {
    deadline = outer;
  }
}

/**
 * Runs `work` off the clock: the deadline moves on by the time it takes. For work done for the
 * package rather than the file (a summary made when first asked for, see `DeferredSummary`).
 */
export function offBudget<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    deadline += performance.now() - started;
  }
}

export function pastDeadline(): boolean {
  return deadline !== Infinity && performance.now() > deadline;
}

/** For loops whose length the input decides: stops the analysis once the deadline has passed. */
export function checkBudget(): void {
  if (pastDeadline()) throw new OverBudget();
}
