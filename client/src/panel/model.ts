// The simulation result as the panel sees it. The server's `drydock/simulate`
// request returns the CLI's `--json` model plus source locations; this module
// reads that JSON defensively (the webview must never break on a missing or
// oddly-typed field) and turns it into one normalised shape. No VS Code here.

/** A place in a manifest: file URI and 0-based line/character. */
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
  endpoints: Array<{ pod: string; ip?: string; port?: number | string }>;
  source?: SourceLocation;
}

export interface ClaimView {
  namespace: string;
  name: string;
  phase: string;
  volume?: string;
  storageClass?: string;
  capacity?: string;
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

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** A Kubernetes quantity ("250m", "16Gi", "1e3") as a number of base units; undefined when not a quantity. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/.exec(q.trim());
  if (!m) return undefined;
  const unit = m[2] ?? '';
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? 1);
}

/** CPU as millicores: numbers are taken as millicores already (the simulator's unit), strings as quantities. */
function cpuMillis(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const q = parseQuantity(v);
  return q === undefined ? undefined : Math.round(q * 1000);
}

function bytes(v: unknown): number | undefined {
  return parseQuantity(v);
}

/**
 * Reads every source shape the server may send: an LSP Location ({uri, range}),
 * the simulator's SourceRef ({uri, line}, 0-based), or the CLI's ({file, line}, 1-based as printed).
 */
export function toSourceLocation(v: unknown): SourceLocation | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v.uri === 'string' && isObj(v.range) && isObj(v.range.start)) {
    return { uri: v.uri, line: Math.max(0, num(v.range.start.line) ?? 0), character: Math.max(0, num(v.range.start.character) ?? 0) };
  }
  if (typeof v.uri === 'string') return { uri: v.uri, line: Math.max(0, num(v.line) ?? 0), character: Math.max(0, num(v.character) ?? 0) };
  if (typeof v.file === 'string') {
    const uri = /^[a-z][a-z0-9+.-]*:/i.test(v.file) ? v.file : fileUriOf(v.file);
    return { uri, line: Math.max(0, (num(v.line) ?? 1) - 1), character: 0 };
  }
  return undefined;
}

function fileUriOf(path: string): string {
  const abs = path.startsWith('/') ? path : `/${path}`;
  return 'file://' + abs.split('/').map(encodeURIComponent).join('/');
}

/** Prefers an LSP `location` (on the object or inside its `source`), then `source` itself. */
function sourceOf(o: Json): SourceLocation | undefined {
  return toSourceLocation(o.location) ?? (isObj(o.source) ? toSourceLocation(o.source.location) : undefined) ?? toSourceLocation(o.source);
}

function readNode(o: Json): NodeView {
  const alloc = isObj(o.allocatable) ? o.allocatable : {};
  const req = isObj(o.requested) ? o.requested : {};
  const taints = arr(o.taints)
    .filter(isObj)
    .map((t) => `${str(t.key) ?? ''}${t.value !== undefined ? '=' + str(t.value) : ''}:${str(t.effect) ?? ''}`);
  return {
    name: str(o.name) ?? '(unnamed)',
    allocatable: { cpu: cpuMillis(alloc.cpu), memory: bytes(alloc.memory), pods: parseQuantity(alloc.pods) },
    requested: { cpu: cpuMillis(req.cpu) ?? 0, memory: bytes(req.memory) ?? 0 },
    pods: arr(o.pods).map(str).filter((s): s is string => !!s),
    unschedulable: o.unschedulable === true || o.cordoned === true,
    failed: o.failed === true || o.ready === false || o.notReady === true,
    taints,
    source: sourceOf(o),
  };
}

function readPod(o: Json): PodView {
  const owner = isObj(o.owner) && typeof o.owner.kind === 'string' && typeof o.owner.name === 'string' ? { kind: o.owner.kind, name: o.owner.name } : undefined;
  return {
    namespace: str(o.namespace) ?? 'default',
    name: str(o.name) ?? '(unnamed)',
    node: str(o.node) || undefined,
    phase: str(o.phase) ?? 'Unknown',
    qosClass: str(o.qosClass),
    reason: str(o.reason),
    message: str(o.message),
    owner,
    source: sourceOf(o),
  };
}

function readService(o: Json): ServiceView {
  return {
    namespace: str(o.namespace) ?? 'default',
    name: str(o.name) ?? '(unnamed)',
    type: str(o.type) ?? 'ClusterIP',
    clusterIP: str(o.clusterIP),
    endpoints: arr(o.endpoints)
      .filter(isObj)
      .map((e) => ({ pod: str(e.pod) ?? str(e.targetRef) ?? '?', ip: str(e.ip), port: num(e.port) ?? str(e.port) })),
    source: sourceOf(o),
  };
}

function readClaim(o: Json): ClaimView {
  const cap = isObj(o.capacity) ? str(o.capacity.storage) : str(o.capacity) ?? str(o.storage) ?? str(o.size);
  return {
    namespace: str(o.namespace) ?? 'default',
    name: str(o.name) ?? '(unnamed)',
    phase: str(o.phase) ?? str(o.status) ?? 'Pending',
    volume: str(o.volume) ?? str(o.volumeName),
    storageClass: str(o.storageClass) ?? str(o.storageClassName),
    capacity: cap,
    source: sourceOf(o),
  };
}

function readRollout(o: Json): RolloutView {
  return {
    namespace: str(o.namespace) ?? 'default',
    name: str(o.name) ?? '(unnamed)',
    steps: arr(o.steps)
      .filter(isObj)
      .map((s) => ({ newReplicas: num(s.newReplicas) ?? 0, oldReplicas: num(s.oldReplicas) ?? 0 })),
    source: sourceOf(o),
  };
}

function readRejected(o: Json): RejectedView {
  return { kind: str(o.kind) ?? '?', namespace: str(o.namespace), name: str(o.name) ?? '(unnamed)', message: str(o.message) ?? '', source: sourceOf(o) };
}

function readEvent(o: Json): EventView {
  return { type: str(o.type) ?? 'Normal', reason: str(o.reason) ?? '', object: str(o.object) ?? '', message: str(o.message) ?? '', source: sourceOf(o) };
}

/** Workloads that can be scaled: from the server when it lists them, otherwise from pod owners and rollouts. */
function readWorkloads(raw: Json, pods: PodView[], rollouts: RolloutView[]): WorkloadView[] {
  const out = new Map<string, WorkloadView>();
  const add = (w: WorkloadView) => out.set(`${w.kind}/${w.namespace}/${w.name}`, out.get(`${w.kind}/${w.namespace}/${w.name}`) ?? w);
  for (const w of arr(raw.workloads).filter(isObj)) {
    const kind = str(w.kind), name = str(w.name);
    if (kind && name) add({ kind, namespace: str(w.namespace) ?? 'default', name, replicas: num(w.replicas) ?? num(w.desired), source: sourceOf(w) });
  }
  if (out.size > 0) return [...out.values()];
  const deployments = new Set(rollouts.map((r) => `${r.namespace}/${r.name}`));
  for (const p of pods) {
    if (!p.owner) continue;
    if (p.owner.kind === 'ReplicaSet') {
      // Deployment-owned ReplicaSets are named <deployment>-<pod-template-hash>.
      const m = /^(.+)-[a-z0-9]{5,10}$/.exec(p.owner.name);
      if (m && (deployments.has(`${p.namespace}/${m[1]}`) || deployments.size === 0)) add({ kind: 'Deployment', namespace: p.namespace, name: m[1] });
      else add({ kind: 'ReplicaSet', namespace: p.namespace, name: p.owner.name });
    } else if (p.owner.kind === 'StatefulSet' || p.owner.kind === 'Deployment' || p.owner.kind === 'ReplicationController') {
      add({ kind: p.owner.kind, namespace: p.namespace, name: p.owner.name });
    }
  }
  for (const w of out.values()) if (w.replicas === undefined) w.replicas = pods.filter((p) => ownedBy(p, w)).length;
  return [...out.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}

function ownedBy(p: PodView, w: WorkloadView): boolean {
  if (!p.owner || p.namespace !== w.namespace) return false;
  if (p.owner.kind === w.kind && p.owner.name === w.name) return true;
  return w.kind === 'Deployment' && p.owner.kind === 'ReplicaSet' && p.owner.name.startsWith(`${w.name}-`);
}

/** The server's `{ error }` answer (bad input, file not a manifest), if that is what it sent. */
export function simulationError(raw: unknown): string | undefined {
  return isObj(raw) && typeof raw.error === 'string' && !Array.isArray(raw.nodes) ? raw.error : undefined;
}

/** Normalises whatever the server sent; an unusable value gives an empty simulation, never an exception. */
export function readSimulation(raw: unknown): SimulationView {
  const o = isObj(raw) ? (isObj(raw.result) && !Array.isArray(raw.nodes) ? raw.result : raw) : {};
  const pods = arr(o.pods).filter(isObj).map(readPod);
  const rollouts = arr(o.rollouts).filter(isObj).map(readRollout);
  return {
    assumedNamespaces: arr(o.assumedNamespaces)
      .map(str)
      .filter((n): n is string => !!n),
    skipped: arr(o.skipped)
      .filter(isObj)
      .map((d) => ({ kind: str(d.kind), name: str(d.name), reason: str(d.reason) ?? '', source: sourceOf(d) })),
    nodes: arr(o.nodes).filter(isObj).map(readNode),
    pods,
    services: arr(o.services).filter(isObj).map(readService),
    claims: arr(o.persistentVolumeClaims ?? o.pvcs).filter(isObj).map(readClaim),
    rollouts,
    rejected: arr(o.rejected).filter(isObj).map(readRejected),
    events: arr(o.events).filter(isObj).map(readEvent),
    workloads: readWorkloads(o, pods, rollouts),
    budgets: arr(o.podDisruptionBudgets)
      .filter(isObj)
      .map((b) => ({
        namespace: str(b.namespace) ?? 'default',
        name: str(b.name) ?? '(unnamed)',
        currentHealthy: num(b.currentHealthy) ?? 0,
        desiredHealthy: num(b.desiredHealthy) ?? 0,
        disruptionsAllowed: num(b.disruptionsAllowed) ?? 0,
      })),
    warnings: arr(o.warnings)
      .filter(isObj)
      .map((w) => ({ message: str(w.message) ?? '', source: sourceOf(w) })),
    // The objects applied from the manifests (`changes`) are the resources the simulation read.
    overlayObjects: arr(o.overlayObjects)
      .filter(isObj)
      .map((x) => ({ kind: str(x.kind) ?? '', namespace: str(x.namespace), name: str(x.name) ?? '', replicas: num(x.replicas), images: arr(x.images).filter((i): i is string => typeof i === 'string'), source: sourceOf(x) })),
  };
}

/** "ns/name" key of a pod, as node cards list them. */
export const podKey = (p: { namespace: string; name: string }): string => `${p.namespace}/${p.name}`;

export function pendingPods(view: SimulationView): PodView[] {
  return view.pods.filter((p) => p.phase === 'Pending' && !p.node);
}
