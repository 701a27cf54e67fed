// Runs simulations off the language server's main thread, so a long simulation
// never blocks hovers and completion. A worker thread (dist/simWorker.js) runs
// `drydock/simulate` and the hover/status simulation on request. It does not
// parse the workspace: each request carries the input (simulationInput.ts: the
// FileInputs of the files changed since the worker's last request, built here in
// time slices), and the worker keeps the per-file input between requests. The
// worker is started lazily, on the first simulation request (many sessions never
// simulate). Messages are ordered, so a request sees the input exactly as it was
// sent; a worker whose input is not the one a request's sync was built on (it
// restarted) answers `outOfStep`, and the request is sent again with the whole
// input. Cancellation is a SharedArrayBuffer flag the simulator polls between
// rounds; one round of a big workspace can take seconds, so a run that has not
// stopped shortly after its cancellation is ended by restarting the worker (the
// requests still waiting are sent again). If the worker cannot start (e.g.
// running from sources), everything runs in-process as before.

import { MessageGate } from './messageGate';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FeatureContext } from './features/context';
import { resourceCount, type ExplainBackend, type ExplainSimulation, type ExplainSimulations, type ExplainTicket } from './features/explain/simulation';
import { baselineChangesSchemas, planSimulation, simulateInProcess, type Cancellation, type SimulateOutcome, type SimulationRequest } from './features/simulate';
import type { SimulateResponse } from './protocol';
import type { SimulationBackend } from './features/services';
import type { Workspace } from './model/workspace';
import { WorkspaceSchemas } from './schema';
import { buildFileInput, collectFileInputs, SimulationInputs } from './simulationInput';
import { FLAG_CANCELLED, FLAG_STARTED, transferablesOf, type InputSync, type SimulateInput, type WireFileInput, type WorkerReply, type WorkerRequest } from './simWorkerProtocol';

export { FLAG_CANCELLED, FLAG_STARTED, type SimulateInput, type WorkerReply, type WorkerRequest } from './simWorkerProtocol';

export type { Cancellation, SimulateOutcome } from './features/simulate';

interface Pending {
  message: WorkerRequest & { id: number };
  flag: Int32Array;
  /** Posts the request again, with a sync from the worker's current input (after a restart or `outOfStep`). */
  resend(): void;
  /** The caller already has its answer (cancelled); the worker's late reply is dropped. */
  abandoned?: boolean;
  /** Called when the request is answered, dropped or abandoned: the next queued request may build its input. */
  finish(): void;
  readonly finished: Promise<void>;
  settle(reply: WorkerReply): void;
}

/** The finish()/finished pair of a Pending. */
function completion(): { finish(): void; finished: Promise<void> } {
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  return { finish, finished };
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
  /** The worker's input: what changed since its last request (created by start()). */
  private inputs: SimulationInputs | undefined;
  private nextId = 1;
  private restarts = 0;
  /** The request queue (see enqueue). */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly backend: ExplainBackend = { request: (ctx) => this.explain(ctx) };

  private readonly workspace: Workspace;
  private readonly schemas: WorkspaceSchemas;
  private readonly explainState: ExplainSimulations;

  /**
   * `services`: the workspace whose input the worker gets, its schemas (decode
   * results depend on its CRDs) and the explain state the worker serves (a
   * Services, or the part createServices has built).
   */
  constructor(
    services: { readonly workspace: Workspace; readonly schemas: WorkspaceSchemas; readonly explain: ExplainSimulations },
    private readonly log: (message: string) => void,
    private readonly workerFile = join(__dirname, 'simWorker.js'),
    /** Input slices start only when no LSP message waits. */
    private readonly gate = new MessageGate(),
  ) {
    this.workspace = services.workspace;
    this.schemas = services.schemas;
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
    // Changed files are only noted: a request builds their input (typing costs nothing here).
    this.inputs ??= new SimulationInputs(this.workspace, this.schemas, this.gate);
    this.explainState.attachBackend(this.backend);
    return true;
  }

  /** True while simulations are routed to the worker (running, or started on the next request). */
  get inWorker(): boolean {
    return this.enabled;
  }

  /** True once the worker thread exists. */
  get workerRunning(): boolean {
    return this.worker !== undefined;
  }

  dispose(): void {
    this.enabled = false;
    this.inputs?.dispose();
    this.inputs = undefined;
    this.explainState.attachBackend(undefined);
    const w = this.worker;
    this.worker = undefined;
    this.failAll('the simulation service stopped');
    void w?.terminate();
  }

  /** `drydock/simulate`: in the worker, or in-process when there is none. */
  async simulate(ctx: FeatureContext, params: SimulationRequest, baselineText: string | undefined, token?: Cancellation): Promise<SimulateOutcome> {
    if (!this.enabled || !this.ensureWorker()) return simulateInProcess(ctx, params, baselineText, token);
    const planned = planSimulation(ctx, params, baselineText);
    if ('error' in planned) return { kind: 'result', value: planned };
    // The parts of the input that are not the workspace's, built here in slices like the sync.
    let own: WireFileInput[] | undefined;
    let baseline: SimulateInput['baseline'];
    try {
      if (planned.workspace !== this.workspace) own = await collectFileInputs(planned.workspace, new WorkspaceSchemas(planned.workspace).current());
      const b = planned.baseline;
      if (b && baselineChangesSchemas(ctx, b)) baseline = { files: await collectFileInputs(b.workspace, new WorkspaceSchemas(b.workspace).current()) };
      else if (b) {
        const file = b.workspace.get(b.uri);
        baseline = { replace: [b.uri, file ? await buildFileInput(b.workspace, file, this.schemas.current()) : null] };
      }
    } catch (err) {
      return { kind: 'failed', message: (err as Error).message };
    }
    if (token?.isCancellationRequested) return { kind: 'cancelled' };
    return new Promise<SimulateOutcome>((resolve) => {
      const flag = new Int32Array(new SharedArrayBuffer(8));
      const id = this.nextId++;
      const entry: Pending = {
        ...completion(),
        message: { type: 'simulate', id, flag: flag.buffer as SharedArrayBuffer, plan: planned.plan, input: { sync: { base: 0, version: 0, files: [] }, own, baseline } },
        flag,
        resend: () => this.sendWithSync(entry, (sync) => ({ type: 'simulate', id, flag: flag.buffer as SharedArrayBuffer, plan: planned.plan, input: { sync, own, baseline } })),
        settle: (reply) => {
          subscription?.dispose();
          if (reply.type === 'result') resolve({ kind: 'result', value: reply.value as SimulateResponse });
          else if (reply.type === 'cancelled') resolve({ kind: 'cancelled' });
          else resolve({ kind: 'failed', message: reply.type === 'failed' ? reply.message : 'the simulation worker is out of step' });
        },
      };
      // Cancelling answers at once; the run stops at its next round check, or the worker is restarted.
      const subscription = token?.onCancellationRequested(() => {
        if (entry.abandoned || !this.pending.has(id)) return;
        Atomics.store(flag, FLAG_CANCELLED, 1);
        entry.abandoned = true;
        entry.finish();
        subscription?.dispose();
        resolve({ kind: 'cancelled' });
        setTimeout(() => {
          if (this.pending.get(id) === entry && Atomics.load(flag, FLAG_STARTED) === 1) this.restart();
        }, CANCEL_GRACE_MS).unref();
      });
      this.pending.set(id, entry);
      this.enqueue(entry, () => !entry.abandoned);
    });
  }

  /** The worker's JS heap (after a GC when `gc` and the process runs with --expose-gc); undefined without a worker. */
  memory(gc: boolean): Promise<{ heapUsed: number; heapTotal: number } | undefined> {
    if (!this.worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const message: WorkerRequest & { id: number } = { type: 'memory', id, flag: flag.buffer as SharedArrayBuffer, gc };
    return new Promise((resolve) => {
      this.pending.set(id, { ...completion(), message, flag, resend: () => this.post(message), settle: (reply) => resolve(reply.type === 'result' ? (reply.value as { heapUsed: number; heapTotal: number }) : undefined) });
      this.post(message);
    });
  }

  private explain(ctx: FeatureContext): ExplainTicket {
    this.ensureWorker();
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const id = this.nextId++;
    const generation = ctx.workspace.generation;
    const simulation = ctx.settings.simulation;
    const resources = resourceCount(ctx.workspace);
    const request = (sync: InputSync): WorkerRequest & { id: number } => ({ type: 'explain', id, flag: flag.buffer as SharedArrayBuffer, simulation, generation, resources, input: { sync } });
    const result = new Promise<ExplainSimulation | undefined>((resolve) => {
      const entry: Pending = {
        ...completion(),
        message: request({ base: 0, version: 0, files: [] }),
        flag,
        resend: () => this.sendWithSync(entry, request),
        settle: (reply) => {
          if (reply.type === 'result') resolve(reply.value as ExplainSimulation);
          else if (reply.type === 'cancelled') resolve(undefined);
          else resolve({ ok: false, generation, message: `The simulation failed: ${reply.type === 'failed' ? reply.message : 'the simulation worker is out of step'}` });
        },
      };
      this.pending.set(id, entry);
      this.enqueue(entry, () => Atomics.load(flag, FLAG_CANCELLED) === 0);
    });
    return {
      result,
      dropIfQueued: () => {
        if (Atomics.load(flag, FLAG_STARTED) === 0) Atomics.store(flag, FLAG_CANCELLED, 1);
      },
    };
  }

  /**
   * Builds the sync of the worker's input (in slices) and posts the request
   * with it; a request answered meanwhile (cancelled, the worker stopped) is not
   * posted, and its changes stay for the next one.
   */
  private sendWithSync(entry: Pending, request: (sync: InputSync) => WorkerRequest & { id: number }): void {
    const inputs = this.inputs;
    if (!inputs) {
      this.settle(entry.message.id, { type: 'failed', id: entry.message.id, message: 'the simulation worker is not running' });
      return;
    }
    inputs
      .send((sync) => {
        if (this.pending.get(entry.message.id) !== entry) return false;
        if (entry.abandoned) {
          this.remove(entry.message.id);
          return false;
        }
        entry.message = request(sync);
        return this.post(entry.message);
      })
      .catch((err: unknown) => this.settle(entry.message.id, { type: 'failed', id: entry.message.id, message: (err as Error).message }));
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
    this.inputs?.dispose();
    this.inputs = undefined;
    this.explainState.attachBackend(undefined);
  }

  private spawn(): void {
    // A small young generation (as the client gives the server process, see client/src/extension.ts):
    // the worker's input is long-lived data, and V8's default would keep tens of MB committed for it.
    const worker = new Worker(this.workerFile, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
    worker.unref(); // the LSP connection, not the worker, keeps the server alive
    worker.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      if (reply.type === 'outOfStep') {
        // The worker's input is not the one this request's sync was built on: send it the whole input.
        this.inputs?.reset();
        if (!p.abandoned) p.resend();
        else this.remove(reply.id);
        return;
      }
      this.remove(reply.id);
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
    // A new worker has no input: the next request sends all of it.
    this.inputs?.reset();
  }

  /** Ends a cancelled run that did not stop: a fresh worker gets the requests still waiting (with the whole input). */
  private restart(): void {
    const old = this.worker;
    if (!old) return;
    this.worker = undefined;
    void old.terminate();
    for (const [id, p] of [...this.pending]) if (p.abandoned) this.remove(id);
    try {
      this.spawn();
    } catch (err) {
      this.log(`drydock: cannot restart the simulation worker: ${(err as Error).message}`);
      this.dispose();
      return;
    }
    for (const p of this.pending.values()) p.resend();
    this.log('drydock: restarted the simulation worker to stop a cancelled simulation');
  }

  /** Posts to the worker; false (and the request failed) when it cannot be posted. */
  private post(message: WorkerRequest & { id: number }): boolean {
    if (!this.worker) {
      this.settle(message.id, { type: 'failed', id: message.id, message: 'the simulation worker is not running' });
      return false;
    }
    try {
      this.worker.postMessage(message, transferablesOf(message));
      return true;
    } catch (err) {
      this.settle(message.id, { type: 'failed', id: message.id, message: (err as Error).message });
      return false;
    }
  }

  private settle(id: number, reply: WorkerReply): void {
    const p = this.remove(id);
    if (p && !p.abandoned) p.settle(reply);
  }

  private failAll(message: string): void {
    for (const [id, p] of [...this.pending]) {
      this.remove(id);
      if (!p.abandoned) p.settle({ type: 'failed', id, message });
    }
  }

  private remove(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    this.pending.delete(id);
    p.finish();
    return p;
  }

  /**
   * Runs requests one at a time: a request's input is built when the one before
   * it is answered, so a request superseded meanwhile (a hover run dropped for a
   * newer generation, a cancelled simulation) costs nothing, and the worker's
   * queue never holds more than one request's input.
   */
  private enqueue(entry: Pending, wanted: () => boolean): void {
    const id = entry.message.id;
    const turn = this.queue.then(async () => {
      if (this.pending.get(id) !== entry) return;
      if (!wanted()) {
        if (entry.abandoned) this.remove(id);
        else this.settle(id, { type: 'cancelled', id });
        return;
      }
      entry.resend();
      await entry.finished;
    });
    this.queue = turn.catch(() => undefined);
  }
}
