// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{common,filtering,scoring}.go),
// default args: DefaultingType=System, i.e. pods without constraints get
// {kubernetes.io/hostname, maxSkew 3} and {topology.kubernetes.io/zone, maxSkew 5},
// both ScheduleAnyway, when a Service/RC/RS/StatefulSet selects them.

import type { CycleContext, CycleState, Plugin, SchedulerLookups } from '../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
import { Selector, selectorFromLabelSelector, selectorFromSet, newRequirement, type Requirement } from '../../../k8s/selector';
import { requiredNodeAffinity, matchesRequiredNodeAffinity, hasRequiredNodeAffinity, type RequiredNodeAffinity } from './nodeAffinity';
import { findUntoleratedTaint } from './taintToleration';
const MAX_NODE_SCORE = 100; // framework.MaxNodeScore (a local copy keeps hot loops free of module-binding lookups)

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  hard: boolean;
  selector: Selector;
  minDomains: number;
  honorNodeAffinity: boolean;
  honorTaints: boolean;
}

function parseConstraints(pod: PodInfo): SpreadConstraint[] {
  const raw = pod.pod.spec?.topologySpreadConstraints;
  const out: SpreadConstraint[] = [];
  for (const c of Array.isArray(raw) ? raw : []) {
    if (!c || typeof c !== 'object') continue;
    let selector = selectorFromLabelSelector(c.labelSelector);
    const extra: Requirement[] = [];
    for (const k of Array.isArray(c.matchLabelKeys) ? c.matchLabelKeys : []) {
      if (typeof k === 'string' && k in pod.labels) {
        const r = newRequirement(k, 'in', [pod.labels[k]]).requirement;
        if (r) extra.push(r);
      }
    }
    if (extra.length && !selector.nothing) selector = new Selector([...selector.requirements, ...extra]);
    out.push({
      maxSkew: Number(c.maxSkew) || 1,
      topologyKey: String(c.topologyKey ?? ''),
      hard: c.whenUnsatisfiable !== 'ScheduleAnyway',
      selector,
      minDomains: Number(c.minDomains) || 1,
      honorNodeAffinity: c.nodeAffinityPolicy !== 'Ignore',
      honorTaints: c.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}

/** Pure caches: a label selector object of a pod spec (never modified in place) -> its compiled Selector. */
const compiledLabelSelectors = new WeakMap<object, Selector>();
const compiledSetSelectors = new WeakMap<object, Selector>();

function compiled(raw: object, cache: WeakMap<object, Selector>, compile: () => Selector): Selector {
  let s = cache.get(raw);
  if (!s) cache.set(raw, (s = compile()));
  return s;
}

/** helper.DefaultSelector: the union of requirements of every Service, RC, RS and StatefulSet selecting the pod. */
export function defaultSelector(pod: PodInfo, lookups: SchedulerLookups): Selector {
  const reqs: Requirement[] = [];
  const ns = pod.namespace;
  for (const s of lookups.services?.(ns) ?? []) {
    if (!s.selector || Object.keys(s.selector).length === 0) continue;
    const sel = compiled(s.selector, compiledSetSelectors, () => selectorFromSet(s.selector));
    if (sel.matches(pod.labels)) reqs.push(...sel.requirements);
  }
  for (const rc of lookups.replicationControllers?.(ns) ?? []) {
    if (!rc.selector || Object.keys(rc.selector).length === 0) continue;
    const sel = compiled(rc.selector, compiledSetSelectors, () => selectorFromSet(rc.selector));
    if (sel.matches(pod.labels)) reqs.push(...sel.requirements);
  }
  for (const list of [lookups.replicaSets?.(ns) ?? [], lookups.statefulSets?.(ns) ?? []]) {
    for (const w of list) {
      if (!w.selector || typeof w.selector !== 'object') continue;
      const raw = w.selector;
      const sel = compiled(raw, compiledLabelSelectors, () => selectorFromLabelSelector(raw));
      if (sel.errors.length || sel.nothing) continue;
      if (sel.matches(pod.labels)) reqs.push(...sel.requirements);
    }
  }
  return new Selector(reqs);
}

function hasAllKeys(node: NodeInfo, constraints: SpreadConstraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in node.labels)) return false;
  return true;
}

function includesNode(c: SpreadConstraint, pod: PodInfo, required: RequiredNodeAffinity, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(required, node)) return false;
  if (c.honorTaints && findUntoleratedTaint(node.filterTaints, pod.tolerations)) return false;
  return true;
}

/**
 * Matching-pod counts per domain of `c.topologyKey`, over the nodes the constraint
 * counts (inclusion policies, and all keys present when `requireAll`).
 */
function domainCounts(c: SpreadConstraint, all: SpreadConstraint[], pod: PodInfo, ctx: CycleContext, requireAll: boolean): Map<string, number> {
  const mc = ctx.matchCounts(pod.namespace, c.selector);
  const restrictsNodes = (c.honorNodeAffinity && hasRequiredNodeAffinity(requiredNodeAffinity(pod))) || c.honorTaints;
  const otherKeys = requireAll && all.some((o) => o.topologyKey !== c.topologyKey);
  if (!restrictsNodes && !otherKeys) return mc.domainCounts(c.topologyKey);
  const required = requiredNodeAffinity(pod);
  // Node affinity inclusion from the cached per-node mask; taints (rare) node by node.
  const affinityMask = c.honorNodeAffinity && hasRequiredNodeAffinity(required) ? requiredNodeAffinityMask(required, ctx) : undefined;
  const domains = ctx.topologyDomains(c.topologyKey);
  const ids = domains.ids;
  const sums = new Float64Array(domains.values.length);
  const seen = new Uint8Array(domains.values.length);
  const perNode = mc.perNode;
  const nodes = ctx.allNodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const id = ids[node.index];
    if (id < 0) continue;
    if (affinityMask !== undefined && affinityMask[node.index] === 0) continue;
    if ((requireAll && !hasAllKeys(node, all)) || (c.honorTaints && !includesNode(c, pod, required, node))) continue;
    seen[id] = 1;
    sums[id] += perNode[node.index];
  }
  const m = new Map<string, number>();
  for (let id = 0; id < seen.length; id++) if (seen[id]) m.set(domains.values[id], sums[id]);
  return m;
}

interface FilterState {
  constraints: SpreadConstraint[];
  counts: Map<string, number>[];
  minMatch: number[];
  /** Does the incoming pod match constraint i's selector (1 or 0). */
  selfMatch: number[];
}

interface ScoreState {
  constraints: SpreadConstraint[];
  /** Domain id of each node (by NodeInfo.index) per constraint; -1 = label missing. */
  ids: Int32Array[];
  /** Matching pods per node (hostname constraints) or per domain id (other keys). */
  perNode: Array<Int32Array | undefined>;
  perDomain: Array<Float64Array | undefined>;
  ignored: Set<NodeInfo>;
  weights: number[];
}

/** Raw score: Σ_c count(domain) * w_c + (maxSkew_c - 1), rounded; ignored nodes 0. */
function spreadScore(s: ScoreState, node: NodeInfo): number {
  if (s.ignored.size !== 0 && s.ignored.has(node)) return 0;
  const cs = s.constraints;
  const idx = node.index;
  let score = 0;
  for (let i = 0; i < cs.length; i++) {
    const id = s.ids[i][idx];
    if (id < 0) continue;
    const perNode = s.perNode[i];
    const cnt = perNode !== undefined ? perNode[idx] : s.perDomain[i]![id];
    score += cnt * s.weights[i] + (cs[i].maxSkew - 1);
  }
  return Math.round(score);
}

/** Cached mask of the nodes satisfying a pod's required node affinity. */
function requiredNodeAffinityMask(r: RequiredNodeAffinity, ctx: CycleContext): Uint8Array {
  return ctx.nodeMask(r.cacheKey, (node) => matchesRequiredNodeAffinity(r, node));
}

export const podTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  preFilter(state, pod, ctx) {
    const constraints = parseConstraints(pod).filter((c) => c.hard);
    if (constraints.length === 0) return 'skip';
    const counts = constraints.map((c) => domainCounts(c, constraints, pod, ctx, true));
    const minMatch = constraints.map((c, i) => {
      const m = counts[i];
      if (m.size < c.minDomains) return 0;
      let min = Number.MAX_SAFE_INTEGER;
      for (const v of m.values()) if (v < min) min = v;
      return min;
    });
    const selfMatch = constraints.map((c) => (c.selector.matches(pod.labels) ? 1 : 0));
    state.set('PodTopologySpread/filter', { constraints, counts, minMatch, selfMatch } satisfies FilterState);
    return undefined;
  },
  passes(state, _pod, node) {
    const s = state.get('PodTopologySpread/filter') as FilterState;
    const cs = s.constraints;
    const labels = node.labels;
    for (let i = 0; i < cs.length; i++) if (!(cs[i].topologyKey in labels)) return false;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      const matchNum = s.counts[i].get(labels[c.topologyKey]) ?? 0;
      if (matchNum + s.selfMatch[i] - s.minMatch[i] > c.maxSkew) return false;
    }
    return true;
  },
  filter(state, pod, node) {
    const s = state.get('PodTopologySpread/filter') as FilterState;
    for (const c of s.constraints) {
      if (!(c.topologyKey in node.labels)) {
        return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"], plugin: 'PodTopologySpread' };
      }
    }
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const selfMatch = c.selector.matches(pod.labels) ? 1 : 0;
      const matchNum = s.counts[i].get(node.labels[c.topologyKey]) ?? 0;
      if (matchNum + selfMatch - s.minMatch[i] > c.maxSkew) {
        return { code: 'Unschedulable', reasons: ["node(s) didn't match pod topology spread constraints"], plugin: 'PodTopologySpread' };
      }
    }
    return undefined;
  },
  preScore(state, pod, nodes, ctx) {
    const explicit = parseConstraints(pod);
    let constraints: SpreadConstraint[];
    const systemDefaulted = explicit.length === 0;
    if (systemDefaulted) {
      const selector = defaultSelector(pod, ctx.lookups);
      if (selector.requirements.length === 0) return 'skip';
      constraints = [
        { hard: false, selector, minDomains: 1, honorNodeAffinity: true, honorTaints: false, topologyKey: HOSTNAME, maxSkew: 3 },
        { hard: false, selector, minDomains: 1, honorNodeAffinity: true, honorTaints: false, topologyKey: ZONE, maxSkew: 5 },
      ];
    } else constraints = explicit.filter((c) => !c.hard);
    if (constraints.length === 0) return 'skip';
    // Only non-default constraints require every topology key on a node.
    const requireAll = !systemDefaulted;
    const ignored = new Set<NodeInfo>();
    const nc = constraints.length;
    const ids = constraints.map((c) => ctx.topologyDomains(c.topologyKey).ids);
    const seen = constraints.map((c) => (c.topologyKey === HOSTNAME ? undefined : new Uint8Array(ctx.topologyDomains(c.topologyKey).values.length)));
    const domainSize = new Array<number>(nc).fill(0);
    for (let j = 0; j < nodes.length; j++) {
      const n = nodes[j];
      if (requireAll && !hasAllKeys(n, constraints)) {
        ignored.add(n);
        continue;
      }
      for (let i = 0; i < nc; i++) {
        const seenI = seen[i];
        if (seenI === undefined) continue;
        const id = ids[i][n.index];
        if (id >= 0 && seenI[id] === 0) {
          seenI[id] = 1;
          domainSize[i]++;
        }
      }
    }
    // Only domains of the filtered nodes are counted (the others are never looked up).
    const perDomain = constraints.map((c, i) => {
      const seenI = seen[i];
      if (seenI === undefined) return undefined;
      const all = domainCounts(c, constraints, pod, ctx, requireAll);
      const values = ctx.topologyDomains(c.topologyKey).values;
      const counts = new Float64Array(seenI.length);
      for (let id = 0; id < seenI.length; id++) if (seenI[id]) counts[id] = all.get(values[id]) ?? 0;
      return counts;
    });
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? nodes.length - ignored.size : domainSize[i]) + 2));
    const perNode = constraints.map((c) => (c.topologyKey === HOSTNAME ? ctx.matchCounts(pod.namespace, c.selector).perNode : undefined));
    state.set('PodTopologySpread/score', { constraints, ids, perNode, perDomain, ignored, weights } satisfies ScoreState);
    return undefined;
  },
  scoreAll(state, _pod, nodes, _ctx, out) {
    const s = state.get('PodTopologySpread/score') as ScoreState;
    for (let j = 0; j < nodes.length; j++) out[j] = spreadScore(s, nodes[j]);
  },
  score(state, _pod, node) {
    return spreadScore(state.get('PodTopologySpread/score') as ScoreState, node);
  },
  normalizeScore(state: CycleState, _pod, nodes, scores) {
    const s = state.get('PodTopologySpread/score') as ScoreState;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    const ignored = s.ignored.size ? s.ignored : undefined;
    for (let i = 0; i < nodes.length; i++) {
      if (ignored !== undefined && ignored.has(nodes[i])) continue;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    }
    for (let i = 0; i < scores.length; i++) {
      if (ignored !== undefined && ignored.has(nodes[i])) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  },
};
