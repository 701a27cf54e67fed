// The messages between the server (simulationService.ts) and the simulation
// worker (simWorker.ts). Types and constants only, so the worker's bundle does
// not pull in the server's model.

import type { DrydockSettings } from './features/context';
import type { SimulationPlan } from './features/simulationRun';
import type { FileInput } from './sim/inputAssembly';

/** Brings the worker's per-file input up to date: `files` replace (null: remove) entries of the input numbered `base`, giving `version`. */
export interface InputSync {
  /** FULL_SYNC: `files` are the whole input. */
  base: number;
  version: number;
  files: Array<[uri: string, input: FileInput | null]>;
}
export const FULL_SYNC = -1;

/** The input of a `drydock/simulate` run in the worker. */
export interface SimulateInput {
  /** Brings the worker's workspace input up to date (applied even when the run is cancelled). */
  sync: InputSync;
  /** Scope "overlay": the rendered overlay's files are the input, instead of the workspace's. */
  own?: FileInput[];
  /**
   * Scope "file": the baseline input, as the workspace's with one file replaced
   * (null: absent), or whole when the file's CRDs change how the others decode.
   */
  baseline?: { replace: [uri: string, input: FileInput | null] } | { files: FileInput[] };
}

/** Main thread -> worker. */
export type WorkerRequest =
  | { type: 'simulate'; id: number; flag: SharedArrayBuffer; plan: SimulationPlan; input: SimulateInput }
  | { type: 'explain'; id: number; flag: SharedArrayBuffer; simulation: DrydockSettings['simulation']; generation: number; resources: number; input: { sync: InputSync } }
  | { type: 'memory'; id: number; flag: SharedArrayBuffer; gc: boolean };

/** Worker -> main thread. `outOfStep`: the request's sync was built on another input than the worker's (nothing was run). */
export type WorkerReply =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string; stack?: string }
  | { type: 'outOfStep'; id: number };

/** Slots of a request's Int32Array flag. */
export const FLAG_CANCELLED = 0;
export const FLAG_STARTED = 1;

