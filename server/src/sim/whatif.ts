// What-if operations for the simulation panel: pure functions from one
// simulation state to the next (the input state is never modified). Each runs
// the controllers and scheduler to a settled state afterwards.

import { isActive } from './controllers/common';
import { pdbStatus } from './controllers/pdb';
import { settle, type DriverOptions } from './driver';
import { podsCoveredBy } from './schedule';
import { cloneState, deleteObject, getObject, listObjects, recordEvent, warn, type SimState } from './state';
import { isScalable, type Node, type Pod } from './types';

export type WhatIf =
  | { op: 'cordon'; node: string }
  | { op: 'uncordon'; node: string }
  | { op: 'drain'; node: string }
  | { op: 'failNode'; node: string }
  | { op: 'scale'; kind: string; namespace?: string; name: string; replicas: number };

export interface WhatIfResult {
  state: SimState;
  /** What happened, in kubectl's words where it has them (e.g. evictions a PDB refused). */
  messages: string[];
  error?: string;
}

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);
const UNSCHEDULABLE_TAINT = 'node.kubernetes.io/unschedulable';

function findNode(state: SimState, name: string): Node | undefined {
  return getObject(state, 'Node', undefined, name);
}

function setUnschedulable(state: SimState, node: Node, value: boolean): void {
  node.spec.unschedulable = value || undefined;
  const taints = (node.spec.taints ?? []).filter((t) => t.key !== UNSCHEDULABLE_TAINT);
  if (value) taints.push({ key: UNSCHEDULABLE_TAINT, effect: 'NoSchedule' });
  node.spec.taints = taints;
  recordEvent(state, node, 'Normal', value ? 'NodeNotSchedulable' : 'NodeSchedulable', `Node ${node.metadata.name} status is now: ${value ? 'NodeNotSchedulable' : 'NodeSchedulable'}`);
}

/** Evicts the node's pods as `kubectl drain` does: DaemonSet pods stay, PDBs are respected, bare pods refuse. */
function drain(state: SimState, node: Node, opts: DriverOptions, messages: string[]): void {
  const MAX_ATTEMPTS = 20;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const pods = listObjects(state, 'Pod').filter((p) => p.spec.nodeName === node.metadata.name && isActive(p));
    const candidates = pods.filter((p) => !p.metadata.ownerReferences?.some((r) => r.controller && r.kind === 'DaemonSet'));
    const bare = candidates.filter((p) => !p.metadata.ownerReferences?.some((r) => r.controller));
    if (bare.length && attempt === 0)
      messages.push(`cannot delete Pods that declare no controller (use --force to override): ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
    const evictable = candidates.filter((p) => !bare.includes(p));
    if (evictable.length === 0) return;
    const blocked: Pod[] = [];
    for (const pod of evictable) {
      const pdbs = listObjects(state, 'PodDisruptionBudget', pod.metadata.namespace).filter((b) => podsCoveredBy(state, b).includes(pod));
      if (pdbs.length > 1) {
        blocked.push(pod);
        continue;
      }
      if (pdbs.length === 1 && pdbStatus(state, pdbs[0]).disruptionsAllowed <= 0) {
        blocked.push(pod);
        continue;
      }
      messages.push(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}`);
      recordEvent(state, pod, 'Normal', 'Killing', `Stopping container ${pod.spec.containers?.[0]?.name ?? pod.metadata.name}`);
      deleteObject(state, pod);
    }
    settle(state, opts);
    if (blocked.length === 0) continue;
    // Budgets may recover once replacements are ready elsewhere; kubectl retries every 5 s.
    const still = blocked.filter((p) => state.objects.has(`Pod/${p.metadata.namespace}/${p.metadata.name}`));
    if (attempt === MAX_ATTEMPTS - 1 || still.length === 0) {
      for (const p of still) {
        const msg = `error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: Cannot evict pod as it would violate the pod's disruption budget.`;
        messages.push(msg);
        warn(state, `drain of ${node.metadata.name} incomplete: ${msg}`);
      }
    }
    const progressed = blocked.length < evictable.length;
    if (!progressed) {
      // Nothing was evicted this round: retrying cannot help unless time passes.
      for (const p of still) {
        const msg = `error when evicting pods/${JSON.stringify(p.metadata.name)} -n ${JSON.stringify(p.metadata.namespace)}: Cannot evict pod as it would violate the pod's disruption budget.`;
        if (!messages.includes(msg)) {
          messages.push(msg);
          warn(state, `drain of ${node.metadata.name} incomplete: ${msg}`);
        }
      }
      return;
    }
  }
}

export function applyWhatIf(input: SimState, op: WhatIf, opts: DriverOptions): WhatIfResult {
  const state = cloneState(input);
  const messages: string[] = [];
  switch (op.op) {
    case 'cordon':
    case 'uncordon':
    case 'drain':
    case 'failNode': {
      const node = findNode(state, op.node);
      if (!node) return { state: input, messages, error: `nodes ${JSON.stringify(op.node)} not found` };
      if (op.op === 'failNode') {
        node.status.conditions = [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' } as never];
        recordEvent(state, node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        messages.push(`node/${node.metadata.name} is NotReady`);
        break;
      }
      setUnschedulable(state, node, op.op !== 'uncordon');
      messages.push(`node/${node.metadata.name} ${op.op === 'uncordon' ? 'uncordoned' : 'cordoned'}`);
      if (op.op === 'drain') {
        settle(state, opts);
        drain(state, node, opts, messages);
        messages.push(`node/${node.metadata.name} drained`);
      }
      break;
    }
    case 'scale': {
      if (!SCALABLE.has(op.kind)) return { state: input, messages, error: `${op.kind} cannot be scaled (use Deployment, ReplicaSet, StatefulSet or ReplicationController)` };
      if (!Number.isInteger(op.replicas) || op.replicas < 0) return { state: input, messages, error: `replicas must be a whole number of at least 0 (got ${op.replicas})` };
      if (op.replicas > state.maxPods) return { state: input, messages, error: `replicas ${op.replicas} is more than the simulator's limit of ${state.maxPods} pods` };
      const found = getObject(state, op.kind, op.namespace ?? 'default', op.name);
      const obj = isScalable(found) ? found : undefined;
      if (!obj) return { state: input, messages, error: `${op.kind.toLowerCase()}s ${JSON.stringify(op.name)} not found` };
      obj.spec.replicas = op.replicas;
      messages.push(`${op.kind.toLowerCase()}/${op.name} scaled`);
      break;
    }
  }
  settle(state, opts);
  return { state, messages };
}
