// The language server's entry point (bundled as dist/server.js): creates the
// stdio connection and hands it to createServer, which does all the wiring.

import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createServer } from './createServer';
import { messageEncoder } from './publishEncoder';

// Over stdio, outgoing messages go through publishEncoder (diagnostics serialized once per document).
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder }))
  : createConnection(ProposedFeatures.all);
createServer(connection);
