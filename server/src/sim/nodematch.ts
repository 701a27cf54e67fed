// Node eligibility checks shared by the DaemonSet controller, node lifecycle
// and the report. Node affinity and tolerations themselves are matched in the
// k8s layer (k8s/nodeAffinity.ts, k8s/taints.ts), which the scheduler's
// plugins use too.

import { podNodeAffinityMatches } from '../k8s/nodeAffinity';
import { toleratesTaint } from '../k8s/taints';
import type { Node, PodSpec, Taint, Toleration } from './types';

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function tolerated(tolerations: Toleration[] | undefined, taint: Taint): Toleration | undefined {
  return (Array.isArray(tolerations) ? tolerations : []).find((t) => toleratesTaint(t, taint));
}

/** nodeSelector AND required node affinity terms (ORed), as k8s/nodeAffinity matches them. */
export function nodeMatchesPod(spec: PodSpec, node: Node): boolean {
  return podNodeAffinityMatches(spec, { name: node.metadata.name, labels: node.metadata.labels ?? {} });
}

export function nodeTaints(node: Node): Taint[] {
  return Array.isArray(node.spec?.taints) ? node.spec.taints.filter((t) => isObj(t) && typeof t.key === 'string') : [];
}

export function nodeIsReady(node: Node): boolean {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return !ready || ready.status === 'True';
}
