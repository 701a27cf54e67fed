// Shared shapes of the simulator. Objects are Kubernetes JSON (what
// `kubectl get -o json` shows), typed per kind in ./kinds/ for the fields the
// simulator reads and writes; untyped YAML becomes these types once, in
// ./boundary.ts. Quantities are converted into numbers (CPU in millicores,
// everything else in base units) where the scheduler needs them.
export interface SourceRef {
  /** File URI of the manifest that caused this object. */
  uri: string;
  /** 0-based line of the object's start (or of the field that caused it). */
  line: number;
}

export type { Condition, GenericObject, ApiObject, LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference, Quantity, Taint, Toleration } from './kinds/meta';
export type {
  Affinity,
  Container,
  ContainerPort,
  NodeAffinity,
  Pod,
  PodAffinity,
  PodAffinityTerm,
  PodCondition,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  ResourceMap,
  ResourceRequirements,
  TopologySpreadConstraint,
  Volume,
  WeightedPodAffinityTerm,
} from './kinds/pod';
export type {
  CronJob,
  DaemonSet,
  Deployment,
  HorizontalPodAutoscaler,
  IntOrString,
  Job,
  JobSpec,
  JobTemplateSpec,
  PodDisruptionBudget,
  ReplicaSet,
  ReplicationController,
  RollingUpdate,
  StatefulSet,
  VolumeClaimTemplate,
} from './kinds/workloads';
export type {
  EndpointSlice,
  Endpoints,
  LimitRange,
  LimitRangeItem,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimSpec,
  PriorityClass,
  ResourceQuota,
  RuntimeClass,
  Service,
  ServiceAccount,
  ServicePort,
  StorageClass,
} from './kinds/cluster';

import type { ApiObject, GenericObject } from './kinds/meta';
import type { Pod } from './kinds/pod';
import type { CronJob, DaemonSet, Deployment, HorizontalPodAutoscaler, Job, PodDisruptionBudget, ReplicaSet, ReplicationController, StatefulSet } from './kinds/workloads';
import type {
  EndpointSlice,
  Endpoints,
  LimitRange,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PriorityClass,
  ResourceQuota,
  RuntimeClass,
  Service,
  ServiceAccount,
  StorageClass,
} from './kinds/cluster';

/** The typed kinds: `getObject(state, 'Deployment', ...)` returns a Deployment. */
export interface KindMap {
  Pod: Pod;
  Node: Node;
  Deployment: Deployment;
  ReplicaSet: ReplicaSet;
  ReplicationController: ReplicationController;
  StatefulSet: StatefulSet;
  DaemonSet: DaemonSet;
  Job: Job;
  CronJob: CronJob;
  HorizontalPodAutoscaler: HorizontalPodAutoscaler;
  PodDisruptionBudget: PodDisruptionBudget;
  Service: Service;
  Endpoints: Endpoints;
  EndpointSlice: EndpointSlice;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  StorageClass: StorageClass;
  Namespace: Namespace;
  ResourceQuota: ResourceQuota;
  LimitRange: LimitRange;
  PriorityClass: PriorityClass;
  RuntimeClass: RuntimeClass;
  ServiceAccount: ServiceAccount;
}

export type TypedKind = keyof KindMap;

/** Objects that own pods through a pod template. */
export type Workload = Deployment | ReplicaSet | ReplicationController | StatefulSet | DaemonSet | Job | CronJob;
/** Workloads with `spec.replicas` (what `kubectl scale` and HPAs act on). */
export type ScalableWorkload = Deployment | ReplicaSet | ReplicationController | StatefulSet;

const WORKLOAD_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const SCALABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** Narrows a stored object by its kind (objects are stored under their kind, so the kind names the type). */
export function isKind<K extends TypedKind>(o: ApiObject | undefined, kind: K): o is KindMap[K] {
  return !!o && o.kind === kind;
}

export function isWorkload(o: ApiObject | undefined): o is Workload {
  return !!o && WORKLOAD_KINDS.has(o.kind);
}

export function isScalable(o: ApiObject | undefined): o is ScalableWorkload {
  return !!o && SCALABLE_KINDS.has(o.kind);
}

/** Any object the simulator stores: a typed kind, or a generic one (ConfigMap, RBAC, custom resources). */
export type SimObject = KindMap[TypedKind] | GenericObject;

/** Resource amounts as numbers: `cpu` in millicores, `memory`/`ephemeral-storage` in bytes, others as counts. */
export type ResourceList = Record<string, number>;

export interface SimEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  /** `kind/name` or `kind/namespace/name` of the object the event is about (as `kubectl get events` shows it: `pod/web-1`). */
  object: string;
  namespace?: string;
  message: string;
  source?: SourceRef;
  /** How many times the event was seen (aggregated repeats); 1 when absent. */
  count?: number;
}

// --- Simulation engine (driver, controllers, report) ---

/** An object the API server refused, with the text `kubectl apply` would print. */
export interface RejectedObject {
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  source?: SourceRef;
}

/** Node sizing used when the workspace declares no Nodes. */
export interface DefaultClusterOptions {
  nodes: number;
  nodeCpu: string;
  nodeMemory: string;
  nodePods: number;
}

/** One step of a Deployment rollout: replica counts after the step. */
export interface RolloutStep {
  newReplicas: number;
  oldReplicas: number;
  /** Pods of the new ReplicaSet that are available after the step. */
  newAvailable?: number;
  note?: string;
}

export interface Rollout {
  namespace: string;
  name: string;
  strategy: string;
  maxSurge: number;
  maxUnavailable: number;
  newReplicaSet?: string;
  oldReplicaSets: string[];
  steps: RolloutStep[];
  complete: boolean;
  /** Why the rollout stopped before completing (e.g. new pods unschedulable). */
  stalled?: string;
  /** The Deployment's minReadySeconds: a new pod counts as available only this long after it became Ready. */
  minReadySeconds?: number;
  /** Simulated times (ms) the rollout started and completed. */
  startedAt?: number;
  finishedAt?: number;
  source?: SourceRef;
}

/** Difference between the baseline and the current manifests. */
export interface ObjectChange {
  change: 'added' | 'removed' | 'changed';
  kind: string;
  namespace?: string;
  name: string;
  source?: SourceRef;
}
