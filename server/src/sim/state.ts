// The simulated cluster's state: an object store keyed by kind/namespace/name,
// plus events, rejections and the fixed clock. Plain data (Maps and objects) so
// what-if operations can `structuredClone` it and stay pure.

import type { SchemaRegistry } from '../schema';
import type { KindMap, ApiObject, RejectedObject, Rollout, SimEvent, SourceRef, TypedKind } from './types';

/** The simulation's fixed "now": every run starts here, so output is reproducible. */
export const SIM_EPOCH_MS = Date.UTC(2025, 0, 1, 0, 0, 0);

export interface SimWarning {
  message: string;
  source?: SourceRef;
}

/**
 * The CronJob controller's simulation bookkeeping for one CronJob (kept out of
 * its status because the real controller has no such fields): Jobs started,
 * a run owed under Forbid, and the offset between the schedule and the
 * simulated clock (the first run starts at once).
 */
export interface CronJobProgress {
  runs: number;
  owed: boolean;
  shift: number;
}

/** A manifest document the simulator did not apply as an object, and why. */
export interface SkippedDocument {
  source: SourceRef;
  /** The document's kind and name when it has them. */
  kind?: string;
  name?: string;
  reason: string;
}

export interface SimState {
  /** Milliseconds since the Unix epoch; advances as simulated time passes. */
  clock: number;
  objects: Map<string, ApiObject>;
  /** kind -> keys of its objects (insertion order), so listing a kind is not a scan of everything. */
  byKind: Map<string, Set<string>>;
  /** Object key -> the manifest that caused it. */
  sources: Map<string, SourceRef>;
  events: SimEvent[];
  /** object+reason+message -> index in `events`, for aggregating repeats. */
  eventIndex: Map<string, number>;
  rejected: RejectedObject[];
  warnings: SimWarning[];
  /**
   * Namespaces the manifests use without defining them, taken to exist (most
   * repositories do not carry their Namespace objects). Empty with strict namespaces.
   */
  assumedNamespaces: string[];
  /** True when a missing namespace rejects objects, as on an empty cluster. */
  strictNamespaces: boolean;
  /** Documents of the workspace that were not applied (patches, templates), with the reason. */
  skipped: SkippedDocument[];
  /** Monotonic counters: uids, name seeds, creation order. */
  counters: Map<string, number>;
  /** CronJob key -> its controller's bookkeeping. Lives here so a what-if's clone carries it. */
  cronJobs: Map<string, CronJobProgress>;
  /** Deployment key -> rollout record (when a template changed). */
  rollouts: Map<string, Rollout>;
  /** Allocated Service ClusterIPs and NodePorts. */
  clusterIPs: Set<string>;
  nodePorts: Set<number>;
  /** Node name -> next pod IP host number in its /24. */
  podIPNext: Map<string, number>;
  /** Cap on the number of pods the controllers may create. */
  maxPods: number;
  /** Set when a cap stopped a controller: reported once. */
  capped?: string;
  /** Earliest simulated time a controller is waiting for (e.g. a pod becoming available); reset each round. */
  wakeAt?: number;
  /**
   * Derived, not state: the kinds served with the CRDs `crds` (sim/apiserver). Rebuilt
   * when the stored CRD objects differ; cloneState leaves it out (a clone rebuilds it).
   */
  servedKinds?: { crds: readonly ApiObject[]; registry: SchemaRegistry };
}

/** A controller asks to be woken at `at` (the driver skips the clock there when idle). */
export function requestWake(state: SimState, at: number): void {
  if (at > state.clock && (state.wakeAt === undefined || at < state.wakeAt)) state.wakeAt = at;
}

export function newState(maxPods = 200_000): SimState {
  return {
    clock: SIM_EPOCH_MS,
    objects: new Map(),
    byKind: new Map(),
    sources: new Map(),
    events: [],
    eventIndex: new Map(),
    rejected: [],
    warnings: [],
    assumedNamespaces: [],
    strictNamespaces: false,
    skipped: [],
    counters: new Map(),
    cronJobs: new Map(),
    rollouts: new Map(),
    clusterIPs: new Set(),
    nodePorts: new Set(),
    podIPNext: new Map(),
    maxPods,
  };
}

/** A deep copy: every field of the state is plain data (Maps, Sets, arrays, objects), so nothing is shared. */
export function cloneState(state: SimState): SimState {
  const { servedKinds: _derived, ...data } = state;
  return structuredClone(data);
}

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'IngressClass',
  'RuntimeClass',
  'ClusterIssuer',
  'DeviceClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function keyOf(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${isClusterScoped(kind) ? '' : (namespace ?? 'default')}/${name}`;
}

export function objectKey(obj: ApiObject): string {
  return keyOf(obj.kind, obj.metadata.namespace, obj.metadata.name);
}

/** The stored object of a kind; typed by the kind's name (KindMap). */
export function getObject<K extends TypedKind>(state: SimState, kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined;
export function getObject(state: SimState, kind: string, namespace: string | undefined, name: string): ApiObject | undefined;
export function getObject(state: SimState, kind: string, namespace: string | undefined, name: string): ApiObject | undefined {
  // Objects are stored by kind, so the key's kind is the object's kind (KindMap holds by construction).
  return state.objects.get(keyOf(kind, namespace, name));
}

/** Objects of a kind (optionally in one namespace), in creation order. */
export function listObjects<K extends TypedKind>(state: SimState, kind: K, namespace?: string): Array<KindMap[K]>;
export function listObjects(state: SimState, kind: string, namespace?: string): ApiObject[];
export function listObjects(state: SimState, kind: string, namespace?: string): ApiObject[] {
  const out: ApiObject[] = [];
  for (const key of state.byKind.get(kind) ?? []) {
    const o = state.objects.get(key);
    if (!o) continue;
    if (namespace !== undefined && (o.metadata.namespace ?? 'default') !== namespace) continue;
    out.push(o);
  }
  return out;
}

export function nextCounter(state: SimState, name: string): number {
  const n = (state.counters.get(name) ?? 0) + 1;
  state.counters.set(name, n);
  return n;
}

function timestamp(state: SimState): string {
  return new Date(state.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Stores a new object: assigns uid, creationTimestamp and resourceVersion. */
export function putObject<T extends ApiObject>(state: SimState, obj: T, source?: SourceRef): T {
  const key = objectKey(obj);
  const n = nextCounter(state, 'uid');
  obj.metadata.uid ??= `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  obj.metadata.creationTimestamp ??= timestamp(state);
  obj.metadata.resourceVersion = String(n);
  state.objects.set(key, obj);
  let keys = state.byKind.get(obj.kind);
  if (!keys) state.byKind.set(obj.kind, (keys = new Set()));
  keys.add(key);
  if (source) state.sources.set(key, source);
  return obj;
}

/** Replaces an existing object, keeping its identity. */
export function updateObject(state: SimState, obj: ApiObject): void {
  obj.metadata.resourceVersion = String(nextCounter(state, 'uid'));
  state.objects.set(objectKey(obj), obj);
}

export function deleteObject(state: SimState, obj: ApiObject): void {
  const key = objectKey(obj);
  state.objects.delete(key);
  state.byKind.get(obj.kind)?.delete(key);
  state.sources.delete(key);
  if (obj.kind === 'CronJob') state.cronJobs.delete(key);
}

export function sourceOf(state: SimState, obj: ApiObject): SourceRef | undefined {
  return state.sources.get(objectKey(obj));
}

/** `pod/web-1`, as the OBJECT column of `kubectl get events` shows it. */
export function eventObject(obj: ApiObject): string {
  return `${obj.kind.toLowerCase()}/${obj.metadata.name}`;
}

/**
 * Records an event; repeats (same object, reason and message, or the same
 * `similarKey`) are counted on the first one, as the event correlator does.
 */
export function recordEvent(state: SimState, obj: ApiObject, type: 'Normal' | 'Warning', reason: string, message: string, similarKey?: string): void {
  // Repeats of the same event are counted, as the events API aggregates them.
  const object = eventObject(obj);
  const id = `${object}\u0000${reason}\u0000${similarKey ?? message}`;
  const at = state.eventIndex.get(id);
  if (at !== undefined) {
    const e = state.events[at];
    e.count = (e.count ?? 1) + 1;
    return;
  }
  state.eventIndex.set(id, state.events.length);
  state.events.push({
    type,
    reason,
    object,
    namespace: isClusterScoped(obj.kind) ? undefined : (obj.metadata.namespace ?? 'default'),
    message,
    source: sourceOf(state, obj),
  });
}

export function warn(state: SimState, message: string, source?: SourceRef): void {
  if (!state.warnings.some((w) => w.message === message)) state.warnings.push({ message, source });
}

export function ownerOf(obj: ApiObject): { kind: string; name: string; uid: string } | undefined {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller) ?? obj.metadata.ownerReferences?.[0];
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

export function ownedBy<K extends TypedKind>(state: SimState, kind: K, owner: ApiObject): Array<KindMap[K]> {
  return listObjects(state, kind, owner.metadata.namespace ?? 'default').filter((o) =>
    o.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid),
  );
}

export function controllerRef(owner: ApiObject): { apiVersion: string; kind: string; name: string; uid: string; controller: true; blockOwnerDeletion: true } {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}
