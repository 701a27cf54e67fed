// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go and
// staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity).

import type { Node } from '../../types';
import type { Plugin } from '../types';
import type { NodeInfo, PodInfo } from '../nodeinfo';
import { newRequirement, parseInt64, Selector, type Operator } from '../../../k8s/selector';
import { defaultNormalizeScore } from './normalize';

type NodePredicate = (node: NodeInfo) => boolean;

const OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

/** One nodeSelectorTerm compiled; undefined when the term is empty or invalid (it then matches nothing). */
function compileTerm(term: any): NodePredicate | undefined {
  const exprs = Array.isArray(term?.matchExpressions) ? term.matchExpressions : [];
  const fields = Array.isArray(term?.matchFields) ? term.matchFields : [];
  if (exprs.length === 0 && fields.length === 0) return undefined;
  const reqs = [];
  for (const e of exprs) {
    const op = OPS[String(e?.operator)];
    if (!op) return undefined;
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    if ((op === 'gt' || op === 'lt') && (values.length !== 1 || parseInt64(values[0]) === undefined)) return undefined;
    const r = newRequirement(String(e?.key ?? ''), op, values);
    if (!r.requirement) return undefined;
    reqs.push(r.requirement);
  }
  const labelSelector = new Selector(reqs);
  const fieldChecks: Array<(name: string) => boolean> = [];
  for (const f of fields) {
    const values = Array.isArray(f?.values) ? f.values.map(String) : [];
    if (f?.key !== 'metadata.name' || values.length !== 1 || (f.operator !== 'In' && f.operator !== 'NotIn')) return undefined;
    fieldChecks.push(f.operator === 'In' ? (n) => n === values[0] : (n) => n !== values[0]);
  }
  return (node) => (reqs.length === 0 || labelSelector.matches(node.labels)) && fieldChecks.every((c) => c(node.name));
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

const requiredCache = new WeakMap<PodInfo, RequiredNodeAffinity>();

export function requiredNodeAffinity(pod: PodInfo): RequiredNodeAffinity {
  let r = requiredCache.get(pod);
  if (r) return r;
  const spec = pod.pod.spec ?? ({} as any);
  const sel = spec.nodeSelector && typeof spec.nodeSelector === 'object' && Object.keys(spec.nodeSelector).length ? spec.nodeSelector : undefined;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  let terms: Array<NodePredicate | undefined> | undefined;
  let nodeNames: Set<string> | null = null;
  if (required && typeof required === 'object') {
    const raw = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms : [];
    terms = raw.map(compileTerm);
    // getPreFilterNodeNames: every term must pin metadata.name with In for narrowing to apply.
    let names: Set<string> | null = new Set();
    for (const t of raw) {
      const pinned = (Array.isArray(t?.matchFields) ? t.matchFields : []).filter((f: any) => f?.key === 'metadata.name' && f?.operator === 'In');
      if (pinned.length === 0) { names = null; break; }
      let termNames: Set<string> | undefined;
      for (const f of pinned) {
        const vals = new Set<string>((Array.isArray(f.values) ? f.values : []).map(String));
        termNames = termNames ? new Set([...termNames].filter((n) => vals.has(n))) : vals;
      }
      for (const n of termNames ?? []) names.add(n);
    }
    if (raw.length > 0) nodeNames = names;
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
