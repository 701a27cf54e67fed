// The message gate: a background loop that continues through `gate.afterTurn`
// starts no slice while an LSP message read from the client waits to be handled,
// over a real vscode-jsonrpc connection (stream reader, message strategy); a
// message counted but never dispatched holds background work back only a few turns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createMessageConnection, RequestType, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { gatedReader, gateStrategy, MessageGate } from '../server/src/messageGate';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

const PING = new RequestType<number, number, void>('test/ping');

/** A server connection (gated when `gate` is given) and a client connection over in-memory streams. */
function pair(gate?: MessageGate) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const reader = new StreamMessageReader(toServer);
  const server = gate
    ? createMessageConnection(gatedReader(reader, gate), new StreamMessageWriter(toClient), undefined, { messageStrategy: gateStrategy(gate) })
    : createMessageConnection(reader, new StreamMessageWriter(toClient));
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  return { server, client, dispose: () => (server.dispose(), client.dispose()) };
}

/**
 * Runs `slices` background slices of 2 ms through `gate.afterTurn`; during slice 2 the
 * client sends a request. Returns the event order.
 */
async function run(gate: MessageGate, gated: boolean): Promise<string[]> {
  const { server, client, dispose } = pair(gated ? gate : undefined);
  const events: string[] = [];
  server.onRequest(PING, (n) => (events.push('request'), n + 1));
  server.listen();
  client.listen();
  let answered: Promise<number> | undefined;
  await new Promise<void>((resolve) => {
    let slice = 0;
    const next = () => {
      slice++;
      events.push(`slice ${slice}`);
      if (slice === 2) answered = client.sendRequest(PING, 1);
      busy(2);
      if (slice < 8) gate.afterTurn(next);
      else resolve();
    };
    gate.afterTurn(next);
  });
  assert.equal(await answered, 2);
  dispose();
  return events;
}

test('a request read during a background slice is handled before the next slice', async () => {
  const events = await run(new MessageGate(), true);
  const at = events.indexOf('request');
  assert.equal(events[at - 1], 'slice 2', `the request ran right after the slice it arrived in: ${events.join(', ')}`);
});

test('the gate only waits for messages its reader counted: an ungated connection lets slices run first', async () => {
  // The control: the same loop without the gate on the connection. The request still
  // runs, but behind at least one more slice (what the gate exists to prevent).
  const events = await run(new MessageGate(), false);
  const at = events.indexOf('request');
  assert.ok(at > events.indexOf('slice 3'), `without the gate the request waited for later slices: ${events.join(', ')}`);
});

test('a message counted but never dispatched holds background work back a few turns, not forever', async () => {
  const gate = new MessageGate();
  gate.arrived({ jsonrpc: '2.0', id: 1, method: 'textDocument/hover' } as never);
  assert.equal(gate.pending, true);
  let turns = 0;
  let ran = false;
  const count = () => {
    turns++;
    if (!ran) setImmediate(count);
  };
  setImmediate(count);
  await gate.turn().then(() => (ran = true));
  assert.equal(gate.pending, false);
  assert.ok(turns >= 8 && turns < 20, `waited ${turns} turns`);
});

test('cancellations are not counted (the connection may handle them without dispatching)', () => {
  const gate = new MessageGate();
  gate.arrived({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id: 1 } } as never);
  assert.equal(gate.pending, false);
  gate.dispatched();
  assert.equal(gate.pending, false);
});
