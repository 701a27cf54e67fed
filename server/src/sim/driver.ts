// The simulation driver: applies manifests through the API server in
// dependency order, then runs the controllers, the scheduler and the kubelets
// in rounds until the cluster settles, advancing the fixed clock only when
// something is waiting on time (Job pods finishing, toleration timeouts,
// pods becoming available after minReadySeconds).

import { applyObject } from './apiserver';
import { KUBERNETES_SERVICE_IP } from './apiserver/allocators';
import { completeNode, defaultNodes } from './cluster';
import { syncCronJobs } from './controllers/cronjob';
import { syncDaemonSets } from './controllers/daemonset';
import { syncDeployments } from './controllers/deployment';
import { syncEndpoints } from './controllers/endpoints';
import { collectGarbage } from './controllers/gc';
import { syncHorizontalPodAutoscalers } from './controllers/hpa';
import { syncJobs } from './controllers/job';
import { syncNodeLifecycle } from './controllers/nodelifecycle';
import { syncDisruptionBudgets } from './controllers/pdb';
import { syncReplicaSets } from './controllers/replicaset';
import { syncReplicationControllers } from './controllers/replicationcontroller';
import { syncStatefulSets } from './controllers/statefulset';
import { syncVolumes } from './controllers/volumes';
import type { InputObject } from './input';
import { syncKubelets } from './kubelet';
import { scheduleRound, type SchedulerFactory } from './schedule';
import { PodInfoTable } from './scheduler/nodeinfo';
import { BUILTIN_NAMESPACES } from './apiserver/admission';
import { deleteObject, isClusterScoped, keyOf, newState, warn, type SimState } from './state';
import { isScalable, type DefaultClusterOptions, type Node } from './types';

export interface DriverOptions {
  cluster: DefaultClusterOptions;
  scheduler: SchedulerFactory;
  /** Cap on pods the controllers may create (default 200,000). */
  maxPods?: number;
  /** Cap on controller rounds (default 20,000). */
  maxRounds?: number;
  /** Cancellation: checked between rounds. */
  isCancelled?: () => boolean;
  /** A namespace the manifests do not define rejects its objects (kubectl on an empty cluster). Default: such namespaces are assumed to exist. */
  strictNamespaces?: boolean;
}

/**
 * Namespaces the inputs put objects in that neither every cluster has nor a
 * Namespace object of the inputs defines, sorted: the cluster is assumed to
 * have them (created by `kubectl create ns`, Helm's --create-namespace or a
 * platform team), so their objects are not rejected.
 */
export function undefinedNamespaces(inputs: InputObject[]): string[] {
  const defined = new Set<string>(BUILTIN_NAMESPACES);
  for (const { object } of inputs) if (object.kind === 'Namespace' && typeof object.metadata?.name === 'string') defined.add(object.metadata.name);
  const used = new Set<string>();
  for (const { object } of inputs) {
    const ns = object.metadata?.namespace;
    if (typeof object.kind !== 'string' || isClusterScoped(object.kind) || typeof ns !== 'string' || ns === '' || defined.has(ns)) continue;
    used.add(ns);
  }
  return [...used].sort();
}

/** Simulated time the driver may skip ahead while waiting for timers (7 days). */
const TIME_HORIZON_MS = 7 * 24 * 3600 * 1000;

const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export class SimulationCancelled extends Error {
  constructor() {
    super('simulation cancelled');
  }
}

/** Installs the cluster's nodes: the manifests' Nodes if any, else the default cluster. */
export function installNodes(state: SimState, inputs: InputObject[], cluster: DefaultClusterOptions): InputObject[] {
  const nodeInputs = inputs.filter((i) => i.object.kind === 'Node');
  const rest = inputs.filter((i) => i.object.kind !== 'Node');
  const nodes: Array<{ node: Node; source?: InputObject['source']; decodeFailure?: string }> =
    nodeInputs.length > 0 ? nodeInputs.map((i) => ({ node: structuredClone(i.object) as Node, source: i.source, decodeFailure: i.decodeFailure })) : defaultNodes(cluster).map((node) => ({ node }));
  nodes.forEach(({ node, source, decodeFailure }, index) => {
    if (node.metadata && typeof node.metadata.name === 'string') completeNode(node, index, cluster);
    const res = applyObject(state, node, source, decodeFailure);
    if (!res.ok) state.rejected.push({ kind: 'Node', name: String(node.metadata?.name ?? ''), message: res.message, source });
  });
  state.clusterIPs.add(KUBERNETES_SERVICE_IP);
  return rest;
}

/** Applies manifests as `kubectl apply` would; rejected objects are recorded with their message. */
export function applyInputs(state: SimState, inputs: InputObject[]): Set<string> {
  const applied = new Set<string>();
  for (const { object, source, decodeFailure } of inputs) {
    const kind = typeof object.kind === 'string' ? object.kind : '';
    const name = typeof object.metadata?.name === 'string' ? object.metadata.name : '';
    const ns = typeof object.metadata?.namespace === 'string' ? object.metadata.namespace : undefined;
    const replicas = isScalable(object) ? object.spec?.replicas : undefined;
    if (REPLICATED.has(kind) && typeof replicas === 'number' && replicas > state.maxPods) {
      state.rejected.push({
        kind,
        namespace: ns ?? 'default',
        name,
        source,
        message: `spec.replicas ${replicas} is more than the simulator's limit of ${state.maxPods} pods; ${kind} ${name} was not simulated`,
      });
      continue;
    }
    const res = applyObject(state, object, source, decodeFailure);
    if (res.ok) applied.add(keyOf(res.object.kind, res.object.metadata.namespace, res.object.metadata.name));
    else state.rejected.push({ kind, namespace: kind === '' || kind === 'Namespace' || isClusterScoped(kind) ? undefined : (ns ?? 'default'), name, message: res.message, source });
  }
  return applied;
}

/** Runs controller rounds until nothing changes (or a cap is hit). */
export function settle(state: SimState, opts: DriverOptions): void {
  const maxRounds = opts.maxRounds ?? 20_000;
  const start = state.clock;
  // The scheduler's per-pod views, reused by every round of this run (pods keep their objects across rounds).
  const podInfos = new PodInfoTable();
  for (let round = 0; round < maxRounds; round++) {
    if (opts.isCancelled?.()) throw new SimulationCancelled();
    let changed = false;
    state.wakeAt = undefined;
    changed = syncHorizontalPodAutoscalers(state) || changed;
    changed = syncDeployments(state) || changed;
    changed = syncReplicaSets(state) || changed;
    changed = syncReplicationControllers(state) || changed;
    changed = syncStatefulSets(state) || changed;
    changed = syncDaemonSets(state) || changed;
    changed = syncCronJobs(state) || changed;
    changed = syncJobs(state) || changed;
    changed = syncVolumes(state) || changed;
    changed = scheduleRound(state, opts.scheduler, podInfos) || changed;
    changed = syncVolumes(state) || changed; // WaitForFirstConsumer claims of just-scheduled pods
    const kubelet = syncKubelets(state);
    const lifecycle = syncNodeLifecycle(state);
    changed = kubelet.changed || lifecycle.changed || changed;
    changed = collectGarbage(state) || changed;
    changed = syncEndpoints(state) || changed;
    syncDisruptionBudgets(state);
    if (changed) continue;
    const wake = [kubelet.wakeAt, lifecycle.wakeAt, state.wakeAt].filter((t): t is number => t !== undefined);
    if (wake.length === 0) return;
    const next = Math.min(...wake);
    if (next - start > TIME_HORIZON_MS) {
      warn(state, 'simulated time reached 7 days with work still pending; the simulation stopped there');
      return;
    }
    state.clock = Math.max(state.clock, next);
  }
  warn(state, `the simulation stopped after ${maxRounds} controller rounds without settling`);
}

export interface SimulationRun {
  state: SimState;
  /** Keys of objects applied from the current manifests. */
  applied: Set<string>;
  /** Keys of objects applied from the baseline. */
  baselineApplied?: Set<string>;
}

/**
 * The whole pipeline. With a baseline, the baseline is applied and settled
 * first, then the current manifests are applied over it (objects missing from
 * them are deleted) and the changes play out: rollouts are recorded then.
 */
export function runSimulation(inputs: InputObject[], opts: DriverOptions, baseline?: InputObject[]): SimulationRun {
  const state = newState(opts.maxPods);
  state.strictNamespaces = opts.strictNamespaces === true;
  if (!state.strictNamespaces) state.assumedNamespaces = undefinedNamespaces([...inputs, ...(baseline ?? [])]);
  const nodeSource = inputs.some((i) => i.object.kind === 'Node') || !baseline ? inputs : baseline;
  const rest = installNodes(state, nodeSource, opts.cluster);
  const current = nodeSource === inputs ? rest : inputs.filter((i) => i.object.kind !== 'Node');
  if (!baseline) {
    const applied = applyInputs(state, current);
    settle(state, opts);
    return { state, applied };
  }
  const baseRest = baseline.filter((i) => i.object.kind !== 'Node');
  const baselineApplied = applyInputs(state, baseRest);
  settle(state, opts);
  // What follows is "the apply": its events, rejections and rollouts are the report.
  state.events = [];
  state.eventIndex = new Map();
  state.rejected = [];
  state.warnings = [];
  const applied = applyInputs(state, current);
  for (const key of baselineApplied) {
    if (applied.has(key)) continue;
    const obj = state.objects.get(key);
    if (obj) deleteObject(state, obj);
  }
  settle(state, opts);
  return { state, applied, baselineApplied };
}

