// Runs one scheduler plugin in isolation, as upstream's plugin tests do: PreFilter then
// Filter on one node, or PreScore/Score/NormalizeScore over all nodes (unweighted).
import assert from 'node:assert/strict';
import { Scheduler } from '../../../../server/src/sim/scheduler/framework';
import type { CycleState, Plugin, SchedulerLookups, Status } from '../../../../server/src/sim/scheduler/types';
import type { Node, Pod } from '../../../../server/src/sim/types';

/** A snapshot: nodes, and pods already on them (by spec.nodeName). */
export function cluster(nodes: Node[], pods: Pod[] = []): Scheduler {
  const s = new Scheduler();
  for (const n of nodes) s.addNode(n);
  for (const p of pods) assert.ok(s.addPod(p), `pod ${p.metadata?.name} has a known spec.nodeName`);
  return s;
}

export type FilterOutcome = 'skip' | 'excluded' | { preFilter: Status } | Status | undefined;

/**
 * PreFilter + Filter of `plugin` for `pod` on node `nodeName`. Also checks that the
 * plugin's allocation-free `passes` (the hot path) agrees with `filter`.
 */
export function runFilter(s: Scheduler, plugin: Plugin, pod: Pod, nodeName: string, lookups: SchedulerLookups = {}): FilterOutcome {
  const ctx = s.cycleContext(lookups);
  const info = s.podInfo(pod);
  const state: CycleState = new Map();
  const pre = plugin.preFilter?.(state, info, ctx);
  if (pre === 'skip') return 'skip';
  if (pre && 'code' in pre) return { preFilter: pre };
  if (pre?.nodeNames && !pre.nodeNames.has(nodeName)) return 'excluded';
  const node = s.getNodeInfo(nodeName);
  assert.ok(node, `node ${nodeName}`);
  const status = plugin.filter!(state, info, node, ctx);
  if (plugin.passes) assert.equal(plugin.passes(state, info, node, ctx), status === undefined, `${plugin.name}.passes agrees with filter`);
  const sc = plugin.filterShortcut;
  if (sc?.kind === 'mask') {
    const mask = state.get(sc.stateKey) as Uint8Array | undefined;
    if (mask) assert.equal(mask[node.index] === 1, status === undefined, `${plugin.name} mask agrees with filter`);
  }
  return status;
}

/** The Status of a rejection as upstream's tests compare it: code and reasons. */
export function statusOf(o: FilterOutcome): { code: string; reasons: string[] } | undefined | string {
  if (o === undefined || typeof o === 'string') return o;
  const st = 'preFilter' in o ? o.preFilter : o;
  return { code: st.code, reasons: st.reasons };
}

/**
 * Normalized (unweighted) scores by node name, over every node of the snapshot, as
 * upstream's score tests list them; 'skip' when PreScore skips the pod.
 */
export function runScore(s: Scheduler, plugin: Plugin, pod: Pod, lookups: SchedulerLookups = {}): Record<string, number> | 'skip' {
  const ctx = s.cycleContext(lookups);
  const info = s.podInfo(pod);
  const state: CycleState = new Map();
  const nodes = [...s.nodeInfos()];
  const pre0 = plugin.preFilter?.(state, info, ctx);
  assert.ok(!(pre0 && pre0 !== 'skip' && 'code' in pre0), 'PreFilter accepts the pod');
  const pre = plugin.preScore?.(state, info, nodes, ctx);
  if (pre === 'skip') return 'skip';
  let scores: number[];
  if (pre) scores = nodes.map(() => pre.uniform);
  else {
    scores = nodes.map((n) => plugin.score!(state, info, n, ctx));
    if (plugin.scoreAll) {
      const batch = new Array<number>(nodes.length).fill(0);
      plugin.scoreAll(state, info, nodes, ctx, batch);
      assert.deepEqual(batch, scores, `${plugin.name}.scoreAll agrees with score`);
    }
    plugin.normalizeScore?.(state, info, nodes, scores, ctx);
  }
  return Object.fromEntries(nodes.map((n, i) => [n.name, scores[i]]));
}

let seq = 0;
/** A pod like upstream's st.MakePod(): no containers unless given. */
export function makePod(spec: Record<string, unknown> = {}, meta: { name?: string; namespace?: string; labels?: Record<string, string>; creationTimestamp?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: meta.name ?? `p${seq++}`, namespace: meta.namespace ?? 'default', labels: meta.labels ?? {}, creationTimestamp: meta.creationTimestamp },
    spec: { containers: [], ...spec },
    status: { phase: 'Pending' },
  } as Pod;
}

/** A node like upstream's st.MakeNode(): allocatable given explicitly (pods default 110). */
export function makeNode(name: string, opts: { allocatable?: Record<string, string>; labels?: Record<string, string>; taints?: unknown[]; unschedulable?: boolean; images?: Array<{ names: string[]; sizeBytes: number }> } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: opts.labels ?? {} },
    spec: { taints: opts.taints, unschedulable: opts.unschedulable },
    status: { allocatable: { pods: '110', ...(opts.allocatable ?? {}) }, images: opts.images },
  } as Node;
}

/** Containers requesting resources, one per map (st.MakePod().Req(...).Req(...)). */
export function containers(...reqs: Array<Record<string, string>>): Array<Record<string, unknown>> {
  return reqs.map((r, i) => ({ name: `c${i}`, image: 'img', resources: { requests: r } }));
}
