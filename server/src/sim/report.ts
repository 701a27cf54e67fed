// The simulation's result as plain JSON (what `drydock simulate --json` prints
// and the `drydock/simulate` request returns): nodes with their pods and
// usage, pods with placement or the reason they are pending, services with
// endpoints, claims, rollouts, rejections, events and warnings.

import { nextScheduleTimes } from './controllers/cronjob';
import { serviceEndpoints } from './controllers/endpoints';
import { pdbStatus } from './controllers/pdb';
import { isActive } from './controllers/common';
import { nodeIsReady, nodeMatchesPod, nodeTaints, tolerated } from './nodematch';
import { podRequests, nodeAllocatable } from '../k8s/resources';
import { getObject, listObjects, objectKey, type SimState } from './state';
import { isWorkload, type ApiObject, type Node, type ObjectChange, type Pod, type SourceRef, type Workload } from './types';

export interface SourceJson {
  file: string;
  /** 1-based line of the object (or field) that caused this. */
  line: number;
  /** LSP Location (the `drydock/simulate` request adds it). */
  location?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
}

/** Turns an internal SourceRef into what the consumer shows (CLI: path + 1-based line). */
export type SourceFormatter = (s: SourceRef) => SourceJson;

export interface SimulationResult {
  summary: { nodes: number; pods: number; running: number; pending: number; succeeded: number; rejected: number; warnings: number };
  nodes: Array<{
    name: string;
    ready: boolean;
    unschedulable: boolean;
    taints: Array<{ key: string; value?: string; effect: string }>;
    zone?: string;
    allocatable: { cpu: number; memory: number; pods: number };
    requested: { cpu: number; memory: number };
    pods: string[];
    source: SourceJson | null;
  }>;
  pods: Array<{
    namespace: string;
    name: string;
    node: string | null;
    phase: string;
    qosClass: string | null;
    priority: number;
    ip: string | null;
    reason: string | null;
    message: string | null;
    reasons?: string[];
    /** Set on a pod the scheduler could not place: the taints / missing node labels in its way. */
    pendingFacts?: PendingFacts;
    owner: { kind: string; name: string } | null;
    workload: { kind: string; name: string } | null;
    source: SourceJson | null;
  }>;
  workloads: Array<{ kind: string; namespace: string; name: string; desired: number; ready: number; source: SourceJson | null }>;
  services: Array<{
    namespace: string;
    name: string;
    type: string;
    clusterIP: string | null;
    ports: Array<{ name?: string; port: number; targetPort: number | string; nodePort?: number; protocol: string }>;
    endpoints: Array<{ pod: string; ip: string; port: number | null; ready: boolean }>;
    source: SourceJson | null;
  }>;
  persistentVolumeClaims: Array<{ namespace: string; name: string; phase: string; volume: string | null; storageClass: string | null; source: SourceJson | null }>;
  podDisruptionBudgets: Array<{ namespace: string; name: string; currentHealthy: number; desiredHealthy: number; disruptionsAllowed: number }>;
  cronJobs: Array<{ namespace: string; name: string; schedule: string; nextScheduleTimes: string[]; error?: string }>;
  rollouts: Array<{
    namespace: string;
    name: string;
    strategy: string;
    maxSurge: number;
    maxUnavailable: number;
    newReplicaSet: string | null;
    steps: Array<{ newReplicas: number; oldReplicas: number }>;
    complete: boolean;
    minReadySeconds: number;
    /** Simulated seconds from the apply to the rollout's completion (null when it did not complete). */
    durationSeconds: number | null;
    stalled: string | null;
    source: SourceJson | null;
  }>;
  changes: Array<{ change: ObjectChange['change']; kind: string; namespace?: string; name: string; source: SourceJson | null }>;
  rejected: Array<{ kind: string; namespace: string | null; name: string; message: string; source: SourceJson | null }>;
  events: Array<{ type: string; reason: string; object: string; namespace: string | null; message: string; count: number; source: SourceJson | null }>;
  warnings: Array<{ message: string; source: SourceJson | null }>;
  /** Namespaces the manifests use but do not define, assumed to exist (empty with strict namespaces). */
  assumedNamespaces: string[];
  /** True when objects in undefined namespaces were rejected (`--strict-namespaces`). */
  strictNamespaces: boolean;
  /** Documents not simulated as objects (kustomize patches, templates), with why. */
  skipped: Array<{ kind: string | null; name: string | null; reason: string; source: SourceJson | null }>;
}

/**
 * Why an unschedulable pod fits no node, as facts a quick fix can act on (the
 * structured side of the TaintToleration and NodeAffinity filter failures).
 */
export interface PendingFacts {
  /** Untolerated NoSchedule/NoExecute taints of nodes that satisfy the pod's nodeSelector/affinity, with (up to 10 of) the nodes carrying each. */
  untoleratedTaints: Array<{ key: string; value?: string; effect: string; nodes: string[] }>;
  /** The pod's nodeSelector entries that no node carries. */
  missingNodeLabels: Record<string, string>;
}

/** Desired and ready pods of a workload, as `kubectl get` shows them. */
function workloadCounts(o: Workload): { desired: number; ready: number } {
  switch (o.kind) {
    case 'DaemonSet':
      return { desired: o.status?.desiredNumberScheduled ?? 0, ready: o.status?.numberReady ?? 0 };
    case 'Job':
      return { desired: o.spec?.completions ?? 1, ready: o.status?.succeeded ?? 0 };
    case 'CronJob':
      return { desired: 0, ready: 0 };
    default:
      return { desired: o.spec?.replicas ?? 1, ready: o.status?.readyReplicas ?? 0 };
  }
}

/** Most events the report lists (the rest are counted in a warning). */
const MAX_EVENTS = 2000;

function topOwner(state: SimState, obj: ApiObject): { kind: string; name: string } | null {
  let cur: ApiObject | undefined = obj;
  let found: { kind: string; name: string } | null = null;
  for (let depth = 0; cur && depth < 5; depth++) {
    const ref: { kind: string; name: string } | undefined = cur.metadata.ownerReferences?.find((r) => r.controller) ?? cur.metadata.ownerReferences?.[0];
    if (!ref) break;
    found = { kind: ref.kind, name: ref.name };
    cur = getObject(state, ref.kind, obj.metadata.namespace, ref.name);
  }
  return found;
}

function podReason(pod: Pod): { reason: string | null; message: string | null } {
  if (pod.status.phase === 'Pending') {
    const sched = pod.status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (sched) return { reason: sched.reason ?? 'Unschedulable', message: sched.message ?? null };
    if (pod.status.reason) return { reason: pod.status.reason, message: pod.status.message ?? null };
  }
  return { reason: pod.status.reason ?? null, message: pod.status.message ?? null };
}

function byName<T extends { namespace?: string | null; name: string }>(a: T, b: T): number {
  const x = `${a.namespace ?? ''}/${a.name}`;
  const y = `${b.namespace ?? ''}/${b.name}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function buildResult(state: SimState, fmt: SourceFormatter, changes: ObjectChange[] = []): SimulationResult {
  const src = (o: ApiObject) => {
    const s = state.sources.get(objectKey(o));
    return s ? fmt(s) : null;
  };
  const opt = (s?: SourceRef) => (s ? fmt(s) : null);
  const pods = listObjects(state, 'Pod');
  const nodes = listObjects(state, 'Node');
  const nodeRows = nodes.map((n) => {
    const alloc = nodeAllocatable(n.status);
    const here = pods.filter((p) => p.spec.nodeName === n.metadata.name && isActive(p));
    const requested = { cpu: 0, memory: 0 };
    for (const p of here) {
      const r = podRequests(p.spec);
      requested.cpu += r.cpu ?? 0;
      requested.memory += r.memory ?? 0;
    }
    return {
      name: n.metadata.name,
      ready: nodeIsReady(n),
      unschedulable: n.spec?.unschedulable === true,
      taints: nodeTaints(n).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect })),
      zone: n.metadata.labels?.['topology.kubernetes.io/zone'],
      allocatable: { cpu: alloc.cpu ?? 0, memory: alloc.memory ?? 0, pods: alloc.pods ?? 0 },
      requested,
      pods: here.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort(),
      source: src(n),
    };
  });
  const factsOf = pendingFactsFinder(nodes);
  const podRows = pods
    .map((p) => {
      const facts = p.status.phase === 'Pending' && !p.spec.nodeName ? factsOf(p) : undefined;
      const ref = p.metadata.ownerReferences?.find((r) => r.controller);
      return {
        namespace: p.metadata.namespace ?? 'default',
        name: p.metadata.name,
        node: p.spec.nodeName ?? null,
        phase: p.status.phase,
        qosClass: p.status.qosClass ?? null,
        priority: p.spec.priority ?? 0,
        ip: p.status.podIP ?? null,
        ...podReason(p),
        ...(Array.isArray(p.status.reasons) && p.status.phase === 'Pending' && !p.spec.nodeName ? { reasons: p.status.reasons as string[] } : {}),
        ...(facts ? { pendingFacts: facts } : {}),
        owner: ref ? { kind: ref.kind, name: ref.name } : null,
        workload: topOwner(state, p),
        source: src(p),
      };
    })
    .sort(byName);
  const workloads = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']
    .flatMap((kind) => listObjects(state, kind).filter((o) => kind !== 'ReplicaSet' || !o.metadata.ownerReferences?.length).filter((o) => kind !== 'Job' || !o.metadata.ownerReferences?.length))
    .filter(isWorkload)
    .map((o) => ({
      kind: o.kind,
      namespace: o.metadata.namespace ?? 'default',
      name: o.metadata.name,
      ...workloadCounts(o),
      source: src(o),
    }));
  const services = listObjects(state, 'Service')
    .map((s) => {
      const ports = (Array.isArray(s.spec?.ports) ? s.spec.ports : []).filter((p) => !!p && typeof p === "object");
      const endpoints = serviceEndpoints(state, s).flatMap((a): Array<{ pod: string; ip: string; port: number | null; ready: boolean }> =>
        a.ports.length ? a.ports.map((p) => ({ pod: a.pod, ip: a.ip, port: p.port, ready: a.ready })) : [{ pod: a.pod, ip: a.ip, port: null, ready: a.ready }],
      );
      return {
        namespace: s.metadata.namespace ?? 'default',
        name: s.metadata.name,
        type: s.spec?.type ?? 'ClusterIP',
        clusterIP: s.spec?.clusterIP ?? null,
        ports: ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.port, targetPort: p.targetPort ?? p.port, ...(p.nodePort ? { nodePort: p.nodePort } : {}), protocol: p.protocol ?? 'TCP' })),
        endpoints,
        source: src(s),
      };
    })
    .sort(byName);
  const pvcs = listObjects(state, 'PersistentVolumeClaim')
    .map((c) => ({
      namespace: c.metadata.namespace ?? 'default',
      name: c.metadata.name,
      phase: c.status?.phase ?? 'Pending',
      volume: c.spec?.volumeName ?? null,
      storageClass: c.spec?.storageClassName ?? null,
      source: src(c),
    }))
    .sort(byName);
  const pdbs = listObjects(state, 'PodDisruptionBudget').map((p) => {
    const s = pdbStatus(state, p);
    return { namespace: p.metadata.namespace ?? 'default', name: p.metadata.name, currentHealthy: s.currentHealthy, desiredHealthy: s.desiredHealthy, disruptionsAllowed: s.disruptionsAllowed };
  });
  const cronJobs = listObjects(state, 'CronJob').map((cj) => {
    const times = nextScheduleTimes(cj, state.clock, 3);
    return {
      namespace: cj.metadata.namespace ?? 'default',
      name: cj.metadata.name,
      schedule: String(cj.spec?.schedule ?? ''),
      nextScheduleTimes: Array.isArray(times) ? times.map((t) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')) : [],
      ...(Array.isArray(times) ? {} : { error: times.error }),
    };
  });
  const rollouts = [...state.rollouts.values()].map((r) => ({
    namespace: r.namespace,
    name: r.name,
    strategy: r.strategy,
    maxSurge: r.maxSurge,
    maxUnavailable: r.maxUnavailable,
    newReplicaSet: r.newReplicaSet ?? null,
    steps: r.steps.map((s) => ({ newReplicas: s.newReplicas, oldReplicas: s.oldReplicas })),
    complete: r.complete,
    minReadySeconds: r.minReadySeconds ?? 0,
    durationSeconds: r.complete && r.startedAt !== undefined && r.finishedAt !== undefined ? (r.finishedAt - r.startedAt) / 1000 : null,
    stalled: r.complete ? null : (r.stalled ?? stallReason(state, r.namespace, r.newReplicaSet)),
    source: opt(r.source),
  }));
  const warnings = state.warnings.map((w) => ({ message: w.message, source: opt(w.source) }));
  if (state.events.length > MAX_EVENTS) warnings.push({ message: `${state.events.length - MAX_EVENTS} more events are not listed`, source: null });
  const running = podRows.filter((p) => p.phase === 'Running').length;
  return {
    summary: {
      nodes: nodeRows.length,
      pods: podRows.length,
      running,
      pending: podRows.filter((p) => p.phase === 'Pending').length,
      succeeded: podRows.filter((p) => p.phase === 'Succeeded').length,
      rejected: state.rejected.length,
      warnings: warnings.length,
    },
    nodes: nodeRows,
    pods: podRows,
    workloads,
    services,
    persistentVolumeClaims: pvcs,
    podDisruptionBudgets: pdbs,
    cronJobs,
    rollouts,
    changes: changes.map((c) => ({ change: c.change, kind: c.kind, ...(c.namespace ? { namespace: c.namespace } : {}), name: c.name, source: opt(c.source) })),
    rejected: state.rejected.map((r) => ({ kind: r.kind, namespace: r.namespace ?? null, name: r.name, message: r.message, source: opt(r.source) })),
    events: state.events.slice(0, MAX_EVENTS).map((e) => ({ type: e.type, reason: e.reason, object: e.object, namespace: e.namespace ?? null, message: e.message, count: e.count ?? 1, source: opt(e.source) })),
    warnings,
    assumedNamespaces: [...state.assumedNamespaces],
    strictNamespaces: state.strictNamespaces,
    skipped: state.skipped.map((d) => ({ kind: d.kind ?? null, name: d.name ?? null, reason: d.reason, source: opt(d.source) })),
  };
}

/** Why an unfinished rollout stopped: its new pods' scheduling failure, if any. */
function stallReason(state: SimState, namespace: string, rsName?: string): string | null {
  if (!rsName) return null;
  const pending = listObjects(state, 'Pod', namespace).find(
    (p) => p.status.phase === 'Pending' && p.metadata.ownerReferences?.some((r) => r.name === rsName && r.kind === 'ReplicaSet'),
  );
  if (!pending) return 'the rollout did not finish';
  const { message } = podReason(pending);
  return `new pods cannot start: ${message ?? 'pending'}`;
}

/** Nodes listed per untolerated taint in PendingFacts. */
const MAX_FACT_NODES = 10;

/**
 * PendingFacts of unschedulable pods, computed once per distinct scheduling
 * constraints (the replicas of one workload share them). Mirrors the scheduler's
 * filters: TaintToleration (NoSchedule/NoExecute taints) and NodeAffinity's
 * nodeSelector check.
 */
function pendingFactsFinder(nodes: Node[]): (pod: Pod) => PendingFacts | undefined {
  const memo = new Map<string, PendingFacts | undefined>();
  return (pod) => {
    const sched = pod.status.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
    if (sched?.reason !== 'Unschedulable' || nodes.length === 0) return undefined;
    const spec = pod.spec;
    const key = JSON.stringify([spec.tolerations ?? null, spec.nodeSelector ?? null, spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null]);
    if (memo.has(key)) return memo.get(key);
    const taints = new Map<string, PendingFacts['untoleratedTaints'][number]>();
    const selector = spec.nodeSelector && typeof spec.nodeSelector === 'object' && !Array.isArray(spec.nodeSelector) ? spec.nodeSelector : {};
    const missing = new Map(Object.entries(selector).map(([k, v]) => [k, String(v)]));
    for (const n of nodes) {
      const labels = n.metadata.labels ?? {};
      for (const [k, v] of missing) if (labels[k] === v) missing.delete(k);
      if (n.spec?.unschedulable === true || !nodeMatchesPod(spec, n)) continue;
      for (const t of nodeTaints(n)) {
        if ((t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerated(spec.tolerations, t)) continue;
        const id = `${t.key}=${t.value ?? ''}:${t.effect}`;
        let entry = taints.get(id);
        if (!entry) taints.set(id, (entry = { key: t.key, ...(t.value !== undefined && t.value !== '' ? { value: String(t.value) } : {}), effect: t.effect, nodes: [] }));
        if (entry.nodes.length < MAX_FACT_NODES) entry.nodes.push(n.metadata.name);
      }
    }
    const facts = taints.size > 0 || missing.size > 0 ? { untoleratedTaints: [...taints.values()], missingNodeLabels: Object.fromEntries(missing) } : undefined;
    memo.set(key, facts);
    return facts;
  };
}
