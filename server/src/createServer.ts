// The language server as an object: `createServer(connection, services)` wires
// an LSP connection to the workspace services and the feature functions. All
// state (client capabilities, the startup scan, the lens refresh timer, running
// simulations) lives in the returned instance, so a test can run several
// servers in one process over in-memory connections (test/support/inProcess.ts).
// No analysis logic lives here.

import {
  CancellationTokenSource,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeActionOptions,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver';
import { BufferTextDocument } from './bufferTextDocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticScheduler } from './diagnosticScheduler';
import { MessageGate } from './messageGate';
import { codeActions } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { computeCompletion } from './features/completion';
import { logFeatureError, type FeatureContext, type Logger } from './features/context';
import { definition } from './features/definition';
import { diagnosticSteps } from './features/diagnostics';
import { computeHover } from './features/hover';
import { findReferences } from './features/references';
import { prepareRename, rename } from './features/rename';
import { createServices, featureContext, type Services } from './features/services';
import type { SimulationRequest } from './features/simulate';
import { workloadFiles } from './features/simulationDiagnostics';
import { computeStatusAwaited } from './features/status';
import { computeDocumentSymbols } from './features/symbols';
import { onSchemaChange } from './features/validation';
import { workspaceSymbols } from './features/workspaceSymbols';
import { isWorkspaceManifest, readWorkspaceFile, scanFolders } from './model/indexer';
import { fileBaseline } from './lsp/baseline';
import { SimulationService } from './simulationService';
import { KustomizeWiring } from './lsp/kustomize';
import { MEMORY_REQUEST, SETTINGS_SECTION, SIMULATE_REQUEST, STATUS_REQUEST, type DrydockStatus, type SimulateParams, type SimulateResponse } from './protocol';

/** Forwards the services' log to the client's Output channel. */
export function connectionLogger(connection: Connection): Logger {
  return {
    info: (m) => connection.console.log(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
}

/**
 * The services of a stdio server: logging to the client, simulations in the
 * worker thread `workerFile` (default: simWorker.js beside the bundle; when it
 * is missing, e.g. running from sources, they run in this thread).
 */
export function createServerServices(connection: Connection, opts: { workerFile?: string; log?: Logger; gate?: MessageGate } = {}): Services {
  const log = opts.log ?? connectionLogger(connection);
  return createServices({
    log,
    simulation: (base) => {
      const service = new SimulationService(base, (m) => log.info(m), opts.workerFile, opts.gate);
      service.start();
      return service;
    },
  });
}

export interface DrydockServer {
  readonly services: Services;
  /** The context every handler passes to the features (settings read live from services.settings). */
  readonly ctx: FeatureContext;
  readonly documents: TextDocuments<BufferTextDocument>;
  /** Stops the simulation worker, timers and workspace listeners (the connection is the caller's). */
  dispose(): void;
}

/** The steps of a file that is gone: it publishes no diagnostics. */
function* noDiagnostics(): Generator<void, Diagnostic[], undefined> {
  return [];
}

/**
 * Wires `connection` to `services` and starts listening on it. `gate`: told by the
 * connection about messages read and not yet handled (server.ts), so background
 * slices let them go first; a connection without one never waits.
 */
export function createServer(connection: Connection, services: Services = createServerServices(connection), opts: { gate?: MessageGate } = {}): DrydockServer {
  return new LanguageServer(connection, services, opts.gate ?? new MessageGate());
}

class LanguageServer implements DrydockServer {
  readonly documents = new TextDocuments(BufferTextDocument);
  readonly ctx: FeatureContext;
  private readonly scheduler: DiagnosticScheduler;
  private hasConfigurationCapability = false;
  private clientRefreshesLenses = false;
  private clientCanCreateFiles = false;
  private workspaceFolders: string[] = [];
  private workspaceScanRunning = false;
  private scanDone = false;
  /** Resolves when no startup scan is running: simulations wait for the whole workspace. */
  private scanFinished: Promise<void> = Promise.resolve();
  private lensRefresh: ReturnType<typeof setTimeout> | undefined;
  /** The running simulation per scope and file: a newer request for the same view supersedes it. */
  private readonly runningSimulations = new Map<string, CancellationTokenSource>();
  private readonly unsubscribe: Array<() => void> = [];
  /** Rendered Kustomize overlays (created at initialize, when the client says whether the workspace is trusted). */
  private kustomize: KustomizeWiring | undefined;

  constructor(
    private readonly connection: Connection,
    readonly services: Services,
    gate: MessageGate,
  ) {
    this.ctx = featureContext(services);
    const { workspace } = services;
    this.scheduler = new DiagnosticScheduler({
      steps: (uri) => {
        const file = workspace.get(uri);
        return file ? diagnosticSteps(this.ctx, file) : noDiagnostics();
      },
      publish: (uri, diagnostics, version) => this.sendDiagnostics({ uri, diagnostics, version }),
      // The reference graph catches up with edits here, not in didChange: a request
      // sent right after a keystroke does not wait for it (its refresh event
      // schedules the dependent files, see wireDocuments).
      prepare: () => void services.graph.refresh(),
      log: (msg) => services.log.error(msg),
      gate,
    });
    this.wireLifecycle();
    this.wireDocuments();
    this.wireFeatures();
    this.wireSimulation();
    this.documents.listen(connection);
    connection.listen();
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const u of this.unsubscribe.splice(0)) u();
    if (this.lensRefresh) clearTimeout(this.lensRefresh);
    this.lensRefresh = undefined;
    for (const source of this.runningSimulations.values()) source.cancel();
    this.kustomize?.dispose();
    this.services.simulation.dispose();
  }

  /** Publishes diagnostics; a connection that closed meanwhile (the client went away) has no one to tell. */
  private sendDiagnostics(params: PublishDiagnosticsParams): void {
    this.connection.sendDiagnostics(params).catch(() => undefined);
  }

  /** Re-checks every file of the workspace (settings or schemas changed, the startup scan ended). */
  private scheduleAll(): void {
    // With the open buffer's version: the client can tell whether the diagnostics are for what it shows.
    for (const f of this.services.workspace.allFiles()) this.scheduler.schedule(f.uri, this.version(f.uri), false);
  }

  private version(uri: string): number | undefined {
    return this.documents.get(uri)?.version;
  }

  private wireLifecycle(): void {
    const { connection } = this;
    connection.onInitialize((params: InitializeParams): InitializeResult => {
      this.hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
      this.clientRefreshesLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
      this.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
      if (this.workspaceFolders.length === 0 && params.rootUri) this.workspaceFolders = [params.rootUri];
      const init: unknown = params.initializationOptions;
      const options = init && typeof init === 'object' ? (init as { settings?: unknown; workspaceTrusted?: unknown }) : {};
      if (options.settings !== undefined) this.updateSettings(options.settings, false);
      // Kustomize overlays are rendered by a process: only when the client says the workspace is trusted.
      this.kustomize = new KustomizeWiring(
        {
          connection,
          ctx: this.ctx,
          folders: () => this.workspaceFolders,
          recheck: (uris) => {
            for (const uri of uris) if (this.services.workspace.has(uri)) this.scheduler.schedule(uri, this.version(uri), false);
          },
          log: (m) => this.services.log.info(m),
          scanning: () => this.workspaceScanRunning,
        },
        options.workspaceTrusted === true,
      );
      return {
        capabilities: {
          textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
          definitionProvider: true,
          referencesProvider: true,
          renameProvider: { prepareProvider: true },
          codeLensProvider: { resolveProvider: false },
          workspaceSymbolProvider: true,
          completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
          hoverProvider: true,
          documentSymbolProvider: true,
          codeActionProvider: this.codeActionCapability(params),
        },
        serverInfo: { name: 'drydock', version: '0.1.0' },
      };
    });
    connection.onInitialized(() => {
      if (this.hasConfigurationCapability) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'drydock' });
        void this.refreshSettings();
      }
      void this.startWorkspaceScan();
    });
    connection.onDidChangeConfiguration((change) => {
      if (this.hasConfigurationCapability) void this.refreshSettings();
      else {
        const pushed: unknown = change.settings;
        if (pushed && typeof pushed === 'object' && SETTINGS_SECTION in pushed) this.updateSettings((pushed as Record<string, unknown>)[SETTINGS_SECTION], false);
        this.kustomize?.settingsChanged();
      }
    });
    connection.onShutdown(() => this.dispose());
  }

  /** Code actions: CreateFile edits only for clients that declare support for them. */
  private codeActionCapability(params: InitializeParams): CodeActionOptions {
    const ws = params.capabilities.workspace?.workspaceEdit;
    this.clientCanCreateFiles = !!ws?.documentChanges && !!ws.resourceOperations?.includes('create');
    return { codeActionKinds: ['quickfix', 'refactor.rewrite', 'refactor.extract', 'source'] };
  }

  /**
   * Takes the `drydock` section the client sent: bad values get their default,
   * each reported once in the Output channel and as a warning notification.
   */
  private updateSettings(raw: unknown, complete: boolean): void {
    for (const p of this.services.settings.update(raw, complete)) {
      this.services.log.warn(`drydock: ${p.message}`);
      // A notification (window/showMessage), not a request: nothing waits for the person to dismiss it.
      void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Drydock: ${p.message}` });
    }
  }

  private async refreshSettings(): Promise<void> {
    const { settings } = this.services;
    let section: unknown;
    try {
      section = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
    } catch (err) {
      // Clients that fail workspace/configuration keep the settings they have.
      this.services.log.warn(`drydock: reading the ${SETTINGS_SECTION} settings failed (${(err as Error).message}); the current settings stay in force`);
      return;
    }
    const excludeBefore = JSON.stringify(settings.current.filesExclude);
    this.updateSettings(section, true);
    if (this.scanDone && JSON.stringify(settings.current.filesExclude) !== excludeBefore) void this.rescanForExcludes();
    if (this.scanDone) this.kustomize?.settingsChanged();
    this.scheduleAll();
  }

  private wireDocuments(): void {
    const { connection, documents, services } = this;
    const { workspace, graph } = services;
    documents.onDidChangeContent((e) => {
      // Keystrokes re-parse one document at once; a big first parse runs in time slices (requests are answered meanwhile).
      // The buffer, not getText(): the model slices the edited documents out of it without a flat copy of the file.
      void workspace.setAsync(e.document.uri, e.document.buffer, e.document.version);
    });
    documents.onDidClose((e) => {
      // Closed buffers fall back to the file on disk (re-read by the workspace indexer);
      // files outside the workspace are forgotten.
      const onDisk = readWorkspaceFile(e.document.uri, this.workspaceFolders, this.ctx.settings.filesExclude);
      if (onDisk !== undefined) {
        workspace.set(e.document.uri, onDisk);
        return;
      }
      workspace.delete(e.document.uri);
      this.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    this.unsubscribe.push(
      workspace.onDidChange((changed) => {
        // Diagnostics being computed for another file may have read the previous version
        // (not during the startup scan, which re-checks every file at its end).
        if (!this.workspaceScanRunning) this.scheduler.invalidate();
        for (const uri of changed) this.scheduler.schedule(uri, this.version(uri));
      }),
      // Lenses of other files ("selected by ...") change with this file: ask the client to refresh them, at most twice a second.
      workspace.onDidChange(() => {
        if (!this.clientRefreshesLenses || this.workspaceScanRunning || this.lensRefresh) return;
        this.lensRefresh = setTimeout(() => {
          this.lensRefresh = undefined;
          connection.sendRequest('workspace/codeLens/refresh').catch((err: unknown) => logFeatureError(services.log, 'workspace/codeLens/refresh', err));
        }, 500);
      }),
      // Files whose cross-references depend on a changed file are re-checked, once the
      // graph has caught up with the change (the scheduler's prepare, or a request that needed it first).
      graph.index.onDidRefresh((changes) => {
        if (this.workspaceScanRunning) return; // the scan schedules everything once at its end
        for (const uri of graph.dependentFiles(changes)) this.scheduler.schedule(uri, this.version(uri), false);
      }),
      // Validation: a CRD edit changes the schemas of custom resources in other files.
      onSchemaChange(this.ctx, () => this.scheduleAll(), () => this.workspaceScanRunning),
    );
    // Kustomize renders what is on disk: saves and file events re-render the overlays whose files changed.
    documents.onDidSave(() => this.kustomize?.diskChanged());
    connection.onDidChangeWatchedFiles((p) => {
      this.kustomize?.diskChanged();
      for (const change of p.changes) {
        if (documents.get(change.uri)) continue; // the open buffer wins over the disk
        if (change.type === FileChangeType.Deleted) {
          if (workspace.has(change.uri)) {
            workspace.delete(change.uri);
            this.sendDiagnostics({ uri: change.uri, diagnostics: [] });
          }
          continue;
        }
        const text = readWorkspaceFile(change.uri, this.workspaceFolders, this.ctx.settings.filesExclude);
        if (text !== undefined) workspace.set(change.uri, text);
      }
    });
  }

  private wireFeatures(): void {
    const { connection, ctx } = this;
    connection.onCompletion((p) => computeCompletion(ctx, p.textDocument.uri, p.position));
    connection.onHover((p) => computeHover(ctx, p.textDocument.uri, p.position));
    connection.onDocumentSymbol((p) => computeDocumentSymbols(ctx, p.textDocument.uri));
    connection.onCodeAction((p) => codeActions(ctx, p, { canCreateFiles: this.clientCanCreateFiles }));
    connection.onDefinition((p) => definition(ctx, p.textDocument.uri, p.position));
    connection.onReferences((p) => findReferences(ctx, p.textDocument.uri, p.position, p.context.includeDeclaration));
    connection.onPrepareRename((p) => {
      const r = prepareRename(ctx, p.textDocument.uri, p.position);
      if (r && 'error' in r) return new ResponseError(LSPErrorCodes.RequestFailed, r.error);
      return r ?? null;
    });
    connection.onRenameRequest((p) => {
      const r = rename(ctx, p.textDocument.uri, p.position, p.newName);
      return 'error' in r ? new ResponseError(LSPErrorCodes.RequestFailed, r.error) : r.edit;
    });
    connection.onCodeLens((p) => codeLenses(ctx, p.textDocument.uri));
    connection.onWorkspaceSymbol((p) => workspaceSymbols(ctx, p.query));
    // Status bar: `drydock/status` -> { resources, pending, files } (simulation cached per workspace generation).
    connection.onRequest(STATUS_REQUEST, async (): Promise<DrydockStatus> => {
      await this.scanFinished;
      const kustomize = this.kustomize?.statusIfRelevant();
      const status = await computeStatusAwaited(ctx);
      return kustomize ? { ...status, kustomize } : status;
    });
  }

  /** `drydock.files.exclude` changed: forget files it now excludes (open editors stay), then scan for ones it no longer excludes. */
  private async rescanForExcludes(): Promise<void> {
    const { workspace } = this.services;
    for (const f of [...workspace.allFiles()]) {
      if (this.documents.get(f.uri) || isWorkspaceManifest(f.uri, this.workspaceFolders, this.ctx.settings.filesExclude)) continue;
      workspace.delete(f.uri);
      this.sendDiagnostics({ uri: f.uri, diagnostics: [] });
    }
    await this.startWorkspaceScan();
  }

  /** The startup scan of the workspace folders, then file watching. */
  private async startWorkspaceScan(): Promise<void> {
    if (this.workspaceFolders.length === 0) return;
    const { connection, ctx, services } = this;
    // Set before the first await, so a simulation requested meanwhile waits for the scan.
    ctx.indexing = true;
    let finish = () => {};
    this.scanFinished = new Promise<void>((r) => (finish = r));
    let progress: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
    try {
      if (this.hasConfigurationCapability) await this.refreshSettings();
      progress = await connection.window.createWorkDoneProgress();
      progress.begin('Drydock: indexing Kubernetes manifests', 0, undefined, false);
      this.workspaceScanRunning = true;
      services.graph.setBulkLoading(true);
      const reporter = progress;
      const total = await scanFolders(services.workspace, this.workspaceFolders, {
        exclude: ctx.settings.filesExclude,
        isOpen: (uri) => this.documents.get(uri) !== undefined,
        report: (done, all) => reporter.report(Math.round((100 * done) / Math.max(1, all)), `${done}/${all} files`),
      });
      services.graph.refresh();
      services.log.info(`drydock: indexed ${total} manifest files`);
    } catch (err) {
      services.log.error(`drydock: workspace scan failed: ${(err as Error).message}`);
    } finally {
      services.graph.setBulkLoading(false); // before the flag: its last batch needs no dependents, scheduleAll re-checks all
      this.workspaceScanRunning = false;
      ctx.indexing = false;
      finish();
      this.scanDone = true;
      progress?.done();
      this.scheduleAll();
    }
    // Render the overlays once the whole workspace is known; their files are re-checked when renders arrive.
    await this.kustomize?.refresh();
    // Clients without dynamic registration answer with an error; they then send no file events.
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
      .catch((err: unknown) => services.log.info(`drydock: the client does not watch files for the server (${(err as Error).message}); changes on disk are seen when files are opened`));
  }

  // Simulation: `drydock/simulate` runs the simulated apply for the panel through
  // services.simulation (the worker thread in the stdio server), so hovers and
  // completion are answered meanwhile. Cancelling answers RequestCancelled at once
  // and stops the run at its next round.
  private wireSimulation(): void {
    const { connection, services } = this;
    // Simulation diagnostics: a result for a new generation re-checks the files with
    // workloads (their `unschedulable` warnings); the provider never starts a simulation.
    this.unsubscribe.push(
      services.explain.onResult(() => {
        for (const uri of workloadFiles(services.workspace)) this.scheduler.schedule(uri, this.version(uri), false);
      }),
    );
    // `drydock/memory` (benchmarks): heap of the main thread and of the simulation worker, process RSS;
    // `{gc: true}` collects garbage first when the server runs with --expose-gc.
    connection.onRequest(MEMORY_REQUEST, async (p: { gc?: boolean } | undefined) => {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (p?.gc && gc) gc();
      const worker = await services.simulation.memory?.(!!p?.gc);
      const m = process.memoryUsage();
      return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, worker };
    });
    connection.onRequest(SIMULATE_REQUEST, async (params: SimulateParams | null, requestToken: CancellationToken) => {
      const key = `${params?.scope ?? 'workspace'} ${params?.scope === 'file' ? params.uri : params?.scope === 'overlay' ? params.overlay : ''}`;
      this.runningSimulations.get(key)?.cancel();
      const source = new CancellationTokenSource();
      this.runningSimulations.set(key, source);
      const unlink = requestToken.onCancellationRequested(() => source.cancel());
      try {
        return await this.runSimulation(params, source.token);
      } finally {
        unlink.dispose();
        if (this.runningSimulations.get(key) === source) this.runningSimulations.delete(key);
        source.dispose();
      }
    });
  }

  private async runSimulation(params: SimulateParams | null, token: CancellationToken): Promise<SimulateResponse | ResponseError> {
    await new Promise((r) => setImmediate(r));
    const cancelled = new ResponseError(LSPErrorCodes.RequestCancelled, 'simulation cancelled');
    if (token.isCancellationRequested) return cancelled;
    await this.scanFinished;
    if (token.isCancellationRequested) return cancelled;
    let request: SimulationRequest = params && typeof params === 'object' ? { ...params, rendered: undefined } : {};
    if (request.scope === 'overlay') {
      // The rendered overlay travels in the request (the simulation may run in the worker).
      if (this.kustomize) request = await this.kustomize.prepareSimulation(request, this.services.workspace);
      const problem = this.kustomize ? this.kustomize.simulationProblem(request) : 'Kustomize overlays are not available before initialize';
      if (problem) return { error: problem };
      if (token.isCancellationRequested) return cancelled;
    }
    const baseline = request.scope === 'file' && typeof request.uri === 'string' ? fileBaseline(request.uri) : {};
    const outcome = await this.services.simulation.simulate(this.ctx, { ...request, baselineCommit: baseline.commit }, baseline.text, token);
    if (outcome.kind === 'cancelled' || token.isCancellationRequested) return cancelled;
    if (outcome.kind === 'result') return outcome.value;
    this.services.log.error(`drydock: simulation failed: ${outcome.message}`);
    return new ResponseError(LSPErrorCodes.RequestFailed, `simulation failed: ${outcome.message}`);
  }
}
