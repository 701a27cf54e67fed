// The messages between the server (simulationService.ts) and the simulation
// worker (simWorker.ts). Nothing here reads the model, so the worker's bundle
// does not pull it in.

import { deserialize, serialize } from 'node:v8';
import type { DrydockSettings } from './features/context';
import type { SimulationPlan } from './features/simulationRun';
import type { FileInput, InputEntry } from './sim/inputAssembly';

/**
 * A FileInput as it crosses to the worker: its entries serialized (the
 * structured clone format, so values are exactly the ones built) in chunks of
 * one document each, serialized as they are built. Posting one big object graph
 * would serialize it in one go on the main thread (tens of ms for a
 * 1,000-document file); bytes are copied at once.
 */
export interface WireFileInput {
  uri: string;
  chunks: Uint8Array[];
}

export function encodeEntries(entries: InputEntry[]): Uint8Array {
  return serialize(entries);
}

export function decodeFileInput(wire: WireFileInput): FileInput {
  const entries: InputEntry[] = [];
  for (const chunk of wire.chunks) entries.push(...(deserialize(chunk) as InputEntry[]));
  return { uri: wire.uri, entries };
}

/** Brings the worker's per-file input up to date: `files` replace (null: remove) entries of the input numbered `base`, giving `version`. */
export interface InputSync {
  /** FULL_SYNC: `files` are the whole input. */
  base: number;
  version: number;
  files: Array<[uri: string, input: WireFileInput | null]>;
}
export const FULL_SYNC = -1;

/** The input of a `drydock/simulate` run in the worker. */
export interface SimulateInput {
  /** Brings the worker's workspace input up to date (applied even when the run is cancelled). */
  sync: InputSync;
  /** Scope "overlay": the rendered overlay's files are the input, instead of the workspace's. */
  own?: WireFileInput[];
  /**
   * Scope "file": the baseline input, as the workspace's with one file replaced
   * (null: absent), or whole when the file's CRDs change how the others decode.
   */
  baseline?: { replace: [uri: string, input: WireFileInput | null] } | { files: WireFileInput[] };
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

