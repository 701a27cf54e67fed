// InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity/{filtering,scoring}.go),
// HardPodAffinityWeight = 1.

import type { CycleContext, CycleState, Plugin } from '../types';
import type { AffinityTerm, NodeInfo, PodInfo } from '../nodeinfo';
import { termMatches } from '../nodeinfo';

const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey -> value -> count */
type TopologyCounts = Map<string, Map<string, number>>;

function bump(m: TopologyCounts, node: NodeInfo, key: string, delta: number): void {
  const v = node.labels[key];
  if (v === undefined) return;
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map<string, number>()));
  inner.set(v, (inner.get(v) ?? 0) + delta);
}

function get(m: TopologyCounts, key: string, value: string): number {
  return m.get(key)?.get(value) ?? 0;
}

function isEmpty(m: TopologyCounts): boolean {
  for (const inner of m.values()) for (const v of inner.values()) if (v !== 0) return false;
  return true;
}

interface FilterState {
  affinity: TopologyCounts;
  antiAffinity: TopologyCounts;
  existingAntiAffinity: TopologyCounts;
}

function nsLabels(ctx: CycleContext) {
  return (ns: string) => ctx.lookups.namespaceLabels?.(ns);
}

function matchesAll(terms: AffinityTerm[], p: PodInfo, ctx: CycleContext): boolean {
  for (const t of terms) if (!termMatches(t, p, nsLabels(ctx))) return false;
  return true;
}

export const interPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  preFilter(state, pod, ctx) {
    const existingAntiAffinity: TopologyCounts = new Map();
    for (const node of ctx.nodesWithRequiredAntiAffinityPods()) {
      for (const existing of node.pods) {
        for (const t of existing.requiredAntiAffinityTerms) if (termMatches(t, pod, nsLabels(ctx))) bump(existingAntiAffinity, node, t.topologyKey, 1);
      }
    }
    const affinity: TopologyCounts = new Map();
    const antiAffinity: TopologyCounts = new Map();
    const req = pod.requiredAffinityTerms;
    const anti = pod.requiredAntiAffinityTerms;
    if (req.length === 0 && anti.length === 0 && isEmpty(existingAntiAffinity)) return 'skip';
    if (req.length || anti.length) {
      for (const node of ctx.allNodes) {
        for (const existing of node.pods) {
          if (req.length && matchesAll(req, existing, ctx)) for (const t of req) bump(affinity, node, t.topologyKey, 1);
          for (const t of anti) if (termMatches(t, existing, nsLabels(ctx))) bump(antiAffinity, node, t.topologyKey, 1);
        }
      }
    }
    state.set('InterPodAffinity/filter', { affinity, antiAffinity, existingAntiAffinity } satisfies FilterState);
    return undefined;
  },
  filter(state, pod, node, ctx) {
    const s = state.get('InterPodAffinity/filter') as FilterState;
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of pod.requiredAffinityTerms) {
      const v = node.labels[t.topologyKey];
      if (v === undefined) return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"], plugin: 'InterPodAffinity' };
      if (get(s.affinity, t.topologyKey, v) <= 0) podsExist = false;
    }
    // The first pod of a group with affinity to itself may go anywhere that has the topology keys.
    if (!podsExist && !(isEmpty(s.affinity) && matchesAll(pod.requiredAffinityTerms, pod, ctx))) {
      return { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match pod affinity rules"], plugin: 'InterPodAffinity' };
    }
    if (!isEmpty(s.antiAffinity)) {
      for (const t of pod.requiredAntiAffinityTerms) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined && get(s.antiAffinity, t.topologyKey, v) > 0) return { code: 'Unschedulable', reasons: ["node(s) didn't match pod anti-affinity rules"], plugin: 'InterPodAffinity' };
      }
    }
    if (s.existingAntiAffinity.size) {
      for (const key in node.labels) {
        if (get(s.existingAntiAffinity, key, node.labels[key]) > 0) return { code: 'Unschedulable', reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], plugin: 'InterPodAffinity' };
      }
    }
    return undefined;
  },
  preScore(state: CycleState, pod, nodes, ctx) {
    if (nodes.length === 0) return 'skip';
    const hasConstraints = pod.preferredAffinityTerms.length + pod.preferredAntiAffinityTerms.length > 0;
    const scores: TopologyCounts = new Map();
    const candidates: Iterable<NodeInfo> = hasConstraints ? ctx.allNodes : ctx.nodesWithAffinityPods();
    const labelsOf = nsLabels(ctx);
    for (const node of candidates) {
      if (Object.keys(node.labels).length === 0) continue;
      for (const existing of node.pods) {
        if (!hasConstraints && existing.requiredAffinityTerms.length + existing.preferredAffinityTerms.length + existing.preferredAntiAffinityTerms.length === 0) continue;
        for (const t of pod.preferredAffinityTerms) if (termMatches(t, existing, labelsOf)) bump(scores, node, t.topologyKey, t.weight);
        for (const t of pod.preferredAntiAffinityTerms) if (termMatches(t, existing, labelsOf)) bump(scores, node, t.topologyKey, -t.weight);
        for (const t of existing.requiredAffinityTerms) if (termMatches(t, pod, labelsOf)) bump(scores, node, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
        for (const t of existing.preferredAffinityTerms) if (termMatches(t, pod, labelsOf)) bump(scores, node, t.topologyKey, t.weight);
        for (const t of existing.preferredAntiAffinityTerms) if (termMatches(t, pod, labelsOf)) bump(scores, node, t.topologyKey, -t.weight);
      }
    }
    if (scores.size === 0) return 'skip';
    state.set('InterPodAffinity/score', scores);
    return undefined;
  },
  score(state, _pod, node) {
    const scores = state.get('InterPodAffinity/score') as TopologyCounts;
    let s = 0;
    for (const [key, values] of scores) {
      const v = node.labels[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  },
  normalizeScore(_s, _p, _n, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(100 * ((scores[i] - min) / diff)) : 0;
  },
};
