// The simulation behind hover explanations and the status bar, run at most once
// per workspace generation (and per simulation settings). Hovers read the cached
// result, so a hover costs a lookup, not a simulation. For very large workspaces
// the run is bounded (pods and wall-clock time); the outcome says so and the
// hovers show that note instead of silently partial facts.

import { defaultScheduler } from '../../sim/defaultScheduler';
import { SimulationCancelled } from '../../sim/driver';
import { simulate, SimulationInputError } from '../../sim/engine';
import type { SimulationResult } from '../../sim/report';
import type { Workspace } from '../../model/workspace';
import type { FeatureContext } from '../context';

/** Pods the hover simulation creates at most (the full simulation allows 200,000). */
export const EXPLAIN_MAX_PODS = 20_000;
/** Wall-clock budget of one hover simulation; beyond it the hovers say the workspace is too large. */
export const EXPLAIN_TIME_BUDGET_MS = 3_000;

export type ExplainSimulation =
  | { ok: true; result: SimulationResult; generation: number; /** Set when a bound cut the run short. */ note?: string }
  | { ok: false; generation: number; message: string };

interface CacheEntry {
  generation: number;
  settingsKey: string;
  outcome: ExplainSimulation;
}

const cache = new WeakMap<Workspace, CacheEntry>();
/** Resource count of a workspace whose simulation ran out of time: later generations of similar size are not retried. */
const tooLarge = new WeakMap<Workspace, number>();
let runs = 0;

/** How many simulations this process ran for explanations (tests check the caching with it). */
export function explainSimulationRuns(): number {
  return runs;
}

/** The workspace's simulation for the current generation, run on first use. Never throws. */
export function explainSimulation(ctx: FeatureContext): ExplainSimulation {
  const ws = ctx.workspace;
  const settingsKey = JSON.stringify(ctx.settings.simulation);
  const hit = cache.get(ws);
  if (hit && hit.generation === ws.generation && hit.settingsKey === settingsKey) return hit.outcome;
  const generation = ws.generation;
  const size = resourceCount(ws);
  const limit = tooLarge.get(ws);
  let outcome: ExplainSimulation;
  if (limit !== undefined && size >= limit * 0.9) outcome = { ok: false, generation, message: tooLargeMessage() };
  else {
    outcome = run(ctx, generation);
    if (!outcome.ok && outcome.message === tooLargeMessage()) tooLarge.set(ws, size);
    else tooLarge.delete(ws);
  }
  cache.set(ws, { generation, settingsKey, outcome });
  return outcome;
}

function run(ctx: FeatureContext, generation: number): ExplainSimulation {
  runs++;
  const deadline = Date.now() + EXPLAIN_TIME_BUDGET_MS;
  try {
    const sim = simulate(ctx.workspace, {
      cluster: ctx.settings.simulation,
      scheduler: defaultScheduler,
      maxPods: EXPLAIN_MAX_PODS,
      isCancelled: () => Date.now() > deadline,
    });
    const result = sim.result((s) => ({ file: s.uri, line: s.line + 1 }));
    const capped = result.warnings.find((w) => /simulation stops at|simulator's limit/.test(w.message));
    return { ok: true, result, generation, ...(capped ? { note: `Partial simulation: ${capped.message}.` } : {}) };
  } catch (e) {
    if (e instanceof SimulationCancelled) {
      return { ok: false, generation, message: tooLargeMessage() };
    }
    if (e instanceof SimulationInputError) return { ok: false, generation, message: `Simulation settings are unusable: ${e.message}` };
    return { ok: false, generation, message: `The simulation failed: ${(e as Error).message}` };
  }
}

function tooLargeMessage(): string {
  return `The workspace is too large to simulate on hover (over ${EXPLAIN_TIME_BUDGET_MS / 1000} s); run "Drydock: Simulate Apply" for the full result.`;
}

function resourceCount(ws: Workspace): number {
  let n = 0;
  for (const f of ws.allFiles()) for (const d of f.docs) n += d.resources.length;
  return n;
}
