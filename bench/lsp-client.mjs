// A small LSP client for benchmarks: spawns a language server over stdio and
// records when each publishDiagnostics arrives, so latencies are measured
// exactly as an editor would see them (JSON-RPC, serialisation and all).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import rpc from 'vscode-jsonrpc/node';

const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = rpc;

export const uriOf = (path) => pathToFileURL(resolve(path)).toString();

/** A stable key for a file URI whatever its percent-encoding. */
export function uriKey(uri) {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  } catch {
    return uri;
  }
}

export class BenchClient {
  /**
   * @param {string} script the server's JS entry point (run with this node)
   * @param {string[]} args
   * @param {{ configuration?: (items: Array<{section?: string}>) => unknown[], nodeArgs?: string[] }} options
   */
  constructor(script, args, options = {}) {
    this.proc = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (b) => {
      if (this.stderr.length < 100_000) this.stderr += b.toString();
    });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    /** uriKey -> { time, version, count } of the latest publish */
    this.published = new Map();
    /** uriKey -> arrival time of the first publish */
    this.firstPublished = new Map();
    this.listeners = new Set();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const now = performance.now();
      const key = uriKey(p.uri);
      const prev = this.published.get(key);
      const rec = { time: now, version: p.version, diagnostics: p.diagnostics.length, count: (prev?.count ?? 0) + 1 };
      this.published.set(key, rec);
      if (!this.firstPublished.has(key)) this.firstPublished.set(key, now);
      for (const l of [...this.listeners]) l(key, rec);
    });
    this.conn.onNotification(() => undefined);
    const configuration = options.configuration ?? ((items) => items.map(() => null));
    this.conn.onRequest('workspace/configuration', (p) => configuration(p.items));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest(() => null);
    this.conn.listen();
    this.versions = new Map();
    this.exited = new Promise((r) => this.proc.once('exit', () => r()));
  }

  async initialize(rootPath, { configurationCapability = false, initializationOptions } = {}) {
    const rootUri = rootPath ? uriOf(rootPath) : null;
    this.capabilities = (
      await this.conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
        capabilities: {
          workspace: { configuration: configurationCapability, didChangeConfiguration: { dynamicRegistration: configurationCapability }, workspaceFolders: true },
          textDocument: {
            synchronization: { didSave: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            definition: {},
            references: {},
          },
        },
        initializationOptions,
      })
    ).capabilities;
    await this.conn.sendNotification('initialized', {});
    return this.capabilities;
  }

  notify(method, params) {
    return this.conn.sendNotification(method, params);
  }

  open(path, text) {
    const uri = uriOf(path);
    this.versions.set(uriKey(uri), 1);
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  /** One incremental edit; returns the new version. */
  edit(path, range, text) {
    const uri = uriOf(path);
    const key = uriKey(uri);
    const v = (this.versions.get(key) ?? 1) + 1;
    this.versions.set(key, v);
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
    return v;
  }

  /** Resolves with the arrival time of the first publish for `path` that satisfies `pred`. */
  waitForPublish(path, pred = () => true, timeoutMs = 30_000) {
    const key = uriKey(uriOf(path));
    return new Promise((resolvePromise, reject) => {
      const listener = (k, rec) => {
        if (k === key && pred(rec)) {
          this.listeners.delete(listener);
          clearTimeout(timer);
          resolvePromise(rec.time);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no diagnostics for ${path} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  /**
   * Resolves when every key in `keys` has had a publish after `since`, or when
   * `timeoutMs` passes / nothing arrives for `quietMs` (returns what was seen).
   */
  waitForAll(keys, since, { timeoutMs = 300_000, quietMs = Infinity } = {}) {
    const pending = new Set();
    let last = since;
    for (const k of keys) {
      const t = this.published.get(k)?.time ?? -1;
      if (t >= since) last = Math.max(last, t);
      else pending.add(k);
    }
    return new Promise((resolvePromise) => {
      const finish = (complete) => {
        this.listeners.delete(listener);
        clearTimeout(timer);
        clearInterval(quiet);
        resolvePromise({ complete, seen: keys.size - pending.size, last });
      };
      const listener = (k, rec) => {
        if (pending.delete(k)) last = rec.time;
        if (pending.size === 0) finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const quiet = setInterval(() => {
        if (performance.now() - Math.max(last, since) > quietMs) finish(false);
      }, 250);
      this.listeners.add(listener);
      if (pending.size === 0) finish(true);
    });
  }

  /** Resolves true as soon as any key in `keys` gets a publish, false after `timeoutMs`. */
  waitForFirst(keys, timeoutMs) {
    if ([...keys].some((k) => this.published.has(k))) return Promise.resolve(true);
    return new Promise((resolvePromise) => {
      const listener = (k) => {
        if (!keys.has(k)) return;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolvePromise(true);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        resolvePromise(false);
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  request(method, params) {
    return this.conn.sendRequest(method, params);
  }

  /** Peak resident set size of the server process in MB (Linux /proc VmHWM), or undefined. */
  peakRssMb() {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * CPU time the server's main thread has run so far in ms (Linux /proc schedstat, nanosecond
   * resolution), or undefined. The difference around a request is the server work done during it
   * (the request's own and any background slice it waited for); the rest of its latency is waiting
   * for a CPU (a loaded machine) or transport.
   */
  mainThreadCpuMs() {
    try {
      const pid = this.proc.pid;
      return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    } catch {
      return undefined;
    }
  }

  /** Current resident set size of the server process in MB (Linux /proc VmRSS), or undefined. */
  rssMb() {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  get alive() {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async shutdown() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 3000))]);
    this.conn.dispose();
    if (this.alive) this.proc.kill();
  }
}

/** Reads a text file for didOpen (BOM stripped like an editor does). */
export function readText(path) {
  const t = readFileSync(path, 'utf8');
  return t.charCodeAt(0) === 0xfeff ? t.slice(1) : t;
}
