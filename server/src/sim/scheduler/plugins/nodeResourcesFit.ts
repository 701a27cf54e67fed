// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go) with the
// default LeastAllocated scoring strategy over cpu and memory, weight 1 each
// (least_allocated.go, resource_allocation.go).

import type { Plugin, Status } from '../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
const MAX_NODE_SCORE = 100; // framework.MaxNodeScore (a local copy keeps hot loops free of module-binding lookups)

export interface InsufficientResource {
  resource: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  /** The request exceeds the node's whole allocatable: preemption cannot help. */
  unresolvable: boolean;
}

/** `fitsRequest`: every resource the node is short of, in upstream order (pods, cpu, memory, ephemeral-storage, others). */
export function insufficientResources(pod: PodInfo, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  if (node.pods.length + 1 > node.allocPods) {
    out.push({ resource: 'pods', reason: 'Too many pods', requested: 1, used: node.pods.length, capacity: node.allocPods, unresolvable: false });
  }
  if (pod.cpu === 0 && pod.memory === 0 && pod.ephemeralStorage === 0 && pod.scalars.length === 0) return out;
  if (pod.cpu > 0 && pod.cpu > node.allocCpu - node.reqCpu) {
    out.push({ resource: 'cpu', reason: 'Insufficient cpu', requested: pod.cpu, used: node.reqCpu, capacity: node.allocCpu, unresolvable: pod.cpu > node.allocCpu });
  }
  if (pod.memory > 0 && pod.memory > node.allocMemory - node.reqMemory) {
    out.push({ resource: 'memory', reason: 'Insufficient memory', requested: pod.memory, used: node.reqMemory, capacity: node.allocMemory, unresolvable: pod.memory > node.allocMemory });
  }
  if (pod.ephemeralStorage > 0 && pod.ephemeralStorage > node.allocEphemeral - node.reqEphemeral) {
    out.push({ resource: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage', requested: pod.ephemeralStorage, used: node.reqEphemeral, capacity: node.allocEphemeral, unresolvable: pod.ephemeralStorage > node.allocEphemeral });
  }
  for (const [name, amount] of pod.scalars) {
    const alloc = node.allocScalars.get(name) ?? 0;
    const used = node.reqScalars.get(name) ?? 0;
    if (amount > alloc - used) out.push({ resource: name, reason: `Insufficient ${name}`, requested: amount, used, capacity: alloc, unresolvable: amount > alloc });
  }
  return out;
}

/** `leastRequestedScore`: (capacity - requested) * 100 / capacity, 0 when over capacity. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** The common case, checked without allocating: no extended resources and room for cpu, memory, storage and one more pod. */
function fitsPlainResources(pod: PodInfo, node: NodeInfo): boolean {
  return (
    node.pods.length + 1 <= node.allocPods &&
    pod.scalars.length === 0 &&
    (pod.cpu === 0 || pod.cpu <= node.allocCpu - node.reqCpu) &&
    (pod.memory === 0 || pod.memory <= node.allocMemory - node.reqMemory) &&
    (pod.ephemeralStorage === 0 || pod.ephemeralStorage <= node.allocEphemeral - node.reqEphemeral)
  );
}

export const nodeResourcesFit: Plugin = {
  name: 'NodeResourcesFit',
  filterShortcut: { kind: 'passesWithRoomForRequests' },
  passes(_s, pod, node) {
    if (fitsPlainResources(pod, node)) return true;
    return insufficientResources(pod, node).length === 0;
  },
  filter(_s, pod, node): Status | undefined {
    if (fitsPlainResources(pod, node)) return undefined;
    const short = insufficientResources(pod, node);
    if (short.length === 0) return undefined;
    return { code: short.some((r) => r.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable', reasons: short.map((r) => r.reason), plugin: 'NodeResourcesFit' };
  },
  scoreAll(_s, pod, nodes, _ctx, out) {
    const podCpu = pod.nonZeroCpu;
    const podMem = pod.nonZeroMemory;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      let sum = 0;
      let weights = 0;
      const cpuCap = node.allocCpu;
      if (cpuCap > 0) {
        const req = node.nonZeroCpu + podCpu;
        sum += req > cpuCap ? 0 : Math.trunc(((cpuCap - req) * MAX_NODE_SCORE) / cpuCap);
        weights++;
      }
      const memCap = node.allocMemory;
      if (memCap > 0) {
        const req = node.nonZeroMemory + podMem;
        sum += req > memCap ? 0 : Math.trunc(((memCap - req) * MAX_NODE_SCORE) / memCap);
        weights++;
      }
      out[i] = weights === 0 ? 0 : Math.trunc(sum / weights);
    }
  },
  score(_s, pod, node) {
    // Non-zero requests (100m / 200Mi defaults) on both node and pod side; resources with allocatable 0 are left out.
    let sum = 0;
    let weights = 0;
    if (node.allocCpu > 0) {
      sum += leastRequestedScore(node.nonZeroCpu + pod.nonZeroCpu, node.allocCpu);
      weights++;
    }
    if (node.allocMemory > 0) {
      sum += leastRequestedScore(node.nonZeroMemory + pod.nonZeroMemory, node.allocMemory);
      weights++;
    }
    return weights === 0 ? 0 : Math.trunc(sum / weights);
  },
};
