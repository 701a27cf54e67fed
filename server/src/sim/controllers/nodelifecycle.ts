// Node lifecycle controller and taint-based eviction: a NotReady node gets the
// `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints; pods on a
// node with NoExecute taints they do not tolerate are evicted at once, those
// tolerating with tolerationSeconds when the time is up (300 s by default,
// added by the DefaultTolerationSeconds admission plugin).

import { toleratesTaint } from '../../k8s/taints';
import { nodeIsReady, nodeTaints } from '../nodematch';
import { deleteObject, listObjects, recordEvent, type SimState } from '../state';
import type { Taint } from '../types';
import { isActive } from './common';

const UNREACHABLE = 'node.kubernetes.io/unreachable';

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Returns whether anything changed and the earliest future time an eviction is due. */
export function syncNodeLifecycle(state: SimState): { changed: boolean; wakeAt?: number } {
  let changed = false;
  let wakeAt: number | undefined;
  const nodes = listObjects(state, 'Node');
  for (const node of nodes) {
    if (nodeIsReady(node)) continue;
    const taints = (node.spec.taints = nodeTaints(node));
    for (const effect of ['NoSchedule', 'NoExecute'] as const) {
      if (!taints.some((t) => t.key === UNREACHABLE && t.effect === effect)) {
        taints.push({ key: UNREACHABLE, effect, ...(effect === 'NoExecute' ? { timeAdded: iso(state.clock) } : {}) } as Taint);
        changed = true;
      }
    }
  }
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  for (const pod of listObjects(state, 'Pod')) {
    if (!pod.spec.nodeName || !isActive(pod)) continue;
    const node = byName.get(pod.spec.nodeName);
    if (!node) continue;
    let evictAt: number | undefined;
    for (const taint of nodeTaints(node).filter((t) => t.effect === 'NoExecute')) {
      const tol = (pod.spec.tolerations ?? []).filter((t) => toleratesTaint(t, taint));
      if (tol.length === 0) {
        evictAt = state.clock;
        break;
      }
      const bounded = tol.filter((t) => typeof t.tolerationSeconds === 'number');
      if (bounded.length === tol.length) {
        const added = Date.parse(String((taint as Taint & { timeAdded?: string }).timeAdded ?? '')) || state.clock;
        const at = added + Math.max(0, Math.min(...bounded.map((t) => t.tolerationSeconds!))) * 1000;
        evictAt = evictAt === undefined ? at : Math.min(evictAt, at);
      }
    }
    if (evictAt === undefined) continue;
    if (evictAt <= state.clock) {
      recordEvent(state, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`);
      deleteObject(state, pod);
      changed = true;
    } else wakeAt = wakeAt === undefined ? evictAt : Math.min(wakeAt, evictAt);
  }
  return { changed, wakeAt };
}
