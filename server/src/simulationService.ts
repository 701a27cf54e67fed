// Runs simulations off the language server's main thread, so a long simulation
// never blocks hovers and completion. A worker thread (dist/simWorker.js) keeps
// a mirror of the workspace, fed with the text of every changed file, and runs
// `drydock/simulate` and the hover/status simulation on request. The worker and
// its mirror are built lazily, on the first simulation request: mirroring from
// startup would parse every file twice (double the memory) and compete with the
// cold scan for the second core, for a feature many sessions never use. Messages are
// ordered, so a request sees the mirror exactly as the workspace was when it was
// sent. Cancellation is a SharedArrayBuffer flag the simulator polls between
// rounds; one round of a big workspace can take seconds, so a run that has not
// stopped shortly after its cancellation is ended by restarting the worker (the
// mirror and the queued requests are sent again). If the worker cannot start
// (e.g. running from sources), everything runs in-process as before.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DrydockSettings, FeatureContext } from './features/context';
import type { ExplainBackend, ExplainSimulation, ExplainSimulations, ExplainTicket } from './features/explain/simulation';
import { simulateInProcess, type Cancellation, type SimulateOutcome, type SimulationRequest } from './features/simulate';
import type { SimulateResponse } from './protocol';
import type { SimulationBackend } from './features/services';
import type { Workspace } from './model/workspace';

export type { Cancellation, SimulateOutcome } from './features/simulate';

/** Main thread -> worker. */
export type WorkerRequest =
  | { type: 'set'; uri: string; text: string }
  | { type: 'delete'; uri: string }
  | { type: 'simulate'; id: number; flag: SharedArrayBuffer; settings: DrydockSettings; params: SimulationRequest; baselineText?: string }
  | { type: 'explain'; id: number; flag: SharedArrayBuffer; settings: DrydockSettings }
  | { type: 'memory'; id: number; flag: SharedArrayBuffer; gc: boolean };

/** Worker -> main thread. */
export type WorkerReply =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string; stack?: string };

/** Slots of a request's Int32Array flag. */
export const FLAG_CANCELLED = 0;
export const FLAG_STARTED = 1;

interface Pending {
  message: WorkerRequest & { id: number };
  flag: Int32Array;
  /** The caller already has its answer (cancelled); the worker's late reply is dropped. */
  abandoned?: boolean;
  settle(reply: WorkerReply): void;
}

/** Young generation of the worker's heap (MB): three 2 MB semi-space pages' worth. */
const WORKER_YOUNG_GENERATION_MB = 6;
/** Worker restarts after unexpected exits before falling back to in-process runs. */
const MAX_RESTARTS = 3;
/** How long a cancelled run may take to reach its next round check before the worker is restarted. */
const CANCEL_GRACE_MS = 150;

export class SimulationService implements SimulationBackend {
  private worker: Worker | undefined;
  /** start() found the worker file; the worker itself is spawned on the first request. */
  private enabled = false;
  private readonly pending = new Map<number, Pending>();
  /** Files changed since the worker's mirror last got them. */
  private readonly unsynced = new Set<string>();
  private nextId = 1;
  private restarts = 0;
  private unsubscribe: (() => void) | undefined;
  private readonly backend: ExplainBackend = { request: (ctx) => this.explain(ctx) };

  private readonly workspace: Workspace;
  private readonly explainState: ExplainSimulations;

  /** `services`: the workspace to mirror and the explain state the worker serves (a Services, or the part createServices has built). */
  constructor(
    services: { readonly workspace: Workspace; readonly explain: ExplainSimulations },
    private readonly log: (message: string) => void,
    private readonly workerFile = join(__dirname, 'simWorker.js'),
  ) {
    this.workspace = services.workspace;
    this.explainState = services.explain;
  }

  /**
   * Routes simulations to the worker, which starts on the first request; false
   * (in-process mode) when the worker file is unavailable.
   */
  start(): boolean {
    if (this.enabled) return true;
    if (!existsSync(this.workerFile)) {
      this.log(`drydock: ${this.workerFile} not found; simulations run on the main thread`);
      return false;
    }
    this.enabled = true;
    this.unsubscribe ??= this.workspace.onDidChange((changed) => {
      // Before the first request there is no mirror to keep in step: spawn() sends the whole workspace.
      // After it, changed files are only noted: typing in a big file would otherwise copy its
      // text to the worker, and re-parse it there, on every keystroke. A request sends them first.
      if (this.worker) for (const uri of changed) this.unsynced.add(uri);
    });
    this.explainState.attachBackend(this.backend);
    return true;
  }

  /** True while simulations are routed to the worker (running, or started on the next request). */
  get inWorker(): boolean {
    return this.enabled;
  }

  /** True once the worker thread (and its mirror of the workspace) exists. */
  get workerRunning(): boolean {
    return this.worker !== undefined;
  }

  dispose(): void {
    this.enabled = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.explainState.attachBackend(undefined);
    const w = this.worker;
    this.worker = undefined;
    this.failAll('the simulation service stopped');
    void w?.terminate();
  }

  /** `drydock/simulate`: in the worker, or in-process when there is none. */
  simulate(ctx: FeatureContext, params: SimulationRequest, baselineText: string | undefined, token?: Cancellation): Promise<SimulateOutcome> {
    if (!this.enabled || !this.ensureWorker()) return Promise.resolve(simulateInProcess(ctx, params, baselineText, token));
    return new Promise<SimulateOutcome>((resolve) => {
      const flag = new Int32Array(new SharedArrayBuffer(8));
      const id = this.nextId++;
      const message: WorkerRequest & { id: number } = { type: 'simulate', id, flag: flag.buffer as SharedArrayBuffer, settings: ctx.settings, params, baselineText };
      const entry: Pending = {
        message,
        flag,
        settle: (reply) => {
          subscription?.dispose();
          if (reply.type === 'result') resolve({ kind: 'result', value: reply.value as SimulateResponse });
          else if (reply.type === 'cancelled') resolve({ kind: 'cancelled' });
          else resolve({ kind: 'failed', message: reply.message });
        },
      };
      // Cancelling answers at once; the run stops at its next round check, or the worker is restarted.
      const subscription = token?.onCancellationRequested(() => {
        if (entry.abandoned || !this.pending.has(id)) return;
        Atomics.store(flag, FLAG_CANCELLED, 1);
        entry.abandoned = true;
        subscription?.dispose();
        resolve({ kind: 'cancelled' });
        setTimeout(() => {
          if (this.pending.get(id) === entry && Atomics.load(flag, FLAG_STARTED) === 1) this.restart();
        }, CANCEL_GRACE_MS).unref();
      });
      this.pending.set(id, entry);
      this.post(message);
    });
  }

  /** The worker's JS heap (after a GC when `gc` and the process runs with --expose-gc); undefined without a worker. */
  memory(gc: boolean): Promise<{ heapUsed: number; heapTotal: number } | undefined> {
    if (!this.worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const message: WorkerRequest & { id: number } = { type: 'memory', id, flag: flag.buffer as SharedArrayBuffer, gc };
    return new Promise((resolve) => {
      this.pending.set(id, { message, flag, settle: (reply) => resolve(reply.type === 'result' ? (reply.value as { heapUsed: number; heapTotal: number }) : undefined) });
      this.post(message);
    });
  }

  private explain(ctx: FeatureContext): ExplainTicket {
    this.ensureWorker();
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const id = this.nextId++;
    const message: WorkerRequest & { id: number } = { type: 'explain', id, flag: flag.buffer as SharedArrayBuffer, settings: ctx.settings };
    const result = new Promise<ExplainSimulation | undefined>((resolve) => {
      this.pending.set(id, {
        message,
        flag,
        settle: (reply) => {
          if (reply.type === 'result') resolve(reply.value as ExplainSimulation);
          else if (reply.type === 'cancelled') resolve(undefined);
          else resolve({ ok: false, generation: ctx.workspace.generation, message: `The simulation failed: ${reply.message}` });
        },
      });
      this.post(message);
    });
    return {
      result,
      dropIfQueued: () => {
        if (Atomics.load(flag, FLAG_STARTED) === 0) Atomics.store(flag, FLAG_CANCELLED, 1);
      },
    };
  }

  /** Spawns the worker on first use; false (after falling back to in-process runs) when it cannot start. */
  private ensureWorker(): boolean {
    if (this.worker) return true;
    if (!this.enabled) return false;
    try {
      this.spawn();
      return true;
    } catch (err) {
      this.log(`drydock: cannot start the simulation worker (${(err as Error).message}); simulations run on the main thread`);
      this.fallBackToMainThread();
      return false;
    }
  }

  private fallBackToMainThread(): void {
    this.enabled = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.explainState.attachBackend(undefined);
  }

  private spawn(): void {
    // A small young generation (as the client gives the server process, see client/src/extension.ts):
    // the worker's mirror is long-lived data, and V8's default would keep tens of MB committed for it.
    const worker = new Worker(this.workerFile, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.unref(); // the LSP connection, not the worker, keeps the server alive
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (!p.abandoned) p.settle(reply);
    });
    worker.on('error', (err) => this.log(`drydock: simulation worker error: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // terminated on purpose
      this.worker = undefined;
      this.failAll(`the simulation worker stopped (exit code ${code})`);
      if (this.restarts++ < MAX_RESTARTS) {
        try {
          this.spawn();
          return;
        } catch (err) {
          this.log(`drydock: cannot restart the simulation worker: ${(err as Error).message}`);
        }
      }
      this.log('drydock: the simulation worker keeps stopping; simulations run on the main thread');
      this.fallBackToMainThread();
    });
    this.worker = worker;
    // The mirror starts from the whole workspace; onDidChange keeps it in step.
    this.unsynced.clear();
    for (const f of this.workspace.allFiles()) this.post({ type: 'set', uri: f.uri, text: f.text });
  }

  /** Ends a cancelled run that did not stop: a fresh worker gets the mirror and the requests still waiting. */
  private restart(): void {
    const old = this.worker;
    if (!old) return;
    this.worker = undefined;
    void old.terminate();
    for (const [id, p] of [...this.pending]) if (p.abandoned) this.pending.delete(id);
    try {
      this.spawn();
    } catch (err) {
      this.log(`drydock: cannot restart the simulation worker: ${(err as Error).message}`);
      this.dispose();
      return;
    }
    for (const p of this.pending.values()) this.post(p.message);
    this.log('drydock: restarted the simulation worker to stop a cancelled simulation');
  }

  /** Brings the worker's mirror up to date (before a request: messages are handled in order). */
  private flush(): void {
    if (!this.worker || this.unsynced.size === 0) return;
    const uris = [...this.unsynced];
    this.unsynced.clear();
    for (const uri of uris) {
      const file = this.workspace.get(uri);
      this.post(file ? { type: 'set', uri, text: file.text } : { type: 'delete', uri });
    }
  }

  private post(message: WorkerRequest): void {
    if ('id' in message) this.flush();
    if (!this.worker) {
      if ('id' in message) this.settle(message.id, { type: 'failed', id: message.id, message: 'the simulation worker is not running' });
      return;
    }
    try {
      this.worker.postMessage(message);
    } catch (err) {
      if ('id' in message) this.settle(message.id, { type: 'failed', id: message.id, message: (err as Error).message });
    }
  }

  private settle(id: number, reply: WorkerReply): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (!p.abandoned) p.settle(reply);
  }

  private failAll(message: string): void {
    for (const [id, p] of [...this.pending]) {
      this.pending.delete(id);
      if (!p.abandoned) p.settle({ type: 'failed', id, message });
    }
  }
}
