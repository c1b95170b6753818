// When the language server process dies: restart it, but not forever. Kept free of the `vscode`
// module so that npm test can check the counting; extension.ts turns its answers into actions.

/** What to do after the server stopped unexpectedly. */
export interface CrashVerdict {
  restart: boolean;
  /** Crashes within the window, this one included. */
  crashes: number;
}

export class CrashPolicy {
  private times: number[] = [];

  constructor(
    /** Restarts allowed within the window; one crash more and the server stays stopped. */
    readonly limit = 3,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  crashed(): CrashVerdict {
    const now = this.now();
    this.times = [...this.times.filter((time) => now - time < this.windowMs), now];
    return { restart: this.times.length <= this.limit, crashes: this.times.length };
  }

  /** The user restarted the server: count afresh. */
  reset(): void {
    this.times = [];
  }
}
