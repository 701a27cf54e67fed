// The `drydock/simulate` request: simulates applying the workspace (or one file
// on top of the rest of the workspace) and returns the SimulationResult with an
// LSP Location on every source, for the simulation panel. What-if operations
// (cordon, drain, fail a node, scale a workload) are applied to the simulated
// state, never to the files.

import { defaultScheduler } from '../sim/defaultScheduler';
import { simulate, SimulationInputError } from '../sim/engine';
import { buildResult } from '../sim/report';
import type { SourceRef } from '../sim/types';
import { applyWhatIf, type WhatIf as SimWhatIf } from '../sim/whatif';
import { MAX_WHAT_IFS, parseWhatIf, type SimulateParams, type SimulateResponse, type WhatIf } from '../protocol';
import type { FeatureContext } from './context';

/** The request as the server runs it: the client's params plus what the server adds. */
export interface SimulationRequest extends SimulateParams {
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
  const scope = params.scope === 'file' ? 'file' : 'workspace';
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

  const toJson = (s: SourceRef) => ({
    file: s.uri,
    line: s.line + 1,
    location: { uri: s.uri, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
  });
  try {
    const sim = simulate(ctx.workspace, { cluster: ctx.settings.simulation, scheduler: defaultScheduler, isCancelled }, baseline);
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
    return { ...result, scope, cluster: sim.cluster, whatIf: applied, whatIfMessages: messages, baseline: baselineNote };
  } catch (e) {
    if (e instanceof SimulationInputError) return { error: e.message };
    throw e;
  }
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
