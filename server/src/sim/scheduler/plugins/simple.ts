// Small filter plugins: NodeUnschedulable, NodeName, NodePorts, SchedulingGates
// (pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,nodeports,schedulinggates}).

import type { Plugin } from '../types';
import { reject } from '../types';
import { toleratesTaint } from '../../../k8s/taints';
import type { HostPort, PodInfo } from '../nodeinfo';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' as const };

export const nodeUnschedulable: Plugin = {
  name: 'NodeUnschedulable',
  filterRelevant(_pod, ctx) {
    return ctx.unschedulableNodes() > 0;
  },
  passes(_s, pod, node) {
    return !node.unschedulable || pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT));
  },
  filter(_s, pod, node) {
    if (!node.unschedulable) return undefined;
    if (pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT))) return undefined;
    return reject('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
  },
};

export const nodeName: Plugin = {
  name: 'NodeName',
  filterRelevant(pod) {
    return !!pod.pod.spec?.nodeName;
  },
  filter(_s, pod, node) {
    const want = pod.pod.spec?.nodeName;
    if (!want || want === node.name) return undefined;
    return reject('NodeName', 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
  },
};

function portsConflict(a: HostPort, b: HostPort): boolean {
  if (a.port !== b.port || a.protocol !== b.protocol) return false;
  return a.ip === b.ip || a.ip === '0.0.0.0' || b.ip === '0.0.0.0';
}

export const nodePorts: Plugin = {
  name: 'NodePorts',
  preFilter(_s, pod) {
    return pod.hostPorts.length === 0 ? 'skip' : undefined;
  },
  filter(_s, pod, node) {
    for (const want of pod.hostPorts) {
      for (const used of node.usedPorts) {
        if (portsConflict(want, used)) return reject('NodePorts', 'Unschedulable', "node(s) didn't have free ports for the requested pod ports");
      }
    }
    return undefined;
  },
};

/** SchedulingGates (PreEnqueue): a gated pod never enters a scheduling cycle. */
export function schedulingGatesMessage(pod: PodInfo): string | undefined {
  const gates = pod.pod.spec?.schedulingGates;
  if (!Array.isArray(gates) || gates.length === 0) return undefined;
  return 'Scheduling is blocked due to non-empty scheduling gates';
}

export const schedulingGates: Plugin = {
  name: 'SchedulingGates',
  preEnqueue: schedulingGatesMessage,
};

/** PrioritySort (queuesort/priority_sort.go): higher priority first, then earlier creation (timestamp, then arrival order). */
export const prioritySort: Plugin = {
  name: 'PrioritySort',
  queueSort(a, b) {
    if (a.priority !== b.priority) return b.priority - a.priority;
    const ta = a.pod.metadata?.creationTimestamp ?? '';
    const tb = b.pod.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    return a.seq - b.seq;
  },
};

/**
 * DynamicResources' PostFilter (dynamicresources/dynamicresources.go). The simulator
 * has no ResourceClaims, so it never frees one and always answers with this reason,
 * which v1.34+ clusters print before DefaultPreemption's.
 */
export const dynamicResources: Plugin = {
  name: 'DynamicResources',
  postFilter() {
    return { reasons: ['no new claims to deallocate'] };
  },
};
