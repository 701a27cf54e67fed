// The language server's entry point (bundled as dist/server.js): creates the
// stdio connection and hands it to createServer, which does all the wiring.

import { createConnection, ProposedFeatures, StreamMessageReader } from 'vscode-languageserver/node';
import { createServer, createServerServices } from './createServer';
import { DirectMessageWriter } from './directMessageWriter';
import { gatedReader, gateStrategy, MessageGate } from './messageGate';

// Over stdio, outgoing messages are written at once (directMessageWriter.ts), encoded by
// publishEncoder (diagnostics serialized once per document), and the gate lets the
// messages read go before the next slice of background work (messageGate.ts).
const gate = new MessageGate();
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, gatedReader(new StreamMessageReader(process.stdin), gate), new DirectMessageWriter(process.stdout), { messageStrategy: gateStrategy(gate) })
  : createConnection(ProposedFeatures.all, { messageStrategy: gateStrategy(gate) });
createServer(connection, createServerServices(connection, { gate }), { gate });
