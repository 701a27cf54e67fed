// One scheduling round: feeds the cluster into the scheduler (sim/scheduler/,
// kube-scheduler's framework), then binds pending pods in queue order
// (priority, then creation), recording Scheduled/FailedScheduling/Preempted
// events and the PodScheduled condition as upstream does.

import { setCondition } from './kubelet';
import { selectorMatches } from './labels';
import { isActive } from './controllers/common';
import { pdbStatus } from './controllers/pdb';
import { deleteObject, getObject, listObjects, recordEvent, type SimState } from './state';
import { resourceAmount } from './units';
import type { SchedulerLookups } from './scheduler/types';
import type { PodInfoTable } from './scheduler/nodeinfo';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, PodDisruptionBudget } from './types';

export interface ScheduleFailure {
  message: string;
  reasons: string[];
  preemption?: { node?: string; nominatedNode?: string; victims?: Pod[] };
}

export type ScheduleResult = { node: string } | { failure: ScheduleFailure };

/** The scheduler API the driver needs (implemented by sim/scheduler). */
export interface SchedulerLike {
  addNode(node: Node): void;
  addPod(pod: Pod): void;
  removePod(pod: Pod): void;
  schedulePod(pod: Pod, lookups: SchedulerLookups): ScheduleResult;
}

/** Makes one round's scheduler; `podInfos` is the run's table of pod views, shared by its rounds. */
export type SchedulerFactory = (podInfos: PodInfoTable) => SchedulerLike;

/** FailedScheduling events are cut to 1024 bytes (validation.NoteLengthLimit). */
const NOTE_LENGTH_LIMIT = 1024;

export function buildLookups(state: SimState): SchedulerLookups {
  const pvcLike = (o: PersistentVolumeClaim) => ({
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? 'default',
    storageClassName: o.spec?.storageClassName,
    volumeName: o.spec?.volumeName,
    phase: o.status?.phase,
    accessModes: o.spec?.accessModes,
    request: resourceAmount('storage', o.spec?.resources?.requests?.storage),
  });
  const pvLike = (o: PersistentVolume) => ({
    name: o.metadata.name,
    storageClassName: o.spec?.storageClassName,
    capacity: resourceAmount('storage', o.spec?.capacity?.storage),
    accessModes: o.spec?.accessModes,
    claimRef: o.spec?.claimRef ? { namespace: o.spec.claimRef.namespace ?? 'default', name: o.spec.claimRef.name ?? '' } : undefined,
    nodeAffinity: o.spec?.nodeAffinity?.required ?? null,
    phase: o.status?.phase,
  });
  return {
    persistentVolumeClaim: (ns, name) => {
      const o = getObject(state, 'PersistentVolumeClaim', ns, name);
      return o ? pvcLike(o) : undefined;
    },
    persistentVolume: (name) => {
      const o = getObject(state, 'PersistentVolume', undefined, name);
      return o ? pvLike(o) : undefined;
    },
    persistentVolumes: () => listObjects(state, 'PersistentVolume').map(pvLike),
    storageClass: (name) => {
      const o = getObject(state, 'StorageClass', undefined, name);
      return o ? { name, provisioner: o.provisioner, volumeBindingMode: o.volumeBindingMode, allowedTopologies: o.allowedTopologies } : undefined;
    },
    podDisruptionBudgets: (ns) =>
      listObjects(state, 'PodDisruptionBudget', ns).map((p) => ({ name: p.metadata.name, namespace: ns, selector: p.spec?.selector, disruptionsAllowed: pdbStatus(state, p).disruptionsAllowed })),
    services: (ns) => listObjects(state, 'Service', ns).map((s) => ({ selector: s.spec?.selector })),
    replicaSets: (ns) => listObjects(state, 'ReplicaSet', ns).map((s) => ({ selector: s.spec?.selector })),
    statefulSets: (ns) => listObjects(state, 'StatefulSet', ns).map((s) => ({ selector: s.spec?.selector })),
    replicationControllers: (ns) => listObjects(state, 'ReplicationController', ns).map((s) => ({ selector: s.spec?.selector })),
  };
}

/** Pods waiting for the default scheduler, in scheduling-queue order. */
export function pendingPods(state: SimState): Pod[] {
  const pods = listObjects(state, 'Pod').filter((p) => isActive(p) && !p.spec.nodeName && p.status?.phase === 'Pending');
  const seq = (p: Pod) => parseInt(p.metadata.uid?.slice(-12) ?? '0', 16);
  return pods.sort((a, b) => (b.spec.priority ?? 0) - (a.spec.priority ?? 0) || seq(a) - seq(b));
}

/** Owners whose pods are interchangeable for scheduling (same template): one failure holds for all in a round. */
const INTERCHANGEABLE = new Set(['ReplicaSet', 'ReplicationController', 'Job']);

export function scheduleRound(state: SimState, makeScheduler: SchedulerFactory, podInfos: PodInfoTable): boolean {
  const pending = pendingPods(state);
  if (pending.length === 0) return false;
  const scheduler = makeScheduler(podInfos);
  for (const n of listObjects(state, 'Node')) scheduler.addNode(n);
  for (const p of listObjects(state, 'Pod')) if (p.spec.nodeName && isActive(p)) scheduler.addPod(p);
  const lookups = buildLookups(state);
  const failedOwners = new Map<string, ScheduleFailure>();
  let changed = false;
  for (const pod of pending) {
    if (!state.objects.has(`Pod/${pod.metadata.namespace}/${pod.metadata.name}`)) continue; // preempted meanwhile
    if (pod.spec.schedulerName && pod.spec.schedulerName !== 'default-scheduler') {
      markUnschedulable(state, pod, 'SchedulerNotFound', `no scheduler named ${JSON.stringify(pod.spec.schedulerName)} runs in the simulated cluster`, false);
      continue;
    }
    if (Array.isArray(pod.spec.schedulingGates) && pod.spec.schedulingGates.length > 0) {
      markUnschedulable(state, pod, 'SchedulingGated', `Scheduling is blocked due to non-empty scheduling gates`, false);
      continue;
    }
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    const ownerKey = owner && INTERCHANGEABLE.has(owner.kind) ? owner.uid : undefined;
    const cached = ownerKey ? failedOwners.get(ownerKey) : undefined;
    let result: ScheduleResult;
    try {
      result = cached ? { failure: cached } : scheduler.schedulePod(pod, lookups);
    } catch (e) {
      result = { failure: { message: `scheduler error: ${(e as Error).message}`, reasons: [] } };
    }
    if ('node' in result) {
      pod.spec.nodeName = result.node;
      delete pod.status.nominatedNodeName;
      setCondition(pod, 'PodScheduled', 'True');
      recordEvent(state, pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${result.node}`);
      scheduler.addPod(pod);
      changed = true;
      continue;
    }
    const f = result.failure;
    const victims = f.preemption?.victims ?? [];
    if (victims.length > 0) {
      const node = f.preemption?.nominatedNode ?? f.preemption?.node ?? victims[0].spec.nodeName;
      for (const v of victims) {
        const live = getObject(state, 'Pod', v.metadata.namespace, v.metadata.name);
        if (!live) continue;
        recordEvent(state, live, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${node}`);
        scheduler.removePod(live);
        deleteObject(state, live);
      }
      if (node) pod.status.nominatedNodeName = node;
      changed = true;
    } else if (ownerKey) failedOwners.set(ownerKey, f);
    markUnschedulable(state, pod, 'Unschedulable', f.message, true);
    pod.status.reasons = f.reasons;
  }
  return changed;
}

function markUnschedulable(state: SimState, pod: Pod, reason: string, message: string, event: boolean): void {
  const prev = pod.status.conditions?.find((c) => c.type === 'PodScheduled');
  if (prev?.status === 'False' && prev.message === message) return; // the same verdict again: no new event
  setCondition(pod, 'PodScheduled', 'False', reason, message);
  if (event) {
    const note = message.length > NOTE_LENGTH_LIMIT ? message.slice(0, NOTE_LENGTH_LIMIT - 4) + ' ...' : message;
    recordEvent(state, pod, 'Warning', 'FailedScheduling', note);
  }
}

/** Pods (in `namespace`) matching a PDB selector; used by drain. */
export function podsCoveredBy(state: SimState, pdb: PodDisruptionBudget): Pod[] {
  return listObjects(state, 'Pod', pdb.metadata.namespace ?? 'default').filter((p) => isActive(p) && selectorMatches(pdb.spec?.selector, p.metadata.labels));
}
