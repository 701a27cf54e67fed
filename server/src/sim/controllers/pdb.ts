// Disruption controller: PodDisruptionBudget status (expected, healthy,
// desired healthy, disruptions allowed). Percentages are of the expected pod
// count (the owning controllers' replicas), rounded up as upstream.

import { selectorMatches } from '../labels';
import { getObject, listObjects, type SimState } from '../state';
import { isScalable, isWorkload, type ApiObject, type Pod, type PodDisruptionBudget } from '../types';
import { isActive, isReady } from './common';
import { scaledValue } from './deployment';

function expectedCount(state: SimState, pods: Pod[]): number {
  // Controllers' desired replicas; bare pods count as themselves.
  const seen = new Map<string, number>();
  let bare = 0;
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) {
      bare++;
      continue;
    }
    let owner: ApiObject | undefined = getObject(state, ref.kind, p.metadata.namespace, ref.name);
    const deployRef = owner?.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
    if (owner && deployRef) owner = getObject(state, 'Deployment', p.metadata.namespace, deployRef.name) ?? owner;
    // Pods of one Deployment under several ReplicaSets count once.
    const id = owner?.metadata.uid ?? ref.uid;
    if (seen.has(id)) continue;
    const replicas = owner?.kind === 'DaemonSet' && isWorkload(owner) && owner.kind === 'DaemonSet' ? owner.status?.desiredNumberScheduled : isScalable(owner) ? owner.spec?.replicas : undefined;
    seen.set(id, typeof replicas === 'number' ? replicas : 1);
  }
  let total = bare;
  for (const v of seen.values()) total += v;
  return total;
}

export function pdbStatus(state: SimState, pdb: PodDisruptionBudget): { expectedPods: number; currentHealthy: number; desiredHealthy: number; disruptionsAllowed: number } {
  const pods = listObjects(state, 'Pod', pdb.metadata.namespace ?? 'default').filter((p) => isActive(p) && selectorMatches(pdb.spec?.selector, p.metadata.labels));
  const expected = expectedCount(state, pods);
  const healthy = pods.filter(isReady).length;
  let desired = 0;
  if (pdb.spec?.minAvailable !== undefined) desired = scaledValue(pdb.spec.minAvailable, expected, true);
  else if (pdb.spec?.maxUnavailable !== undefined) desired = Math.max(0, expected - scaledValue(pdb.spec.maxUnavailable, expected, true));
  return { expectedPods: expected, currentHealthy: healthy, desiredHealthy: desired, disruptionsAllowed: Math.max(0, healthy - desired) };
}

export function syncDisruptionBudgets(state: SimState): boolean {
  for (const pdb of listObjects(state, 'PodDisruptionBudget')) pdb.status = { ...pdbStatus(state, pdb), observedGeneration: pdb.metadata.generation ?? 1 };
  return false;
}
