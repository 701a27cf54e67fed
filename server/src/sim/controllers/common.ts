// Helpers the workload controllers share: pod state predicates, creating pods
// from a template through the API server, deleting with events.

import { applyObject } from '../apiserver';
import { generateName } from '../names';
import { controllerRef, deleteObject, listObjects, nextCounter, recordEvent, requestWake, sourceOf, warn, type SimState } from '../state';
import { isWorkload, type ApiObject, type Pod, type PodTemplateSpec } from '../types';

export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function isActive(pod: Pod): boolean {
  return !isTerminal(pod) && !pod.metadata.deletionTimestamp;
}

export function isReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && !!pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** A workload's `spec.minReadySeconds` (0 when unset or malformed). */
export function minReadySecondsOf(owner: ApiObject): number {
  const v = isWorkload(owner) && owner.kind !== 'CronJob' && owner.kind !== 'Job' ? owner.spec?.minReadySeconds : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0;
}

/**
 * podutil.IsPodAvailable (pkg/api/v1/pod/util.go): Ready, and Ready for at
 * least `minReadySeconds`. A pod that will become available later asks the
 * driver to wake the controllers then, so the clock jumps to that moment.
 */
export function isAvailable(state: SimState, pod: Pod, minReadySeconds: number): boolean {
  if (!isReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const c = pod.status.conditions?.find((x) => x.type === 'Ready') as { lastTransitionTime?: string } | undefined;
  const since = c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  if (!Number.isFinite(since)) return true;
  const at = since + minReadySeconds * 1000;
  if (at <= state.clock) return true;
  requestWake(state, at);
  return false;
}

export function podCount(state: SimState): number {
  let n = 0;
  for (const o of state.objects.values()) if (o.kind === 'Pod') n++;
  return n;
}

/** Live pods in the owner's namespace that the owner controls. */
export function ownedPods(state: SimState, owner: ApiObject, podsByOwner?: Map<string, Pod[]>): Pod[] {
  if (podsByOwner) return podsByOwner.get(owner.metadata.uid!) ?? [];
  return listObjects(state, 'Pod', owner.metadata.namespace ?? 'default').filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid));
}

/** Index pods by controller uid (one pass per controller round). */
export function indexPodsByOwner(state: SimState): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>();
  for (const o of state.objects.values()) {
    if (o.kind !== 'Pod') continue;
    for (const r of o.metadata.ownerReferences ?? []) {
      const list = map.get(r.uid);
      if (list) list.push(o as Pod);
      else map.set(r.uid, [o as Pod]);
    }
  }
  return map;
}

/** Room left under the simulator's pod cap; records the cap once when reached. */
export function podBudget(state: SimState, want: number, owner: ApiObject): number {
  const room = state.maxPods - podCount(state);
  if (want > room) {
    state.capped ??= `the simulation stops at ${state.maxPods} pods; ${owner.kind} ${owner.metadata.namespace ?? 'default'}/${owner.metadata.name} could not create all of its pods`;
    warn(state, state.capped, sourceOf(state, owner));
  }
  return Math.max(0, Math.min(want, room));
}

export interface PodFromTemplate {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  mutate?: (pod: Pod) => void;
}

/**
 * Creates a pod from `owner`'s template through the API server (so admission
 * applies); on rejection records `FailedCreate` with the API error, as upstream.
 */
export function createPod(state: SimState, owner: ApiObject, template: PodTemplateSpec | undefined, opts: PodFromTemplate = {}): Pod | undefined {
  const ns = owner.metadata.namespace ?? 'default';
  const name = opts.name ?? generateName(`${owner.metadata.name}-`, `${owner.metadata.uid}/${nextCounter(state, `pods:${owner.metadata.uid}`)}`);
  const meta = template?.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      labels: { ...(meta.labels ?? {}), ...(opts.labels ?? {}) },
      annotations: Object.keys({ ...(meta.annotations ?? {}), ...(opts.annotations ?? {}) }).length ? { ...(meta.annotations ?? {}), ...(opts.annotations ?? {}) } : undefined,
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(template?.spec ?? { containers: [] }),
    status: { phase: 'Pending' },
  };
  opts.mutate?.(pod);
  const res = applyObject(state, pod, sourceOf(state, owner));
  if (!res.ok) {
    // Retries fail the same way with a new generated name: count them as one event.
    recordEvent(state, owner, 'Warning', 'FailedCreate', `Error creating: ${res.message}`, res.message.split(name).join('*'));
    return undefined;
  }
  return res.object as Pod;
}

export function deletePod(state: SimState, owner: ApiObject | undefined, pod: Pod, message = `Deleted pod: ${pod.metadata.name}`): void {
  deleteObject(state, pod);
  if (owner) recordEvent(state, owner, 'Normal', 'SuccessfulDelete', message);
}

/**
 * Upstream's deletion preference (controller.ActivePodsWithRanks, simplified):
 * unscheduled before scheduled, pending before running, not-ready before
 * ready, newer before older.
 */
export function podsToDelete(pods: Pod[], count: number): Pod[] {
  const rank = (p: Pod) => [p.spec.nodeName ? 1 : 0, p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Running' ? 2 : 1, isReady(p) ? 1 : 0];
  const order = (p: Pod) => Number(p.metadata.resourceVersion ?? 0);
  return [...pods]
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
      return order(b) - order(a);
    })
    .slice(0, count);
}

/** Replica counts for a workload's status. */
export function replicaStatus(state: SimState, pods: Pod[], minReadySeconds = 0): { replicas: number; readyReplicas: number; availableReplicas: number } {
  const active = pods.filter(isActive);
  const ready = active.filter(isReady).length;
  return { replicas: active.length, readyReplicas: ready, availableReplicas: active.filter((p) => isAvailable(state, p, minReadySeconds)).length };
}
