// `--shard K/N`: one of N shares of the packages, so that the jobs of a CI matrix (GitHub
// Actions, GitLab's `parallel`) check a large repository together; the N outputs add up to one run's.
import type { FolderJob } from './check';

/** `K/N` as a zero-based share index and a count; null when it is not that. */
export function parseShard(text: string): { index: number; count: number } | null {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return null;
  const [k, n] = [Number(match[1]), Number(match[2])];
  return k >= 1 && n >= 1 && k <= n ? { index: k - 1, count: n } : null;
}

/**
 * The packages of share `index` out of `count`. Each package goes, in path order, to the share
 * with the fewest files so far (the first such share on a tie): the same tree always splits the
 * same way, and the shares stay even when packages differ in size.
 */
export function shareOf(jobs: readonly FolderJob[], index: number, count: number): FolderJob[] {
  const files = new Array<number>(count).fill(0);
  const share: FolderJob[] = [];
  for (const job of [...jobs].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0))) {
    const lightest = files.indexOf(Math.min(...files));
    files[lightest] += job.wanted.length;
    if (lightest === index) share.push(job);
  }
  return share;
}
