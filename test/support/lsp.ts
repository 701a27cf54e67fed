// A minimal LSP client for tests, speaking JSON-RPC as an editor does. TestClient
// spawns the built server (dist/server.js --stdio); InProcessClient
// (inProcess.ts) runs createServer in this process over an in-memory connection.

import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, Position } from 'vscode-languageserver-types';

export const SERVER_JS = resolve(__dirname, '../../dist/server.js');

export function fileUri(path: string): string {
  return pathToFileURL(resolve(path)).toString();
}

/**
 * What every LSP test client offers, over any message connection: the spawned
 * bundle (TestClient, below) or an in-process server (InProcessClient in
 * inProcess.ts). Test files switch between them by changing the constructor.
 */
export abstract class LspClient {
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: Array<{ uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  private readonly versions = new Map<string, number>();
  readonly stderr: string[] = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];

  protected constructor(reader: NodeJS.ReadableStream, writer: NodeJS.WritableStream) {
    this.conn = createMessageConnection(new StreamMessageReader(reader), new StreamMessageWriter(writer));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p.diagnostics);
        }
      }
    });
    this.conn.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
    });
    // Answer server->client requests the way a simple editor does.
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.listen();
  }

  /** `canCreateFiles`: declare `workspaceEdit.resourceOperations: ['create']` (code actions may then create files). */
  async initialize(rootPath?: string, initializationOptions?: unknown, opts: { canCreateFiles?: boolean } = {}): Promise<any> {
    const rootUri = rootPath ? fileUri(rootPath) : null;
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: {
        workspace: { configuration: false, workspaceFolders: true, applyEdit: true, workspaceEdit: { documentChanges: true, ...(opts.canCreateFiles ? { resourceOperations: ['create'] } : {}) } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          rename: { prepareSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'refactor.extract', 'source'] } } },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions,
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = 'yaml'): void {
    this.versions.set(uri, 1);
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document change). */
  change(uri: string, text: string): void {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  }

  /** Applies one incremental edit. */
  edit(uri: string, range: { start: Position; end: Position }, text: string): void {
    const v = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
  }

  close(uri: string): void {
    void this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the next diagnostics published for `uri` that satisfy `pred`. */
  waitForDiagnostics(uri: string, pred: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for diagnostics on ${uri}; last: ${JSON.stringify(this.diagnostics.get(uri))}`)), timeoutMs);
      this.waiters.push({
        uri,
        pred,
        resolve: (d) => {
          clearTimeout(timer);
          resolvePromise(d);
        },
      });
    });
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  hover(uri: string, line: number, character: number): Promise<any> {
    return this.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  }

  completion(uri: string, line: number, character: number): Promise<any> {
    return this.request('textDocument/completion', { textDocument: { uri }, position: { line, character } });
  }

  /** Ends the session (shutdown + exit) and releases the connection. */
  abstract shutdown(): Promise<void>;
}

/** A client of the built server (dist/server.js --stdio) in a child process, exactly as an editor runs it. */
export class TestClient extends LspClient {
  readonly proc: ChildProcess;

  constructor(args: string[] = []) {
    const proc = spawn(process.execPath, [SERVER_JS, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    super(proc.stdout!, proc.stdin!);
    this.proc = proc;
    proc.stderr!.on('data', (b: Buffer) => this.stderr.push(b.toString()));
  }

  async shutdown(): Promise<void> {
    const exited = new Promise<void>((r) => {
      if (this.proc.exitCode !== null) r();
      else this.proc.once('exit', () => r());
    });
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit').catch(() => undefined);
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

/** Position (line, character) of the first occurrence of `needle` in `text` (+ `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let idx = -1;
  for (let i = 0; i <= occurrence; i++) idx = text.indexOf(needle, idx + 1);
  if (idx < 0) throw new Error(`'${needle}' not found`);
  idx += delta;
  const before = text.slice(0, idx);
  const line = before.split('\n').length - 1;
  return { line, character: idx - before.lastIndexOf('\n') - 1 };
}
