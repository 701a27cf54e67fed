// Requests before background work. The LSP connection handles one message per
// event-loop turn, each in a setImmediate queued when the message is read; the
// background loops (diagnostics in diagnosticScheduler.ts, the simulation input in
// simulationInput.ts) also continue through setImmediate, so a message read
// while one ran could still wait for a slice of each loop before it was handled
// (the 10k-resource workspace's slow hovers). The gate counts the messages read
// and not yet dispatched; a loop starts its next slice only when none waits.

import type { DataCallback, Disposable, Message, MessageReader, MessageStrategy } from 'vscode-languageserver/node';

/** How many turns a slice waits for messages at most: a message counted but never dispatched (a request cancelled before it ran) must not stop background work. */
const MAX_WAIT_TURNS = 8;

const CANCEL_REQUEST = '$/cancelRequest';

export class MessageGate {
  private waiting = 0;

  /** The reader read `message`; it waits until the connection dispatches it. */
  arrived(message: Message): void {
    // A cancellation is often handled inside the reader's callback and never dispatched.
    if ((message as { method?: string }).method === CANCEL_REQUEST) return;
    this.waiting++;
  }

  /** The connection dispatched a message to its handler. */
  dispatched(): void {
    if (this.waiting > 0) this.waiting--;
  }

  /** True while a message read from the client waits to be handled. */
  get pending(): boolean {
    return this.waiting > 0;
  }

  /**
   * Calls `next` on a later turn of the event loop once no message waits. Twice
   * through setImmediate first: a message read in the poll phase after the caller's
   * slice is queued by the connection behind the first hop and ahead of the second.
   */
  afterTurn(next: () => void): void {
    setImmediate(() => setImmediate(() => this.whenIdle(next, 0)));
  }

  /** afterTurn as a promise. */
  turn(): Promise<void> {
    return new Promise((resolve) => this.afterTurn(resolve));
  }

  private whenIdle(next: () => void, turns: number): void {
    if (this.waiting > 0 && turns < MAX_WAIT_TURNS) {
      setImmediate(() => this.whenIdle(next, turns + 1));
      return;
    }
    this.waiting = 0;
    next();
  }
}

/** `reader`, telling `gate` about every message it reads. */
export function gatedReader(reader: MessageReader, gate: MessageGate): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    dispose: () => reader.dispose(),
    listen: (callback: DataCallback): Disposable =>
      reader.listen((message) => {
        gate.arrived(message);
        callback(message);
      }),
  };
}

/** The connection's message strategy: tells `gate` when a message is dispatched. */
export function gateStrategy(gate: MessageGate): MessageStrategy {
  return {
    handleMessage: (message, next) => {
      try {
        return next(message);
      } finally {
        gate.dispatched();
      }
    },
  };
}
