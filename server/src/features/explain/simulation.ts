// The simulation behind hover explanations and the status bar, run at most once
// per workspace generation (and per simulation settings). Hovers read the cached
// result, so a hover costs a lookup, not a simulation. For very large workspaces
// the run is bounded (pods and wall-clock time); the outcome says so and the
// hovers show that note instead of silently partial facts.
//
// In the language server the run happens in a worker thread (an "explain
// backend" attached to the workspace's services, see simulationService.ts): hover providers
// stay synchronous and never wait for it. They answer from the result of the
// current generation, else from the latest one marked as updating, else with
// "simulation running", and start the refresh. Without a backend (unit tests,
// the worker unavailable) the run happens in-process on first use, as before.

import { collectInput } from '../../sim/input';
import { logFeatureError, SILENT_LOGGER, type FeatureContext, type Logger } from '../context';
import { runExplain, type ExplainSimulation, type TooLargeMemo } from '../simulationRun';

export { EXPLAIN_MAX_PODS, EXPLAIN_TIME_BUDGET_MS, type ExplainSimulation } from '../simulationRun';

export const SIMULATION_RUNNING_MESSAGE = 'Simulation running — hover again in a moment.';
export const SIMULATION_UPDATING_NOTE = 'Updating… these facts are from the simulation of an earlier state of the workspace; hover again in a moment.';

/**
 * Runs the explain simulation elsewhere (a worker thread) for the workspace's
 * current generation. Resolves undefined when the run was dropped (superseded
 * before it started); never rejects.
 */
export interface ExplainBackend {
  request(ctx: FeatureContext): ExplainTicket;
}
export interface ExplainTicket {
  readonly result: Promise<ExplainSimulation | undefined>;
  /** Drops the run if it has not started yet (a newer generation replaces it). */
  dropIfQueued(): void;
}

interface CacheEntry {
  generation: number;
  settingsKey: string;
  outcome: ExplainSimulation;
}

interface BackendState {
  backend: ExplainBackend;
  latest?: CacheEntry;
  pending?: { generation: number; settingsKey: string; ticket: ExplainTicket; done: Promise<ExplainSimulation | undefined> };
  /** The newest generation a hover asked about, and when it first did (the typing debounce, see QUIET_MS). */
  seen?: { generation: number; at: number };
  /** The deferred refresh while the workspace keeps changing. */
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * While the user types, hovers do not start a simulation per keystroke: each
 * run simulates the whole workspace in the worker (~0.7 s for the bench's
 * 1,000-document file), so back-to-back runs kept one of two cores busy for as
 * long as the typing lasted, and the editor's own requests competed with them.
 * A hover shows the last result marked as updating; the run starts once no
 * new generation has been seen for this long. The first result, and the status
 * request (explainSimulationAwaited), do not wait.
 */
export const QUIET_MS = 300;

/**
 * The explain-simulation state of one workspace (one per Services): the cached
 * in-process result, the backend the runs are routed to, and the listeners of
 * new results. The functions below read it from `ctx.services.explain`.
 */
export class ExplainSimulations implements TooLargeMemo {
  /** The in-process result (no backend attached). */
  cache?: CacheEntry;
  backendState?: BackendState;
  /** Resource count of a workspace whose simulation ran out of time: later generations of similar size are not retried. */
  tooLarge?: number;
  /** How many simulations ran in this thread for explanations (tests check the caching with it). */
  runs = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly log: Logger = SILENT_LOGGER) {}

  /** Routes the explain simulations to `backend` (undefined: back to in-process runs). */
  attachBackend(backend: ExplainBackend | undefined): void {
    if (this.backendState?.timer) clearTimeout(this.backendState.timer);
    this.backendState = backend ? { backend } : undefined;
  }

  /** Subscribes to new simulation results (a new generation or new settings); returns the unsubscribe function. */
  onResult(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  notifyResult(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        // A failing listener must not break the simulation cache.
        logFeatureError(this.log, 'simulation result listener', err);
      }
    }
  }
}

/**
 * The simulation result of exactly the current generation and settings, if one
 * is already there; undefined otherwise. Never starts a simulation (nor the
 * worker): diagnostics read results that a simulation feature asked for.
 */
export function currentExplainSimulation(ctx: FeatureContext): ExplainSimulation | undefined {
  const explain = ctx.services.explain;
  const entry = explain.backendState ? explain.backendState.latest : explain.cache;
  return entry && isCurrent(entry, ctx) ? entry.outcome : undefined;
}

/** True when a result (or a run) is for the workspace's current generation and simulation settings. */
function isCurrent(entry: { generation: number; settingsKey: string } | undefined, ctx: FeatureContext): boolean {
  return !!entry && entry.generation === ctx.workspace.generation && entry.settingsKey === JSON.stringify(ctx.settings.simulation);
}

/**
 * The workspace's simulation for hovers. Never throws, and with a backend
 * attached never waits: a result of an earlier generation carries the
 * "updating" note, and with no result yet the outcome says the simulation runs.
 */
export const INDEXING_MESSAGE = 'Indexing the workspace — simulated facts appear when it is done.';

export function explainSimulation(ctx: FeatureContext): ExplainSimulation {
  if (ctx.indexing) return { ok: false, generation: ctx.workspace.generation, message: INDEXING_MESSAGE };
  const state = ctx.services.explain.backendState;
  if (!state) return computeExplainSimulation(ctx);
  const latest = state.latest;
  if (latest && isCurrent(latest, ctx)) return latest.outcome;
  if (latest) refreshWhenQuiet(ctx, state);
  else void refresh(ctx, state);
  if (latest?.outcome.ok) return { ...latest.outcome, note: [SIMULATION_UPDATING_NOTE, latest.outcome.note].filter(Boolean).join(' ') };
  return { ok: false, generation: ctx.workspace.generation, message: SIMULATION_RUNNING_MESSAGE };
}

/** The simulation of the current generation, waiting for the backend if needed (the status request). Never rejects. */
export async function explainSimulationAwaited(ctx: FeatureContext): Promise<ExplainSimulation> {
  const state = ctx.services.explain.backendState;
  if (!state) return computeExplainSimulation(ctx);
  // A run dropped because the workspace changed meanwhile is retried for the newer generation.
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = state.latest;
    if (latest && isCurrent(latest, ctx)) return latest.outcome;
    const outcome = await refresh(ctx, state);
    if (outcome) return outcome;
  }
  return explainSimulation(ctx);
}

/** refresh(), once no newer generation has appeared for QUIET_MS. */
function refreshWhenQuiet(ctx: FeatureContext, state: BackendState): void {
  const generation = ctx.workspace.generation;
  const now = Date.now();
  if (state.seen?.generation !== generation) state.seen = { generation, at: now };
  const wait = state.seen.at + QUIET_MS - now;
  if (wait <= 0) {
    void refresh(ctx, state);
    return;
  }
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = undefined;
    // Detached meanwhile (the worker stopped, the server shut down): nothing to refresh.
    if (ctx.services.explain.backendState !== state) return;
    if (isCurrent(state.latest, ctx)) return;
    refreshWhenQuiet(ctx, state);
  }, wait);
  state.timer.unref?.();
}

/** Starts (or joins) the backend run for the current generation and settings. */
function refresh(ctx: FeatureContext, state: BackendState): Promise<ExplainSimulation | undefined> {
  const generation = ctx.workspace.generation;
  const settingsKey = JSON.stringify(ctx.settings.simulation);
  const pending = state.pending;
  if (pending && isCurrent(pending, ctx)) return pending.done;
  pending?.ticket.dropIfQueued();
  const ticket = state.backend.request(ctx);
  const done = ticket.result.then((outcome) => {
    if (state.pending?.ticket === ticket) state.pending = undefined;
    if (outcome && (!state.latest || state.latest.generation <= generation)) {
      const isNew = state.latest?.generation !== generation || state.latest.settingsKey !== settingsKey;
      state.latest = { generation, settingsKey, outcome: { ...outcome, generation } };
      if (isNew) ctx.services.explain.notifyResult();
    }
    return outcome && { ...outcome, generation };
  });
  state.pending = { generation, settingsKey, ticket, done };
  return done;
}

/** The simulation for the current generation, run in this thread on first use (cached). Never throws. */
export function computeExplainSimulation(ctx: FeatureContext): ExplainSimulation {
  const ws = ctx.workspace;
  const explain = ctx.services.explain;
  const settingsKey = JSON.stringify(ctx.settings.simulation);
  const hit = explain.cache;
  if (hit && isCurrent(hit, ctx)) return hit.outcome;
  const generation = ws.generation;
  const outcome = runExplain(explain, resourceCount(ws), () => (explain.runs++, collectInput(ws, ctx.services.schemas.current())), ctx.settings.simulation, generation, ctx.log);
  explain.cache = { generation, settingsKey, outcome };
  explain.notifyResult();
  return outcome;
}

/** Resources of the workspace (templates included): the size the hover simulation's time budget is judged by. */
export function resourceCount(ws: FeatureContext['workspace']): number {
  let n = 0;
  for (const f of ws.allFiles()) for (const d of f.docs) n += d.resources.length;
  return n;
}
