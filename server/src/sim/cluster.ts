// The simulated cluster's nodes: the workspace's `kind: Node` manifests, or a
// default cluster (node-1..N across zones a/b/c) sized by settings/CLI flags.
// Nodes get what a kubelet would report: well-known labels, a pod CIDR, an
// internal IP, a Ready condition and allocatable = capacity when not given.

import { podCIDRForNode } from './apiserver/allocators';
import { resourceAmount } from './units';
import type { DefaultClusterOptions, Node } from './types';

/** kube-scheduler and kubelet are tested to 5,000 nodes; beyond that the input is not a cluster. */
export const MAX_NODES = 5000;
const ZONES = ['zone-a', 'zone-b', 'zone-c'];

export const DEFAULT_CLUSTER: DefaultClusterOptions = { nodes: 3, nodeCpu: '4', nodeMemory: '16Gi', nodePods: 110 };

/** Checks cluster options; returns a message when they cannot describe a cluster. */
export function checkClusterOptions(o: DefaultClusterOptions): string | undefined {
  if (!Number.isInteger(o.nodes) || o.nodes < 1) return `--nodes must be a whole number of at least 1 (got ${o.nodes})`;
  if (o.nodes > MAX_NODES) return `--nodes ${o.nodes} is more than the simulator supports (at most ${MAX_NODES} nodes, the largest cluster Kubernetes is tested with)`;
  const cpu = resourceAmount('cpu', o.nodeCpu);
  if (cpu === undefined || cpu <= 0) return `--node-cpu ${JSON.stringify(o.nodeCpu)} is not a positive CPU quantity (examples: 4, 3500m)`;
  const mem = resourceAmount('memory', o.nodeMemory);
  if (mem === undefined || mem <= 0) return `--node-memory ${JSON.stringify(o.nodeMemory)} is not a positive memory quantity (examples: 16Gi, 8000Mi)`;
  if (!Number.isInteger(o.nodePods) || o.nodePods < 1 || o.nodePods > 10000) return `node pod capacity must be between 1 and 10000 (got ${o.nodePods})`;
  return undefined;
}

export function defaultNodes(o: DefaultClusterOptions): Node[] {
  const nodes: Node[] = [];
  for (let i = 0; i < o.nodes; i++) {
    const name = `node-${i + 1}`;
    nodes.push({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'topology.kubernetes.io/zone': ZONES[i % ZONES.length] } },
      spec: {},
      status: { capacity: { cpu: o.nodeCpu, memory: o.nodeMemory, pods: String(o.nodePods), 'ephemeral-storage': '100Gi' } },
    });
  }
  return nodes;
}

/** Fills what the kubelet and node IPAM would report; `index` picks the pod CIDR and address. */
export function completeNode(node: Node, index: number, o: DefaultClusterOptions): void {
  const name = node.metadata.name;
  node.metadata.labels = {
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    ...(node.metadata.labels ?? {}),
  };
  node.spec = node.spec && typeof node.spec === 'object' ? node.spec : {};
  node.spec.podCIDR ??= podCIDRForNode(index);
  node.spec.podCIDRs ??= [node.spec.podCIDR];
  const status = (node.status = node.status && typeof node.status === 'object' ? node.status : ({} as Node['status']));
  status.capacity ??= { cpu: o.nodeCpu, memory: o.nodeMemory, pods: String(o.nodePods), 'ephemeral-storage': '100Gi' };
  status.allocatable ??= { ...status.capacity };
  if (status.allocatable.pods === undefined) status.allocatable.pods = status.capacity.pods ?? String(o.nodePods);
  status.conditions ??= [{ type: 'Ready', status: 'True' }];
  status.addresses ??= [
    { type: 'InternalIP', address: `172.18.${Math.floor((index + 2) / 256)}.${(index + 2) % 256}` },
    { type: 'Hostname', address: name },
  ];
}
