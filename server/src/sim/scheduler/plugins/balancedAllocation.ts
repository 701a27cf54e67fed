// NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go),
// with the v1.36 formula (upstream PR #135573): the score rewards the change in
// balance the pod causes, centred on 50.

import type { Plugin } from '../types';
import type { NodeInfo } from '../nodeinfo';

function balanceScore(cpuReq: number, memReq: number, node: NodeInfo): number {
  // With fewer than two resources (allocatable 0 leaves one out) the deviation is 0.
  if (!(node.allocCpu > 0 && node.allocMemory > 0)) return 100;
  const fCpu = Math.min(cpuReq / node.allocCpu, 1);
  const fMem = Math.min(memReq / node.allocMemory, 1);
  const std = Math.abs(fCpu - fMem) / 2;
  return Math.trunc((1 - std) * 100);
}

export const nodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  preScore(_s, pod) {
    // Real (not non-zero) requests; a pod requesting nothing is skipped.
    return pod.cpu === 0 && pod.memory === 0 ? 'skip' : undefined;
  },
  scoreAll(_s, pod, nodes, _ctx, out) {
    const cpu = pod.cpu;
    const mem = pod.memory;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const withPod = balanceScore(node.reqCpu + cpu, node.reqMemory + mem, node);
      const without = balanceScore(node.reqCpu, node.reqMemory, node);
      out[i] = 50 + Math.trunc((50 + withPod - without) / 2);
    }
  },
  score(_s, pod, node) {
    const withPod = balanceScore(node.reqCpu + pod.cpu, node.reqMemory + pod.memory, node);
    const without = balanceScore(node.reqCpu, node.reqMemory, node);
    return 50 + Math.trunc((50 + withPod - without) / 2);
  },
};
