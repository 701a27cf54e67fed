// What completion offers from the model, precomputed so that a request does not
// scan the workspace: pod-template labels as namespace -> key -> value -> the
// templates carrying them, kept up to date from the resource index's change
// batches (a keystroke moves the templates of one document), and the label and
// taint tables of the cluster's nodes, rebuilt only when the workspace
// generation changes.

import type { IndexedResource, PodTemplate, ResourceIndex } from '../../model/index';
import type { Taint } from '../../sim/types';
import type { FeatureContext } from '../context';
import { clusterNodes } from '../explain/nodes';

/** key -> value -> the objects carrying `key: value`. */
export type LabelTable<T> = Map<string, Map<string, Set<T>>>;

function addLabels<T>(table: LabelTable<T>, labels: Record<string, string>, item: T): void {
  for (const [k, v] of Object.entries(labels)) {
    let values = table.get(k);
    if (!values) table.set(k, (values = new Map<string, Set<T>>()));
    let set = values.get(v);
    if (!set) values.set(v, (set = new Set()));
    set.add(item);
  }
}

function removeLabels<T>(table: LabelTable<T>, labels: Record<string, string>, item: T): void {
  for (const [k, v] of Object.entries(labels)) {
    const values = table.get(k);
    const set = values?.get(v);
    if (!values || !set) continue;
    set.delete(item);
    if (set.size === 0) values.delete(v);
    if (values.size === 0) table.delete(k);
  }
}

/** Pod-template labels per namespace, maintained incrementally. */
export class PodLabelIndex {
  private readonly byNs = new Map<string, LabelTable<PodTemplate>>();
  /** Every namespace together (selectors looking in all namespaces). */
  private readonly everywhere: LabelTable<PodTemplate> = new Map();

  constructor(index: ResourceIndex) {
    for (const e of index.all()) this.add(e);
    index.onDidRefresh((changes) => {
      for (const c of changes) {
        for (const e of c.removed) this.remove(e);
        for (const e of c.added) this.add(e);
      }
    });
  }

  private add(e: IndexedResource): void {
    const t = e.template;
    if (!t) return;
    let table = this.byNs.get(t.namespace);
    if (!table) this.byNs.set(t.namespace, (table = new Map<string, Map<string, Set<PodTemplate>>>()));
    addLabels(table, t.labels, t);
    addLabels(this.everywhere, t.labels, t);
  }

  private remove(e: IndexedResource): void {
    const t = e.template;
    if (!t) return;
    removeLabels(this.byNs.get(t.namespace) ?? new Map<string, Map<string, Set<PodTemplate>>>(), t.labels, t);
    removeLabels(this.everywhere, t.labels, t);
  }

  /** The label table of all namespaces. */
  all(): LabelTable<PodTemplate> {
    return this.everywhere;
  }

  /** The label table of one namespace. */
  namespace(ns: string): LabelTable<PodTemplate> {
    return this.byNs.get(ns) ?? new Map<string, Map<string, Set<PodTemplate>>>();
  }

  namespaces(): string[] {
    return [...this.byNs.keys()];
  }
}

/** The pod-label index of a workspace (built once per services, then updated per change batch). */
export function podLabelIndex(ctx: FeatureContext): PodLabelIndex {
  const index = ctx.services.graph.index;
  const derived = ctx.services.derived;
  if (!derived.completionPodLabels) derived.completionPodLabels = new PodLabelIndex(index);
  index.refresh();
  return derived.completionPodLabels;
}

/** One node as completion sees it. */
export interface NodeFact {
  name: string;
  labels: Record<string, string>;
  taints: Taint[];
  /** The IndexedResource of a workspace Node (undefined for the default cluster). */
  entry?: IndexedResource;
}

export interface NodeFacts {
  nodes: NodeFact[];
  labels: LabelTable<NodeFact>;
  /** True when the workspace declares no Node and the default simulated cluster stands in. */
  isDefault: boolean;
}

/** The last nodeFacts() answer (Services.derived). */
export interface NodeFactsCache {
  generation: number;
  settingsKey: string;
  value: NodeFacts;
}

/** Labels and taints of the cluster's nodes (workspace Nodes, else the default cluster), per generation. */
export function nodeFacts(ctx: FeatureContext): NodeFacts {
  const settingsKey = JSON.stringify(ctx.settings.simulation);
  const hit = ctx.services.derived.completionNodeFacts;
  if (hit && hit.generation === ctx.workspace.generation && hit.settingsKey === settingsKey) return hit.value;
  const cluster = clusterNodes(ctx);
  const entries = new Map<string, IndexedResource>();
  for (const e of ctx.services.graph.index.ofKind('', 'Node')) if (e.name) entries.set(e.name, e);
  const nodes: NodeFact[] = cluster.nodes.map((n) => {
    const name = String(n.metadata?.name ?? '');
    const labels = n.metadata?.labels && typeof n.metadata.labels === 'object' ? (n.metadata.labels as Record<string, string>) : {};
    const taints = Array.isArray(n.spec?.taints) ? n.spec.taints.filter((t) => t && typeof t === 'object' && typeof t.key === 'string') : [];
    return { name, labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)])), taints, entry: entries.get(name) };
  });
  const labels: LabelTable<NodeFact> = new Map();
  for (const n of nodes) addLabels(labels, n.labels, n);
  const value = { nodes, labels, isDefault: cluster.isDefault };
  ctx.services.derived.completionNodeFacts = { generation: ctx.workspace.generation, settingsKey, value };
  return value;
}

/** A label table built on the fly from a few objects (Namespaces, Services). */
export function labelTableOf<T>(items: Iterable<[T, Record<string, string>]>): LabelTable<T> {
  const table: LabelTable<T> = new Map();
  for (const [item, labels] of items) addLabels(table, labels, item);
  return table;
}
