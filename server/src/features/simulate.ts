// The `drydock/simulate` request: simulates the workspace (or one file plus the
// cluster-level objects it depends on) and returns the SimulationResult with
// an LSP Location on every source, for the simulation panel.

import { defaultScheduler } from '../sim/defaultScheduler';
import { simulate, SimulationInputError } from '../sim/engine';
import type { SimulationResult } from '../sim/report';
import type { SourceRef } from '../sim/types';
import type { FeatureContext } from './context';

export interface SimulateParams {
  scope?: 'workspace' | 'file';
  uri?: string;
}

export type SimulateResponse = (SimulationResult & { scope: 'workspace' | 'file'; cluster: { nodes: number; nodeCpu: string; nodeMemory: string; nodePods: number } }) | { error: string };

/** Cluster-wide objects a single file's workloads depend on. */
const CLUSTER_CONTEXT = new Set(['Namespace', 'PriorityClass', 'StorageClass', 'PersistentVolume', 'Node', 'ResourceQuota', 'LimitRange', 'ServiceAccount', 'PersistentVolumeClaim']);

export function simulateWorkspace(ctx: FeatureContext, params: SimulateParams = {}, isCancelled?: () => boolean): SimulateResponse {
  const scope = params.scope === 'file' ? 'file' : 'workspace';
  if (scope === 'file' && (typeof params.uri !== 'string' || !ctx.workspace.get(params.uri))) return { error: `file not open or not a manifest: ${String(params.uri)}` };
  const filter = scope === 'file' ? (uri: string, kind: string) => uri === params.uri || CLUSTER_CONTEXT.has(kind) : undefined;
  const toJson = (s: SourceRef) => ({
    file: s.uri,
    line: s.line + 1,
    location: { uri: s.uri, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
  });
  try {
    const sim = simulate(ctx.workspace, { cluster: ctx.settings.simulation, scheduler: defaultScheduler, filter, isCancelled });
    return { ...sim.result(toJson), scope, cluster: sim.cluster };
  } catch (e) {
    if (e instanceof SimulationInputError) return { error: e.message };
    throw e;
  }
}
