// The simulation result as the panel sees it. The server's `drydock/simulate`
// request answers with the protocol's SimulateResponse (server/src/protocol.ts:
// the simulator's report plus scope, what-ifs and baseline); `readResponse`
// accepts exactly that shape (anything else is reported as an unexpected
// answer, never an exception) and `readSimulation` turns it into the view the
// renderer draws. No VS Code here.

import type { SimulateResult, SimulationResult, SourceJson } from '../../../server/src/protocol';

export interface SourceLocation {
  uri: string;
  line: number;
  character: number;
}

export interface NodeView {
  name: string;
  /** CPU in millicores, memory in bytes, pods as a count; undefined when unknown. */
  allocatable: { cpu?: number; memory?: number; pods?: number };
  requested: { cpu: number; memory: number };
  pods: string[];
  unschedulable: boolean;
  failed: boolean;
  taints: string[];
  source?: SourceLocation;
}

export interface PodView {
  namespace: string;
  name: string;
  node?: string;
  phase: string;
  qosClass?: string;
  reason?: string;
  message?: string;
  owner?: { kind: string; name: string };
  source?: SourceLocation;
}

export interface ServiceView {
  namespace: string;
  name: string;
  type: string;
  clusterIP?: string;
  endpoints: Array<{ pod: string; ip?: string; port?: number }>;
  source?: SourceLocation;
}

export interface ClaimView {
  namespace: string;
  name: string;
  phase: string;
  volume?: string;
  storageClass?: string;
  source?: SourceLocation;
}

export interface RolloutView {
  namespace: string;
  name: string;
  steps: Array<{ newReplicas: number; oldReplicas: number }>;
  source?: SourceLocation;
}

export interface RejectedView {
  kind: string;
  namespace?: string;
  name: string;
  message: string;
  source?: SourceLocation;
}

export interface EventView {
  type: string;
  reason: string;
  object: string;
  message: string;
  source?: SourceLocation;
}

export interface WorkloadView {
  kind: string;
  namespace: string;
  name: string;
  replicas?: number;
  source?: SourceLocation;
}

export interface BudgetView {
  namespace: string;
  name: string;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

export interface WarningView {
  message: string;
  source?: SourceLocation;
}

/** A document the simulation did not apply as an object (a kustomize patch, a template), with why. */
export interface SkippedView {
  kind?: string;
  name?: string;
  reason: string;
  source?: SourceLocation;
}

export interface SimulationView {
  /** Namespaces the manifests use but do not define, assumed to exist (empty with strict namespaces). */
  assumedNamespaces: string[];
  skipped: SkippedView[];
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  claims: ClaimView[];
  rollouts: RolloutView[];
  rejected: RejectedView[];
  events: EventView[];
  workloads: WorkloadView[];
  budgets: BudgetView[];
  warnings: WarningView[];
  /** Scope "overlay": the rendered Kustomize objects, with images, linked to their base/overlay files. */
  overlayObjects: OverlayObjectView[];
}

export interface OverlayObjectView {
  kind: string;
  namespace?: string;
  name: string;
  replicas?: number;
  images: string[];
  source?: SourceLocation;
}

/** The source of a result row: the LSP location the server adds, else the report's file (a URI in the server's answer) and 1-based line. */
export function toSourceLocation(s: SourceJson | null | undefined): SourceLocation | undefined {
  if (!s) return undefined;
  if (s.location) return { uri: s.location.uri, line: s.location.range.start.line, character: s.location.range.start.character };
  return { uri: s.file, line: Math.max(0, s.line - 1), character: 0 };
}

const orUndefined = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

type Row<K extends keyof SimulationResult> = SimulationResult[K] extends Array<infer R> ? R : never;

function readNode(n: Row<'nodes'>): NodeView {
  return {
    name: n.name,
    allocatable: { cpu: n.allocatable.cpu, memory: n.allocatable.memory, pods: n.allocatable.pods },
    requested: { cpu: n.requested.cpu, memory: n.requested.memory },
    pods: n.pods,
    unschedulable: n.unschedulable,
    failed: !n.ready,
    taints: n.taints.map((t) => `${t.key}${t.value !== undefined ? '=' + t.value : ''}:${t.effect}`),
    source: toSourceLocation(n.source),
  };
}

function readPod(p: Row<'pods'>): PodView {
  return {
    namespace: p.namespace,
    name: p.name,
    node: orUndefined(p.node),
    phase: p.phase,
    qosClass: orUndefined(p.qosClass),
    reason: orUndefined(p.reason),
    message: orUndefined(p.message),
    owner: orUndefined(p.owner),
    source: toSourceLocation(p.source),
  };
}

/** The panel's view of one simulation result. */
export function readSimulation(r: SimulationResult & Pick<SimulateResult, 'overlayObjects'>): SimulationView {
  return {
    assumedNamespaces: [...r.assumedNamespaces],
    skipped: r.skipped.map((d) => ({ kind: orUndefined(d.kind), name: orUndefined(d.name), reason: d.reason, source: toSourceLocation(d.source) })),
    nodes: r.nodes.map(readNode),
    pods: r.pods.map(readPod),
    services: r.services.map((s) => ({
      namespace: s.namespace,
      name: s.name,
      type: s.type,
      clusterIP: orUndefined(s.clusterIP),
      endpoints: s.endpoints.map((e) => ({ pod: e.pod, ip: e.ip, port: orUndefined(e.port) })),
      source: toSourceLocation(s.source),
    })),
    claims: r.persistentVolumeClaims.map((c) => ({
      namespace: c.namespace,
      name: c.name,
      phase: c.phase,
      volume: orUndefined(c.volume),
      storageClass: orUndefined(c.storageClass),
      source: toSourceLocation(c.source),
    })),
    rollouts: r.rollouts.map((o) => ({ namespace: o.namespace, name: o.name, steps: o.steps, source: toSourceLocation(o.source) })),
    rejected: r.rejected.map((x) => ({ kind: x.kind, namespace: orUndefined(x.namespace), name: x.name, message: x.message, source: toSourceLocation(x.source) })),
    events: r.events.map((e) => ({ type: e.type, reason: e.reason, object: e.object, message: e.message, source: toSourceLocation(e.source) })),
    workloads: r.workloads.map((w) => ({ kind: w.kind, namespace: w.namespace, name: w.name, replicas: w.desired, source: toSourceLocation(w.source) })),
    budgets: r.podDisruptionBudgets,
    warnings: r.warnings.map((w) => ({ message: w.message, source: toSourceLocation(w.source) })),
    overlayObjects: (r.overlayObjects ?? []).map((x) => ({ kind: x.kind, namespace: x.namespace, name: x.name, replicas: x.replicas, images: x.images, source: toSourceLocation(x.source) })),
  };
}

/** The lists every result has: an answer without them is not a SimulateResult. */
const RESULT_LISTS = ['nodes', 'pods', 'workloads', 'services', 'persistentVolumeClaims', 'podDisruptionBudgets', 'rollouts', 'rejected', 'events', 'warnings', 'whatIf', 'whatIfMessages'] as const;

export type PanelAnswer = { kind: 'result'; result: SimulateResult; view: SimulationView } | { kind: 'error'; message: string };

/**
 * Reads the server's answer to `drydock/simulate`: the result (and its view),
 * the server's `{ error }` (bad input, file not a manifest), or an error naming
 * what is missing when the answer has neither shape (e.g. a server of another version).
 */
export function readResponse(raw: unknown): PanelAnswer {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'error', message: `Unexpected answer from the language server: ${JSON.stringify(raw)?.slice(0, 100) ?? 'undefined'}` };
  const o = raw as Record<string, unknown>;
  if (typeof o.error === 'string') return { kind: 'error', message: o.error };
  const missing = RESULT_LISTS.filter((k) => !Array.isArray(o[k]));
  if (missing.length > 0) return { kind: 'error', message: `Unexpected answer from the language server: no ${missing.join(', ')} (is the server from another Drydock version?)` };
  const result = raw as SimulateResult;
  return { kind: 'result', result, view: readSimulation(result) };
}

/** "ns/name" key of a pod, as node cards list them. */
export const podKey = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;

export function pendingPods(view: SimulationView): PodView[] {
  return view.pods.filter((p) => p.phase === 'Pending' && !p.node);
}
