// Deployment controller (pkg/controller/deployment): one ReplicaSet per pod
// template, named `<deployment>-<pod-template-hash>`; RollingUpdate scales the
// new ReplicaSet up within maxSurge and the old ones down within
// maxUnavailable (sync.go/rolling.go); Recreate scales old to 0 first.

import { podTemplateHash } from '../names';
import { controllerRef, listObjects, ownedBy, putObject, recordEvent, sourceOf, type SimState } from '../state';
import type { Deployment, Pod, ReplicaSet, Rollout } from '../types';
import { indexPodsByOwner, ownedPods, isActive, isAvailable, isReady, minReadySecondsOf } from './common';

/** GetScaledValueFromIntOrPercent: percentages of `total`, rounded up or down. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) {
    const x = (parseInt(v, 10) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return parseInt(v, 10);
  return 0;
}

/** ResolveFenceposts: surge rounds up, unavailable rounds down; both 0 -> unavailable 1. */
export function resolveFenceposts(maxSurge: unknown, maxUnavailable: unknown, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  let unavailable = scaledValue(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, desired) };
}

const HASH_LABEL = 'pod-template-hash';

function rsName(deploy: Deployment, hash: string): string {
  const max = 253 - hash.length - 1;
  return `${deploy.metadata.name.slice(0, max)}-${hash}`;
}

const replicasOf = (rs: ReplicaSet) => (typeof rs.spec?.replicas === 'number' ? rs.spec.replicas : 0);

function scaleRS(state: SimState, deploy: Deployment, rs: ReplicaSet, to: number): void {
  const from = replicasOf(rs);
  if (from === to) return;
  rs.spec.replicas = to;
  recordEvent(state, deploy, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`);
}

/** Available pods of `rs`: Ready for the Deployment's minReadySeconds (deployment_util.go GetAvailableReplicaCountForReplicaSets). */
function availableOf(state: SimState, rs: ReplicaSet, byOwner: Map<string, Pod[]>, minReadySeconds: number): number {
  return ownedPods(state, rs, byOwner).filter((p) => isActive(p) && isAvailable(state, p, minReadySeconds)).length;
}

export function syncDeployments(state: SimState): boolean {
  let changed = false;
  const byOwner = indexPodsByOwner(state);
  for (const d of listObjects(state, 'Deployment')) if (syncOne(state, d, byOwner)) changed = true;
  return changed;
}

function syncOne(state: SimState, d: Deployment, byOwner: Map<string, Pod[]>): boolean {
  if (d.spec?.paused) return false;
  const desired: number = typeof d.spec.replicas === 'number' ? d.spec.replicas : 1;
  const hash = podTemplateHash(d.spec.template);
  const all = ownedBy(state, 'ReplicaSet', d);
  let newRS = all.find((rs) => rs.metadata.labels?.[HASH_LABEL] === hash);
  const oldRSs = all.filter((rs) => rs !== newRS);
  const oldActive = oldRSs.filter((rs) => replicasOf(rs) > 0);
  const before = JSON.stringify(all.map((rs) => [rs.metadata.name, replicasOf(rs)]));
  const strategy = d.spec.strategy?.type === 'Recreate' ? 'Recreate' : 'RollingUpdate';
  const { surge, unavailable } = resolveFenceposts(d.spec.strategy?.rollingUpdate?.maxSurge, d.spec.strategy?.rollingUpdate?.maxUnavailable, desired);

  if (!newRS) {
    // A template change while old pods run starts a rollout we record step by step.
    if (oldActive.length > 0) startRollout(state, d, strategy, surge, unavailable, rsName(d, hash), oldActive);
    let initial = desired;
    if (strategy === 'Recreate' && oldActive.length > 0) initial = 0;
    if (strategy === 'RollingUpdate' && oldActive.length > 0) {
      const current = oldRSs.reduce((s, rs) => s + replicasOf(rs), 0);
      initial = Math.max(0, Math.min(desired, desired + surge - current));
    }
    newRS = createReplicaSet(state, d, hash, initial);
    if (!newRS) return false;
    if (initial > 0) recordEvent(state, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRS.metadata.name} from 0 to ${initial}`);
  } else if (strategy === 'Recreate') {
    if (oldActive.length > 0) for (const rs of oldActive) scaleRS(state, d, rs, 0);
    else if (oldRSs.every((rs) => ownedPods(state, rs, byOwner).filter(isActive).length === 0)) scaleRS(state, d, newRS, desired);
  } else {
    rollingStep(state, d, newRS, oldRSs, desired, surge, unavailable, byOwner);
  }
  const after = JSON.stringify(ownedBy(state, 'ReplicaSet', d).map((rs) => [rs.metadata.name, replicasOf(rs)]));
  recordStep(state, d, newRS, oldRSs, byOwner);
  updateStatus(state, d, newRS, byOwner);
  return before !== after;
}

function rollingStep(state: SimState, d: Deployment, newRS: ReplicaSet, oldRSs: ReplicaSet[], desired: number, surge: number, unavailable: number, byOwner: Map<string, Pod[]>): void {
  const allRSs = [newRS, ...oldRSs];
  const total = () => allRSs.reduce((s, rs) => s + replicasOf(rs), 0);
  // reconcileNewReplicaSet
  const newReplicas = replicasOf(newRS);
  if (newReplicas > desired) {
    scaleRS(state, d, newRS, desired);
    return;
  }
  if (newReplicas < desired) {
    const maxTotal = desired + surge;
    const current = total();
    if (current < maxTotal) {
      scaleRS(state, d, newRS, newReplicas + Math.min(maxTotal - current, desired - newReplicas));
      return; // upstream returns after scaling up; the old side moves on the next sync
    }
  }
  // reconcileOldReplicaSets
  const oldCount = oldRSs.reduce((s, rs) => s + replicasOf(rs), 0);
  if (oldCount === 0) return;
  const minAvailable = desired - unavailable;
  const minReady = minReadySecondsOf(d);
  const newUnavailable = replicasOf(newRS) - availableOf(state, newRS, byOwner, minReady);
  let maxScaledDown = total() - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  const oldest = [...oldRSs].sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  // cleanupUnhealthyReplicas: old pods that are not available go first.
  for (const rs of oldest) {
    if (maxScaledDown <= 0) break;
    const unhealthy = replicasOf(rs) - availableOf(state, rs, byOwner, minReady);
    const n = Math.min(unhealthy, maxScaledDown, replicasOf(rs));
    if (n > 0) {
      scaleRS(state, d, rs, replicasOf(rs) - n);
      maxScaledDown -= n;
    }
  }
  // scaleDownOldReplicaSetsForRollingUpdate
  const available = allRSs.reduce((s, rs) => s + Math.min(replicasOf(rs), availableOf(state, rs, byOwner, minReady)), 0);
  let scaleDown = Math.min(available - minAvailable, maxScaledDown);
  for (const rs of oldest) {
    if (scaleDown <= 0) break;
    const n = Math.min(replicasOf(rs), scaleDown);
    if (n > 0) {
      scaleRS(state, d, rs, replicasOf(rs) - n);
      scaleDown -= n;
    }
  }
}

function createReplicaSet(state: SimState, d: Deployment, hash: string, replicas: number): ReplicaSet | undefined {
  const template = structuredClone(d.spec.template ?? {});
  template.metadata ??= {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [HASH_LABEL]: hash };
  const selector = structuredClone(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName(d, hash),
      namespace: d.metadata.namespace ?? 'default',
      labels: { ...(template.metadata.labels ?? {}) },
      annotations: { 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas), 'deployment.kubernetes.io/max-replicas': String(d.spec.replicas) },
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    status: { replicas: 0 },
  };
  return putObject(state, rs, sourceOf(state, d));
}

function startRollout(state: SimState, d: Deployment, strategy: string, surge: number, unavailable: number, newName: string, old: ReplicaSet[]): void {
  const key = `${d.metadata.namespace ?? 'default'}/${d.metadata.name}`;
  const rollout: Rollout = {
    namespace: d.metadata.namespace ?? 'default',
    name: d.metadata.name,
    strategy,
    maxSurge: strategy === 'Recreate' ? 0 : surge,
    maxUnavailable: strategy === 'Recreate' ? 0 : unavailable,
    newReplicaSet: newName,
    oldReplicaSets: old.map((rs) => rs.metadata.name),
    steps: [{ newReplicas: 0, oldReplicas: old.reduce((s, rs) => s + replicasOf(rs), 0), newAvailable: 0 }],
    complete: false,
    minReadySeconds: minReadySecondsOf(d),
    startedAt: state.clock,
    source: sourceOf(state, d),
  };
  state.rollouts.set(key, rollout);
}

function recordStep(state: SimState, d: Deployment, newRS: ReplicaSet, oldRSs: ReplicaSet[], byOwner: Map<string, Pod[]>): void {
  const r = state.rollouts.get(`${d.metadata.namespace ?? 'default'}/${d.metadata.name}`);
  if (!r || r.complete || r.newReplicaSet !== newRS.metadata.name) return;
  const step = { newReplicas: replicasOf(newRS), oldReplicas: oldRSs.reduce((s, rs) => s + replicasOf(rs), 0), newAvailable: availableOf(state, newRS, byOwner, minReadySecondsOf(d)) };
  const last = r.steps[r.steps.length - 1];
  if (last.newReplicas !== step.newReplicas || last.oldReplicas !== step.oldReplicas) r.steps.push(step);
  else last.newAvailable = step.newAvailable;
  const desired = typeof d.spec.replicas === 'number' ? d.spec.replicas : 1;
  // Complete as DeploymentComplete says (deployment_util.go): all updated and all available.
  if (step.oldReplicas === 0 && step.newReplicas === desired && step.newAvailable === desired) {
    r.complete = true;
    r.finishedAt = state.clock;
  }
}

function updateStatus(state: SimState, d: Deployment, newRS: ReplicaSet | undefined, byOwner: Map<string, Pod[]>): void {
  const rss = ownedBy(state, 'ReplicaSet', d);
  const pods = rss.flatMap((rs) => ownedPods(state, rs, byOwner)).filter(isActive);
  const ready = pods.filter(isReady).length;
  const available = pods.filter((p) => isAvailable(state, p, minReadySecondsOf(d))).length;
  const desired = typeof d.spec.replicas === 'number' ? d.spec.replicas : 1;
  const updated = newRS ? ownedPods(state, newRS, byOwner).filter(isActive).length : 0;
  d.status = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: pods.length,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: Math.max(0, desired - available),
    conditions: [
      {
        type: 'Available',
        status: available >= desired - resolveFenceposts(d.spec.strategy?.rollingUpdate?.maxSurge, d.spec.strategy?.rollingUpdate?.maxUnavailable, desired).unavailable ? 'True' : 'False',
        reason: available >= desired ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
      },
    ],
  };
}
