// The simulator's front door: workspace -> inputs -> driver -> result. Used by
// the CLI (`drydock simulate`) and the `drydock/simulate` LSP request.

import type { Workspace } from '../model/workspace';
import { diffInputs } from './baseline';
import { checkClusterOptions, DEFAULT_CLUSTER } from './cluster';
import { runSimulation, type SimulationRun } from './driver';
import { collectInput, type InputObject } from './input';
import { buildResult, type SimulationResult, type SourceFormatter } from './report';
import type { SchedulerFactory } from './schedule';
import type { DefaultClusterOptions, ObjectChange } from './types';

export interface SimulateOptions {
  cluster?: Partial<DefaultClusterOptions>;
  scheduler: SchedulerFactory;
  maxPods?: number;
  /** Reject objects in namespaces the manifests do not define (kubectl on an empty cluster); default false. */
  strictNamespaces?: boolean;
  /** Only objects accepted by this filter are simulated. */
  filter?: (uri: string, kind: string) => boolean;
  isCancelled?: () => boolean;
}

export interface Simulation {
  run: SimulationRun;
  changes: ObjectChange[];
  inputs: InputObject[];
  cluster: DefaultClusterOptions;
  result(fmt: SourceFormatter): SimulationResult;
}

export class SimulationInputError extends Error {}

/** Simulates `workspace` (optionally as an apply over `baseline`). Throws SimulationInputError for unusable options. */
export function simulate(workspace: Workspace, options: SimulateOptions, baseline?: Workspace): Simulation {
  const given = { ...DEFAULT_CLUSTER, ...(options.cluster ?? {}) };
  // Only the cluster's own fields: callers may pass their whole simulation settings.
  const cluster: DefaultClusterOptions = { nodes: given.nodes, nodeCpu: given.nodeCpu, nodeMemory: given.nodeMemory, nodePods: given.nodePods };
  const problem = checkClusterOptions(cluster);
  if (problem) throw new SimulationInputError(problem);
  const collected = collectInput(workspace, options.filter);
  const inputs = collected.objects;
  const baseInputs = baseline ? collectInput(baseline).objects : undefined;
  const driver = { cluster, scheduler: options.scheduler, maxPods: options.maxPods, isCancelled: options.isCancelled, strictNamespaces: options.strictNamespaces };
  const run = runSimulation(inputs, driver, baseInputs);
  run.state.skipped = collected.skipped;
  const changes = baseInputs ? diffInputs(baseInputs, inputs) : [];
  return { run, changes, inputs, cluster, result: (fmt) => buildResult(run.state, fmt, changes) };
}
