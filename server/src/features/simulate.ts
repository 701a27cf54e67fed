// The `drydock/simulate` request: simulates applying the workspace (or one file
// on top of the rest of the workspace) and returns the SimulationResult with an
// LSP Location on every source, for the simulation panel. What-if operations
// (cordon, drain, fail a node, scale a workload) are applied to the simulated
// state, never to the files.

import { defaultScheduler } from '../sim/defaultScheduler';
import { simulate, SimulationInputError } from '../sim/engine';
import { buildResult, type SimulationResult } from '../sim/report';
import type { KubeObject, SourceRef } from '../sim/types';
import { applyWhatIf, type WhatIf } from '../sim/whatif';
import type { FeatureContext } from './context';
import type { RenderedLine } from '../model/kustomizeModel';
import { Workspace } from '../model/workspace';

/** What-if operations as the panel sends them. */
export type WhatIfParam =
  | { op: 'cordon' | 'uncordon' | 'drain' | 'fail' | 'failNode'; node: string }
  | { op: 'scale'; kind: string; namespace?: string; name: string; replicas: number };

/** A rendered Kustomize overlay, as the server hands it to the simulation (it may run in the worker). */
export interface RenderedOverlayInput {
  /** The rendered file's `drydock-kustomize:` URI and text. */
  uri: string;
  text: string;
  /** The overlay's name for the report (its directory relative to the workspace folder). */
  label: string;
  /** Each rendered object's start line, with the source file and line it came from. */
  lines: RenderedLine[];
}

export interface SimulateParams {
  /** `overlay`: only the objects of one rendered Kustomize overlay (`overlay`: the URI of its directory). */
  scope?: 'workspace' | 'file' | 'overlay';
  uri?: string;
  overlay?: string;
  /** Set by the server for scope "overlay" (any value from the client is overwritten). */
  rendered?: RenderedOverlayInput;
  whatIf?: WhatIfParam[];
  /**
   * Set by the server (any value from the client is overwritten): the HEAD
   * commit `baselineText` was read from when the file is in a git repository.
   * It travels in the params so the simulation worker sees it too.
   */
  baselineCommit?: string;
}

export interface SimulateContext {
  /**
   * The "before" text of `uri` for scope "file": the file's committed version at
   * HEAD when `params.baselineCommit` is set (undefined: the file is new since
   * HEAD), else its saved version on disk (undefined: the file is new).
   */
  baselineText?: string;
  isCancelled?: () => boolean;
}

export type SimulateResponse =
  | (SimulationResult & {
      scope: 'workspace' | 'file' | 'overlay';
      /** Scope "overlay": the overlay's name, and its rendered objects with their images, linked to their sources. */
      overlay?: string;
      overlayObjects?: OverlayObject[];
      cluster: { nodes: number; nodeCpu: string; nodeMemory: string; nodePods: number };
      /** The what-if operations that were applied, echoed back, and what they did. */
      whatIf: WhatIfParam[];
      whatIfMessages: string[];
      /** What the baseline of scope "file" was. */
      baseline?: string;
    })
  | { error: string };

const MAX_WHAT_IFS = 50;

function toWhatIf(w: WhatIfParam): WhatIf | string {
  if (!w || typeof w !== 'object') return 'what-if must be an object';
  if (w.op === 'scale') {
    if (typeof w.kind !== 'string' || typeof w.name !== 'string' || typeof w.replicas !== 'number') return 'scale needs kind, name and replicas';
    return { op: 'scale', kind: w.kind, namespace: typeof w.namespace === 'string' ? w.namespace : undefined, name: w.name, replicas: w.replicas };
  }
  if (typeof (w as { node?: unknown }).node !== 'string') return `${String((w as { op?: unknown }).op)} needs a node name`;
  switch (w.op) {
    case 'cordon':
    case 'uncordon':
    case 'drain':
      return { op: w.op, node: w.node };
    case 'fail':
    case 'failNode':
      return { op: 'failNode', node: w.node };
    default:
      return `unknown what-if operation ${JSON.stringify((w as { op?: unknown }).op)}`;
  }
}

export function simulateWorkspace(ctx: FeatureContext, params: SimulateParams = {}, env: SimulateContext | (() => boolean) = {}): SimulateResponse {
  const { baselineText, isCancelled } = typeof env === 'function' ? { baselineText: undefined, isCancelled: env } : env;
  const scope = params.scope === 'file' ? 'file' : params.scope === 'overlay' ? 'overlay' : 'workspace';
  const rendered = scope === 'overlay' ? params.rendered : undefined;
  if (scope === 'overlay' && (!rendered || typeof rendered.text !== 'string')) return { error: `not a rendered Kustomize overlay: ${String(params.overlay)}` };
  // Scope "overlay": only the overlay's rendered objects, as `kubectl apply -k` would send them.
  const workspace = rendered ? new Workspace() : ctx.workspace;
  if (rendered) workspace.set(rendered.uri, rendered.text);
  const current = scope === 'file' && typeof params.uri === 'string' ? ctx.workspace.get(params.uri) : undefined;
  if (scope === 'file' && !current) return { error: `file not open or not a manifest: ${String(params.uri)}` };
  const whatIfs = Array.isArray(params.whatIf) ? params.whatIf.slice(0, MAX_WHAT_IFS) : [];

  // Scope "file": the whole workspace with this file's current text, applied over
  // the workspace with its saved text, so changes and rollouts are this file's.
  let baseline;
  let baselineNote: string | undefined;
  const commit = typeof params.baselineCommit === 'string' && /^[0-9a-f]{40}$/.test(params.baselineCommit) ? params.baselineCommit.slice(0, 7) : undefined;
  if (current && baselineText !== current.text) {
    baseline = ctx.workspace.withFile(current.uri, baselineText);
    if (commit) baselineNote = baselineText === undefined ? `the workspace without this file (it is new since HEAD ${commit})` : `the committed version of this file (HEAD ${commit})`;
    else baselineNote = baselineText === undefined ? 'the workspace without this file' : 'the workspace with the saved version of this file';
  } else if (current) {
    baselineNote = commit ? `the committed version of this file (HEAD ${commit}; unchanged since)` : 'the workspace (this file has no unsaved changes)';
  }

  const toJson = (ref: SourceRef) => {
    const s = rendered ? sourceOfRendered(rendered, ref) : ref;
    return {
      file: s.uri,
      line: s.line + 1,
      location: { uri: s.uri, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
    };
  };
  try {
    const sim = simulate(workspace, { cluster: ctx.settings.simulation, scheduler: defaultScheduler, isCancelled, strictNamespaces: ctx.settings.simulation.strictNamespaces === true }, baseline);
    let state = sim.run.state;
    const messages: string[] = [];
    const applied: WhatIfParam[] = [];
    for (const w of whatIfs) {
      const op = toWhatIf(w);
      if (typeof op === 'string') {
        messages.push(`ignored: ${op}`);
        continue;
      }
      const r = applyWhatIf(state, op, { cluster: sim.cluster, scheduler: defaultScheduler, isCancelled });
      messages.push(...r.messages);
      if (r.error) messages.push(r.error);
      else applied.push(w);
      state = r.state;
    }
    const result = whatIfs.length > 0 ? buildResult(state, toJson, sim.changes) : sim.result(toJson);
    const overlayObjects = rendered ? sim.inputs.map((i) => overlayObject(i.object, toJson(i.source))) : undefined;
    return { ...result, scope, overlay: rendered?.label, overlayObjects, cluster: sim.cluster, whatIf: applied, whatIfMessages: messages, baseline: baselineNote };
  } catch (e) {
    if (e instanceof SimulationInputError) return { error: e.message };
    throw e;
  }
}

/** A source in a rendered overlay's file, as the line of the base/overlay file the object came from. */
export function sourceOfRendered(rendered: RenderedOverlayInput, ref: SourceRef): SourceRef {
  if (ref.uri !== rendered.uri) return ref;
  let best: RenderedLine | undefined;
  for (const l of rendered.lines) if (l.line <= ref.line && (!best || l.line > best.line)) best = l;
  return best ? { uri: best.uri, line: best.sourceLine } : ref;
}

/** A rendered overlay object as the panel lists it: what `kubectl apply -k` sends, and where it came from. */
export interface OverlayObject {
  kind: string;
  namespace?: string;
  name: string;
  replicas?: number;
  images: string[];
  source: { file: string; line: number; location: unknown };
}

function overlayObject(o: KubeObject, source: OverlayObject['source']): OverlayObject {
  const spec = (o.spec ?? {}) as Record<string, unknown>;
  const podSpec = (o.kind === 'Pod' ? spec : o.kind === 'CronJob' ? dig(spec, 'jobTemplate', 'spec', 'template', 'spec') : dig(spec, 'template', 'spec')) as Record<string, unknown> | undefined;
  const images: string[] = [];
  for (const key of ['initContainers', 'containers']) {
    const list = podSpec?.[key];
    if (Array.isArray(list)) for (const c of list) if (c && typeof (c as { image?: unknown }).image === 'string') images.push((c as { image: string }).image);
  }
  return { kind: o.kind, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '', replicas: typeof spec.replicas === 'number' ? spec.replicas : undefined, images, source };
}

function dig(v: unknown, ...path: string[]): unknown {
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

export type SimulateOutcome = { kind: 'result'; value: SimulateResponse } | { kind: 'cancelled' } | { kind: 'failed'; message: string };

/** The part of an LSP CancellationToken a simulation uses. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** `drydock/simulate` in the calling thread (no worker). Never throws. */
export function simulateInProcess(ctx: FeatureContext, params: SimulateParams, baselineText: string | undefined, token?: Cancellation): SimulateOutcome {
  if (token?.isCancellationRequested) return { kind: 'cancelled' };
  try {
    const value = simulateWorkspace(ctx, params, { baselineText, isCancelled: () => !!token?.isCancellationRequested });
    return token?.isCancellationRequested ? { kind: 'cancelled' } : { kind: 'result', value };
  } catch (err) {
    if (token?.isCancellationRequested) return { kind: 'cancelled' };
    return { kind: 'failed', message: (err as Error).message };
  }
}
