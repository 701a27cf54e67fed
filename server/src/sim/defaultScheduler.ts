// Adapts the kube-scheduler framework (sim/scheduler/framework.ts) to the
// driver's SchedulerLike: binds or explains, and hands back preemption victims.

import { Scheduler } from './scheduler/framework';
import type { SchedulerFactory, SchedulerLike, ScheduleResult } from './schedule';
import type { Pod } from './types';

type Loose = Record<string, any>;

function victimsOf(preemption: Loose | undefined): Pod[] {
  const list = preemption?.victims;
  if (!Array.isArray(list)) return [];
  return list.map((v: Loose) => (v && v.kind === 'Pod' ? v : v?.pod)).filter((p: unknown): p is Pod => !!p && typeof p === 'object' && (p as Pod).kind === 'Pod');
}

export const defaultScheduler: SchedulerFactory = (): SchedulerLike => {
  const s = new Scheduler();
  return {
    addNode: (n) => s.addNode(n),
    addPod: (p) => void s.addPod(p),
    removePod: (p) => void s.removePod(p),
    schedulePod(pod, lookups): ScheduleResult {
      const r = s.schedulePod(pod, lookups);
      if (r.node !== undefined) return { node: r.node };
      const f = r.failure;
      const reasons = [...new Set(f.preFilter ? f.preFilter.reasons : f.nodes.flatMap((n) => n.reasons))];
      const p = f.preemption as Loose | undefined;
      const victims = victimsOf(p);
      return {
        failure: {
          message: f.message,
          reasons,
          ...(victims.length ? { preemption: { node: p?.nominatedNodeName ?? p?.node ?? p?.nodeName, victims } } : {}),
        },
      };
    },
  };
};
