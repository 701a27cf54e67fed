// Recomputes diagnostics off the request path: changes are queued, the edited file
// first, and the queue is drained in small time slices so that hover and
// completion requests are answered between slices.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { Workspace } from './model/workspace';

const SLICE_MS = 15;

export class DiagnosticScheduler {
  private readonly queue = new Map<string, number | undefined>();
  private urgent: string[] = [];
  private running = false;

  constructor(
    private readonly compute: (uri: string) => Diagnostic[],
    private readonly publish: (uri: string, diagnostics: Diagnostic[], version?: number) => void,
    private readonly log: (msg: string) => void,
  ) {}

  /** Queues a file; `urgent` files (the one being edited) go first. */
  schedule(uri: string, version?: number, urgent = true): void {
    this.queue.set(uri, version);
    if (urgent) this.urgent.push(uri);
    this.kick();
  }

  scheduleAll(workspace: Workspace): void {
    for (const f of workspace.allFiles()) this.schedule(f.uri, undefined, false);
  }

  get pending(): number {
    return this.queue.size;
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => this.drain());
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
    const deadline = Date.now() + SLICE_MS;
    let uri: string | undefined;
    while ((uri = this.next()) !== undefined) {
      const version = this.queue.get(uri);
      this.queue.delete(uri);
      try {
        this.publish(uri, this.compute(uri), version);
      } catch (err) {
        this.log(`diagnostics failed for ${uri}: ${(err as Error).stack ?? err}`);
      }
      if (Date.now() > deadline) break;
    }
    if (this.queue.size > 0) setImmediate(() => this.drain());
    else this.running = false;
  }
}
