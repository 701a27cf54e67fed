// Shapes shared by the scheduler framework and its plugins. Mirrors
// kube-scheduler's framework interfaces (staging/src/k8s.io/kube-scheduler/framework)
// in a reduced, synchronous form.

import type { LabelSelector, Taint } from '../types';
import type { NodeInfo, PodInfo } from './nodeinfo';
import type { MatchCounts } from './matchindex';
import type { TopologyDomains } from './topologyIndex';
import type { Selector } from '../../k8s/selector';

/** Status codes a Filter/PreFilter can reject with (framework.Code). */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Error';

export interface Status {
  code: StatusCode;
  /** Upstream reason strings, e.g. "Insufficient cpu" (one per short resource for NodeResourcesFit). */
  reasons: string[];
  /** Plugin that rejected. */
  plugin: string;
  /** TaintToleration: the first untolerated taint. */
  taint?: Taint;
  /** NodeAffinity: the pod's nodeSelector entries the node does not satisfy. */
  missingNodeLabels?: Record<string, string>;
}

export function reject(plugin: string, code: StatusCode, ...reasons: string[]): Status {
  return { code, reasons, plugin };
}

/** Per-cycle scratch data, keyed by plugin name. */
export type CycleState = Map<string, unknown>;

/** Data the scheduler needs from the rest of the cluster (supplied by the simulation driver). All optional. */
export interface SchedulerLookups {
  persistentVolumeClaim?(namespace: string, name: string): PersistentVolumeClaimLike | undefined;
  persistentVolume?(name: string): PersistentVolumeLike | undefined;
  /** All PVs, for matching unbound WaitForFirstConsumer claims. */
  persistentVolumes?(): PersistentVolumeLike[];
  storageClass?(name: string): StorageClassLike | undefined;
  /** PodDisruptionBudgets of a namespace, for preemption. */
  podDisruptionBudgets?(namespace: string): PodDisruptionBudgetLike[];
  /** Services of a namespace (for PodTopologySpread's system default constraints). */
  services?(namespace: string): Array<{ selector?: Record<string, string> | null }>;
  /** ReplicaSets, StatefulSets (label selectors) of a namespace. */
  replicaSets?(namespace: string): Array<{ selector?: LabelSelector | null }>;
  statefulSets?(namespace: string): Array<{ selector?: LabelSelector | null }>;
  /** Labels of a namespace (affinity terms with a namespaceSelector). */
  namespaceLabels?(namespace: string): Record<string, string> | undefined;
  /** ReplicationControllers (map selectors). */
  replicationControllers?(namespace: string): Array<{ selector?: Record<string, string> | null }>;
}

export interface PersistentVolumeClaimLike {
  name: string;
  namespace: string;
  storageClassName?: string | null;
  /** spec.volumeName once bound. */
  volumeName?: string;
  phase?: 'Pending' | 'Bound' | 'Lost';
  accessModes?: string[];
  /** requested storage in bytes */
  request?: number;
  deleting?: boolean;
}

export interface PersistentVolumeLike {
  name: string;
  storageClassName?: string;
  capacity?: number;
  accessModes?: string[];
  /** spec.claimRef namespace/name if bound or pre-bound */
  claimRef?: { namespace: string; name: string };
  /** spec.nodeAffinity.required (a NodeSelector) */
  nodeAffinity?: { nodeSelectorTerms?: unknown[] } | null;
  phase?: string;
}

export interface StorageClassLike {
  name: string;
  provisioner?: string;
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowedTopologies?: unknown[];
}

export interface PodDisruptionBudgetLike {
  name: string;
  namespace: string;
  selector?: LabelSelector | null;
  /** status.disruptionsAllowed */
  disruptionsAllowed: number;
}

export interface PreFilterResult {
  /** Nodes the pod may go to (null = all). */
  nodeNames?: Set<string>;
}

/**
 * A check the framework's Filter loop may evaluate inline, without calling the plugin,
 * in the common case; when the shortcut cannot decide, the plugin's `passes`/`filter`
 * is called. The verdict is the plugin's either way.
 * - `mask`: PreFilter stored a Uint8Array of per-node verdicts (by NodeInfo.index) under
 *   `stateKey`; 0 = the node fails. Absent from the state = no shortcut this cycle.
 * - `passesWithoutFilterTaints`: every node with `filterTaintCount === 0` passes.
 * - `passesWithRoomForRequests`: a pod without extended resources passes on a node with
 *   room for one more pod and its cpu, memory and ephemeral-storage requests.
 */
export type FilterShortcut = { kind: 'mask'; stateKey: string } | { kind: 'passesWithoutFilterTaints' } | { kind: 'passesWithRoomForRequests' };

/** One node's Filter rejection, as PostFilter plugins see it. */
export interface FilterFailure {
  node: string;
  code: StatusCode;
  reasons: string[];
}

/** What the framework hands a PostFilter plugin. */
export interface PostFilterEnv {
  allNodes: readonly NodeInfo[];
  lookups: SchedulerLookups;
  /** False when a PreFilter rejected the pod: no node can be helped. */
  canDryRun: boolean;
  /** The cycle's Filter plugins run on one node (with nominated pods counted). */
  runFilters(node: NodeInfo): Status | undefined;
}

/** PostFilter outcome: `reasons` join into the FitError's PostFilter message; `nominatedNode` ends the chain. */
export interface PostFilterResult {
  reasons: string[];
  nominatedNode?: string;
  /** Plugin-specific details kept on the failure (DefaultPreemption's victims and dry runs). */
  details?: unknown;
}

export interface Plugin {
  readonly name: string;
  /** PreEnqueue: the message that keeps the pod out of the scheduling queue, or undefined. */
  preEnqueue?(pod: PodInfo): string | undefined;
  /** QueueSort: negative when `a` is scheduled before `b`. */
  queueSort?(a: PodInfo, b: PodInfo): number;
  /** False when this plugin's Filter cannot reject `pod` in this cluster state (the Filter loop then leaves it out). */
  filterRelevant?(pod: PodInfo, ctx: CycleContext): boolean;
  filterShortcut?: FilterShortcut;
  /** PostFilter: runs when no node fits the pod. */
  postFilter?(pod: PodInfo, failures: readonly FilterFailure[], env: PostFilterEnv): PostFilterResult;
  /** Compute cycle state; return a Status to reject the pod on every node, a PreFilterResult to narrow the node set, or 'skip'. */
  preFilter?(state: CycleState, pod: PodInfo, ctx: CycleContext): Status | PreFilterResult | 'skip' | undefined;
  /** undefined = the node passes. */
  filter?(state: CycleState, pod: PodInfo, node: NodeInfo, ctx: CycleContext): Status | undefined;
  /**
   * Same verdict as `filter` (true = passes) without building a Status: the hot path.
   * `filter` is still run for rejected nodes when the cycle fails and messages are needed.
   */
  passes?(state: CycleState, pod: PodInfo, node: NodeInfo, ctx: CycleContext): boolean;
  /**
   * 'skip' leaves the plugin out of scoring for this pod; `{ uniform: n }` says every
   * node gets normalized score n (so per-node scoring can be skipped without changing results).
   */
  preScore?(state: CycleState, pod: PodInfo, nodes: NodeInfo[], ctx: CycleContext): 'skip' | { uniform: number } | undefined;
  score?(state: CycleState, pod: PodInfo, node: NodeInfo, ctx: CycleContext): number;
  /** Batch form of `score`: writes the raw score of `nodes[i]` to `out[i]` (same values as `score`). */
  scoreAll?(state: CycleState, pod: PodInfo, nodes: NodeInfo[], ctx: CycleContext, out: number[]): void;
  /** Rewrites `scores` (aligned with `nodes`) into [0, 100]. */
  normalizeScore?(state: CycleState, pod: PodInfo, nodes: NodeInfo[], scores: number[], ctx: CycleContext): void;
}

/** What plugins may read about the cluster during a cycle. */
export interface CycleContext {
  lookups: SchedulerLookups;
  /** Every node in the snapshot (scheduler order). */
  allNodes: readonly NodeInfo[];
  /** Nodes holding at least one pod with (anti-)affinity terms. */
  nodesWithAffinityPods(): Iterable<NodeInfo>;
  /** Nodes holding at least one pod with required anti-affinity terms. */
  nodesWithRequiredAntiAffinityPods(): Iterable<NodeInfo>;
  /** Incrementally maintained counts of pods in `namespace` matching `selector`. */
  matchCounts(namespace: string, selector: Selector): MatchCounts;
  /** Topology values of `topologyKey` interned per node (cached until nodes change). */
  topologyDomains(topologyKey: string): TopologyDomains;
  /** Cached per-node verdicts of a node predicate; `key` must identify the predicate. */
  nodeMask(key: string, matches: (node: NodeInfo) => boolean): Uint8Array;
  /** How many nodes carry PreferNoSchedule taints / are marked unschedulable. */
  nodesWithPreferNoScheduleTaints(): number;
  unschedulableNodes(): number;
  /** How many nodes report an image (ImageLocality spread factor). */
  nodesWithImage(image: string): number;
}
