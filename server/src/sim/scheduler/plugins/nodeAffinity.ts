// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go and
// staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity).

import type { Node } from '../../types';
import type { Plugin } from '../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
import { compiledTermMatches, compileNodeSelectorTerm, preFilterNodeNames, requiredNodeSelector } from '../../../k8s/nodeAffinity';
import { defaultNormalizeScore } from './normalize';

type NodePredicate = (node: NodeInfo) => boolean;

/** One nodeSelectorTerm as a predicate; undefined when the term is empty or invalid (it then matches nothing). */
function compileTerm(term: unknown): NodePredicate | undefined {
  const c = compileNodeSelectorTerm(term);
  if (!c.ok || c.empty) return undefined;
  return (node) => compiledTermMatches(c, node);
}

/** Required node affinity of a pod: nodeSelector AND (terms ORed). */
export interface RequiredNodeAffinity {
  nodeSelector?: Record<string, string>;
  terms?: Array<NodePredicate | undefined>;
  /** metadata.name values from matchFields (for PreFilter narrowing); null = no restriction. */
  nodeNames: Set<string> | null;
  /** Identifies the predicate (pods with equal nodeSelector and required terms share cached node masks). */
  cacheKey: string;
}

/** CycleState key of the PreFilter's per-node verdicts (Uint8Array by NodeInfo.index). */
export const NODE_AFFINITY_MASK = 'NodeAffinity/mask';

/** Pure cache: a PodInfo (immutable once computed) -> its required node affinity. */
const requiredCache = new WeakMap<PodInfo, RequiredNodeAffinity>();

export function requiredNodeAffinity(pod: PodInfo): RequiredNodeAffinity {
  let r = requiredCache.get(pod);
  if (r) return r;
  const spec = pod.pod.spec;
  const sel = spec.nodeSelector && typeof spec.nodeSelector === 'object' && Object.keys(spec.nodeSelector).length ? spec.nodeSelector : undefined;
  const required = requiredNodeSelector(spec);
  let terms: Array<NodePredicate | undefined> | undefined;
  let nodeNames: Set<string> | null = null;
  if (required) {
    terms = (Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : []).map(compileTerm);
    nodeNames = preFilterNodeNames(required);
  }
  r = { nodeSelector: sel, terms, nodeNames, cacheKey: JSON.stringify([sel ?? null, required ?? null]) };
  requiredCache.set(pod, r);
  return r;
}

export function matchesRequiredNodeAffinity(r: RequiredNodeAffinity, node: NodeInfo): boolean {
  if (r.nodeSelector) for (const k in r.nodeSelector) if (node.labels[k] !== String(r.nodeSelector[k])) return false;
  if (r.terms) {
    let any = false;
    for (const t of r.terms) if (t && t(node)) { any = true; break; }
    if (!any) return false;
  }
  return true;
}

export function hasRequiredNodeAffinity(r: RequiredNodeAffinity): boolean {
  return r.nodeSelector !== undefined || r.terms !== undefined;
}

interface Preferred {
  weight: number;
  match: NodePredicate;
}

function preferredTerms(pod: PodInfo): Preferred[] {
  const raw = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  const out: Preferred[] = [];
  for (const t of Array.isArray(raw) ? raw : []) {
    const weight = Number(t?.weight) || 0;
    if (weight === 0) continue;
    const match = compileTerm(t?.preference);
    if (match) out.push({ weight, match });
  }
  return out;
}

export const nodeAffinity: Plugin = {
  name: 'NodeAffinity',
  filterShortcut: { kind: 'mask', stateKey: NODE_AFFINITY_MASK },
  preFilter(state, pod, ctx) {
    const r = requiredNodeAffinity(pod);
    state.set('NodeAffinity/required', r);
    if (r.nodeNames && r.nodeNames.size === 0) return { code: 'UnschedulableAndUnresolvable', reasons: ['pod affinity terms conflict'], plugin: 'NodeAffinity' };
    if (r.nodeNames) return { nodeNames: r.nodeNames };
    if (!hasRequiredNodeAffinity(r)) return 'skip';
    // Pods with the same selector share one cached verdict per node (the filter's fast path).
    state.set(NODE_AFFINITY_MASK, ctx.nodeMask(r.cacheKey, (n) => matchesRequiredNodeAffinity(r, n)));
    return undefined;
  },
  passes(state, pod, node) {
    const mask = state.get(NODE_AFFINITY_MASK) as Uint8Array | undefined;
    if (mask !== undefined) return mask[node.index] === 1;
    return matchesRequiredNodeAffinity((state.get('NodeAffinity/required') as RequiredNodeAffinity | undefined) ?? requiredNodeAffinity(pod), node);
  },
  filter(state, pod, node) {
    const r = (state.get('NodeAffinity/required') as RequiredNodeAffinity | undefined) ?? requiredNodeAffinity(pod);
    if (matchesRequiredNodeAffinity(r, node)) return undefined;
    const status = { code: 'UnschedulableAndUnresolvable' as const, reasons: ["node(s) didn't match Pod's node affinity/selector"], plugin: 'NodeAffinity', missingNodeLabels: undefined as Record<string, string> | undefined };
    if (r.nodeSelector) {
      const missing: Record<string, string> = {};
      for (const k in r.nodeSelector) if (node.labels[k] !== String(r.nodeSelector[k])) missing[k] = String(r.nodeSelector[k]);
      if (Object.keys(missing).length) status.missingNodeLabels = missing;
    }
    return status;
  },
  preScore(state, pod) {
    const terms = preferredTerms(pod);
    if (terms.length === 0) return 'skip';
    state.set('NodeAffinity', terms);
    return undefined;
  },
  score(state, _pod, node) {
    let s = 0;
    for (const t of state.get('NodeAffinity') as Preferred[]) if (t.match(node)) s += t.weight;
    return s;
  },
  normalizeScore(_s, _p, _n, scores) {
    defaultNormalizeScore(scores, false);
  },
};

export type { Node };
