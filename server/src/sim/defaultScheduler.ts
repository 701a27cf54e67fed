// Adapts the kube-scheduler framework (sim/scheduler/framework.ts) to the
// driver's SchedulerLike: binds or explains, and hands back preemption victims.

import { Scheduler } from './scheduler/framework';
import type { SchedulerFactory, SchedulerLike, ScheduleResult } from './schedule';

export const defaultScheduler: SchedulerFactory = (podInfos): SchedulerLike => {
  const s = new Scheduler({ podInfos });
  return {
    addNode: (n) => s.addNode(n),
    addPod: (p) => void s.addPod(p),
    removePod: (p) => void s.removePod(p),
    schedulePod(pod, lookups): ScheduleResult {
      const r = s.schedulePod(pod, lookups);
      if (r.node !== undefined) return { node: r.node };
      const f = r.failure;
      const reasons = [...new Set(f.preFilter ? f.preFilter.reasons : f.nodes.flatMap((n) => n.reasons))];
      const victims = f.preemption?.victims ?? [];
      return {
        failure: {
          message: f.message,
          reasons,
          ...(victims.length ? { preemption: { node: f.preemption?.nominatedNode, victims } } : {}),
        },
      };
    },
  };
};
