// Typed workload kinds (apps/v1, batch/v1, autoscaling/v2, policy/v1), as far
// as the simulator's controllers read and write them.

import type { Condition, ApiObject, LabelSelector, ObjectMeta } from './meta';
import type { PodTemplateSpec } from './pod';
import type { PersistentVolumeClaimSpec } from './cluster';

export type IntOrString = number | string;

export interface RollingUpdate {
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  partition?: number;
}

export interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
  strategy?: { type?: 'RollingUpdate' | 'Recreate' | string; rollingUpdate?: RollingUpdate };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

export interface ReplicaStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  fullyLabeledReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface Deployment extends ApiObject {
  kind: 'Deployment';
  spec: DeploymentSpec;
  status?: ReplicaStatus;
}

export interface ReplicaSetSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
  minReadySeconds?: number;
}

export interface ReplicaSet extends ApiObject {
  kind: 'ReplicaSet';
  spec: ReplicaSetSpec;
  status?: ReplicaStatus;
}

export interface ReplicationController extends ApiObject {
  kind: 'ReplicationController';
  spec: { replicas?: number; selector?: Record<string, string> | null; template: PodTemplateSpec; minReadySeconds?: number };
  status?: ReplicaStatus;
}

export interface VolumeClaimTemplate {
  metadata?: Partial<ObjectMeta>;
  spec?: PersistentVolumeClaimSpec;
}

export interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelector | null;
  template: PodTemplateSpec;
  serviceName?: string;
  podManagementPolicy?: 'OrderedReady' | 'Parallel' | string;
  updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete' | string; rollingUpdate?: RollingUpdate };
  volumeClaimTemplates?: VolumeClaimTemplate[];
  ordinals?: { start?: number };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
}

export interface StatefulSet extends ApiObject {
  kind: 'StatefulSet';
  spec: StatefulSetSpec;
  status?: ReplicaStatus & { currentRevision?: string; updateRevision?: string };
}

export interface DaemonSet extends ApiObject {
  kind: 'DaemonSet';
  spec: {
    selector?: LabelSelector | null;
    template: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: RollingUpdate };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: { desiredNumberScheduled?: number; currentNumberScheduled?: number; updatedNumberScheduled?: number; numberReady?: number; numberAvailable?: number; numberMisscheduled?: number; observedGeneration?: number };
}

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  completionMode?: 'NonIndexed' | 'Indexed' | string;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  manualSelector?: boolean;
  selector?: LabelSelector | null;
  podReplacementPolicy?: string;
  podFailurePolicy?: unknown;
  template: PodTemplateSpec;
}

export interface JobStatus {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  startTime?: string;
  completionTime?: string;
  conditions?: Condition[];
}

export interface Job extends ApiObject {
  kind: 'Job';
  spec: JobSpec;
  status?: JobStatus;
}

export interface JobTemplateSpec {
  metadata?: Partial<ObjectMeta>;
  spec?: JobSpec;
}

export interface CronJobStatus {
  active?: Array<{ kind?: string; name: string; namespace?: string }>;
  lastScheduleTime?: string;
  /** The simulator's own field: why the schedule could not be parsed. */
  scheduleError?: string;
}

export interface CronJob extends ApiObject {
  kind: 'CronJob';
  spec: {
    schedule: string;
    timeZone?: string;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace' | string;
    suspend?: boolean;
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: JobTemplateSpec;
  };
  status?: CronJobStatus;
}

export interface HorizontalPodAutoscaler extends ApiObject {
  kind: 'HorizontalPodAutoscaler';
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: unknown[];
  };
  status?: { currentReplicas?: number; desiredReplicas?: number; conditions?: Condition[] };
}

export interface PodDisruptionBudget extends ApiObject {
  kind: 'PodDisruptionBudget';
  spec: { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: LabelSelector | null; unhealthyPodEvictionPolicy?: string };
  status?: { currentHealthy?: number; desiredHealthy?: number; disruptionsAllowed?: number; expectedPods?: number; observedGeneration?: number };
}
