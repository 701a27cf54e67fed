// The simulator's core entry: an assembled input (sim/inputAssembly.ts) ->
// driver -> result. It needs no parser, so the simulation worker runs it on the
// input the server posts; sim/engine.ts is the front door from a Workspace.

import { diffInputs } from './baseline';
import { checkClusterOptions, DEFAULT_CLUSTER } from './cluster';
import { runSimulation, type SimulationRun } from './driver';
import type { CollectedInput, InputObject } from './inputAssembly';
import { buildResult, type SimulationResult, type SourceFormatter } from './report';
import type { SchedulerFactory } from './schedule';
import type { DefaultClusterOptions, ObjectChange } from './types';

export interface SimulateOptions {
  cluster?: Partial<DefaultClusterOptions>;
  scheduler: SchedulerFactory;
  maxPods?: number;
  /** Reject objects in namespaces the manifests do not define (kubectl on an empty cluster); default false. */
  strictNamespaces?: boolean;
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

/** Simulates `input` (optionally as an apply over the objects `baseInputs`). Throws SimulationInputError for unusable options. */
export function simulateInput(input: CollectedInput, options: SimulateOptions, baseInputs?: InputObject[]): Simulation {
  const given = { ...DEFAULT_CLUSTER, ...(options.cluster ?? {}) };
  // Only the cluster's own fields: callers may pass their whole simulation settings.
  const cluster: DefaultClusterOptions = { nodes: given.nodes, nodeCpu: given.nodeCpu, nodeMemory: given.nodeMemory, nodePods: given.nodePods };
  const problem = checkClusterOptions(cluster);
  if (problem) throw new SimulationInputError(problem);
  const inputs = input.objects;
  const driver = { cluster, scheduler: options.scheduler, maxPods: options.maxPods, isCancelled: options.isCancelled, strictNamespaces: options.strictNamespaces };
  const run = runSimulation(inputs, driver, baseInputs);
  run.state.skipped = input.skipped;
  const changes = baseInputs ? diffInputs(baseInputs, inputs) : [];
  return { run, changes, inputs, cluster, result: (fmt) => buildResult(run.state, fmt, changes) };
}
