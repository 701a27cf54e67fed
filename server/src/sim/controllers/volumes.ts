// PersistentVolume controller (pkg/controller/volume/persistentvolume): binds
// pending claims to the smallest matching Available volume (class, access
// modes, size, selector, volumeMode), else provisions one through the claim's
// StorageClass. WaitForFirstConsumer claims wait until a pod using them is
// scheduled. Claims without a class get the default StorageClass.

import { selectorMatches } from '../labels';
import { getObject, listObjects, putObject, recordEvent, type SimState } from '../state';
import { resourceAmount } from '../units';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../types';

const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

export function defaultStorageClass(state: SimState): StorageClass | undefined {
  const defaults = listObjects(state, 'StorageClass').filter((sc) => DEFAULT_CLASS_ANNOTATIONS.some((a) => sc.metadata.annotations?.[a] === 'true'));
  // Upstream picks the newest default class when several are marked.
  return defaults[defaults.length - 1];
}

const storageOf = (o: PersistentVolume | PersistentVolumeClaim) =>
  resourceAmount('storage', o.kind === 'PersistentVolume' ? o.spec?.capacity?.storage : o.spec?.resources?.requests?.storage) ?? 0;

function pvMatches(pv: PersistentVolume, pvc: PersistentVolumeClaim, cls: string): boolean {
  if (pv.status?.phase !== 'Available') return false;
  const claimRef = pv.spec?.claimRef;
  if (claimRef && (claimRef.name !== pvc.metadata.name || (claimRef.namespace ?? 'default') !== pvc.metadata.namespace)) return false;
  if ((pv.spec?.storageClassName ?? '') !== cls) return false;
  if ((pv.spec?.volumeMode ?? 'Filesystem') !== (pvc.spec?.volumeMode ?? 'Filesystem')) return false;
  const modes: string[] = Array.isArray(pv.spec?.accessModes) ? pv.spec.accessModes : [];
  if (!(pvc.spec?.accessModes ?? []).every((m: string) => modes.includes(m))) return false;
  if (storageOf(pv) < storageOf(pvc)) return false;
  if (pvc.spec?.selector && !selectorMatches(pvc.spec.selector, pv.metadata.labels)) return false;
  return true;
}

function bind(state: SimState, pvc: PersistentVolumeClaim, pv: PersistentVolume): void {
  pv.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: pvc.metadata.namespace, name: pvc.metadata.name, uid: pvc.metadata.uid };
  pv.status = { phase: 'Bound' };
  pvc.spec.volumeName = pv.metadata.name;
  pvc.status = { phase: 'Bound', accessModes: pv.spec.accessModes, capacity: pv.spec.capacity?.storage !== undefined ? { storage: pv.spec.capacity.storage } : {} };
}

function consumerScheduled(state: SimState, pvc: PersistentVolumeClaim): Pod | undefined {
  return listObjects(state, 'Pod', pvc.metadata.namespace).find(
    (p) => !!p.spec.nodeName && (p.spec.volumes ?? []).some((v) => v?.persistentVolumeClaim?.claimName === pvc.metadata.name),
  );
}

export function syncVolumes(state: SimState): boolean {
  let changed = false;
  for (const pv of listObjects(state, 'PersistentVolume')) {
    if (!pv.status?.phase) {
      pv.status = { phase: 'Available' };
      changed = true;
    }
  }
  for (const pvc of listObjects(state, 'PersistentVolumeClaim')) {
    if (pvc.status?.phase === 'Bound') continue;
    if (!pvc.status?.phase) {
      pvc.status = { phase: 'Pending' };
      changed = true;
    }
    if (pvc.spec.storageClassName === undefined) {
      const def = defaultStorageClass(state);
      if (def) {
        pvc.spec.storageClassName = def.metadata.name;
        changed = true;
      }
    }
    const cls: string = pvc.spec.storageClassName ?? '';
    if (pvc.spec.volumeName) {
      const pv = getObject(state, 'PersistentVolume', undefined, pvc.spec.volumeName);
      if (pv && (pv.status?.phase === 'Available' || pv.spec?.claimRef?.name === pvc.metadata.name)) {
        bind(state, pvc, pv);
        changed = true;
      }
      continue;
    }
    const candidates = listObjects(state, 'PersistentVolume')
      .filter((pv) => pvMatches(pv, pvc, cls))
      .sort((a, b) => storageOf(a) - storageOf(b));
    const sc = cls ? getObject(state, 'StorageClass', undefined, cls) : undefined;
    const wffc = sc?.volumeBindingMode === 'WaitForFirstConsumer';
    if (candidates.length && !wffc) {
      bind(state, pvc, candidates[0]);
      changed = true;
      continue;
    }
    if (wffc && !consumerScheduled(state, pvc)) {
      recordEvent(state, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      continue;
    }
    if (candidates.length) {
      bind(state, pvc, candidates[0]);
      changed = true;
      continue;
    }
    if (!cls) {
      recordEvent(state, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      continue;
    }
    if (!sc) {
      recordEvent(state, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io ${JSON.stringify(cls)} not found`);
      continue;
    }
    if (sc.provisioner === 'kubernetes.io/no-provisioner') {
      recordEvent(state, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      continue;
    }
    const name = `pvc-${pvc.metadata.uid}`;
    const consumer = wffc ? consumerScheduled(state, pvc) : undefined;
    const pv = putObject<PersistentVolume>(state, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { 'pv.kubernetes.io/provisioned-by': String(sc.provisioner ?? '') } },
      spec: {
        capacity: { storage: pvc.spec.resources?.requests?.storage ?? 0 },
        accessModes: pvc.spec.accessModes,
        storageClassName: cls,
        volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        ...(consumer
          ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [consumer.spec.nodeName ?? ''] }] }] } } }
          : {}),
      },
      status: { phase: 'Available' },
    });
    recordEvent(state, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`);
    bind(state, pvc, pv);
    changed = true;
  }
  return changed;
}
