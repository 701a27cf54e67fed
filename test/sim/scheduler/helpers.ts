// Builders for small clusters in scheduler tests.
import type { Node, Pod, Taint } from '../../../server/src/sim/types';

export function node(name: string, opts: { cpu?: string; memory?: string; pods?: number; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; images?: Array<{ names: string[]; sizeBytes: number }>; extra?: Record<string, string> } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) } },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { allocatable: { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: String(opts.pods ?? 110), ...(opts.extra ?? {}) }, images: opts.images },
  };
}

let counter = 0;
export function pod(name: string, opts: { cpu?: string; memory?: string; labels?: Record<string, string>; namespace?: string; priority?: number; spec?: Record<string, unknown>; requests?: Record<string, string>; nodeName?: string; image?: string } = {}): Pod {
  const requests: Record<string, string> = { ...(opts.requests ?? {}) };
  if (opts.cpu) requests.cpu = opts.cpu;
  if (opts.memory) requests.memory = opts.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', labels: opts.labels ?? {}, creationTimestamp: new Date(Date.UTC(2024, 0, 1, 0, 0, counter++)).toISOString() },
    spec: { containers: [{ name: 'c', image: opts.image ?? 'nginx:1.25', resources: { requests } }], priority: opts.priority, nodeName: opts.nodeName, ...(opts.spec ?? {}) },
    status: { phase: 'Pending' },
  } as Pod;
}
