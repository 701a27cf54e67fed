// The `drydock/simulate` request: simulates applying the workspace (or one file
// on top of the rest of the workspace) and returns the SimulationResult with an
// LSP Location on every source, for the simulation panel. What-if operations
// (cordon, drain, fail a node, scale a workload) are applied to the simulated
// state, never to the files.

import { defaultScheduler } from '../sim/defaultScheduler';
import { simulate, SimulationInputError } from '../sim/engine';
import { buildResult, type SimulationResult } from '../sim/report';
import type { SourceRef } from '../sim/types';
import { applyWhatIf, type WhatIf } from '../sim/whatif';
import type { FeatureContext } from './context';

/** What-if operations as the panel sends them. */
export type WhatIfParam =
  | { op: 'cordon' | 'uncordon' | 'drain' | 'fail' | 'failNode'; node: string }
  | { op: 'scale'; kind: string; namespace?: string; name: string; replicas: number };

export interface SimulateParams {
  scope?: 'workspace' | 'file';
  uri?: string;
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
      scope: 'workspace' | 'file';
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
    const sim = simulate(ctx.workspace, { cluster: ctx.settings.simulation, scheduler: defaultScheduler, isCancelled, strictNamespaces: ctx.settings.simulation.strictNamespaces === true }, baseline);
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
    return { ...result, scope, cluster: sim.cluster, whatIf: applied, whatIfMessages: messages, baseline: baselineNote };
  } catch (e) {
    if (e instanceof SimulationInputError) return { error: e.message };
    throw e;
  }
}
