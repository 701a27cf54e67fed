// Recomputes diagnostics off the request path. Files are queued (the edited file
// first) and their diagnostics computed as a sequence of small steps (one per
// document for the per-document providers, features/diagnostics.ts). The queue is
// drained in slices of ~1 ms; a slice starts only when no LSP message read from
// the client waits (messageGate.ts), so a hover sent while a 1,000-document file
// is re-diagnosed waits for at most the slice in progress, not for a whole file.
// 3 ms slices made requests wait longer and 1 ms ones cost no measurable
// cold-start time (bench, docs/performance.md).

import { MessageGate } from './messageGate';
import type { Diagnostic } from 'vscode-languageserver-types';

/** Default slice length: short enough that a request waiting for one stays well under 5 ms. */
export const DEFAULT_SLICE_MS = 1;

/** The diagnostics of one file as resumable steps; the iterator's return value is the file's diagnostics. */
export type DiagnosticSteps = Iterator<void, Diagnostic[], undefined>;

export interface DiagnosticSchedulerOptions {
  /** The steps computing a file's diagnostics; undefined when there is nothing to publish for it. */
  steps: (uri: string) => DiagnosticSteps | undefined;
  publish: (uri: string, diagnostics: Diagnostic[], version?: number) => void;
  /** Runs at the start of every slice, before any step (brings shared state, e.g. the reference graph, up to date). */
  prepare?: () => void;
  log: (msg: string) => void;
  sliceMs?: number;
  /** Slices start only when no LSP message waits (default: a gate no reader tells, which never waits). */
  gate?: MessageGate;
}

interface Job {
  readonly uri: string;
  readonly version: number | undefined;
  readonly steps: DiagnosticSteps;
  /** Set when the file was re-queued or the model changed while the job ran: its partial result may be stale. */
  stale: boolean;
}

export class DiagnosticScheduler {
  private readonly queue = new Map<string, number | undefined>();
  private urgent: string[] = [];
  private current: Job | undefined;
  private running = false;
  private disposed = false;
  private readonly sliceMs: number;

  private readonly gate: MessageGate;

  constructor(private readonly opts: DiagnosticSchedulerOptions) {
    this.sliceMs = opts.sliceMs ?? DEFAULT_SLICE_MS;
    this.gate = opts.gate ?? new MessageGate();
  }

  /** Queues a file; `urgent` files (the one being edited) go first. A file being computed starts over. */
  schedule(uri: string, version?: number, urgent = true): void {
    if (this.disposed) return;
    this.queue.set(uri, version);
    if (urgent) this.urgent.push(uri);
    if (this.current?.uri === uri) this.current.stale = true;
    this.kick();
  }

  /**
   * The model changed (a file was edited, the reference graph moved on): the file
   * being computed starts over, so nothing computed from the previous state is
   * published. Per-document caches make the restart cheap.
   */
  invalidate(): void {
    if (!this.current) return;
    this.current.stale = true;
    this.queue.set(this.current.uri, this.current.version);
    this.kick();
  }

  /** Stops: nothing queued is computed or published any more (the server is being disposed). */
  dispose(): void {
    this.disposed = true;
    this.queue.clear();
    this.urgent = [];
    this.current = undefined;
  }

  /** Files queued or being computed. */
  get pending(): number {
    return this.queue.size + (this.current && !this.queue.has(this.current.uri) ? 1 : 0);
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    this.yieldThenDrain();
  }

  /** The next slice, after the LSP messages read meanwhile are handled (messageGate.ts). */
  private yieldThenDrain(): void {
    this.gate.afterTurn(() => this.drain());
  }

  private next(): string | undefined {
    while (this.urgent.length > 0) {
      const u = this.urgent.shift()!;
      if (this.queue.has(u)) return u;
    }
    const first = this.queue.keys().next();
    return first.done ? undefined : first.value;
  }

  private drain(): void {
    if (this.disposed) {
      this.running = false;
      return;
    }
    const deadline = performance.now() + this.sliceMs;
    try {
      this.opts.prepare?.();
    } catch (err) {
      this.opts.log(`diagnostics: preparing failed: ${(err as Error).stack ?? err}`);
    }
    while (performance.now() < deadline) {
      const job = this.current ?? this.start();
      if (!job) break;
      this.step(job);
    }
    if (this.current || this.queue.size > 0) this.yieldThenDrain();
    else this.running = false;
  }

  private start(): Job | undefined {
    for (let uri = this.next(); uri !== undefined; uri = this.next()) {
      const version = this.queue.get(uri);
      this.queue.delete(uri);
      let steps: DiagnosticSteps | undefined;
      try {
        steps = this.opts.steps(uri);
      } catch (err) {
        this.opts.log(`diagnostics failed for ${uri}: ${(err as Error).stack ?? err}`);
      }
      if (steps) return (this.current = { uri, version, steps, stale: false });
    }
    return undefined;
  }

  /** One step of `job`; publishes when it completes, unless it went stale meanwhile (it is queued again then). */
  private step(job: Job): void {
    let result: IteratorResult<void, Diagnostic[]>;
    try {
      result = job.steps.next();
    } catch (err) {
      this.current = undefined;
      this.opts.log(`diagnostics failed for ${job.uri}: ${(err as Error).stack ?? err}`);
      return;
    }
    if (job.stale) {
      this.current = undefined;
      return;
    }
    if (!result.done) return;
    this.current = undefined;
    try {
      this.opts.publish(job.uri, result.value, job.version);
    } catch (err) {
      this.opts.log(`publishing diagnostics failed for ${job.uri}: ${(err as Error).stack ?? err}`);
    }
  }
}
