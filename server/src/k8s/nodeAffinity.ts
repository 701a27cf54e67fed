// Node selectors (required node affinity, preferred terms, PV node affinity)
// matched as upstream's component-helpers does it:
// staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
// (newNodeSelectorTerm, nodeSelectorRequirementsAsSelector,
// nodeSelectorRequirementsAsFieldSelector) and the scheduler's
// pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go
// (getPreFilterNodeNames). The one place the simulator, the DaemonSet
// controller, the scheduler plugins and the hover explanations match nodes.
//
// Upstream rules kept here:
// - terms are ORed; within a term, matchExpressions (labels) AND matchFields;
// - a term with neither matches no node;
// - a term with an invalid requirement matches no node (the others still count);
// - matchFields supports In/NotIn with exactly ONE value each, compared with
//   the node's fields (only `metadata.name` exists; another key reads as "").

import { newRequirement, parseInt64, Selector, type Operator, type Requirement } from './selector';

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface NodeSelector {
  nodeSelectorTerms: NodeSelectorTerm[];
}

/** What node matching reads of a node. */
export interface NodeFacts {
  name: string;
  labels: Record<string, string>;
}

const LABEL_OPS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!', Gt: 'gt', Lt: 'lt' };

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).map(String);

interface FieldCheck {
  key: string;
  equal: boolean;
  value: string;
}

/** One parsed term: a matcher, or why it is invalid (then it matches no node). */
export type CompiledTerm = { ok: true; labels: Selector; fields: FieldCheck[]; empty: boolean } | { ok: false; error: string };

/** Pure cache: a node selector term object -> its matcher (terms are read, never modified in place). */
const compiledTerms = new WeakMap<object, CompiledTerm>();

function compileUncached(term: unknown): CompiledTerm {
  if (!isRecord(term)) return { ok: false, error: 'a node selector term must be an object' };
  const exprs = list(term.matchExpressions);
  const fields = list(term.matchFields);
  const reqs: Requirement[] = [];
  for (const e of exprs) {
    if (!isRecord(e)) return { ok: false, error: 'a matchExpressions entry must be an object' };
    const op = LABEL_OPS[String(e.operator)];
    if (!op) return { ok: false, error: `${JSON.stringify(String(e.operator))} is not a valid node selector operator` };
    const values = strings(e.values);
    if ((op === 'gt' || op === 'lt') && (values.length !== 1 || parseInt64(values[0]) === undefined)) return { ok: false, error: `${e.operator} needs exactly one integer value` };
    const r = newRequirement(String(e.key ?? ''), op, values);
    if (!r.requirement) return { ok: false, error: r.errors.join('; ') || 'invalid requirement' };
    reqs.push(r.requirement);
  }
  const checks: FieldCheck[] = [];
  for (const f of fields) {
    if (!isRecord(f)) return { ok: false, error: 'a matchFields entry must be an object' };
    const values = strings(f.values);
    if (f.operator !== 'In' && f.operator !== 'NotIn') return { ok: false, error: `matchFields supports only In and NotIn (got ${JSON.stringify(String(f.operator))})` };
    if (values.length !== 1) return { ok: false, error: `matchFields ${String(f.key)} ${f.operator} takes exactly one value (got ${values.length})` };
    checks.push({ key: String(f.key ?? ''), equal: f.operator === 'In', value: values[0] });
  }
  return { ok: true, labels: new Selector(reqs), fields: checks, empty: exprs.length === 0 && fields.length === 0 };
}

/** Parses a term once (cached per term object; terms are not mutated once stored). */
export function compileNodeSelectorTerm(term: unknown): CompiledTerm {
  if (!isRecord(term)) return compileUncached(term);
  let c = compiledTerms.get(term);
  if (!c) compiledTerms.set(term, (c = compileUncached(term)));
  return c;
}

function fieldValue(node: NodeFacts, key: string): string {
  return key === 'metadata.name' ? node.name : '';
}

/** Whether one term matches the node (invalid and empty terms match nothing). */
export function termMatches(term: unknown, node: NodeFacts): boolean {
  return compiledTermMatches(compileNodeSelectorTerm(term), node);
}

/** `termMatches` for a term already compiled (the scheduler's hot path). */
export function compiledTermMatches(c: CompiledTerm, node: NodeFacts): boolean {
  if (!c.ok || c.empty) return false;
  for (const f of c.fields) if ((fieldValue(node, f.key) === f.value) !== f.equal) return false;
  return c.labels.requirements.length === 0 || c.labels.matches(node.labels);
}

/** A NodeSelector: its terms ORed (no terms: matches nothing, as upstream). Callers decide what an absent selector means. */
export function nodeSelectorMatches(selector: unknown, node: NodeFacts): boolean {
  if (!isRecord(selector)) return false;
  return list(selector.nodeSelectorTerms).some((t) => termMatches(t, node));
}

/** `spec.nodeSelector` (exact label values). */
export function nodeSelectorMapMatches(nodeSelector: unknown, node: NodeFacts): boolean {
  if (!isRecord(nodeSelector)) return true;
  for (const [k, v] of Object.entries(nodeSelector)) if (node.labels[k] !== String(v)) return false;
  return true;
}

/** The required node affinity of a pod spec (`affinity.nodeAffinity.requiredDuringScheduling...`), when set. */
export function requiredNodeSelector(spec: unknown): NodeSelector | undefined {
  if (!isRecord(spec) || !isRecord(spec.affinity) || !isRecord(spec.affinity.nodeAffinity)) return undefined;
  const required = spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  return isRecord(required) ? (required as unknown as NodeSelector) : undefined;
}

/** nodeSelector AND required node affinity: whether the pod may run on the node as far as labels and names go. */
export function podNodeAffinityMatches(spec: unknown, node: NodeFacts): boolean {
  if (!isRecord(spec)) return true;
  if (!nodeSelectorMapMatches(spec.nodeSelector, node)) return false;
  const required = requiredNodeSelector(spec);
  return required === undefined || nodeSelectorMatches(required, node);
}

/**
 * getPreFilterNodeNames: the node names every term pins with `metadata.name In`
 * (within a term the sets intersect, across terms they unite), or null when
 * some term does not pin names (no narrowing).
 */
export function preFilterNodeNames(selector: NodeSelector | undefined): Set<string> | null {
  const terms = selector ? list(selector.nodeSelectorTerms) : [];
  if (terms.length === 0) return null;
  const out = new Set<string>();
  for (const t of terms) {
    const pinned = list(isRecord(t) ? t.matchFields : undefined).filter((f): f is Record<string, unknown> => isRecord(f) && f.key === 'metadata.name' && f.operator === 'In');
    if (pinned.length === 0) return null;
    let names: Set<string> | undefined;
    for (const f of pinned) {
      const vals = new Set(strings(f.values));
      names = names ? new Set([...names].filter((n) => vals.has(n))) : vals;
    }
    for (const n of names ?? []) out.add(n);
  }
  return out;
}

/** Text of one requirement's miss for explanations (undefined when it holds). */
function requirementMiss(operator: string, values: string[], value: string | undefined, what: string, quote: (s: string) => string): string | undefined {
  const has = value !== undefined;
  switch (operator) {
    case 'In':
      return has && values.includes(value) ? undefined : has ? `${what} is ${quote(value)}, not in [${values.join(', ')}]` : `no ${what}`;
    case 'NotIn':
      return !has || !values.includes(value) ? undefined : `${what} is ${quote(value)}`;
    case 'Exists':
      return has ? undefined : `no ${what}`;
    case 'DoesNotExist':
      return has ? `has ${what}` : undefined;
    case 'Gt':
    case 'Lt': {
      if (!has) return `no ${what}`;
      const a = parseInt64(value);
      const b = values.length === 1 ? parseInt64(values[0]) : undefined;
      if (a === undefined || b === undefined) return `${what} ${quote(value)} is not comparable as an integer`;
      const ok = operator === 'Gt' ? a > b : a < b;
      return ok ? undefined : `${what} ${quote(value)} is not ${operator === 'Gt' ? '>' : '<'} ${values[0]}`;
    }
    default:
      return `operator ${quote(operator)} is not valid`;
  }
}

/** Why one term does not match the node, in words (empty when it matches). */
export function termMisses(term: unknown, node: NodeFacts, quote: (s: string) => string = (s) => s): string[] {
  const c = compileNodeSelectorTerm(term);
  if (!c.ok) return [`invalid term, it matches no node: ${c.error}`];
  if (c.empty) return ['an empty term matches no node'];
  const out: string[] = [];
  const t = term as NodeSelectorTerm;
  for (const e of list(t.matchExpressions)) {
    if (!isRecord(e)) continue;
    const key = String(e.key);
    const m = requirementMiss(String(e.operator), strings(e.values), Object.prototype.hasOwnProperty.call(node.labels, key) ? node.labels[key] : undefined, `label ${quote(key)}`, quote);
    if (m) out.push(m);
  }
  for (const f of c.fields) {
    if (f.key !== 'metadata.name') out.push(`matchFields supports only metadata.name (got ${quote(f.key)})`);
    else if ((node.name === f.value) !== f.equal) out.push(f.equal ? `name is ${quote(node.name)}, not ${quote(f.value)}` : `name is ${quote(node.name)}`);
  }
  return out;
}
