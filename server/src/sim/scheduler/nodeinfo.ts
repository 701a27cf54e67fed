// Precomputed, incrementally maintained scheduler views of pods and nodes
// (upstream pkg/scheduler/framework/types.go NodeInfo / PodInfo). A PodInfo is
// computed once per pod object (PodInfoTable); a NodeInfo is updated in O(pod) on add/remove.
// The pod's fields are typed (sim/kinds) but come from hand-written YAML, so every
// list is checked with asArray and every element for being an object.

import type { Container, Node, Pod, PodAffinityTerm, Taint, Toleration, WeightedPodAffinityTerm } from '../types';
import { podRequests, nodeAllocatable } from '../../k8s/resources';
import { selectorFromLabelSelector, Selector, newRequirement, type Requirement } from '../../k8s/selector';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface AffinityTerm {
  selector: Selector;
  /** Namespaces the term applies to; null with `allNamespaces` false means only the pod's own. */
  namespaces: Set<string>;
  /** namespaceSelector: {} selects every namespace. */
  namespaceSelector?: Selector;
  topologyKey: string;
  weight: number;
}

export interface PodInfo {
  pod: Pod;
  key: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  priority: number;
  /** Effective requests: cpu (m), memory, ephemeral-storage, and other resources (> 0 only). */
  cpu: number;
  memory: number;
  ephemeralStorage: number;
  scalars: Array<[string, number]>;
  /** Requests with 100m / 200Mi for containers without cpu/memory requests (scoring). */
  nonZeroCpu: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  tolerations: Toleration[];
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: AffinityTerm[];
  preferredAntiAffinityTerms: AffinityTerm[];
  /** Normalized image names of init and regular containers. */
  images: string[];
  /** Monotonic insertion sequence, a stand-in for creation time in queue and victim ordering. */
  seq: number;
}

/**
 * The PodInfo of each pod object, computed once, and the arrival order (`seq`) it
 * was first seen in. Owned by one simulation run (sim/driver.ts `settle` makes one and
 * hands it to each round's Scheduler); a Scheduler built without one gets its own.
 * Not part of SimState: it is derived from the pod objects, and a what-if's cloned
 * pods are new objects (its run makes a new table).
 */
export class PodInfoTable {
  private readonly infos = new WeakMap<Pod, PodInfo>();
  private seq = 0;

  get(pod: Pod): PodInfo {
    let info = this.infos.get(pod);
    if (!info) {
      info = computePodInfo(pod, ++this.seq);
      this.infos.set(pod, info);
    }
    return info;
  }
}

function asArray<T>(v: T[] | null | undefined): T[] {
  return Array.isArray(v) ? v : [];
}

const isObject = <T extends object>(v: T | null | undefined): v is T => !!v && typeof v === 'object';

/** `normalizedImageName` (imagelocality): append ":latest" when the name has no tag. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest';
  return name;
}

/** Required terms, or (with weights) preferred ones. */
type AffinityTerms = { weighted: false; terms: PodAffinityTerm[] | undefined } | { weighted: true; terms: WeightedPodAffinityTerm[] | undefined };

function parseAffinityTerms(pod: Pod, given: AffinityTerms): AffinityTerm[] {
  const out: AffinityTerm[] = [];
  const ns = pod.metadata?.namespace || 'default';
  const labels = pod.metadata?.labels ?? {};
  const entries: Array<{ term: PodAffinityTerm | undefined; weight: number }> = given.weighted
    ? asArray(given.terms).filter(isObject).map((w) => ({ term: w.podAffinityTerm, weight: Number(w.weight) || 0 }))
    : asArray(given.terms).map((term) => ({ term, weight: 1 }));
  for (const { term: t, weight } of entries) {
    if (!isObject(t)) continue;
    let selector = selectorFromLabelSelector(t.labelSelector);
    // matchLabelKeys / mismatchLabelKeys (GA in 1.33): merged into the selector using the incoming pod's labels.
    const extra: Requirement[] = [];
    for (const k of asArray(t.matchLabelKeys)) if (typeof k === 'string' && k in labels) extra.push(newRequirement(k, 'in', [labels[k]]).requirement!);
    for (const k of asArray(t.mismatchLabelKeys)) if (typeof k === 'string' && k in labels) extra.push(newRequirement(k, 'notin', [labels[k]]).requirement!);
    if (extra.length && !selector.nothing) selector = new Selector([...selector.requirements, ...extra.filter(Boolean)]);
    const namespaces = new Set<string>(asArray(t.namespaces).filter((x) => typeof x === 'string'));
    const namespaceSelector = t.namespaceSelector != null ? selectorFromLabelSelector(t.namespaceSelector) : undefined;
    if (namespaces.size === 0 && !namespaceSelector) namespaces.add(ns);
    out.push({ selector, namespaces, namespaceSelector, topologyKey: String(t.topologyKey ?? ''), weight });
  }
  return out;
}

/** The scheduler's view of one pod; `seq` is its arrival order (PodInfoTable). */
function computePodInfo(pod: Pod, seq: number): PodInfo {
  const spec = pod.spec ?? ({ containers: [] } as unknown as Pod['spec']);
  const req = podRequests(spec);
  const nonZero = podRequests(spec, { nonMissing: true });
  const scalars: Array<[string, number]> = [];
  for (const [k, v] of Object.entries(req)) if (k !== 'cpu' && k !== 'memory' && k !== 'ephemeral-storage' && v > 0) scalars.push([k, v]);
  const initContainers = asArray(spec.initContainers).filter(isObject);
  const containers: Container[] = [...initContainers, ...asArray(spec.containers).filter(isObject)];
  const hostPorts: HostPort[] = [];
  // Host ports of regular and sidecar (restartPolicy Always) containers; a plain init
  // container has exited before the others start (nodeports/node_ports.go, v1.32+).
  for (const c of containers) {
    if (c.restartPolicy !== 'Always' && initContainers.includes(c)) continue;
    for (const p of asArray(c.ports).filter(isObject)) {
      const hp = Number(p.hostPort);
      if (hp > 0) hostPorts.push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: hp });
    }
  }
  const aff = spec.affinity ?? {};
  const namespace = pod.metadata?.namespace || 'default';
  const info: PodInfo = {
    pod,
    key: `${namespace}/${pod.metadata?.name ?? ''}`,
    namespace,
    name: pod.metadata?.name ?? '',
    labels: pod.metadata?.labels ?? {},
    priority: typeof spec.priority === 'number' ? spec.priority : 0,
    cpu: req.cpu ?? 0,
    memory: req.memory ?? 0,
    ephemeralStorage: req['ephemeral-storage'] ?? 0,
    scalars,
    nonZeroCpu: nonZero.cpu ?? 0,
    nonZeroMemory: nonZero.memory ?? 0,
    hostPorts,
    tolerations: asArray<Toleration>(spec.tolerations).filter(isObject),
    requiredAffinityTerms: parseAffinityTerms(pod, { weighted: false, terms: aff?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution }),
    requiredAntiAffinityTerms: parseAffinityTerms(pod, { weighted: false, terms: aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution }),
    preferredAffinityTerms: parseAffinityTerms(pod, { weighted: true, terms: aff?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution }),
    preferredAntiAffinityTerms: parseAffinityTerms(pod, { weighted: true, terms: aff?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution }),
    images: containers.map((c) => c.image).filter((i): i is string => typeof i === 'string' && i !== '').map(normalizedImageName),
    seq,
  };
  return info;
}

export function hasAffinityTerms(p: PodInfo): boolean {
  return p.requiredAffinityTerms.length + p.requiredAntiAffinityTerms.length + p.preferredAffinityTerms.length + p.preferredAntiAffinityTerms.length > 0;
}

/** Does `term` (declared by a pod in `term`'s namespace set) select pod `p`? */
export function termMatches(term: AffinityTerm, p: PodInfo, namespaceLabels?: (ns: string) => Record<string, string> | undefined): boolean {
  if (!term.namespaces.has(p.namespace)) {
    if (!term.namespaceSelector) return false;
    if (!term.namespaceSelector.isEverything() && !term.namespaceSelector.matches(namespaceLabels?.(p.namespace) ?? {})) return false;
  }
  return term.selector.matches(p.labels);
}

export class NodeInfo {
  readonly name: string;
  labels: Record<string, string>;
  allocCpu = 0;
  allocMemory = 0;
  allocEphemeral = 0;
  allocPods = 0;
  allocScalars = new Map<string, number>();
  reqCpu = 0;
  reqMemory = 0;
  reqEphemeral = 0;
  reqScalars = new Map<string, number>();
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  pods: PodInfo[] = [];
  /** pods.length, kept as a plain number so filter loops need not touch the array. */
  podCount = 0;
  private podIndex = new Map<string, number>();
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  usedPorts: HostPort[] = [];
  /** NoSchedule and NoExecute taints (TaintToleration filter). */
  filterTaints: Taint[] = [];
  /** filterTaints.length, for the same reason as podCount. */
  filterTaintCount = 0;
  preferNoScheduleTaints: Taint[] = [];
  unschedulable = false;
  images = new Map<string, number>();
  /** Position in the scheduler's node list. */
  index = -1;

  constructor(public node: Node) {
    this.name = node.metadata?.name ?? '';
    this.labels = {};
    this.setNode(node);
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata?.labels ?? {};
    const alloc = nodeAllocatable(node.status);
    this.allocCpu = alloc.cpu ?? 0;
    this.allocMemory = alloc.memory ?? 0;
    this.allocEphemeral = alloc['ephemeral-storage'] ?? 0;
    this.allocPods = alloc.pods ?? 0;
    this.allocScalars = new Map(Object.entries(alloc).filter(([k]) => k !== 'cpu' && k !== 'memory' && k !== 'ephemeral-storage' && k !== 'pods'));
    const taints = asArray<Taint>(node.spec?.taints).filter(isObject);
    this.filterTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.filterTaintCount = this.filterTaints.length;
    this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    this.unschedulable = node.spec?.unschedulable === true;
    this.images = new Map();
    for (const img of asArray(node.status?.images).filter(isObject)) {
      const size = Number(img.sizeBytes) || 0;
      for (const n of asArray(img.names)) if (typeof n === 'string') this.images.set(n, size);
    }
  }

  hasPod(key: string): boolean {
    return this.podIndex.has(key);
  }

  addPod(p: PodInfo): void {
    if (this.podIndex.has(p.key)) return;
    this.podIndex.set(p.key, this.pods.length);
    this.pods.push(p);
    this.podCount = this.pods.length;
    this.applyPod(p, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const i = this.podIndex.get(key);
    if (i === undefined) return undefined;
    const p = this.pods[i];
    const last = this.pods.pop()!;
    if (last !== p) {
      this.pods[i] = last;
      this.podIndex.set(last.key, i);
    }
    this.podIndex.delete(key);
    this.podCount = this.pods.length;
    this.applyPod(p, -1);
    return p;
  }

  private applyPod(p: PodInfo, sign: 1 | -1): void {
    this.reqCpu += sign * p.cpu;
    this.reqMemory += sign * p.memory;
    this.reqEphemeral += sign * p.ephemeralStorage;
    this.nonZeroCpu += sign * p.nonZeroCpu;
    this.nonZeroMemory += sign * p.nonZeroMemory;
    for (const [k, v] of p.scalars) this.reqScalars.set(k, (this.reqScalars.get(k) ?? 0) + sign * v);
    if (hasAffinityTerms(p)) this.podsWithAffinity += sign;
    if (p.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity += sign;
    if (p.hostPorts.length) {
      if (sign > 0) this.usedPorts.push(...p.hostPorts);
      else for (const hp of p.hostPorts) {
        const i = this.usedPorts.indexOf(hp);
        if (i >= 0) this.usedPorts.splice(i, 1);
      }
    }
  }

  /** A copy with its own pod list and totals, for preemption dry runs. */
  clone(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    Object.assign(c, this);
    c.allocScalars = this.allocScalars;
    c.reqScalars = new Map(this.reqScalars);
    c.pods = [...this.pods];
    c.podIndex = new Map(this.podIndex);
    c.usedPorts = [...this.usedPorts];
    return c;
  }
}
