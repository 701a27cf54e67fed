// Pending pods of the simulation as `unschedulable` warnings on their workload,
// so the quick fixes in actions/unschedulable.ts (add a toleration, label a Node,
// drop a nodeSelector entry) reach the user where the problem is written.
//
// This provider only READS a simulation result that is current for the
// workspace generation (explain/simulation.ts currentExplainSimulation); it never
// starts a simulation nor the simulation worker: a result exists once a
// simulation feature (status bar, simulation hover, simulate panel) asked for
// it, and the server re-checks the files with workloads when a new result
// arrives (onExplainSimulationResult, wired in server.ts). Stale results (an
// earlier generation) are never shown: a stale warning could point at a line
// that no longer holds the problem. `drydock check` (CLI) shares this provider
// but never simulates, so no result exists and check stays schema +
// cross-references, as intended.

import { isMap, isSeq, type Node as YamlNode, type YAMLMap } from 'yaml';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { nodeAtPath, pairOf, scalarString } from '../model/ast';
import type { Resource, SourceFile } from '../model/parse';
import type { Workspace } from '../model/workspace';
import type { PendingFacts, SimulationResult } from '../sim/report';
import type { FeatureContext } from './context';
import { currentExplainSimulation } from './explain/simulation';

type PodRow = SimulationResult['pods'][number];

/** Same value as diagnostics.ts SOURCE (not imported: diagnostics.ts imports this module). */
const SOURCE = 'drydock';

/** API group -> workload kinds whose pods the simulation creates. */
const WORKLOAD_KINDS: Record<string, ReadonlySet<string>> = {
  apps: new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']),
  '': new Set(['ReplicationController', 'Pod']),
  batch: new Set(['Job', 'CronJob']),
};

/** Declared Nodes listed in relatedInformation at most. */
const MAX_RELATED_NODES = 5;

export function isWorkload(r: Resource): boolean {
  return WORKLOAD_KINDS[r.group]?.has(r.kind) === true && !!r.name;
}

/** Files declaring at least one workload (re-checked when a new simulation result arrives). */
export function workloadFiles(ws: Workspace): string[] {
  const out: string[] = [];
  for (const f of ws.allFiles()) if (!f.isTemplate && f.docs.some((d) => d.resources.some(isWorkload))) out.push(f.uri);
  return out;
}

/** The result's pods by `Kind/namespace/name` of their top-level workload (a bare Pod by its own name), built once per result. Pure cache: its keys are never modified once built. */
const podIndexes = new WeakMap<SimulationResult, Map<string, PodRow[]>>();
function podsByWorkload(result: SimulationResult): Map<string, PodRow[]> {
  let index = podIndexes.get(result);
  if (index) return index;
  index = new Map();
  for (const p of result.pods) {
    const key = p.workload ? `${p.workload.kind}/${p.namespace}/${p.workload.name}` : `Pod/${p.namespace}/${p.name}`;
    const list = index.get(key);
    if (list) list.push(p);
    else index.set(key, [p]);
  }
  podIndexes.set(result, index);
  return index;
}

export function simulationDiagnostics(ctx: FeatureContext, file: SourceFile): Diagnostic[] {
  if (file.isTemplate) return [];
  // The result first: without one (no simulation asked for yet, or an edit since) the documents are not walked.
  const sim = currentExplainSimulation(ctx);
  if (!sim?.ok) return [];
  const workloads = file.docs.flatMap((d) => d.resources.filter(isWorkload));
  if (workloads.length === 0) return [];
  const index = podsByWorkload(sim.result);
  const out: Diagnostic[] = [];
  let nodes: Map<string, Resource> | undefined;
  for (const r of workloads) {
    const pods = index.get(`${r.kind}/${r.namespace || 'default'}/${r.name}`) ?? [];
    const pending = pods.filter((p) => p.phase === 'Pending' && p.node === null && p.message);
    if (pending.length === 0) continue;
    nodes ??= declaredNodes(ctx.workspace);
    out.push(warning(ctx, file, r, pods.length, pending, nodes));
  }
  return out;
}

function warning(ctx: FeatureContext, file: SourceFile, r: Resource, total: number, pending: PodRow[], nodes: Map<string, Resource>): Diagnostic {
  const first = pending[0];
  const facts: PendingFacts | undefined = first.pendingFacts;
  const who = r.kind === 'Pod' ? 'The pod stays' : `${pending.length} of ${total} pod${total === 1 ? '' : 's'} ${pending.length === 1 ? 'stays' : 'stay'}`;
  const taints = (facts?.untoleratedTaints ?? []).map((t) => ({ key: t.key, ...(t.value !== undefined ? { value: t.value } : {}), effect: t.effect }));
  const missing = facts && Object.keys(facts.missingNodeLabels).length > 0 ? facts.missingNodeLabels : undefined;
  const related = [...taintedNodes(ctx, facts, nodes), ...nodesLacking(ctx, missing, nodes)];
  return {
    range: anchorRange(file, r),
    severity: DiagnosticSeverity.Warning,
    source: SOURCE,
    code: 'unschedulable',
    message: `${who} Pending: ${first.message}`,
    data: {
      pod: `${first.namespace}/${first.name}`,
      reasons: first.reasons ?? [],
      ...(taints.length > 0 ? { taints } : {}),
      ...(missing ? { missingNodeLabels: missing } : {}),
    },
    ...(related.length > 0 ? { relatedInformation: related } : {}),
  };
}

/** `spec.replicas` key, else the metadata.name value, else the kind value. */
function anchorRange(file: SourceFile, r: Resource) {
  const spec = nodeAtPath(r.node, ['spec']);
  const replicas = isMap(spec) ? pairOf(spec, 'replicas') : undefined;
  const target = (replicas?.key as YamlNode | undefined) ?? nodeAtPath(r.node, ['metadata', 'name']) ?? (pairOf(r.node, 'kind')?.value as YamlNode | undefined);
  return nodeRange(file, r, target) ?? file.lines.range(r.doc.start + (r.node.range?.[0] ?? 0), r.doc.start + (r.node.range?.[0] ?? 0));
}

function nodeRange(file: SourceFile, r: Resource, n: YamlNode | undefined | null) {
  const range = n?.range;
  return range ? file.lines.range(r.doc.start + range[0], r.doc.start + range[1]) : undefined;
}

/** Nodes declared in the workspace (apiVersion v1), by name. */
function declaredNodes(ws: Workspace): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const r of ws.resources()) if (r.kind === 'Node' && r.apiVersion === 'v1' && r.name && !out.has(r.name)) out.set(r.name, r);
  return out;
}

function location(ctx: FeatureContext, node: Resource, n: YamlNode | undefined | null): DiagnosticRelatedInformation['location'] | undefined {
  const file = ctx.workspace.get(node.doc.uri);
  const range = file && (nodeRange(file, node, n) ?? nodeRange(file, node, nodeAtPath(node.node, ['metadata', 'name'])));
  return file && range ? { uri: file.uri, range } : undefined;
}

function taintedNodes(ctx: FeatureContext, facts: PendingFacts | undefined, nodes: Map<string, Resource>): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const t of facts?.untoleratedTaints ?? []) {
    for (const name of t.nodes) {
      const node = nodes.get(name);
      if (!node || out.length >= MAX_RELATED_NODES) continue;
      const list = nodeAtPath(node.node, ['spec', 'taints']);
      const item = isSeq(list) ? (list.items.find((i) => isMap(i) && scalarString(nodeAtPath(i, ['key'])) === t.key && scalarString(nodeAtPath(i, ['effect'])) === t.effect) as YamlNode | undefined) : undefined;
      const loc = location(ctx, node, item);
      const text = `${t.key}${t.value !== undefined ? `=${t.value}` : ''}:${t.effect}`;
      if (loc) out.push({ location: loc, message: `Node "${name}" has taint ${text}, which the pod does not tolerate` });
    }
  }
  return out;
}

function nodesLacking(ctx: FeatureContext, missing: Record<string, string> | undefined, nodes: Map<string, Resource>): DiagnosticRelatedInformation[] {
  if (!missing) return [];
  const out: DiagnosticRelatedInformation[] = [];
  for (const [name, node] of nodes) {
    if (out.length >= MAX_RELATED_NODES) break;
    const labels = nodeAtPath(node.node, ['metadata', 'labels']);
    const notes: string[] = [];
    let at: YamlNode | undefined;
    for (const [k, v] of Object.entries(missing)) {
      const pair = isMap(labels) ? pairOf(labels as YAMLMap, k) : undefined;
      const has = pair ? scalarString(pair.value) : undefined;
      if (pair && has !== undefined) {
        notes.push(`has ${k}=${has}, not ${v}`);
        at ??= pair.key as YamlNode;
      } else notes.push(`has no label ${k}=${v}`);
    }
    const loc = location(ctx, node, at ?? (isMap(labels) ? (labels as YamlNode) : undefined));
    if (loc) out.push({ location: loc, message: `Node "${name}" ${notes.join(', ')}` });
  }
  return out;
}
