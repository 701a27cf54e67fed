// Shared shapes of the simulator. Objects are plain Kubernetes JSON (what
// `kubectl get -o json` shows), typed loosely: only the fields the simulator
// reads are spelled out. Quantities are converted once into numbers
// (CPU in millicores, everything else in base units) where the scheduler needs them.

export interface SourceRef {
  /** File URI of the manifest that caused this object. */
  uri: string;
  /** 0-based line of the object's start (or of the field that caused it). */
  line: number;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
  resourceVersion?: string;
  generation?: number;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: any;
  status?: any;
  [field: string]: any;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | '';
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  hostPort?: number;
  hostIP?: string;
  protocol?: string;
}

export interface Container {
  name: string;
  image?: string;
  imagePullPolicy?: string;
  ports?: ContainerPort[];
  resources?: { requests?: Record<string, string | number>; limits?: Record<string, string | number> };
  restartPolicy?: string; // "Always" on an init container = sidecar
  [field: string]: any;
}

export interface PodSpec {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: any;
  tolerations?: Toleration[];
  topologySpreadConstraints?: any[];
  containers: Container[];
  initContainers?: Container[];
  overhead?: Record<string, string | number>;
  priority?: number;
  priorityClassName?: string;
  preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  schedulerName?: string;
  schedulingGates?: Array<{ name: string }>;
  volumes?: any[];
  serviceAccountName?: string;
  restartPolicy?: string;
  [field: string]: any;
}

export interface Pod extends KubeObject {
  kind: 'Pod';
  spec: PodSpec;
  status: {
    phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
    conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
    podIP?: string;
    hostIP?: string;
    qosClass?: 'Guaranteed' | 'Burstable' | 'BestEffort';
    nominatedNodeName?: string;
    reason?: string;
    message?: string;
    [field: string]: any;
  };
}

export interface Node extends KubeObject {
  kind: 'Node';
  spec: { unschedulable?: boolean; taints?: Taint[]; podCIDR?: string; [field: string]: any };
  status: {
    capacity?: Record<string, string | number>;
    allocatable?: Record<string, string | number>;
    images?: Array<{ names: string[]; sizeBytes: number }>;
    conditions?: Array<{ type: string; status: string }>;
    [field: string]: any;
  };
}

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
