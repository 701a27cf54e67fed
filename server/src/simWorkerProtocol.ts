// The messages between the server (simulationService.ts) and the simulation
// worker (simWorker.ts). Nothing here reads the model, so the worker's bundle
// does not pull it in.

import { deserialize, serialize } from 'node:v8';
import type { DrydockSettings } from './features/context';
import type { SimulationPlan } from './features/simulationRun';
import type { FileInput, InputEntry } from './sim/inputAssembly';

/**
 * A FileInput as it crosses to the worker: its entries serialized (the
 * structured clone format, so values are exactly the ones built) one document
 * at a time as they are built, in one buffer (`ends`: where each document's
 * chunk ends). Posting the object graph would serialize it in one block on the
 * main thread (tens of ms for a 1,000-document file), and a thousand small
 * buffers cost a clone each; one buffer is copied at once.
 */
export interface WireFileInput {
  uri: string;
  data: Uint8Array;
  ends: number[];
}

/** Collects a file's serialized document chunks into a WireFileInput. */
export class WireFileInputWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly ends: number[] = [];
  private size = 0;

  /** Serializes one document's entries; returns its chunk (undefined when there are none), which addChunk can add again later. */
  add(entries: InputEntry[]): Uint8Array | undefined {
    if (entries.length === 0) return undefined;
    const chunk = serialize(entries);
    this.addChunk(chunk);
    return chunk;
  }

  /** Adds a chunk an earlier add() returned (a document unchanged since). */
  addChunk(chunk: Uint8Array | undefined): void {
    if (!chunk) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.ends.push(this.size);
  }

  /** The file's buffer is its own ArrayBuffer (not a slice of Node's pool), so a sync can transfer it. */
  finish(uri: string): WireFileInput {
    const data = new Uint8Array(this.size);
    let at = 0;
    for (const chunk of this.chunks) {
      data.set(chunk, at);
      at += chunk.length;
    }
    return { uri, data, ends: this.ends };
  }
}

export function decodeFileInput(wire: WireFileInput): FileInput {
  const entries: InputEntry[] = [];
  const data = Buffer.from(wire.data.buffer, wire.data.byteOffset, wire.data.byteLength);
  let start = 0;
  for (const end of wire.ends) {
    entries.push(...(deserialize(data.subarray(start, end)) as InputEntry[]));
    start = end;
  }
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

/**
 * The buffers a request's sync can hand over instead of copying: a sync is built
 * for one post (a re-post builds a new one), so its buffers are moved to the
 * worker. Copying the whole input of the 10k-resource workspace took ~40 ms of the
 * main thread in one block, which a hover arriving then waited for.
 * A simulation's `own` and `baseline` inputs are kept for a re-post, so they are copied.
 */
export function transferablesOf(message: WorkerRequest): ArrayBuffer[] {
  if (message.type === 'memory') return [];
  const out: ArrayBuffer[] = [];
  for (const [, input] of message.input.sync.files) if (input && input.data.buffer instanceof ArrayBuffer) out.push(input.data.buffer);
  return out;
}

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

