// The `drydock/simulate` request: simulates applying the workspace (or one file
// on top of the rest of the workspace) and returns the SimulationResult with an
// LSP Location on every source, for the simulation panel. What-if operations
// (cordon, drain, fail a node, scale a workload) are applied to the simulated
// state, never to the files.

import { collectInput, definesCrds, type CollectedInput, type InputObject } from '../sim/input';
import { MAX_WHAT_IFS, type SimulateParams, type SimulateResponse } from '../protocol';
import type { FeatureContext } from './context';
import type { RenderedLine } from '../model/kustomizeModel';
import { Workspace } from '../model/workspace';
import { runPlan, type SimulationPlan } from './simulationRun';

export { sourceOfRendered } from './simulationRun';

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

/**
 * A `drydock/simulate` request resolved against the workspace (in the thread
 * holding the model): the plan the run follows, and which workspaces its input
 * and its baseline input are collected from. An unusable request is `{error}`.
 */
export type PlannedSimulation =
  | { error: string }
  | {
      plan: SimulationPlan;
      /** The workspace simulated: the server's, or the rendered overlay's own. */
      workspace: Workspace;
      /** Scope "file": the workspace with the file's baseline version (absent: its saved or committed text equals the current one). */
      baseline?: { workspace: Workspace; uri: string };
    };

export function planSimulation(ctx: FeatureContext, params: SimulationRequest = {}, baselineText?: string): PlannedSimulation {
  const scope = params.scope === 'file' ? 'file' : params.scope === 'overlay' ? 'overlay' : 'workspace';
  const rendered = scope === 'overlay' ? params.rendered : undefined;
  if (scope === 'overlay' && (!rendered || typeof rendered.text !== 'string')) return { error: `not a rendered Kustomize overlay: ${String(params.overlay)}` };
  // Scope "overlay": only the overlay's rendered objects, as `kubectl apply -k` would send them.
  const workspace = rendered ? new Workspace(ctx.workspace.interner) : ctx.workspace;
  if (rendered) workspace.set(rendered.uri, rendered.text);
  const current = scope === 'file' && typeof params.uri === 'string' ? ctx.workspace.get(params.uri) : undefined;
  if (scope === 'file' && !current) return { error: `file not open or not a manifest: ${String(params.uri)}` };
  const whatIf = Array.isArray(params.whatIf) ? params.whatIf.slice(0, MAX_WHAT_IFS) : [];

  // Scope "file": the whole workspace with this file's current text, applied over
  // the workspace with its saved text, so changes and rollouts are this file's.
  let baseline: { workspace: Workspace; uri: string } | undefined;
  let baselineNote: string | undefined;
  const commit = typeof params.baselineCommit === 'string' && /^[0-9a-f]{40}$/.test(params.baselineCommit) ? params.baselineCommit.slice(0, 7) : undefined;
  if (current && baselineText !== current.text) {
    baseline = { workspace: ctx.workspace.withFile(current.uri, baselineText), uri: current.uri };
    if (commit) baselineNote = baselineText === undefined ? `the workspace without this file (it is new since HEAD ${commit})` : `the committed version of this file (HEAD ${commit})`;
    else baselineNote = baselineText === undefined ? 'the workspace without this file' : 'the workspace with the saved version of this file';
  } else if (current) {
    baselineNote = commit ? `the committed version of this file (HEAD ${commit}; unchanged since)` : 'the workspace (this file has no unsaved changes)';
  }
  const plan: SimulationPlan = {
    scope,
    rendered: rendered && { uri: rendered.uri, label: rendered.label, lines: rendered.lines },
    baselineNote,
    whatIf,
    simulation: ctx.settings.simulation,
  };
  return { plan, workspace, baseline };
}

/**
 * True when the baseline's schemas are not the workspace's: the file (in either
 * version) defines CRDs, so every custom resource may decode differently, and the
 * baseline input is collected whole rather than as the workspace's with one file replaced.
 */
export function baselineChangesSchemas(ctx: FeatureContext, baseline: { workspace: Workspace; uri: string }): boolean {
  return definesCrds(ctx.workspace.get(baseline.uri)) || definesCrds(baseline.workspace.get(baseline.uri));
}

/** The input of a planned simulation, collected in this thread (the worker gets it from simulationInput.ts instead). */
function plannedInputs(ctx: FeatureContext, planned: Exclude<PlannedSimulation, { error: string }>): { input: CollectedInput; baseInputs?: InputObject[] } {
  // The server's workspace is read with its services' schemas (their decode results are cached per document).
  const input = planned.workspace === ctx.workspace ? collectInput(ctx.workspace, ctx.services.schemas.current()) : collectInput(planned.workspace);
  const baseline = planned.baseline;
  if (!baseline) return { input };
  const registry = baselineChangesSchemas(ctx, baseline) ? undefined : ctx.services.schemas.current();
  return { input, baseInputs: collectInput(baseline.workspace, registry).objects };
}

export function simulateWorkspace(ctx: FeatureContext, params: SimulationRequest = {}, env: SimulateContext | (() => boolean) = {}): SimulateResponse {
  const { baselineText, isCancelled } = typeof env === 'function' ? { baselineText: undefined, isCancelled: env } : env;
  const planned = planSimulation(ctx, params, baselineText);
  if ('error' in planned) return planned;
  const { input, baseInputs } = plannedInputs(ctx, planned);
  return runPlan(planned.plan, input, baseInputs, isCancelled);
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
