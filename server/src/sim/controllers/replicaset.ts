// ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas`
// pods of the template alive, named `<rs>-<5 chars>`; surplus pods are deleted
// in upstream's preference order. Also drives ReplicationControllers.

import { listObjects, recordEvent, type SimState } from '../state';
import type { ReplicaSet, ReplicationController } from '../types';
import { createPod, deletePod, indexPodsByOwner, isActive, minReadySecondsOf, ownedPods, podBudget, podsToDelete, replicaStatus } from './common';


export function syncReplicaSets(state: SimState, kind: 'ReplicaSet' | 'ReplicationController' = 'ReplicaSet'): boolean {
  let changed = false;
  const byOwner = indexPodsByOwner(state);
  for (const rs of listObjects(state, kind)) {
    if (syncOne(state, rs, byOwner)) changed = true;
  }
  return changed;
}

function syncOne(state: SimState, rs: ReplicaSet | ReplicationController, byOwner: ReturnType<typeof indexPodsByOwner>): boolean {
  const desired = typeof rs.spec?.replicas === 'number' ? rs.spec.replicas : 1;
  const pods = ownedPods(state, rs, byOwner).filter(isActive);
  let changed = false;
  const diff = desired - pods.length;
  if (diff > 0) {
    const n = podBudget(state, diff, rs);
    let failed = false;
    for (let i = 0; i < n && !failed; i++) {
      const pod = createPod(state, rs, rs.spec.template);
      if (!pod) failed = true; // upstream stops the batch at the first error
      else {
        recordEvent(state, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        changed = true;
      }
    }
  } else if (diff < 0) {
    for (const pod of podsToDelete(pods, -diff)) deletePod(state, rs, pod);
    changed = true;
  }
  const status = replicaStatus(state, ownedPods(state, rs, changed ? undefined : byOwner), minReadySecondsOf(rs));
  const prev = JSON.stringify(rs.status ?? {});
  rs.status = { ...status, fullyLabeledReplicas: status.replicas, observedGeneration: rs.metadata.generation ?? 1 };
  if (JSON.stringify(rs.status) !== prev) changed = true;
  return changed;
}
