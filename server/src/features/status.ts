// The `drydock/status` request behind the status bar ("Drydock: 42 resources,
// 3 pending"): counts from the workspace and the cached simulation (the same
// run the hover explanations use, so asking after every edit costs one
// simulation per workspace generation). The LSP request waits for that run
// (in the simulation worker); the counts themselves are immediate.

import type { DrydockStatus } from '../protocol';
import type { FeatureContext } from './context';
import { explainSimulation, explainSimulationAwaited, type ExplainSimulation } from './explain/simulation';

/** The status with the simulation of the current generation, waiting for it when it runs elsewhere. */
export async function computeStatusAwaited(ctx: FeatureContext): Promise<DrydockStatus> {
  return computeStatus(ctx, await explainSimulationAwaited(ctx));
}

export function computeStatus(ctx: FeatureContext, sim: ExplainSimulation = explainSimulation(ctx)): DrydockStatus {
  let resources = 0;
  let files = 0;
  for (const f of ctx.workspace.allFiles()) {
    files++;
    if (f.isTemplate || ctx.workspace.isPatchFile(f.uri)) continue;
    for (const d of f.docs) resources += d.resources.length;
  }
  if (!sim.ok) return { resources, pending: 0, files, note: sim.message };
  return { resources, pending: sim.result.summary.pending, files, ...(sim.note ? { note: sim.note } : {}) };
}
