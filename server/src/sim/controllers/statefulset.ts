// StatefulSet controller (pkg/controller/statefulset): pods `<set>-<ordinal>`
// with stable PVCs `<claim>-<set>-<ordinal>`. OrderedReady creates one pod at a
// time, each after the previous is Ready, and removes from the highest ordinal;
// Parallel does everything at once. RollingUpdate replaces outdated pods from
// the highest ordinal down to the partition, one at a time, or up to
// `rollingUpdate.maxUnavailable` at a time (MaxUnavailableStatefulSet; the
// simulator honours the field when set). A pod counts as available
// `minReadySeconds` after it became Ready (stateful_set_control.go
// isRunningAndAvailable); OrderedReady waits for that before the next ordinal.

import { applyObject } from '../apiserver';
import { podTemplateHash } from '../names';
import { getObject, listObjects, recordEvent, sourceOf, type SimState } from '../state';
import type { Pod, StatefulSet } from '../types';
import { scaledValue } from './deployment';
import { createPod, deletePod, indexPodsByOwner, isActive, isAvailable, isReady, minReadySecondsOf, ownedPods, podBudget } from './common';

const REVISION_LABEL = 'controller-revision-hash';

export function syncStatefulSets(state: SimState): boolean {
  let changed = false;
  const byOwner = indexPodsByOwner(state);
  for (const set of listObjects(state, 'StatefulSet')) if (syncOne(state, set, byOwner)) changed = true;
  return changed;
}

function ordinalOf(set: StatefulSet, pod: Pod): number {
  const m = new RegExp(`^${set.metadata.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`).exec(pod.metadata.name);
  return m ? Number(m[1]) : -1;
}

function syncOne(state: SimState, set: StatefulSet, byOwner: Map<string, Pod[]>): boolean {
  const replicas: number = typeof set.spec.replicas === 'number' ? set.spec.replicas : 1;
  const start: number = typeof set.spec.ordinals?.start === 'number' ? set.spec.ordinals.start : 0;
  const parallel = set.spec.podManagementPolicy === 'Parallel';
  const minReady = minReadySecondsOf(set);
  const revision = `${set.metadata.name}-${podTemplateHash(set.spec.template)}`;
  const pods = ownedPods(state, set, byOwner).filter(isActive);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(set, p), p]));
  let changed = false;

  // Scale down from the highest ordinal (OrderedReady: one at a time, only when all others are ready).
  const surplus = pods.filter((p) => ordinalOf(set, p) < start || ordinalOf(set, p) >= start + replicas).sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  if (surplus.length) {
    const victims = parallel ? surplus : pods.every(isReady) ? surplus.slice(0, 1) : [];
    for (const p of victims) {
      deletePod(state, set, p, `delete Pod ${p.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      changed = true;
    }
    if (!parallel) return changed || updateStatus(state, set, ownedPods(state, set), revision);
  }

  const want = podBudget(state, replicas, set);
  for (let i = start; i < start + want; i++) {
    const existing = byOrdinal.get(i);
    if (existing) {
      if (!parallel && !isAvailable(state, existing, minReady)) break; // wait for this ordinal before the next
      continue;
    }
    const name = `${set.metadata.name}-${i}`;
    const claims = createClaims(state, set, name, i);
    const pod = createPod(state, set, set.spec.template, {
      name,
      labels: { 'statefulset.kubernetes.io/pod-name': name, 'apps.kubernetes.io/pod-index': String(i), [REVISION_LABEL]: revision },
      mutate: (p) => {
        p.spec.hostname = name;
        if (typeof set.spec.serviceName === 'string' && set.spec.serviceName) p.spec.subdomain = set.spec.serviceName;
        const volumes = (p.spec.volumes = Array.isArray(p.spec.volumes) ? p.spec.volumes : []);
        for (const c of claims) {
          const at = volumes.findIndex((v) => v?.name === c.template);
          const vol = { name: c.template, persistentVolumeClaim: { claimName: c.claim } };
          if (at >= 0) volumes[at] = vol;
          else volumes.push(vol);
        }
      },
    });
    if (pod) {
      recordEvent(state, set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} successful`);
      changed = true;
    }
    if (!parallel || !pod) break;
  }

  // RollingUpdate (stateful_set_control.go updateStatefulSetAfterInvariantEstablished):
  // outdated pods with ordinal index >= partition are deleted highest first
  // (the creation loop above recreates them at the update revision).
  if (!changed && set.spec.updateStrategy?.type !== 'OnDelete') {
    const rolling = set.spec.updateStrategy?.rollingUpdate ?? {};
    const partition: number = typeof rolling.partition === 'number' ? rolling.partition : 0;
    const current = ownedPods(state, set).filter(isActive);
    const outdated = current
      .filter((p) => p.metadata.labels?.[REVISION_LABEL] !== revision && ordinalOf(set, p) - start >= partition)
      .sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    let victims: Pod[] = [];
    if (rolling.maxUnavailable === undefined || rolling.maxUnavailable === null) {
      // Without maxUnavailable: one at a time, once every pod is available.
      if (current.length === replicas && current.every((p) => isAvailable(state, p, minReady))) victims = outdated.slice(0, 1);
    } else {
      // getStatefulSetMaxUnavailable: int or percentage of replicas (rounded up), at least 1;
      // missing and not-yet-available pods use up the budget.
      const maxUnavailable = Math.max(1, scaledValue(rolling.maxUnavailable, replicas, true));
      const unavailable = replicas - current.filter((p) => isAvailable(state, p, minReady)).length;
      victims = outdated.slice(0, Math.max(0, maxUnavailable - unavailable));
    }
    for (const victim of victims) {
      deletePod(state, set, victim, `delete Pod ${victim.metadata.name} in StatefulSet ${set.metadata.name} successful`);
      changed = true;
    }
  }
  return updateStatus(state, set, ownedPods(state, set), revision) || changed;
}

function createClaims(state: SimState, set: StatefulSet, podName: string, ordinal: number): Array<{ template: string; claim: string }> {
  const out: Array<{ template: string; claim: string }> = [];
  const ns = set.metadata.namespace ?? 'default';
  for (const t of Array.isArray(set.spec.volumeClaimTemplates) ? set.spec.volumeClaimTemplates : []) {
    if (!t?.metadata?.name) continue;
    const claim = `${t.metadata.name}-${set.metadata.name}-${ordinal}`;
    out.push({ template: t.metadata.name, claim });
    if (getObject(state, 'PersistentVolumeClaim', ns, claim)) continue;
    const labels = { ...(t.metadata.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) };
    const res = applyObject(
      state,
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claim, namespace: ns, labels }, spec: structuredClone(t.spec ?? {}) },
      sourceOf(state, set),
    );
    if (res.ok) recordEvent(state, set, 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${podName} in StatefulSet ${set.metadata.name} success`);
    else recordEvent(state, set, 'Warning', 'FailedCreate', `create Claim ${claim} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${res.message}`);
  }
  return out;
}

function updateStatus(state: SimState, set: StatefulSet, pods: Pod[], revision: string): boolean {
  const active = pods.filter(isActive);
  const prev = JSON.stringify(set.status ?? {});
  set.status = {
    replicas: active.length,
    readyReplicas: active.filter(isReady).length,
    availableReplicas: active.filter((p) => isAvailable(state, p, minReadySecondsOf(set))).length,
    currentReplicas: active.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length,
    updatedReplicas: active.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length,
    updateRevision: revision,
  };
  return JSON.stringify(set.status) !== prev;
}
