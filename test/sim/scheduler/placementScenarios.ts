// Deterministic scheduling scenarios whose complete outcome (every pod's node,
// every failure message, every nomination, and sampled per-plugin scores) is
// reduced to one hash. placements.test.ts pins the hashes produced by the
// un-optimised scheduler, so performance work cannot silently change results.
// The scheduler class is a parameter so the same scenarios can be replayed
// against another copy of the scheduler (differential checks during development).
import { createHash } from 'node:crypto';
import { prng as rng } from '../../support/prng';
import type { Node, Pod } from '../../../server/src/sim/types';
import { benchLookups, makeNode as benchNode, makePod as benchPod } from '../../../bench/scheduler';

/** The part of the Scheduler API the scenarios use. */
export interface SchedulerLike {
  addNode(node: Node): void;
  updateNode(node: Node): void;
  removeNode(name: string): void;
  addPod(pod: Pod, nodeName?: string): boolean;
  assumePod(pod: Pod, nodeName: string): boolean;
  removePod(pod: Pod | { namespace?: string; name: string }): string | undefined;
  schedulePod(pod: Pod, lookups?: any, opts?: { explain?: boolean }): any;
  nominatedNodeOf(pod: Pod): string | undefined;
}
export type SchedulerCtor = new (opts?: any) => SchedulerLike;


class Recorder {
  private h = createHash('sha256');
  lines = 0;
  add(line: string): void {
    this.h.update(line);
    this.h.update('\n');
    this.lines++;
  }
  digest(): string {
    return this.h.digest('hex').slice(0, 32);
  }
}

function record(rec: Recorder, pod: Pod, r: any, explain: boolean): void {
  const name = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
  if (r.node !== undefined) {
    rec.add(`${name} -> ${r.node} (${r.feasibleNodes}/${r.evaluatedNodes})`);
    if (explain) rec.add(JSON.stringify(r.scores));
  } else {
    const f = r.failure;
    rec.add(`${name} !! ${f.reason}: ${f.message} nominated=${f.preemption?.nominatedNode ?? ''} victims=${(f.preemption?.victims ?? []).map((v: Pod) => v.metadata?.name).join(',')}`);
  }
}

// --- the benchmark's own workload (bench/scheduler.ts's generators) ---

/** bench/scheduler.ts's run: `nodes` nodes, 30 pods per node, assumed where scheduled. */
export function benchScenario(S: SchedulerCtor, nodes: number): { hash: string; lines: number } {
  const rec = new Recorder();
  const s = new S();
  for (let i = 0; i < nodes; i++) s.addNode(benchNode(i));
  const lookups = benchLookups();
  const total = nodes * 30;
  for (let i = 0; i < total; i++) {
    const p = benchPod(i);
    const r = s.schedulePod(p, lookups, { explain: i % 997 === 0 });
    record(rec, p, r, i % 997 === 0);
    if (r.node !== undefined) s.assumePod(p, r.node);
  }
  return { hash: rec.digest(), lines: rec.lines };
}

// --- a mixed cluster exercising every plugin, with churn ---

const ZONES = ['za', 'zb', 'zc', 'zd'];

function mixedNode(i: number, r: () => number, generation = 0): Node {
  const name = `n${String(i).padStart(4, '0')}`;
  const labels: Record<string, string> = { 'kubernetes.io/hostname': name, disk: r() < 0.3 ? 'ssd' : 'hdd', gen: String(1 + Math.floor(r() * 4)) };
  // A few nodes lack the zone label (topology spread "missing required label" / ignored nodes).
  if (i % 17 !== 5) labels['topology.kubernetes.io/zone'] = ZONES[i % ZONES.length];
  if (i % 11 === 0) labels.rack = `r${i % 5}`;
  const taints: any[] = [];
  if (i % 9 === 0) taints.push({ key: 'spot', value: 'true', effect: 'PreferNoSchedule' });
  if (i % 23 === 0) taints.push({ key: 'cost', effect: 'PreferNoSchedule' });
  if (i % 19 === 0) taints.push({ key: 'gpu', value: 'yes', effect: 'NoSchedule' });
  if (i % 31 === 0) taints.push({ key: 'maint', effect: 'NoExecute' });
  const big = i % 7 === 0;
  const alloc: Record<string, string> = { cpu: big ? '16' : String(2 + (i % 3) * 2), memory: big ? '64Gi' : `${4 + (i % 4) * 4}Gi`, pods: String(i % 13 === 0 ? 8 : 40), 'ephemeral-storage': '50Gi' };
  if (i % 19 === 0) alloc['nvidia.com/gpu'] = '2';
  const images = i % 4 === 0 ? [{ names: [`reg/app-${i % 6}:v1`, `reg/app-${i % 6}@sha256:${i}`], sizeBytes: (50 + (i % 10) * 90) * 1024 * 1024 }] : undefined;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: { taints: taints.length ? taints : undefined, unschedulable: i % 29 === 3 && generation === 0 ? true : undefined },
    status: { allocatable: alloc, images },
  } as Node;
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function mixedPod(i: number, r: () => number): Pod {
  const app = `a${Math.floor(r() * 12)}`;
  const ns = pick(r, ['default', 'team-a', 'team-b']);
  const labels: Record<string, string> = { app, version: pick(r, ['v1', 'v2']) };
  const spec: any = { containers: [] };
  const nc = r() < 0.2 ? 2 : 1;
  for (let c = 0; c < nc; c++) {
    const requests: Record<string, string> = {};
    const k = r();
    if (k < 0.1) {
      // BestEffort container
    } else if (k < 0.2) requests.cpu = `${50 + Math.floor(r() * 900)}m`;
    else {
      requests.cpu = `${50 + Math.floor(r() * 1500)}m`;
      requests.memory = `${64 + Math.floor(r() * 3000)}Mi`;
      if (r() < 0.1) requests['ephemeral-storage'] = `${1 + Math.floor(r() * 20)}Gi`;
    }
    const ports = r() < 0.05 ? [{ containerPort: 80, hostPort: pick(r, [8080, 8081, 9090]), protocol: 'TCP' }] : undefined;
    spec.containers.push({ name: `c${c}`, image: r() < 0.5 ? `reg/app-${Math.floor(r() * 6)}:v1` : `nginx`, resources: { requests }, ports });
  }
  if (r() < 0.08) spec.initContainers = [{ name: 'init', image: 'busybox', resources: { requests: { cpu: '2', memory: '1Gi' } } }];
  if (r() < 0.04) spec.containers[0].resources.requests['nvidia.com/gpu'] = '1';
  spec.priority = pick(r, [0, 0, 0, 100, 1000]);
  if (r() < 0.05) spec.preemptionPolicy = 'Never';
  const tol: any[] = [];
  if (r() < 0.3) tol.push({ key: 'spot', operator: 'Exists' });
  if (r() < 0.1) tol.push({ key: 'gpu', operator: 'Equal', value: 'yes', effect: 'NoSchedule' });
  if (r() < 0.05) tol.push({ operator: 'Exists', effect: 'NoExecute' });
  if (r() < 0.03) tol.push({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' });
  if (tol.length) spec.tolerations = tol;
  if (r() < 0.1) spec.nodeSelector = { disk: 'ssd' };
  const affinity: any = {};
  const k = r();
  if (k < 0.1) affinity.nodeAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 + Math.floor(r() * 100), preference: { matchExpressions: [{ key: 'gen', operator: 'Gt', values: ['2'] }] } }, { weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] };
  else if (k < 0.15) affinity.nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'NotIn', values: ['zd'] }] }, { matchExpressions: [{ key: 'rack', operator: 'Exists' }] }] } };
  else if (k < 0.17) affinity.nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [`n${String(Math.floor(r() * 60)).padStart(4, '0')}`] }] }] } };
  const a = r();
  const other = `a${Math.floor(r() * 12)}`;
  if (a < 0.06) affinity.podAntiAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app } }, topologyKey: pick(r, ['kubernetes.io/hostname', 'topology.kubernetes.io/zone']) }] };
  else if (a < 0.12) affinity.podAntiAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' } }] };
  else if (a < 0.16) affinity.podAffinity = { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [other, app] }] }, topologyKey: 'topology.kubernetes.io/zone' }] };
  else if (a < 0.22) affinity.podAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, podAffinityTerm: { labelSelector: { matchLabels: { app: other } }, namespaces: ['default', 'team-a'], topologyKey: 'topology.kubernetes.io/zone' } }] };
  else if (a < 0.24) affinity.podAffinity = { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 20, podAffinityTerm: { labelSelector: { matchLabels: { app: other } }, namespaceSelector: {}, topologyKey: 'kubernetes.io/hostname' } }] };
  if (Object.keys(affinity).length) spec.affinity = affinity;
  const t = r();
  if (t < 0.08) {
    spec.topologySpreadConstraints = [{ maxSkew: 1 + Math.floor(r() * 2), topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app } }, minDomains: r() < 0.3 ? 5 : undefined, nodeTaintsPolicy: r() < 0.3 ? 'Honor' : undefined }];
  } else if (t < 0.16) {
    spec.topologySpreadConstraints = [
      { maxSkew: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app } }, matchLabelKeys: ['version'] },
      { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app } }, nodeAffinityPolicy: r() < 0.5 ? 'Ignore' : undefined },
    ];
  } else if (t < 0.19) {
    spec.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'rack', whenUnsatisfiable: r() < 0.5 ? 'DoNotSchedule' : 'ScheduleAnyway', labelSelector: { matchLabels: { app } } }];
  }
  if (r() < 0.01) spec.schedulingGates = [{ name: 'wait' }];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: ns, labels }, spec, status: { phase: 'Pending' } } as Pod;
}

/**
 * `nodes` mixed nodes (taints, images, scalar resources, missing labels, unschedulable),
 * `pods` mixed pods (every plugin), with pod deletions, node updates, node removal and
 * re-adding, and preemption victims evicted as the simulator's driver does.
 */
export function mixedScenario(S: SchedulerCtor, seed: number, nodes: number, pods: number, opts: { percentageOfNodesToScore?: number } = {}): { hash: string; lines: number } {
  const rec = new Recorder();
  const r = rng(seed);
  const s = new S({ percentageOfNodesToScore: opts.percentageOfNodesToScore });
  for (let i = 0; i < nodes; i++) s.addNode(mixedNode(i, r));
  const services = new Map<string, Array<{ selector: Record<string, string> }>>();
  for (const ns of ['default', 'team-a', 'team-b']) services.set(ns, [0, 1, 2, 3, 4, 5].map((k) => ({ selector: { app: `a${k}` } })));
  const replicaSets = new Map<string, Array<{ selector: any }>>([['team-a', [{ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a7', 'a8'] }] } }]]]);
  const lookups = {
    services: (ns: string) => services.get(ns) ?? [],
    replicaSets: (ns: string) => replicaSets.get(ns) ?? [],
    namespaceLabels: (ns: string) => ({ 'kubernetes.io/metadata.name': ns }),
    podDisruptionBudgets: (ns: string) => (ns === 'default' ? [{ name: 'pdb', namespace: ns, selector: { matchLabels: { app: 'a1' } }, disruptionsAllowed: 1 }] : []),
  };
  const placed: Pod[] = [];
  const where = new Map<Pod, string>();
  const pending: Pod[] = [];
  for (let i = 0; i < pods; i++) pending.push(mixedPod(i, r));
  let i = 0;
  while (pending.length) {
    const p = pending.shift()!;
    const explain = i % 41 === 0;
    const res = s.schedulePod(p, lookups, { explain });
    record(rec, p, res, explain);
    if (res.node !== undefined) {
      s.assumePod(p, res.node);
      placed.push(p);
      where.set(p, res.node);
    } else if (res.failure.preemption?.nominatedNode) {
      for (const v of res.failure.preemption.victims as Pod[]) {
        s.removePod(v);
        const at = placed.indexOf(v);
        if (at >= 0) placed.splice(at, 1);
      }
      rec.add(`nominated ${p.metadata?.name} ${s.nominatedNodeOf(p)}`);
      if (i < pods * 2) pending.push(p); // retried once its victims are gone
    }
    i++;
    // Churn: delete pods, update and replace nodes.
    if (i % 53 === 0 && placed.length) {
      const victim = placed.splice(Math.floor(r() * placed.length), 1)[0];
      rec.add(`delete ${victim.metadata?.name} from ${s.removePod(victim)}`);
    }
    if (i % 401 === 0) {
      const k = Math.floor(r() * nodes);
      s.updateNode(mixedNode(k, r, 1));
      rec.add(`update n${k}`);
    }
    if (i % 997 === 0) {
      const k = Math.floor(r() * nodes);
      const name = `n${String(k).padStart(4, '0')}`;
      s.removeNode(name);
      for (let j = placed.length - 1; j >= 0; j--) if (where.get(placed[j]) === name) placed.splice(j, 1);
      s.addNode(mixedNode(k, r, 1));
      rec.add(`replace ${name}`);
    }
  }
  return { hash: rec.digest(), lines: rec.lines };
}
