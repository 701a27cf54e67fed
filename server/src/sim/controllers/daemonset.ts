// DaemonSet controller (pkg/controller/daemon): one pod per eligible node.
// Pods get the tolerations the controller adds (daemonset_util.go) and a
// required node affinity on `metadata.name`, then go through the scheduler.
// An untolerated NoSchedule taint means "don't place, but keep running".

import { podTemplateHash } from '../names';
import { nodeMatchesPod, nodeTaints, tolerated } from '../nodematch';
import { listObjects, recordEvent, type SimState } from '../state';
import type { DaemonSet, Node, Pod, PodSpec, Toleration } from '../types';
import { createPod, deletePod, indexPodsByOwner, isActive, isAvailable, isReady, minReadySecondsOf, ownedPods, podBudget } from './common';

/** AddOrUpdateDaemonPodTolerations (no tolerationSeconds). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return t;
}

function withDaemonTolerations(spec: PodSpec | undefined): Toleration[] {
  const own: Toleration[] = Array.isArray(spec?.tolerations) ? spec.tolerations : [];
  const added = daemonTolerations(spec?.hostNetwork === true).filter((d) => !own.some((t) => t?.key === d.key && t?.effect === d.effect));
  return [...own, ...added];
}

/** NodeShouldRunDaemonPod: whether to place a pod, and whether an existing one may keep running. */
export function shouldRunOn(spec: PodSpec | undefined, node: Node): { place: boolean; keep: boolean } {
  if (typeof spec?.nodeName === 'string' && spec.nodeName !== '' && spec.nodeName !== node.metadata.name) return { place: false, keep: false };
  if (spec && !nodeMatchesPod(spec, node)) return { place: false, keep: false };
  const tolerations = withDaemonTolerations(spec);
  let place = true;
  for (const taint of nodeTaints(node)) {
    if (taint.effect === 'PreferNoSchedule' || tolerated(tolerations, taint)) continue;
    if (taint.effect === 'NoExecute') return { place: false, keep: false };
    place = false;
  }
  return { place, keep: true };
}

export function syncDaemonSets(state: SimState): boolean {
  let changed = false;
  const nodes = listObjects(state, 'Node');
  const byOwner = indexPodsByOwner(state);
  for (const ds of listObjects(state, 'DaemonSet')) if (syncOne(state, ds, nodes, byOwner)) changed = true;
  return changed;
}

function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const f = Array.isArray(terms) ? terms[0]?.matchFields?.[0] : undefined;
  return f?.key === 'metadata.name' ? f.values?.[0] : undefined;
}

function syncOne(state: SimState, ds: DaemonSet, nodes: Node[], byOwner: Map<string, Pod[]>): boolean {
  let changed = false;
  const template = ds.spec?.template ?? {};
  const generation = String(ds.metadata.generation ?? 1);
  const revision = podTemplateHash(template);
  const pods = ownedPods(state, ds, byOwner).filter(isActive);
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    const n = targetNode(p) ?? '';
    byNode.set(n, [...(byNode.get(n) ?? []), p]);
  }
  let desired = 0;
  for (const node of nodes) {
    const { place, keep } = shouldRunOn(template.spec, node);
    const here = byNode.get(node.metadata.name) ?? [];
    if (place) desired++;
    if (place && here.length === 0) {
      if (podBudget(state, 1, ds) === 0) break;
      const pod = createPod(state, ds, template, {
        labels: { 'controller-revision-hash': revision, 'pod-template-generation': generation },
        mutate: (p) => {
          p.spec.tolerations = withDaemonTolerations(p.spec);
          p.spec.affinity = {
            ...(p.spec.affinity ?? {}),
            nodeAffinity: {
              ...(p.spec.affinity?.nodeAffinity ?? {}),
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] }],
              },
            },
          };
        },
      });
      if (pod) {
        recordEvent(state, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
        changed = true;
      }
    } else if (!keep || here.length > 1) {
      for (const p of keep ? here.slice(1) : here) {
        deletePod(state, ds, p);
        changed = true;
      }
    }
  }
  for (const [n, list] of byNode) {
    if (nodes.some((x) => x.metadata.name === n)) continue;
    for (const p of list) deletePod(state, ds, p);
    changed = true;
  }
  // RollingUpdate with maxUnavailable 1: replace one outdated pod when all are
  // available (Ready for minReadySeconds, daemon/update.go).
  if (!changed && ds.spec?.updateStrategy?.type !== 'OnDelete') {
    const current = ownedPods(state, ds).filter(isActive);
    const outdated = current.filter((p) => p.metadata.labels?.['controller-revision-hash'] !== revision);
    if (outdated.length && current.every((p) => isAvailable(state, p, minReadySecondsOf(ds)))) {
      deletePod(state, ds, outdated[0]);
      changed = true;
    }
  }
  const current = ownedPods(state, ds).filter(isActive);
  const prev = JSON.stringify(ds.status ?? {});
  ds.status = {
    desiredNumberScheduled: desired,
    currentNumberScheduled: current.filter((p) => p.spec.nodeName).length,
    numberReady: current.filter(isReady).length,
    numberAvailable: current.filter((p) => isAvailable(state, p, minReadySecondsOf(ds))).length,
    updatedNumberScheduled: current.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length,
    numberMisscheduled: 0,
  };
  return changed || JSON.stringify(ds.status) !== prev;
}
