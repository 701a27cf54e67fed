// The simulation worker thread (bundled as dist/simWorker.js; started by
// simulationService.ts). It never parses the workspace: each request brings the
// input changed since the previous one (per-file plain objects with sources,
// built by the server in simulationInput.ts), which the worker keeps, and it runs
// one simulation at a time with the functions in-process runs use
// (features/simulationRun.ts): the `drydock/simulate` result and the hover/status run.

import { parentPort, type MessagePort } from 'node:worker_threads';
import { SILENT_LOGGER } from './features/context';
import { runExplain, runPlan, type TooLargeMemo } from './features/simulationRun';
import { SimulationCancelled } from './sim/driver';
import { assembleInput, type FileInput } from './sim/inputAssembly';
import { decodeFileInput, FLAG_CANCELLED, FLAG_STARTED, FULL_SYNC, type InputSync, type SimulateInput, type WorkerReply, type WorkerRequest } from './simWorkerProtocol';

/** The worker's state: the workspace's input by file, as of sync `version`, and the hover run's size memo. */
class WorkerInput implements TooLargeMemo {
  version = 0;
  files = new Map<string, FileInput>();
  tooLarge?: number;

  /** Applies a sync; false when it was built on another input than this one (nothing changes). */
  apply(sync: InputSync): boolean {
    if (sync.base === FULL_SYNC) this.files = new Map();
    else if (sync.base !== this.version) return false;
    for (const [uri, input] of sync.files) {
      if (input) this.files.set(uri, decodeFileInput(input));
      else this.files.delete(uri);
    }
    this.version = sync.version;
    return true;
  }

  /** The baseline's objects for scope "file". */
  baseline(given: SimulateInput['baseline']) {
    if (!given) return undefined;
    if ('files' in given) return assembleInput(given.files.map(decodeFileInput)).objects;
    const files = new Map(this.files);
    const [uri, input] = given.replace;
    if (input) files.set(uri, decodeFileInput(input));
    else files.delete(uri);
    return assembleInput(files.values()).objects;
  }
}

function handle(state: WorkerInput, msg: WorkerRequest): WorkerReply {
  if (msg.type === 'memory') {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (msg.gc && gc) gc();
    const m = process.memoryUsage();
    // heapUsed of a worker's isolate only (process.memoryUsage() reports the calling thread's heap).
    return { type: 'result', id: msg.id, value: { heapUsed: m.heapUsed, heapTotal: m.heapTotal } };
  }
  // The sync is applied even when the run was cancelled: the server counts it as sent.
  if (!state.apply(msg.input.sync)) return { type: 'outOfStep', id: msg.id };
  const flag = new Int32Array(msg.flag);
  const cancelled = () => Atomics.load(flag, FLAG_CANCELLED) !== 0;
  if (cancelled()) return { type: 'cancelled', id: msg.id };
  Atomics.store(flag, FLAG_STARTED, 1);
  try {
    // The hover run is not cancelled once started (it is bounded in time); its result serves later hovers.
    if (msg.type === 'explain') return { type: 'result', id: msg.id, value: runExplain(state, msg.resources, () => assembleInput(state.files.values()), msg.simulation, msg.generation, SILENT_LOGGER) };
    const input = msg.input.own ? assembleInput(msg.input.own.map(decodeFileInput)) : assembleInput(state.files.values());
    const value = runPlan(msg.plan, input, state.baseline(msg.input.baseline), cancelled);
    return cancelled() ? { type: 'cancelled', id: msg.id } : { type: 'result', id: msg.id, value };
  } catch (err) {
    if (err instanceof SimulationCancelled || cancelled()) return { type: 'cancelled', id: msg.id };
    return { type: 'failed', id: msg.id, message: (err as Error).message, stack: (err as Error).stack };
  }
}

/** Serves the server's requests; the state lives as long as the thread. */
function serve(port: MessagePort): void {
  const state = new WorkerInput();
  port.on('message', (msg: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = handle(state, msg);
    } catch (err) {
      // A malformed message must never take the worker down.
      reply = { type: 'failed', id: msg.id, message: (err as Error).message };
    }
    port.postMessage(reply);
  });
}

if (parentPort) serve(parentPort);
