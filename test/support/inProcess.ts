// An LSP test client whose server runs in this process: createServer over an
// in-memory connection (two PassThrough streams), so a test needs no build and
// no child process, and several servers can run side by side. The API is
// TestClient's (lsp.ts): switch a test by changing `new TestClient()` to
// `new InProcessClient()`.
//
// The connection is vscode-languageserver's common createConnection with a
// watchdog of our own: the node flavour calls process.exit() on the `exit`
// notification and when its input stream ends, which would end the test run.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createConnection, type Connection } from 'vscode-languageserver';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { createServer, createServerServices, connectionLogger, type DrydockServer } from '../../server/src/createServer';
import { createServices } from '../../server/src/features/services';
import { LspClient } from './lsp';

/** The simulation worker of the built bundle (npm run build). */
export const DIST_SIM_WORKER = resolve(__dirname, '../../dist/simWorker.js');

export interface InProcessOptions {
  /**
   * Where `drydock/simulate` and the hover/status simulation run: 'in-thread'
   * (default; the simulation runs on the test's thread, no build needed) or
   * 'worker' (the built dist/simWorker.js thread, as the stdio server does).
   */
  simulation?: 'in-thread' | 'worker';
}

export class InProcessClient extends LspClient {
  readonly server: DrydockServer;
  private readonly serverConnection: Connection;
  private readonly streams: PassThrough[];

  constructor(opts: InProcessOptions = {}) {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    super(toClient, toServer);
    this.streams = [toServer, toClient];
    const watchDog = {
      shutdownReceived: false,
      initialize: () => undefined,
      exit: () => this.release(),
    };
    const connection = createConnection((logger) => createProtocolConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient), logger), watchDog);
    this.serverConnection = connection;
    if (opts.simulation === 'worker') {
      if (!existsSync(DIST_SIM_WORKER)) throw new Error(`${DIST_SIM_WORKER} is missing: run npm run build (npm test builds first)`);
      this.server = createServer(connection, createServerServices(connection, { workerFile: DIST_SIM_WORKER }));
    } else {
      this.server = createServer(connection, createServices({ log: connectionLogger(connection) }));
    }
    // Server log lines (window/logMessage) stand in for the spawned server's stderr.
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.notifications.push({ method: 'window/logMessage', params: p });
      this.stderr.push(`${p.message}\n`);
    });
  }

  private released = false;

  private release(): void {
    if (this.released) return;
    this.released = true;
    this.server.dispose();
    this.serverConnection.dispose();
    for (const s of this.streams) s.end();
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit').catch(() => undefined);
    } catch {
      // already gone
    }
    // The exit notification releases the server; a server that never got it is released here.
    await new Promise((r) => setImmediate(r));
    this.release();
    this.conn.dispose();
  }
}
