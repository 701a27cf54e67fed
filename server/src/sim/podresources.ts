// Pod-level resource totals for admission (quota, LimitRange) and reports.
// Requests and QoS come from server/src/k8s/resources.ts; limits are summed
// the same way (containers + sidecars, max with init containers, + overhead).

import { containerLimits, podRequests, qosClass as k8sQosClass, type PodSpecLike } from '../k8s/resources';
import { resourceList } from './units';
import type { Pod } from './types';

type List = Record<string, number>;

function add(into: List, from: List): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function maxInto(into: List, from: List): void {
  for (const [k, v] of Object.entries(from)) into[k] = Math.max(into[k] ?? 0, v);
}

export function podTotals(pod: Pod): { requests: List; limits: List } {
  const spec = (pod.spec ?? {}) as PodSpecLike & Pod['spec'];
  const requests = podRequests(spec);
  const limits: List = {};
  const initLim: List = {};
  for (const c of Array.isArray(spec.containers) ? spec.containers : []) add(limits, containerLimits(c));
  for (const c of Array.isArray(spec.initContainers) ? spec.initContainers : []) {
    if (c?.restartPolicy === 'Always') add(limits, containerLimits(c));
    else maxInto(initLim, containerLimits(c));
  }
  maxInto(limits, initLim);
  if (Object.keys(limits).length) add(limits, resourceList(spec.overhead as Record<string, unknown>));
  return { requests, limits };
}

export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  return k8sQosClass((pod.spec ?? {}) as PodSpecLike);
}
