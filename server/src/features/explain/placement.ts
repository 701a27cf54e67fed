// Hover on `nodeSelector`, node affinity or `tolerations` of a pod spec: which
// of the cluster's nodes the pod may land on, and why the others are ruled out.

import { toleratesTaint } from '../../k8s/taints';
import type { Taint, Toleration } from '../../sim/types';
import type { HoverRequest, HoverSection } from '../hover';
import { bullets, code, podSpecAt } from './context';
import { clusterNodes, nodeVerdicts, taintText } from './nodes';

export function placementExplanation(req: HoverRequest): HoverSection | undefined {
  const at = podSpecAt(req);
  if (!at) return undefined;
  const rel = at.rel;
  const onTolerations = rel[0] === 'tolerations';
  const onAffinity = rel[0] === 'affinity' && rel[1] === 'nodeAffinity';
  if (!onTolerations && !onAffinity && rel[0] !== 'nodeSelector') return undefined;
  const { nodes, isDefault } = clusterNodes(req.ctx);
  const verdicts = nodeVerdicts(at.spec, nodes);
  const fit = verdicts.filter((v) => v.reasons.length === 0).map((v) => v.node.metadata.name);
  const out = verdicts.filter((v) => v.reasons.length > 0);
  const lines: string[] = [];
  const what = 'nodeSelector, required node affinity and taints';
  if (fit.length === nodes.length) lines.push(`**Nodes**: all ${nodes.length} nodes qualify (${what}): ${fit.map(code).join(', ')}.`);
  else if (fit.length === 0) lines.push(`**Nodes**: none of the ${nodes.length} nodes qualify (${what}); the pods would stay Pending.`);
  else lines.push(`**Nodes**: ${fit.length} of ${nodes.length} qualify (${what}): ${fit.slice(0, 20).map(code).join(', ')}${fit.length > 20 ? ', …' : ''}.`);
  if (out.length > 0) lines.push(`Ruled out:\n\n${bullets(out.map((v) => `${code(v.node.metadata.name)}: ${v.reasons.join('; ')}`), 10)}`);
  if (onTolerations && typeof rel[1] === 'number') {
    const tol = Array.isArray(at.spec.tolerations) ? (at.spec.tolerations[rel[1]] as Toleration | undefined) : undefined;
    if (tol && typeof tol === 'object') lines.push(toleratedBy(tol, nodes.map((n) => ({ name: n.metadata.name, taints: (Array.isArray(n.spec?.taints) ? n.spec.taints : []) as Taint[] }))));
  }
  if (onAffinity && String(rel[2] ?? '').startsWith('preferred')) lines.push('Preferred terms only raise a node\'s score; they rule no node out.');
  if (isDefault) lines.push(`_The workspace declares no Nodes: default cluster of ${nodes.length} nodes (${code('drydock.simulation.nodes')})._`);
  return { markdown: lines.join('\n\n') };
}

function toleratedBy(tol: Toleration, nodes: Array<{ name: string; taints: Taint[] }>): string {
  const hits: string[] = [];
  for (const n of nodes) {
    for (const t of n.taints) {
      if (t && typeof t === 'object' && typeof t.key === 'string' && toleratesTaint(tol, t)) hits.push(`${code(n.name)} ${code(taintText(t))}`);
    }
  }
  if (hits.length === 0) return 'This toleration matches no taint on the cluster\'s nodes.';
  return `This toleration matches ${hits.slice(0, 8).join(', ')}${hits.length > 8 ? `, … ${hits.length - 8} more` : ''}.`;
}
