// NodeResourcesBalancedAllocation (pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go),
// with the v1.36 formula (upstream PR #135573): the score rewards the change in
// balance the pod causes, centred on 50.

import type { Plugin } from '../types';
import type { NodeInfo } from '../nodeinfo';

function balanceScore(cpuReq: number, memReq: number, node: NodeInfo): number {
  const fractions: number[] = [];
  if (node.allocCpu > 0) fractions.push(Math.min(cpuReq / node.allocCpu, 1));
  if (node.allocMemory > 0) fractions.push(Math.min(memReq / node.allocMemory, 1));
  let std = 0;
  if (fractions.length === 2) std = Math.abs(fractions[0] - fractions[1]) / 2;
  return Math.trunc((1 - std) * 100);
}

export const nodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  preScore(_s, pod) {
    // Real (not non-zero) requests; a pod requesting nothing is skipped.
    return pod.cpu === 0 && pod.memory === 0 ? 'skip' : undefined;
  },
  score(_s, pod, node) {
    const withPod = balanceScore(node.reqCpu + pod.cpu, node.reqMemory + pod.memory, node);
    const without = balanceScore(node.reqCpu, node.reqMemory, node);
    return 50 + Math.trunc((50 + withPod - without) / 2);
  },
};
