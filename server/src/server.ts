// The language server's entry point (bundled as dist/server.js): creates the
// stdio connection and hands it to createServer, which does all the wiring.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './createServer';

createServer(createConnection(ProposedFeatures.all));
