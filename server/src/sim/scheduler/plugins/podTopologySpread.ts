// PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread/{common,filtering,scoring}.go),
// default args: DefaultingType=System, i.e. pods without constraints get
// {kubernetes.io/hostname, maxSkew 3} and {topology.kubernetes.io/zone, maxSkew 5},
// both ScheduleAnyway, when a Service/RC/RS/StatefulSet selects them.

import type { CycleContext, CycleState, Plugin, SchedulerLookups } from '../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
import { Selector, selectorFromLabelSelector, selectorFromSet, newRequirement, type Requirement } from '../../../k8s/selector';
import { requiredNodeAffinity, matchesRequiredNodeAffinity, hasRequiredNodeAffinity } from './nodeAffinity';
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

function includesNode(c: SpreadConstraint, pod: PodInfo, node: NodeInfo): boolean {
  if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(requiredNodeAffinity(pod), node)) return false;
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
  const m = new Map<string, number>();
  for (const node of ctx.allNodes) {
    const v = node.labels[c.topologyKey];
    if (v === undefined || (requireAll && !hasAllKeys(node, all)) || !includesNode(c, pod, node)) continue;
    m.set(v, (m.get(v) ?? 0) + mc.perNode[node.index]);
  }
  return m;
}

interface FilterState {
  constraints: SpreadConstraint[];
  counts: Map<string, number>[];
  minMatch: number[];
}

interface ScoreState {
  constraints: SpreadConstraint[];
  perNode: Array<Int32Array | undefined>;
  ignored: Set<NodeInfo>;
  counts: Array<Map<string, number> | undefined>;
  weights: number[];
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
    state.set('PodTopologySpread/filter', { constraints, counts, minMatch } satisfies FilterState);
    return undefined;
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
      const base = { hard: false, selector, minDomains: 1, honorNodeAffinity: true, honorTaints: false };
      constraints = [
        { ...base, topologyKey: HOSTNAME, maxSkew: 3 },
        { ...base, topologyKey: ZONE, maxSkew: 5 },
      ];
    } else constraints = explicit.filter((c) => !c.hard);
    if (constraints.length === 0) return 'skip';
    // Only non-default constraints require every topology key on a node.
    const requireAll = !systemDefaulted;
    const ignored = new Set<NodeInfo>();
    const domainSize = constraints.map(() => new Set<string>());
    const nc = constraints.length;
    for (let j = 0; j < nodes.length; j++) {
      const n = nodes[j];
      if (requireAll && !hasAllKeys(n, constraints)) {
        ignored.add(n);
        continue;
      }
      for (let i = 0; i < nc; i++) {
        const key = constraints[i].topologyKey;
        if (key === HOSTNAME) continue;
        const v = n.labels[key];
        if (v !== undefined) domainSize[i].add(v);
      }
    }
    const counts = constraints.map((c, i) => {
      if (c.topologyKey === HOSTNAME) return undefined;
      const all = domainCounts(c, constraints, pod, ctx, requireAll);
      // Only domains of the filtered nodes are counted.
      const m = new Map<string, number>();
      for (const v of domainSize[i]) m.set(v, all.get(v) ?? 0);
      return m;
    });
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? nodes.length - ignored.size : domainSize[i].size) + 2));
    const perNode = constraints.map((c) => (c.topologyKey === HOSTNAME ? ctx.matchCounts(pod.namespace, c.selector).perNode : undefined));
    state.set('PodTopologySpread/score', { constraints, perNode, ignored, counts, weights } satisfies ScoreState);
    return undefined;
  },
  score(state, _pod, node) {
    const s = state.get('PodTopologySpread/score') as ScoreState;
    if (s.ignored.has(node)) return 0;
    let score = 0;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const v = node.labels[c.topologyKey];
      if (v === undefined) continue;
      let cnt: number;
      if (c.topologyKey === HOSTNAME) cnt = s.perNode[i]![node.index];
      else cnt = s.counts[i]!.get(v) ?? 0;
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalizeScore(state: CycleState, _pod, nodes, scores) {
    const s = state.get('PodTopologySpread/score') as ScoreState;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    nodes.forEach((n, i) => {
      if (s.ignored.has(n)) return;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    });
    for (let i = 0; i < scores.length; i++) {
      if (s.ignored.has(nodes[i])) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    }
  },
};
