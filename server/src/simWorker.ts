// The simulation worker thread (bundled as dist/simWorker.js; started by
// simulationService.ts). It mirrors the server's workspace from (uri, text)
// messages and runs one simulation at a time, the same functions the server ran
// in-process: the `drydock/simulate` result and the cached hover/status run.

import { parentPort } from 'node:worker_threads';
import { computeExplainSimulation } from './features/explain/simulation';
import { createServices, featureContext } from './features/services';
import { simulateWorkspace } from './features/simulate';
import { SimulationCancelled } from './sim/driver';
import { FLAG_CANCELLED, FLAG_STARTED, type WorkerReply, type WorkerRequest } from './simulationService';

/** The mirror of the server's workspace, with its own services (graph, schemas, explain cache). */
const services = createServices();
const mirror = services.workspace;
const ctx = featureContext(services);

function handle(msg: WorkerRequest): WorkerReply | undefined {
  switch (msg.type) {
    case 'set':
      mirror.set(msg.uri, msg.text);
      return undefined;
    case 'delete':
      mirror.delete(msg.uri);
      return undefined;
    case 'simulate':
    case 'explain': {
      const flag = new Int32Array(msg.flag);
      const cancelled = () => Atomics.load(flag, FLAG_CANCELLED) !== 0;
      if (cancelled()) return { type: 'cancelled', id: msg.id };
      Atomics.store(flag, FLAG_STARTED, 1);
      services.settings.replace(msg.settings);
      try {
        // The hover run is not cancelled once started (it is bounded in time); its result serves later hovers.
        if (msg.type === 'explain') return { type: 'result', id: msg.id, value: computeExplainSimulation(ctx) };
        const value = simulateWorkspace(ctx, msg.params ?? {}, { baselineText: msg.baselineText, isCancelled: cancelled });
        return cancelled() ? { type: 'cancelled', id: msg.id } : { type: 'result', id: msg.id, value };
      } catch (err) {
        if (err instanceof SimulationCancelled || cancelled()) return { type: 'cancelled', id: msg.id };
        return { type: 'failed', id: msg.id, message: (err as Error).message, stack: (err as Error).stack };
      }
    }
    case 'memory': {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (msg.gc && gc) gc();
      const m = process.memoryUsage();
      // heapUsed of a worker's isolate only (process.memoryUsage() reports the calling thread's heap).
      return { type: 'result', id: msg.id, value: { heapUsed: m.heapUsed, heapTotal: m.heapTotal } };
    }
    default:
      return undefined;
  }
}

parentPort?.on('message', (msg: WorkerRequest) => {
  let reply: WorkerReply | undefined;
  try {
    reply = handle(msg);
  } catch (err) {
    // A malformed file must never take the worker down; the mirror keeps its last good state.
    if (msg && 'id' in msg) reply = { type: 'failed', id: msg.id, message: (err as Error).message };
  }
  if (reply) parentPort?.postMessage(reply);
});
