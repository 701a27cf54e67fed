// The nodes a pod may land on, with the reasons the others are ruled out:
// nodeSelector, required node affinity and NoSchedule/NoExecute taints, checked
// as kube-scheduler's NodeAffinity and TaintToleration filters do. The nodes are
// the workspace's `kind: Node` objects, else the default cluster (node-1..N),
// labelled as the simulator labels them.

import { isMap } from 'yaml';
import { toPlain } from '../../model/parse';
import { completeNode, defaultNodes } from '../../sim/cluster';
import { termMisses } from '../../k8s/nodeAffinity';
import { toleratesTaint } from '../../k8s/taints';
import type { Node, PodSpec, Taint, Toleration } from '../../sim/types';
import { logFeatureError, type FeatureContext } from '../context';
import { code } from './context';

export interface ClusterNodes {
  nodes: Node[];
  /** True when the workspace has no Node objects and the default cluster stands in. */
  isDefault: boolean;
}

/** The last clusterNodes() answer, kept in the workspace's services (Services.derived). */
export interface ClusterNodesCache {
  generation: number;
  settingsKey: string;
  value: ClusterNodes;
}

/** The simulated cluster's nodes (cached per workspace generation). */
export function clusterNodes(ctx: FeatureContext): ClusterNodes {
  const settingsKey = JSON.stringify(ctx.settings.simulation);
  const hit = ctx.services.derived.clusterNodes;
  if (hit && hit.generation === ctx.workspace.generation && hit.settingsKey === settingsKey) return hit.value;
  const declared: Node[] = [];
  for (const e of ctx.services.graph.index.ofKind('', 'Node')) {
    if (!e.name || !isMap(e.resource.node)) continue;
    const plain = toPlain(e.resource.doc, e.resource.node) as Node | undefined;
    if (plain && typeof plain === 'object') declared.push({ ...plain, metadata: { ...(plain.metadata ?? {}), name: e.name } });
  }
  declared.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const isDefault = declared.length === 0;
  const nodes = isDefault ? defaultNodes(ctx.settings.simulation) : declared;
  nodes.forEach((n, i) => {
    try {
      completeNode(n, i, ctx.settings.simulation);
    } catch (err) {
      // A malformed Node keeps what it has; the checks below read it defensively.
      logFeatureError(ctx.log, 'explain: cluster nodes', err, `Node ${String(n.metadata?.name)}`);
    }
  });
  const value = { nodes, isDefault };
  ctx.services.derived.clusterNodes = { generation: ctx.workspace.generation, settingsKey, value };
  return value;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function labelsOf(n: Node): Record<string, string> {
  return isObj(n.metadata?.labels) ? (n.metadata.labels as Record<string, string>) : {};
}

export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** Why the nodeSelector rules the node out (empty when it matches). */
export function nodeSelectorMisses(spec: PodSpec, node: Node): string[] {
  if (!isObj(spec.nodeSelector)) return [];
  const labels = labelsOf(node);
  const out: string[] = [];
  for (const [k, v] of Object.entries(spec.nodeSelector)) {
    const want = String(v ?? '');
    if (!(k in labels)) out.push(`no label ${code(k)}`);
    else if (labels[k] !== want) out.push(`${code(k)} is ${code(labels[k])}, not ${code(want)}`);
  }
  return out;
}

/** Why the required node affinity rules the node out (empty when a term matches or there is none). */
export function nodeAffinityMisses(spec: PodSpec, node: Node): string[] {
  // The pod spec is read as untyped YAML here: every level is checked before use.
  const affinity: unknown = spec.affinity;
  const nodeAffinity = isObj(affinity) ? affinity.nodeAffinity : undefined;
  const required = isObj(nodeAffinity) ? nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  if (!isObj(required) || !Array.isArray(required.nodeSelectorTerms)) return [];
  const facts = { name: String(node.metadata?.name ?? ''), labels: labelsOf(node) };
  const misses = required.nodeSelectorTerms.map((t: unknown) => termMisses(t, facts, code));
  if (misses.length === 0) return ['node affinity: no nodeSelectorTerms, so no node matches'];
  if (misses.some((m) => m.length === 0)) return [];
  if (misses.length === 1) return misses[0].map((m) => `node affinity: ${m}`);
  return [`no node affinity term matches (${misses.map((m, i) => `term ${i + 1}: ${m[0]}`).join('; ')})`];
}

/** Taints that keep the pod off the node (the scheduler ignores PreferNoSchedule). */
export function untoleratedTaints(tolerations: Toleration[] | undefined, node: Node): Taint[] {
  const taints: Taint[] = Array.isArray(node.spec?.taints) ? node.spec.taints.filter((t) => isObj(t) && typeof t.key === 'string') : [];
  const tols = Array.isArray(tolerations) ? tolerations.filter(isObj) : [];
  return taints.filter((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tols.some((tol) => toleratesTaint(tol, t)));
}

export interface NodeVerdict {
  node: Node;
  reasons: string[];
}

/** Each node with the reasons the pod cannot land there (none = it qualifies). */
export function nodeVerdicts(spec: PodSpec, nodes: Node[]): NodeVerdict[] {
  return nodes.map((node) => {
    const reasons = [...nodeSelectorMisses(spec, node), ...nodeAffinityMisses(spec, node)];
    const taints = untoleratedTaints(spec.tolerations, node);
    if (taints.length) reasons.push(`untolerated taint${taints.length > 1 ? 's' : ''} ${taints.map((t) => code(taintText(t))).join(', ')}`);
    const cordon: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
    const tols = Array.isArray(spec.tolerations) ? spec.tolerations.filter(isObj) : [];
    if (node.spec?.unschedulable === true && !tols.some((t) => toleratesTaint(t, cordon))) reasons.push('cordoned (spec.unschedulable)');
    return { node, reasons };
  });
}
