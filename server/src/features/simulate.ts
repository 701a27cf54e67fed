// The `drydock/simulate` request: simulates applying the workspace (or one file
// on top of the rest of the workspace) and returns the SimulationResult with an
// LSP Location on every source, for the simulation panel. What-if operations
// (cordon, drain, fail a node, scale a workload) are applied to the simulated
// state, never to the files.

import { defaultScheduler } from '../sim/defaultScheduler';
import { simulate, SimulationInputError } from '../sim/engine';
import { buildResult } from '../sim/report';
import type { ApiObject, SourceRef } from '../sim/types';
import { asJson } from '../sim/boundary';
import { applyWhatIf, type WhatIf as SimWhatIf } from '../sim/whatif';
import { MAX_WHAT_IFS, parseWhatIf, type OverlayObject, type SimulateParams, type SimulateResponse, type WhatIf } from '../protocol';
import type { FeatureContext } from './context';
import type { RenderedLine } from '../model/kustomizeModel';
import { Workspace } from '../model/workspace';

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

/** The request as the server runs it: the client's params (protocol.ts) plus what the server adds. */
export interface SimulationRequest extends SimulateParams {
  /** Set by the server for scope "overlay" (any value from the client is overwritten). */
  rendered?: RenderedOverlayInput;
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

/** The protocol's what-if as the simulator's operation ("fail" a node is the simulator's failNode). */
function toSimWhatIf(w: WhatIf): SimWhatIf {
  switch (w.op) {
    case 'scale':
      return w;
    case 'fail':
      return { op: 'failNode', node: w.node };
    default:
      return { op: w.op, node: w.node };
  }
}

export function simulateWorkspace(ctx: FeatureContext, params: SimulationRequest = {}, env: SimulateContext | (() => boolean) = {}): SimulateResponse {
  const { baselineText, isCancelled } = typeof env === 'function' ? { baselineText: undefined, isCancelled: env } : env;
  const scope = params.scope === 'file' ? 'file' : params.scope === 'overlay' ? 'overlay' : 'workspace';
  const rendered = scope === 'overlay' ? params.rendered : undefined;
  if (scope === 'overlay' && (!rendered || typeof rendered.text !== 'string')) return { error: `not a rendered Kustomize overlay: ${String(params.overlay)}` };
  // Scope "overlay": only the overlay's rendered objects, as `kubectl apply -k` would send them.
  const workspace = rendered ? new Workspace(ctx.workspace.interner) : ctx.workspace;
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
    const applied: WhatIf[] = [];
    for (const raw of whatIfs) {
      // The params are untrusted JSON: each what-if is checked before it is applied.
      const w = parseWhatIf(raw);
      if (typeof w === 'string') {
        messages.push(`ignored: ${w}`);
        continue;
      }
      const r = applyWhatIf(state, toSimWhatIf(w), { cluster: sim.cluster, scheduler: defaultScheduler, isCancelled });
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

function overlayObject(o: ApiObject, source: OverlayObject['source']): OverlayObject {
  const spec = (asJson(o).spec ?? {}) as Record<string, unknown>;
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
export function simulateInProcess(ctx: FeatureContext, params: SimulationRequest, baselineText: string | undefined, token?: Cancellation): SimulateOutcome {
  if (token?.isCancellationRequested) return { kind: 'cancelled' };
  try {
    const value = simulateWorkspace(ctx, params, { baselineText, isCancelled: () => !!token?.isCancellationRequested });
    return token?.isCancellationRequested ? { kind: 'cancelled' } : { kind: 'result', value };
  } catch (err) {
    if (token?.isCancellationRequested) return { kind: 'cancelled' };
    return { kind: 'failed', message: (err as Error).message };
  }
}
