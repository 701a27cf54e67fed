// Node completion for nodeSelector, node affinity and tolerations: the label keys
// and values of the workspace's Nodes (or of the default simulated cluster, with
// the well-known labels kube-scheduler users select on), the taints that exist,
// and node names for `matchFields: metadata.name`; each with how many nodes match.

import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { nameNode } from '../../model/index';
import { toleratesTaint } from '../../k8s/taints';
import type { Taint } from '../../sim/types';
import { nodeFacts, type NodeFact, type NodeFacts } from './facts';
import type { LabelSource } from './labels';
import { countSort, plural, valueItem, whereLink, yamlString, type CompletionEnv } from './modelCommon';

/**
 * Well-known node labels (k8s.io/api/core/v1 well_known_labels.go). The default
 * cluster's nodes carry the first four; instance-type is offered as a key so it
 * can be written, with the note that no simulated node has it.
 */
const WELL_KNOWN_NODE_LABELS = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'kubernetes.io/os', 'kubernetes.io/arch', 'node.kubernetes.io/instance-type'];

function nodeWhere(env: CompletionEnv, facts: NodeFacts) {
  return (x: unknown) => {
    const n = x as NodeFact;
    return n.entry ? `Node ${n.name} — ${whereLink(env, n.entry, nameNode(n.entry.resource))}` : `Node ${n.name} (default simulated cluster${facts.isDefault ? ': the workspace declares no Node' : ''})`;
  };
}

/** The nodes' labels as a LabelSource (keys, then values with node counts). */
export function nodeLabelSource(env: CompletionEnv): LabelSource {
  const facts = nodeFacts(env.ctx);
  const table = new Map(facts.labels) as LabelSource['table'];
  if (facts.isDefault) for (const k of WELL_KNOWN_NODE_LABELS) if (!table.has(k)) table.set(k, new Map());
  return { table, noun: 'node', where: nodeWhere(env, facts), scope: facts.isDefault ? 'the default simulated cluster' : "the workspace's Nodes" };
}

/** Node names (`matchFields: [{key: metadata.name, values: [|]}]`). */
export function nodeNameItems(env: CompletionEnv): CompletionItem[] {
  const facts = nodeFacts(env.ctx);
  const where = nodeWhere(env, facts);
  return facts.nodes.map((n, i) => valueItem(env, n.name, { kind: CompletionItemKind.Reference, detail: 'Node', doc: where(n), sort: String(i).padStart(5, '0') }));
}

interface TaintGroup {
  taint: Taint;
  nodes: NodeFact[];
}

/** Distinct taints (key, value, effect) and the nodes carrying each. */
function taintGroups(facts: NodeFacts): TaintGroup[] {
  const groups = new Map<string, TaintGroup>();
  for (const n of facts.nodes) {
    for (const t of n.taints) {
      const id = `${t.key}\u0000${t.value ?? ''}\u0000${t.effect}`;
      const g = groups.get(id);
      if (g) g.nodes.push(n);
      else groups.set(id, { taint: t, nodes: [n] });
    }
  }
  return [...groups.values()];
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

function taintDoc(env: CompletionEnv, facts: NodeFacts, g: TaintGroup[]): string {
  const where = nodeWhere(env, facts);
  const nodes = [...new Set(g.flatMap((x) => x.nodes))];
  return `Taint${g.length > 1 ? 's' : ''} ${g.map((x) => `\`${taintText(x.taint)}\``).join(', ')} on ${plural(nodes.length, 'node')}:\n\n${nodes
    .slice(0, 5)
    .map((n) => `- ${where(n)}`)
    .join('\n')}${nodes.length > 5 ? `\n- … and ${nodes.length - 5} more` : ''}`;
}

/** A toleration field's values: taint keys, the values of the key already written, or effects. */
export function tolerationValueItems(env: CompletionEnv, field: 'key' | 'value' | 'effect', sibling: (k: string) => string | undefined): CompletionItem[] {
  const facts = nodeFacts(env.ctx);
  let groups = taintGroups(facts);
  if (field !== 'key') {
    const key = sibling('key');
    groups = groups.filter((g) => key === undefined || g.taint.key === key);
    if (field === 'effect') {
      const value = sibling('value');
      if (value !== undefined) groups = groups.filter((g) => (g.taint.value ?? '') === value);
    }
  }
  const byLabel = new Map<string, TaintGroup[]>();
  for (const g of groups) {
    const label = field === 'key' ? g.taint.key : field === 'value' ? (g.taint.value ?? '') : g.taint.effect;
    if (!label) continue;
    byLabel.set(label, [...(byLabel.get(label) ?? []), g]);
  }
  return [...byLabel.entries()].map(([label, gs]) => {
    const count = new Set(gs.flatMap((g) => g.nodes)).size;
    return valueItem(env, label, { kind: CompletionItemKind.Value, detail: `taint ${field} · ${plural(count, 'node')}`, doc: taintDoc(env, facts, gs), sort: countSort(count, label) });
  });
}

/** At a new `tolerations` item (`- |`): one whole toleration per existing taint. */
export function tolerationItems(env: CompletionEnv, col: number): CompletionItem[] {
  const facts = nodeFacts(env.ctx);
  const pad = ' '.repeat(col);
  return taintGroups(facts).map((g) => {
    const t = g.taint;
    const toleration = { key: t.key, operator: t.value ? 'Equal' : 'Exists', ...(t.value ? { value: t.value } : {}), effect: t.effect };
    const lines = Object.entries(toleration).map(([k, v]) => `${k}: ${yamlString(v)}`);
    // Nodes whose every scheduling taint this one toleration covers.
    const tolerated = facts.nodes.filter((n) => n.taints.length > 0 && n.taints.every((x) => x.effect === 'PreferNoSchedule' || toleratesTaint(toleration, x as never)));
    const replace = env.site.replace;
    return {
      label: `tolerate ${taintText(t)}`,
      kind: CompletionItemKind.Snippet,
      detail: g.nodes.length === 1 ? '1 node carries it' : `${g.nodes.length} nodes carry it`,
      sortText: `0${countSort(g.nodes.length, taintText(t))}`,
      filterText: t.key,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${taintDoc(env, facts, [g])}${tolerated.length ? `\n\nWith it alone the pod tolerates every taint of ${plural(tolerated.length, 'node')}.` : ''}`,
      },
      textEdit: { range: { start: { line: env.line, character: replace[0] }, end: { line: env.line, character: replace[1] } }, newText: lines.join(`\n${pad}`) },
      insertTextFormat: InsertTextFormat.PlainText,
    };
  });
}
