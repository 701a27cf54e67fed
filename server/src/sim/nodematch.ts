// Node eligibility checks shared by the DaemonSet controller and node
// lifecycle (component-helpers: nodeaffinity, ToleratesTaint). The scheduler
// has its own plugins; these are the controller-side equivalents.

import { toleratesTaint } from '../k8s/taints';
import type { Node, PodSpec, Taint, Toleration } from './types';

type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export function tolerated(tolerations: Toleration[] | undefined, taint: Taint): Toleration | undefined {
  return (Array.isArray(tolerations) ? tolerations : []).find((t) => toleratesTaint(t, taint));
}

function expressionMatches(e: Obj, value: string | undefined): boolean {
  const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
  switch (e.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1 || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0])) return false;
      const a = BigInt(value);
      const b = BigInt(values[0]);
      return e.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

function termMatches(term: Obj, node: Node): boolean {
  const exprs = Array.isArray(term.matchExpressions) ? term.matchExpressions : [];
  const fields = Array.isArray(term.matchFields) ? term.matchFields : [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  for (const e of exprs) if (!isObj(e) || !expressionMatches(e, labels[e.key])) return false;
  for (const f of fields) if (!isObj(f) || f.key !== 'metadata.name' || !expressionMatches(f, node.metadata.name)) return false;
  return true;
}

/** nodeSelector AND required node affinity terms (ORed). */
export function nodeMatchesPod(spec: PodSpec, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  if (isObj(spec.nodeSelector)) for (const [k, v] of Object.entries(spec.nodeSelector)) if (labels[k] !== String(v)) return false;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (isObj(required) && Array.isArray(required.nodeSelectorTerms)) {
    if (!required.nodeSelectorTerms.some((t: unknown) => isObj(t) && termMatches(t, node))) return false;
  }
  return true;
}

export function nodeTaints(node: Node): Taint[] {
  return Array.isArray(node.spec?.taints) ? node.spec.taints.filter((t) => isObj(t) && typeof t.key === 'string') : [];
}

export function nodeIsReady(node: Node): boolean {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  return !ready || ready.status === 'True';
}
