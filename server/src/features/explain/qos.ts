// Hover on a container's `resources` (or its `requests`/`limits`): the pod's
// QoS class and the rule that decides it (ComputePodQOS on the defaulted pod:
// only cpu and memory count, limits fill missing requests).

import { formatBytes, formatCpu } from '../../k8s/quantity';
import { containerLimits, containerRequests, podRequests, qosClass, type ContainerLike } from '../../k8s/resources';
import type { HoverRequest, HoverSection } from '../hover';
import { code, podSpecAt } from './context';

const KINDS = ['cpu', 'memory'] as const;

function amount(kind: string, v: number): string {
  return kind === 'cpu' ? formatCpu(v) : formatBytes(v);
}

function containerName(c: unknown, i: number): string {
  const n = (c as { name?: unknown } | null)?.name;
  return typeof n === 'string' && n ? n : `#${i + 1}`;
}

/** The first reason the pod is not Guaranteed (it has some requests or limits). */
function burstableReason(containers: Array<{ c: ContainerLike; name: string }>): string {
  for (const { c, name } of containers) {
    const lim = containerLimits(c);
    const missing = KINDS.filter((k) => !((lim[k] ?? 0) > 0));
    if (missing.length > 0) return `container ${code(name)} has no ${missing.join(' or ')} limit`;
  }
  for (const { c, name } of containers) {
    const req = containerRequests(c);
    const lim = containerLimits(c);
    for (const k of KINDS) {
      if (req[k] !== lim[k]) return `container ${code(name)} has a ${k} request of ${amount(k, req[k] ?? 0)} but a limit of ${amount(k, lim[k])}`;
    }
  }
  return 'requests differ from limits';
}

export function qosExplanation(req: HoverRequest): HoverSection | undefined {
  const at = podSpecAt(req);
  if (!at) return undefined;
  const rel = at.rel;
  const podLevel = rel[0] === 'resources';
  const containerLevel = (rel[0] === 'containers' || rel[0] === 'initContainers') && typeof rel[1] === 'number' && rel[2] === 'resources';
  if (!podLevel && !containerLevel) return undefined;
  const depth = podLevel ? 1 : 3;
  if (rel.length > depth + 1 || (rel.length === depth + 1 && rel[depth] !== 'requests' && rel[depth] !== 'limits')) return undefined;
  const spec = at.spec;
  const containers = [
    ...(Array.isArray(spec.containers) ? spec.containers : []).map((c, i) => ({ c: c as ContainerLike, name: containerName(c, i) })),
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []).map((c, i) => ({ c: c as ContainerLike, name: containerName(c, i) })),
  ];
  const qos = qosClass(spec);
  let why: string;
  const pod = spec.resources as { requests?: unknown; limits?: unknown } | undefined;
  if (pod && typeof pod === 'object' && (pod.requests || pod.limits)) why = 'pod-level `spec.resources` decides: Guaranteed when its cpu and memory requests equal its limits';
  else if (qos === 'BestEffort') why = 'no container sets a cpu or memory request or limit';
  else if (qos === 'Guaranteed') why = containers.length === 1 ? 'its container has cpu and memory limits equal to its requests' : `all ${containers.length} containers have cpu and memory limits equal to their requests`;
  else why = `${burstableReason(containers)} (Guaranteed needs cpu and memory limits equal to requests in every container)`;
  const lines = [`**QoS class: ${qos}** — ${why}.`];
  const total = podRequests(spec);
  const parts = KINDS.filter((k) => total[k] !== undefined).map((k) => `${k} ${amount(k, total[k])}`);
  lines.push(parts.length ? `The scheduler reserves ${parts.join(', ')} for the pod.` : 'The scheduler reserves no cpu or memory for the pod (it fits on any node with room for one more pod).');
  if (qos === 'BestEffort') lines.push('BestEffort pods are the first to be evicted under node memory pressure.');
  return { markdown: lines.join('\n\n') };
}
