// The kubelets of the simulated nodes: a bound pod starts (Running, Ready, pod
// IP from the node's pod CIDR) once its node is Ready and its claims are Bound.
// Job pods succeed after a simulated run time. Any other pod keeps running
// whatever its restartPolicy: the simulator cannot know when a container's
// process would exit, and a bare pod with restartPolicy Never is usually a
// server someone started by hand.

import { allocatePodIP } from './apiserver/allocators';
import { nodeIsReady } from './nodematch';
import { getObject, listObjects, type SimState } from './state';
import type { Node, Pod } from './types';

/** How long a finishing pod runs before it succeeds, in simulated seconds. */
export const RUN_TO_COMPLETION_SECONDS = 30;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nodeAddress(node: Node): string | undefined {
  const addrs = node.status?.addresses;
  const internal = Array.isArray(addrs) ? addrs.find((a: { type?: string }) => a?.type === 'InternalIP') : undefined;
  return typeof internal?.address === 'string' ? internal.address : undefined;
}

/** Why a bound pod cannot start yet (undefined when it can). */
export function startBlocker(state: SimState, pod: Pod, node: Node | undefined): string | undefined {
  if (!node) return `node ${JSON.stringify(pod.spec.nodeName)} not found`;
  if (!nodeIsReady(node)) return `node ${node.metadata.name} is not ready`;
  for (const v of Array.isArray(pod.spec.volumes) ? pod.spec.volumes : []) {
    const claim = v?.persistentVolumeClaim?.claimName;
    if (typeof claim !== 'string') continue;
    const pvc = getObject(state, 'PersistentVolumeClaim', pod.metadata.namespace, claim);
    if (!pvc) return `persistentvolumeclaim ${JSON.stringify(claim)} not found`;
    if (pvc.status?.phase !== 'Bound') return `persistentvolumeclaim ${JSON.stringify(claim)} is not bound`;
  }
  return undefined;
}

function setCondition(pod: Pod, type: string, status: string, reason?: string, message?: string): void {
  const conditions = (pod.status.conditions ??= []);
  const c = conditions.find((x) => x.type === type);
  const next = { type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  if (c) Object.assign(c, next, reason ? {} : { reason: undefined, message: undefined });
  else conditions.push(next);
}

export { setCondition };

/** Pods whose containers are simulated as finishing: those of a Job (restartPolicy Never/OnFailure, checked by the API server). */
function runsToCompletion(pod: Pod): boolean {
  return pod.spec.restartPolicy !== 'Always' && !!pod.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'Job');
}

/**
 * Records when the Ready condition last changed: availability
 * (`minReadySeconds`) is measured from it, as podutil.IsPodAvailable does
 * (pkg/api/v1/pod/util.go).
 */
function stampReadyTransition(pod: Pod, clock: number): void {
  const c = pod.status.conditions?.find((x) => x.type === 'Ready');
  if (c) (c as { lastTransitionTime?: string }).lastTransitionTime = iso(clock);
}

export function syncKubelets(state: SimState): { changed: boolean; wakeAt?: number } {
  let changed = false;
  let wakeAt: number | undefined;
  const nodes = new Map(listObjects(state, 'Node').map((n) => [n.metadata.name, n]));
  for (const pod of listObjects(state, 'Pod')) {
    if (!pod.spec.nodeName) continue;
    const node = nodes.get(pod.spec.nodeName);
    if (pod.status.phase === 'Pending') {
      const blocker = startBlocker(state, pod, node);
      if (blocker) {
        if (pod.status.message !== blocker) {
          pod.status.reason = 'ContainerCreating';
          pod.status.message = blocker;
        }
        continue;
      }
      pod.status.phase = 'Running';
      delete pod.status.reason;
      delete pod.status.message;
      pod.status.hostIP = node ? nodeAddress(node) : undefined;
      pod.status.podIP = pod.spec.hostNetwork ? pod.status.hostIP : allocatePodIP(state, node!.metadata.name, node!.spec.podCIDR ?? '10.244.0.0/24');
      pod.status.startTime = iso(state.clock);
      setCondition(pod, 'Initialized', 'True');
      setCondition(pod, 'ContainersReady', 'True');
      setCondition(pod, 'Ready', 'True');
      stampReadyTransition(pod, state.clock);
      changed = true;
    } else if (pod.status.phase === 'Running') {
      const ready = !!node && nodeIsReady(node);
      const cond = pod.status.conditions?.find((c) => c.type === 'Ready');
      if ((cond?.status === 'True') !== ready) {
        setCondition(pod, 'Ready', ready ? 'True' : 'False');
        setCondition(pod, 'ContainersReady', ready ? 'True' : 'False');
        stampReadyTransition(pod, state.clock);
        changed = true;
      }
      if (ready && runsToCompletion(pod)) {
        const done = Date.parse(String(pod.status.startTime)) + RUN_TO_COMPLETION_SECONDS * 1000;
        if (done <= state.clock) {
          pod.status.phase = 'Succeeded';
          setCondition(pod, 'Ready', 'False', 'PodCompleted');
          setCondition(pod, 'ContainersReady', 'False', 'PodCompleted');
          changed = true;
        } else wakeAt = wakeAt === undefined ? done : Math.min(wakeAt, done);
      }
    }
  }
  return { changed, wakeAt };
}
