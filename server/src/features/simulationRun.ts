// The simulations of `drydock/simulate` and of the hovers/status, from an
// assembled input (sim/inputAssembly.ts) and a plan of plain data. Nothing here
// reads the model, so the simulation worker runs exactly these functions on the
// input the server posts, and in-process runs call them after collecting the
// input themselves (features/simulate.ts, features/explain/simulation.ts).

import { defaultScheduler } from '../sim/defaultScheduler';
import { SimulationCancelled } from '../sim/driver';
import type { CollectedInput, InputObject } from '../sim/inputAssembly';
import { buildResult, type SimulationResult } from '../sim/report';
import { simulateInput, SimulationInputError } from '../sim/simulateInput';
import type { ApiObject, SourceRef } from '../sim/types';
import { asJson } from '../sim/boundary';
import { applyWhatIf, type WhatIf as SimWhatIf } from '../sim/whatif';
import { parseWhatIf, type OverlayObject, type SimulateResponse, type WhatIf } from '../protocol';
import type { RenderedLine } from '../model/kustomizeModel';
import { logFeatureError, type DrydockSettings, type Logger } from './context';

/** Pods the hover simulation creates at most (the full simulation allows 200,000). */
export const EXPLAIN_MAX_PODS = 20_000;
/** Wall-clock budget of one hover simulation; beyond it the hovers say the workspace is too large. */
export const EXPLAIN_TIME_BUDGET_MS = 3_000;

export type ExplainSimulation =
  | { ok: true; result: SimulationResult; generation: number; /** Set when a bound cut the run short, or the result is from an earlier generation. */ note?: string }
  | { ok: false; generation: number; message: string };

/** Where a rendered overlay's objects came from (the rendered text itself is not needed to run). */
export interface RenderedSources {
  uri: string;
  /** The overlay's name for the report (its directory relative to the workspace folder). */
  label: string;
  /** Each rendered object's start line, with the source file and line it came from. */
  lines: RenderedLine[];
}

/** A `drydock/simulate` request resolved against the workspace: everything the run needs besides the input. */
export interface SimulationPlan {
  scope: 'workspace' | 'file' | 'overlay';
  /** Scope "overlay": the rendered overlay (the input is its objects only). */
  rendered?: RenderedSources;
  /** Scope "file": what the file's changes are measured against (the baseline input travels with the input). */
  baselineNote?: string;
  /** The client's what-ifs (untrusted JSON, checked one by one as they are applied), at most MAX_WHAT_IFS. */
  whatIf: unknown[];
  simulation: DrydockSettings['simulation'];
}

/** A source in a rendered overlay's file, as the line of the base/overlay file the object came from. */
export function sourceOfRendered(rendered: Pick<RenderedSources, 'uri' | 'lines'>, ref: SourceRef): SourceRef {
  if (ref.uri !== rendered.uri) return ref;
  let best: RenderedLine | undefined;
  for (const l of rendered.lines) if (l.line <= ref.line && (!best || l.line > best.line)) best = l;
  return best ? { uri: best.uri, line: best.sourceLine } : ref;
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

/** Runs a planned `drydock/simulate` on `input` (over `baseInputs` for scope "file"). Throws SimulationCancelled when cancelled. */
export function runPlan(plan: SimulationPlan, input: CollectedInput, baseInputs: InputObject[] | undefined, isCancelled?: () => boolean): SimulateResponse {
  const rendered = plan.rendered;
  const toJson = (ref: SourceRef) => {
    const s = rendered ? sourceOfRendered(rendered, ref) : ref;
    return {
      file: s.uri,
      line: s.line + 1,
      location: { uri: s.uri, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
    };
  };
  try {
    const sim = simulateInput(input, { cluster: plan.simulation, scheduler: defaultScheduler, isCancelled, strictNamespaces: plan.simulation.strictNamespaces === true }, baseInputs);
    let state = sim.run.state;
    const messages: string[] = [];
    const applied: WhatIf[] = [];
    for (const raw of plan.whatIf) {
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
    const result = plan.whatIf.length > 0 ? buildResult(state, toJson, sim.changes) : sim.result(toJson);
    const overlayObjects = rendered ? sim.inputs.map((i) => overlayObject(i.object, toJson(i.source))) : undefined;
    return { ...result, scope: plan.scope, overlay: rendered?.label, overlayObjects, cluster: sim.cluster, whatIf: applied, whatIfMessages: messages, baseline: plan.baselineNote };
  } catch (e) {
    if (e instanceof SimulationInputError) return { error: e.message };
    throw e;
  }
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

export function tooLargeMessage(): string {
  return `The workspace is too large to simulate on hover (over ${EXPLAIN_TIME_BUDGET_MS / 1000} s); run "Drydock: Simulate Apply" for the full result.`;
}

/** Remembers the size of a workspace whose hover simulation ran out of time (one per thread running them). */
export interface TooLargeMemo {
  tooLarge?: number;
}

/**
 * The hover/status simulation of a workspace of `resources` resources: not run
 * when a workspace of similar size already ran out of time, else run on the
 * input `collect` gives (bounded in pods and wall-clock time). Never throws.
 */
export function runExplain(memo: TooLargeMemo, resources: number, collect: () => CollectedInput, simulation: DrydockSettings['simulation'], generation: number, log: Logger): ExplainSimulation {
  const limit = memo.tooLarge;
  if (limit !== undefined && resources >= limit * 0.9) return { ok: false, generation, message: tooLargeMessage() };
  const outcome = explainRun(collect, simulation, generation, log);
  memo.tooLarge = !outcome.ok && outcome.message === tooLargeMessage() ? resources : undefined;
  return outcome;
}

function explainRun(collect: () => CollectedInput, simulation: DrydockSettings['simulation'], generation: number, log: Logger): ExplainSimulation {
  const deadline = Date.now() + EXPLAIN_TIME_BUDGET_MS;
  try {
    const sim = simulateInput(collect(), {
      cluster: simulation,
      scheduler: defaultScheduler,
      maxPods: EXPLAIN_MAX_PODS,
      isCancelled: () => Date.now() > deadline,
    });
    const result = sim.result((s) => ({ file: s.uri, line: s.line + 1 }));
    const capped = result.warnings.find((w) => /simulation stops at|simulator's limit/.test(w.message));
    return { ok: true, result, generation, ...(capped ? { note: `Partial simulation: ${capped.message}.` } : {}) };
  } catch (e) {
    if (e instanceof SimulationCancelled) return { ok: false, generation, message: tooLargeMessage() };
    if (e instanceof SimulationInputError) return { ok: false, generation, message: `Simulation settings are unusable: ${e.message}` };
    // A simulator bug: the hovers and status show the message, the log keeps the stack.
    logFeatureError(log, 'explain simulation', e, `workspace generation ${generation}`);
    return { ok: false, generation, message: `The simulation failed: ${(e as Error).message}` };
  }
}
