// Drydock's own protocol between the language server and the VS Code client
// (and the Simulate Apply panel it hosts): the custom request names, their
// params and results, the what-if operations, and the client commands the
// server's code lenses invoke. The one definition both sides import: the
// server (createServer.ts, features/simulate.ts, features/status.ts) and the
// client (client/src/**). Everything here is type declarations, constants and
// pure functions with no imports at run time, so esbuild inlines it into the
// client bundle without pulling in any server code.
//
// The simulation result itself is the simulator's report (`drydock simulate
// --json`), defined beside the code that builds it (sim/report.ts) and
// re-exported here as a type only.

import type { KustomizeStatus } from './lsp/kustomize';
import type { SimulationResult, SourceJson } from './sim/report';

export type { SimulationResult, SourceJson, PendingFacts } from './sim/report';
export type { KustomizeStatus, OverlaySummary } from './lsp/kustomize';

// ---------------------------------------------------------------------------
// Requests

/** `drydock/simulate`: the simulated `kubectl apply` for the panel. Params SimulateParams, result SimulateResponse. */
export const SIMULATE_REQUEST = 'drydock/simulate';
/** `drydock/status`: the status bar summary. Params `{}`, result DrydockStatus. */
export const STATUS_REQUEST = 'drydock/status';
/** `drydock/kustomize/overlays`: the workspace's Kustomize overlays for the panel's picker. Params `{}`, result KustomizeStatus. */
export const OVERLAYS_REQUEST = 'drydock/kustomize/overlays';
/** `drydock/workspaceTrust` (notification, client to server): `{ trusted: boolean }`; overlays are rendered only in trusted workspaces. */
export const WORKSPACE_TRUST_NOTIFICATION = 'drydock/workspaceTrust';
/** `drydock/memory` (benchmarks): params `{ gc?: boolean }`, result the server's and the simulation worker's heap figures. */
export const MEMORY_REQUEST = 'drydock/memory';

/**
 * What a simulation applies: the whole workspace, one file (its editor text) on
 * top of the rest, or only the objects of one rendered Kustomize overlay.
 */
export type Scope = 'file' | 'workspace' | 'overlay';

export interface SimulateParams {
  /** Default 'workspace'. */
  scope?: Scope;
  /** The file of scope 'file'. */
  uri?: string;
  /** Scope 'overlay': the URI of the overlay's directory. */
  overlay?: string;
  /** Changes to the simulated cluster, applied in order (never to the files). At most MAX_WHAT_IFS are applied. */
  whatIf?: WhatIf[];
}

/** The answer to `drydock/simulate`: a result, or `{ error }` for input the simulation cannot run on (file not open, not a manifest). */
export type SimulateResponse = SimulateResult | SimulateError;

export interface SimulateResult extends SimulationResult {
  scope: Scope;
  /** The default cluster used when the workspace declares no Node objects (the drydock.simulation settings). */
  cluster: { nodes: number; nodeCpu: string; nodeMemory: string; nodePods: number };
  /** The what-ifs that were applied (those that failed or were invalid are left out and explained in whatIfMessages). */
  whatIf: WhatIf[];
  /** What the what-ifs did, in kubectl's words where it has them (evictions, refusals, ignored operations). */
  whatIfMessages: string[];
  /** Scope 'file': what the file was compared with (e.g. "the committed version of this file (HEAD 1a2b3c4)"). */
  baseline?: string;
  /** Scope 'overlay': the overlay's name (its directory relative to the workspace folder). */
  overlay?: string;
  /** Scope 'overlay': its rendered objects with their images, linked to their sources. */
  overlayObjects?: OverlayObject[];
}

/** A rendered overlay object as the panel lists it: what `kubectl apply -k` sends, and where it came from. */
export interface OverlayObject {
  kind: string;
  namespace?: string;
  name: string;
  replicas?: number;
  images: string[];
  source: SourceJson | null;
}

export interface SimulateError {
  error: string;
}

export function isSimulateError(r: SimulateResponse): r is SimulateError {
  return typeof (r as Partial<SimulateError>).error === 'string';
}

/** The answer to `drydock/status`. */
export interface DrydockStatus {
  /** Kubernetes objects in the workspace (List items counted one by one; templates and kustomize patches excluded). */
  resources: number;
  /** Simulated pods that stay Pending (0 when the simulation could not run; see `note`). */
  pending: number;
  /** Manifest files the server knows. */
  files: number;
  /** Why `pending` is incomplete or unknown, when it is. */
  note?: string;
  /** Kustomize overlays (only when the workspace has kustomizations). */
  kustomize?: KustomizeStatus;
}

// ---------------------------------------------------------------------------
// What-ifs

export type NodeWhatIfOp = 'cordon' | 'uncordon' | 'drain' | 'fail';
export const NODE_WHAT_IF_OPS: readonly NodeWhatIfOp[] = ['cordon', 'uncordon', 'drain', 'fail'];

/** A change to the simulated cluster (never to the files). */
export type WhatIf = { op: NodeWhatIfOp; node: string } | { op: 'scale'; kind: string; /** Default "default". */ namespace?: string; name: string; replicas: number };

/** Most what-ifs one request applies (the rest are ignored). */
export const MAX_WHAT_IFS = 50;
/** Largest replica count a scale what-if accepts. */
export const MAX_REPLICAS = 10_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads one what-if from untrusted JSON (the webview's message, the request's
 * params): the what-if, or why it is not one. Replica counts may be numeric
 * strings (an HTML number input's value).
 */
export function parseWhatIf(raw: unknown): WhatIf | string {
  if (!isRecord(raw)) return 'a what-if must be an object';
  const op = raw.op;
  if (op === 'scale') {
    const replicas = typeof raw.replicas === 'string' && /^\d+$/.test(raw.replicas) ? Number(raw.replicas) : raw.replicas;
    if (typeof raw.kind !== 'string' || typeof raw.name !== 'string') return 'scale needs kind, name and replicas';
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS) return `scale needs a whole number of replicas from 0 to ${MAX_REPLICAS}`;
    if (raw.namespace !== undefined && typeof raw.namespace !== 'string') return 'scale: namespace must be a string';
    return { op: 'scale', kind: raw.kind, namespace: raw.namespace, name: raw.name, replicas };
  }
  if (typeof op === 'string' && (NODE_WHAT_IF_OPS as readonly string[]).includes(op)) {
    if (typeof raw.node !== 'string' || raw.node === '') return `${op} needs a node name`;
    return { op: op as NodeWhatIfOp, node: raw.node };
  }
  return `unknown what-if operation ${JSON.stringify(op) ?? 'undefined'} (expected one of ${[...NODE_WHAT_IF_OPS, 'scale'].join(', ')})`;
}

// ---------------------------------------------------------------------------
// Client commands the server's code lenses invoke

/**
 * `drydock.showReferences(uri, position, locations)` with LSP JSON arguments:
 * VS Code's own `editor.action.showReferences` needs VS Code objects, so the
 * Drydock client registers this command and converts; other clients show the title.
 */
export const SHOW_REFERENCES_COMMAND = 'drydock.showReferences';
/** `drydock.simulateApply(uri?)`: opens the Simulate Apply panel on a file (a URI string from a lens, a Uri from the editor title). */
export const SIMULATE_APPLY_COMMAND = 'drydock.simulateApply';

export interface LspPosition {
  line: number;
  character: number;
}
export interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}
/** The arguments of SHOW_REFERENCES_COMMAND. */
export type ShowReferencesArgs = [uri: string, position: LspPosition, locations: LspLocation[]];

// ---------------------------------------------------------------------------
// Settings

/** The configuration section the server reads (`workspace/configuration`) and the client synchronises. */
export const SETTINGS_SECTION = 'drydock';
