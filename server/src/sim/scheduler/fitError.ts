// FitError message (pkg/scheduler/framework/types.go FitError.Error, v1.36):
// "0/N nodes are available: <histogram>." with "<count> <reason>" items sorted
// as plain strings (so "10 x" sorts before "2 y").

export interface NodeStatusLike {
  reasons: string[];
}

export function reasonHistogram(statuses: Iterable<NodeStatusLike>, absent?: { count: number; reasons: string[] }): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  if (absent && absent.count > 0) for (const r of absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absent.count);
  const items = [...counts].map(([r, n]) => `${n} ${r}`);
  items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return items;
}

export function fitErrorMessage(numAllNodes: number, opts: { preFilterMsg?: string; histogram?: string[]; postFilterMsg?: string }): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (opts.preFilterMsg) msg += ` ${opts.preFilterMsg}.`;
  else msg += ` ${(opts.histogram ?? []).join(', ')}.`;
  if (opts.postFilterMsg) msg += ` ${opts.postFilterMsg}`;
  return msg;
}

/** `numFeasibleNodesToFind` (schedule_one.go): adaptive percentageOfNodesToScore. */
export function numFeasibleNodesToFind(numNodes: number, percentage = 0): number {
  const MIN_FEASIBLE = 100;
  if (numNodes < MIN_FEASIBLE) return numNodes;
  let p = percentage;
  if (p <= 0) {
    p = 50 - Math.trunc(numNodes / 125);
    if (p < 5) p = 5;
  }
  if (p >= 100) return numNodes;
  const k = Math.trunc((numNodes * p) / 100);
  return Math.max(k, MIN_FEASIBLE);
}
