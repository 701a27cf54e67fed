// Pod resource requests as kube-scheduler computes them
// (staging/src/k8s.io/component-helpers/resource/helpers.go PodRequests /
// AggregateContainerRequests, pkg/scheduler/util/pod_resources.go) and the
// pod QoS class (pkg/apis/core/v1/helper/qos/qos.go ComputePodQOS).
//
// Amounts are numbers: cpu in millicores, everything else in base units
// (bytes, counts). Invalid quantities count as absent (validation reports them).

import { resourceAmount } from './quantity';

export type ResourceAmounts = Record<string, number>;

/** `DefaultMilliCPURequest` and `DefaultMemoryRequest` (pod_resources.go), used for "non-zero" scoring requests. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface ContainerLike {
  resources?: { requests?: Record<string, unknown> | null; limits?: Record<string, unknown> | null } | null;
  restartPolicy?: string;
}

export interface PodSpecLike {
  containers?: ContainerLike[] | null;
  initContainers?: ContainerLike[] | null;
  overhead?: Record<string, unknown> | null;
  resources?: { requests?: Record<string, unknown> | null; limits?: Record<string, unknown> | null } | null;
}

function toAmounts(list: Record<string, unknown> | null | undefined): ResourceAmounts {
  const out: ResourceAmounts = {};
  if (!list || typeof list !== 'object') return out;
  for (const [name, q] of Object.entries(list)) {
    if (typeof q !== 'string' && typeof q !== 'number') continue;
    const v = resourceAmount(name, q);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** A container's requests after API defaulting: limits fill missing requests (SetDefaults_Pod). */
export function containerRequests(c: ContainerLike | null | undefined): ResourceAmounts {
  const req = toAmounts(c?.resources?.requests);
  const lim = toAmounts(c?.resources?.limits);
  for (const k in lim) if (!(k in req)) req[k] = lim[k];
  return req;
}

export function containerLimits(c: ContainerLike | null | undefined): ResourceAmounts {
  return toAmounts(c?.resources?.limits);
}

function addInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
}

function maxInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const k in from) if (!(k in into) || from[k] > into[k]) into[k] = from[k];
}

export interface PodRequestOptions {
  /** Fill absent cpu/memory container requests with 100m / 200Mi (the scheduler's "non-zero" requests for scoring). */
  nonMissing?: boolean;
  /** Ignore pod-level `spec.resources` (PodLevelResources). */
  skipPodLevel?: boolean;
}

function withNonMissing(req: ResourceAmounts): ResourceAmounts {
  if (!('cpu' in req)) req.cpu = DEFAULT_MILLI_CPU_REQUEST;
  if (!('memory' in req)) req.memory = DEFAULT_MEMORY_REQUEST;
  return req;
}

/**
 * Effective pod requests: max(Σ containers + Σ restartable (sidecar) init
 * containers, max over init containers of (its request + sidecars started before it)),
 * pod-level requests overriding cpu/memory where set, plus `spec.overhead`.
 */
export function podRequests(spec: PodSpecLike | null | undefined, opts: PodRequestOptions = {}): ResourceAmounts {
  const reqs: ResourceAmounts = {};
  const containers = Array.isArray(spec?.containers) ? spec!.containers! : [];
  const inits = Array.isArray(spec?.initContainers) ? spec!.initContainers! : [];
  for (const c of containers) {
    const r = containerRequests(c);
    addInto(reqs, opts.nonMissing ? withNonMissing(r) : r);
  }
  const sidecars: ResourceAmounts = {};
  const initMax: ResourceAmounts = {};
  for (const c of inits) {
    let r = containerRequests(c);
    if (opts.nonMissing) r = withNonMissing(r);
    if (c?.restartPolicy === 'Always') {
      addInto(reqs, r);
      addInto(sidecars, r);
      maxInto(initMax, sidecars);
    } else {
      const tmp: ResourceAmounts = { ...r };
      addInto(tmp, sidecars);
      maxInto(initMax, tmp);
    }
  }
  maxInto(reqs, initMax);
  if (!opts.skipPodLevel && spec?.resources) {
    const podLevel = toAmounts(spec.resources.requests);
    const podLimits = toAmounts(spec.resources.limits);
    for (const k of ['cpu', 'memory']) {
      const v = k in podLevel ? podLevel[k] : podLimits[k];
      if (v !== undefined) reqs[k] = v;
    }
  }
  addInto(reqs, toAmounts(spec?.overhead));
  return reqs;
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** ComputePodQOS on the defaulted pod (only cpu and memory, only amounts > 0). */
export function qosClass(spec: PodSpecLike | null | undefined): QosClass {
  const containers = [...(Array.isArray(spec?.containers) ? spec!.containers! : []), ...(Array.isArray(spec?.initContainers) ? spec!.initContainers! : [])];
  const req: ResourceAmounts = {};
  const lim: ResourceAmounts = {};
  let everyContainerLimited = true;
  const podLevel = spec?.resources ? { req: toAmounts(spec.resources.requests), lim: toAmounts(spec.resources.limits) } : undefined;
  if (podLevel && (Object.keys(podLevel.req).length || Object.keys(podLevel.lim).length)) {
    for (const k of ['cpu', 'memory']) {
      const r = podLevel.req[k] ?? podLevel.lim[k];
      if (r > 0) req[k] = r;
      if (podLevel.lim[k] > 0) lim[k] = podLevel.lim[k];
    }
    everyContainerLimited = 'cpu' in lim && 'memory' in lim;
  } else {
    for (const c of containers) {
      const r = containerRequests(c);
      const l = containerLimits(c);
      let limited = 0;
      for (const k of ['cpu', 'memory']) {
        if ((r[k] ?? 0) > 0) req[k] = (req[k] ?? 0) + r[k];
        if ((l[k] ?? 0) > 0) {
          lim[k] = (lim[k] ?? 0) + l[k];
          limited++;
        }
      }
      if (limited < 2) everyContainerLimited = false;
    }
  }
  const reqKeys = Object.keys(req);
  const limKeys = Object.keys(lim);
  if (reqKeys.length === 0 && limKeys.length === 0) return 'BestEffort';
  if (everyContainerLimited && reqKeys.length === limKeys.length && limKeys.every((k) => req[k] === lim[k])) return 'Guaranteed';
  return 'Burstable';
}

/** Node allocatable as amounts (falls back to capacity per resource, as the kubelet reports allocatable = capacity by default). */
export function nodeAllocatable(status: { allocatable?: Record<string, unknown>; capacity?: Record<string, unknown> } | null | undefined): ResourceAmounts {
  const cap = toAmounts(status?.capacity);
  const alloc = toAmounts(status?.allocatable);
  return { ...cap, ...alloc };
}
