// VolumeBinding and VolumeRestrictions, reduced to what manifests can express
// (pkg/scheduler/framework/plugins/volumebinding/{volume_binding,binder}.go,
// volumerestrictions/volume_restrictions.go). PVC/PV/StorageClass data comes
// from SchedulerLookups; without lookups, claims are not checked.

import type { CycleContext, PersistentVolumeClaimLike, PersistentVolumeLike, Plugin, Status } from '../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
import { Selector, newRequirement, type Operator } from '../../../k8s/selector';

function claimNames(pod: PodInfo): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(pod.pod.spec?.volumes) ? pod.pod.spec.volumes : []) {
    const name = v?.persistentVolumeClaim?.claimName;
    if (typeof name === 'string' && name) out.push(name);
    // Generic ephemeral volumes get a claim named <pod>-<volume>.
    else if (v?.ephemeral && typeof v?.name === 'string') out.push(`${pod.name}-${v.name}`);
  }
  return out;
}

const OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** PV spec.nodeAffinity.required: terms ORed, expressions ANDed. */
export function pvNodeAffinityMatches(pv: PersistentVolumeLike, node: NodeInfo): boolean {
  const terms = pv.nodeAffinity?.nodeSelectorTerms;
  if (!Array.isArray(terms) || terms.length === 0) return true;
  return terms.some((t: any) => {
    const exprs = Array.isArray(t?.matchExpressions) ? t.matchExpressions : [];
    const fields = Array.isArray(t?.matchFields) ? t.matchFields : [];
    if (exprs.length === 0 && fields.length === 0) return false;
    const reqs = [];
    for (const e of exprs) {
      const r = newRequirement(String(e?.key ?? ''), OPS[String(e?.operator)] ?? ('?' as Operator), Array.isArray(e?.values) ? e.values.map(String) : []);
      if (!r.requirement) return false;
      reqs.push(r.requirement);
    }
    for (const f of fields) {
      if (f?.key !== 'metadata.name' || !Array.isArray(f.values)) return false;
      const has = f.values.includes(node.name);
      if ((f.operator === 'In') !== has) return false;
    }
    return new Selector(reqs).matches(node.labels);
  });
}

interface BindingState {
  bound: Array<{ claim: PersistentVolumeClaimLike; pv?: PersistentVolumeLike }>;
  delayed: PersistentVolumeClaimLike[];
}

function pvFits(pv: PersistentVolumeLike, claim: PersistentVolumeClaimLike): boolean {
  if (pv.claimRef && !(pv.claimRef.namespace === claim.namespace && pv.claimRef.name === claim.name)) return false;
  if ((pv.storageClassName ?? '') !== (claim.storageClassName ?? '')) return false;
  if ((claim.request ?? 0) > (pv.capacity ?? 0)) return false;
  const modes = pv.accessModes ?? [];
  return (claim.accessModes ?? []).every((m) => modes.includes(m));
}

export const volumeBinding: Plugin = {
  name: 'VolumeBinding',
  // Score needs StorageCapacityScoring (alpha, off in v1.36; beta from 1.37): without
  // it upstream's PreScore returns Skip for every pod.
  preScore() {
    return 'skip';
  },
  preFilter(state, pod, ctx) {
    const names = claimNames(pod);
    if (names.length === 0 || !ctx.lookups.persistentVolumeClaim) return 'skip';
    const s: BindingState = { bound: [], delayed: [] };
    let unboundImmediate = false;
    for (const name of names) {
      const claim = ctx.lookups.persistentVolumeClaim(pod.namespace, name);
      if (!claim) return { code: 'UnschedulableAndUnresolvable', reasons: [`persistentvolumeclaim "${name}" not found`], plugin: 'VolumeBinding' };
      if (claim.deleting) return { code: 'UnschedulableAndUnresolvable', reasons: [`persistentvolumeclaim "${name}" is being deleted`], plugin: 'VolumeBinding' };
      if (claim.volumeName) {
        s.bound.push({ claim, pv: ctx.lookups.persistentVolume?.(claim.volumeName) });
        continue;
      }
      const cls = claim.storageClassName ? ctx.lookups.storageClass?.(claim.storageClassName) : undefined;
      if (cls?.volumeBindingMode === 'WaitForFirstConsumer') s.delayed.push(claim);
      else unboundImmediate = true;
    }
    if (unboundImmediate) return { code: 'UnschedulableAndUnresolvable', reasons: ['pod has unbound immediate PersistentVolumeClaims'], plugin: 'VolumeBinding' };
    state.set('VolumeBinding', s);
    return undefined;
  },
  filter(state, _pod, node, ctx): Status | undefined {
    const s = state.get('VolumeBinding') as BindingState;
    const reasons: string[] = [];
    for (const b of s.bound) {
      if (!b.pv) {
        if (ctx.lookups.persistentVolume) reasons.push('node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)');
        continue;
      }
      if (!pvNodeAffinityMatches(b.pv, node)) reasons.push("node(s) didn't match PersistentVolume's node affinity");
    }
    for (const claim of s.delayed) {
      const pvs = ctx.lookups.persistentVolumes?.() ?? [];
      if (pvs.some((pv) => !pv.claimRef && pvFits(pv, claim) && pvNodeAffinityMatches(pv, node))) continue;
      const cls = ctx.lookups.storageClass?.(claim.storageClassName ?? '');
      if (cls?.provisioner && cls.provisioner !== 'kubernetes.io/no-provisioner') continue;
      reasons.push("node(s) didn't find available persistent volumes to bind");
    }
    if (reasons.length === 0) return undefined;
    return { code: 'UnschedulableAndUnresolvable', reasons: [...new Set(reasons)], plugin: 'VolumeBinding' };
  },
};

/** Volumes that cannot be mounted twice on one node (isVolumeConflict). */
function diskIds(pod: PodInfo): string[] {
  const out: string[] = [];
  for (const v of Array.isArray(pod.pod.spec?.volumes) ? pod.pod.spec.volumes : []) {
    if (v?.gcePersistentDisk?.pdName && !v.gcePersistentDisk.readOnly) out.push(`gce:${v.gcePersistentDisk.pdName}`);
    if (v?.awsElasticBlockStore?.volumeID) out.push(`aws:${v.awsElasticBlockStore.volumeID}`);
    if (v?.iscsi?.iqn && !v.iscsi.readOnly) out.push(`iscsi:${v.iscsi.targetPortal}:${v.iscsi.iqn}:${v.iscsi.lun}`);
    if (v?.rbd?.image && !v.rbd.readOnly) out.push(`rbd:${v.rbd.pool ?? 'rbd'}:${v.rbd.image}`);
  }
  return out;
}

export const volumeRestrictions: Plugin = {
  name: 'VolumeRestrictions',
  preFilter(state, pod, ctx: CycleContext) {
    const disks = diskIds(pod);
    const claims = claimNames(pod);
    const rwop = claims.filter((n) => ctx.lookups.persistentVolumeClaim?.(pod.namespace, n)?.accessModes?.includes('ReadWriteOncePod'));
    if (disks.length === 0 && rwop.length === 0) return 'skip';
    if (rwop.length) {
      for (const node of ctx.allNodes) {
        for (const p of node.pods) {
          if (p.namespace !== pod.namespace || p.key === pod.key) continue;
          if (claimNames(p).some((n) => rwop.includes(n))) {
            return { code: 'UnschedulableAndUnresolvable', reasons: ['node(s) unavailable due to PersistentVolumeClaim with ReadWriteOncePod access mode already in-use by another pod'], plugin: 'VolumeRestrictions' };
          }
        }
      }
    }
    state.set('VolumeRestrictions', disks);
    return undefined;
  },
  filter(state, _pod, node) {
    const disks = state.get('VolumeRestrictions') as string[];
    if (disks.length === 0) return undefined;
    for (const p of node.pods) {
      if (diskIds(p).some((d) => disks.includes(d))) return { code: 'Unschedulable', reasons: ['node(s) had no available disk'], plugin: 'VolumeRestrictions' };
    }
    return undefined;
  },
};
