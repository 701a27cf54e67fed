// The language server's entry point: wires the LSP connection to the workspace
// model and the feature functions. No analysis logic lives here.

import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from './model/workspace';
import { computeDiagnostics } from './features/diagnostics';
import { DEFAULT_SETTINGS, type DrydockSettings, type FeatureContext } from './features/context';
import { DiagnosticScheduler } from './diagnosticScheduler';
import { computeCompletion } from './features/completion';
import { computeHover } from './features/hover';
import { computeDocumentSymbols } from './features/symbols';
import { codeActions } from './features/codeActions';
import { onSchemaChange } from './features/validation';
import type { CodeActionOptions } from 'vscode-languageserver/node';
import { CancellationTokenSource, DidChangeWatchedFilesNotification, FileChangeType, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { graphFor } from './model/references';
import { isWorkspaceManifest, readWorkspaceFile, scanFolders } from './model/indexer';
import { definition } from './features/definition';
import { findReferences } from './features/references';
import { prepareRename, rename } from './features/rename';
import { codeLenses } from './features/codeLens';
import { workspaceSymbols } from './features/workspaceSymbols';
import type { SimulateParams } from './features/simulate';
import { computeStatusAwaited } from './features/status';
import { SimulationService } from './simulationService';
import { onExplainSimulationResult } from './features/explain/simulation';
import { workloadFiles } from './features/simulationDiagnostics';
import { readManifestText } from './model/files';
import { headVersion } from './git/committed';
import { fileURLToPath } from 'node:url';
import { KustomizeWiring } from './lsp/kustomize';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace();
const ctx: FeatureContext = { workspace, settings: structuredClone(DEFAULT_SETTINGS) };
let hasConfigurationCapability = false;
let workspaceFolders: string[] = [];
/** Rendered Kustomize overlays (created at initialize, when the client says whether the workspace is trusted). */
let kustomize: KustomizeWiring | undefined;

const scheduler = new DiagnosticScheduler(
  (uri) => {
    const file = workspace.get(uri);
    return file ? computeDiagnostics(ctx, file) : [];
  },
  (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }),
  (msg) => connection.console.error(msg),
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  clientRefreshesLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  const init = params.initializationOptions as { settings?: Partial<DrydockSettings>; workspaceTrusted?: boolean } | undefined;
  if (init?.settings) applySettings(init.settings);
  kustomize = new KustomizeWiring(
    {
      connection,
      ctx,
      folders: () => workspaceFolders,
      recheck: (uris) => {
        for (const uri of uris) if (workspace.has(uri)) scheduler.schedule(uri, documents.get(uri)?.version, false);
      },
      log: (m) => connection.console.log(m),
      scanning: () => workspaceScanRunning,
    },
    init?.workspaceTrusted === true,
  );
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      // FEATURE CAPABILITIES (each feature adds its own line here)
      definitionProvider: true, referencesProvider: true, renameProvider: { prepareProvider: true }, codeLensProvider: { resolveProvider: false }, workspaceSymbolProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: codeActionCapability(params),
    },
    serverInfo: { name: 'drydock', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'drydock' });
    void refreshSettings();
  }
  void startWorkspaceScan();
});

function applySettings(s: Partial<DrydockSettings> | undefined): void {
  if (!s) return;
  ctx.settings = {
    ...ctx.settings,
    ...s,
    simulation: { ...ctx.settings.simulation, ...(s.simulation ?? {}) },
  };
}

async function refreshSettings(): Promise<void> {
  try {
    const s = (await connection.workspace.getConfiguration('drydock')) as Partial<DrydockSettings> & { files?: { exclude?: string[] } };
    const excludeBefore = JSON.stringify(ctx.settings.filesExclude);
    if (s) applySettings({ ...s, filesExclude: s.files?.exclude ?? s.filesExclude ?? ctx.settings.filesExclude });
    if (scanDone && JSON.stringify(ctx.settings.filesExclude) !== excludeBefore) void rescanForExcludes();
    if (scanDone) kustomize?.settingsChanged();
    scheduler.scheduleAll(workspace);
  } catch {
    // Clients without configuration support keep the defaults.
  }
}

connection.onDidChangeConfiguration((change) => {
  if (hasConfigurationCapability) void refreshSettings();
  else {
    applySettings((change.settings as { drydock?: Partial<DrydockSettings> })?.drydock);
    kustomize?.settingsChanged();
  }
});
// Kustomize renders what is on disk: a save re-renders the overlays that read the file.
documents.onDidSave(() => kustomize?.diskChanged());

documents.onDidChangeContent((e) => {
  // Keystrokes re-parse one document at once; a big first parse runs in time slices (requests are answered meanwhile).
  void workspace.setAsync(e.document.uri, e.document.getText(), e.document.version);
});

documents.onDidClose((e) => {
  // Closed buffers fall back to the file on disk (re-read by the workspace indexer);
  // files outside the workspace are forgotten.
  const onDisk = readWorkspaceFile(e.document.uri, workspaceFolders, ctx.settings.filesExclude);
  if (onDisk !== undefined) {
    workspace.set(e.document.uri, onDisk);
    return;
  }
  workspace.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

workspace.onDidChange((changed) => {
  for (const uri of changed) scheduler.schedule(uri, documents.get(uri)?.version);
});

// FEATURE HANDLERS (each feature registers its handler below)
// Status bar: `drydock/status` -> { resources, pending, files } (simulation cached per workspace generation, run in the simulation worker).
connection.onRequest('drydock/status', async () => {
  await scanIdle();
  return { ...(await computeStatusAwaited(ctx)), kustomize: kustomize?.status() };
});
// Validation: a CRD edit changes the schemas of custom resources in other files.
onSchemaChange(ctx, () => scheduler.scheduleAll(workspace), () => workspaceScanRunning);
connection.onCompletion((p) => computeCompletion(ctx, p.textDocument.uri, p.position));
connection.onHover((p) => computeHover(ctx, p.textDocument.uri, p.position));
connection.onDocumentSymbol((p) => computeDocumentSymbols(ctx, p.textDocument.uri));
// Code actions: CreateFile edits only for clients that declare support for them.
let clientCanCreateFiles = false;
function codeActionCapability(params: InitializeParams): CodeActionOptions {
  const ws = params.capabilities.workspace?.workspaceEdit;
  clientCanCreateFiles = !!ws?.documentChanges && !!ws.resourceOperations?.includes('create');
  return { codeActionKinds: ['quickfix', 'refactor.rewrite', 'refactor.extract', 'source'] };
}
connection.onCodeAction((p) => codeActions(ctx, p, { canCreateFiles: clientCanCreateFiles }));
// Cross-references: definition, references, rename, code lens, workspace symbols;
// the startup scan of the workspace folders, file watching, and re-checking the
// files whose cross-references depend on a changed file.
const xrefGraph = graphFor(workspace);
let workspaceScanRunning = false;
let scanDone = false;
let scanFinished: Promise<void> = Promise.resolve();
/** Resolves when no startup scan is running: simulations wait for the whole workspace. */
const scanIdle = (): Promise<void> => scanFinished;
/** `drydock.files.exclude` changed: forget files it now excludes (open editors stay), then scan for ones it no longer excludes. */
async function rescanForExcludes(): Promise<void> {
  for (const f of [...workspace.allFiles()]) {
    if (documents.get(f.uri) || isWorkspaceManifest(f.uri, workspaceFolders, ctx.settings.filesExclude)) continue;
    workspace.delete(f.uri);
    connection.sendDiagnostics({ uri: f.uri, diagnostics: [] });
  }
  await startWorkspaceScan();
}
// Lenses of other files ("selected by …") change with this file: ask the client to refresh them, at most twice a second.
let lensRefresh: ReturnType<typeof setTimeout> | undefined;
let clientRefreshesLenses = false;
workspace.onDidChange(() => {
  if (!clientRefreshesLenses || workspaceScanRunning || lensRefresh) return;
  lensRefresh = setTimeout(() => {
    lensRefresh = undefined;
    connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }, 500);
});
workspace.onDidChange(() => {
  if (workspaceScanRunning) return; // the scan schedules everything once at its end
  for (const uri of xrefGraph.dependentFiles(xrefGraph.refresh())) scheduler.schedule(uri, documents.get(uri)?.version, false);
});
async function startWorkspaceScan(): Promise<void> {
  if (workspaceFolders.length === 0) return;
  // Set before the first await, so a simulation requested meanwhile waits for the scan.
  ctx.indexing = true;
  let finish = () => {};
  scanFinished = new Promise<void>((r) => (finish = r));
  let progress: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
  try {
    if (hasConfigurationCapability) await refreshSettings();
    progress = await connection.window.createWorkDoneProgress();
    progress.begin('Drydock: indexing Kubernetes manifests', 0, undefined, false);
    workspaceScanRunning = true;
    const reporter = progress;
    const total = await scanFolders(workspace, workspaceFolders, {
      exclude: ctx.settings.filesExclude,
      isOpen: (uri) => documents.get(uri) !== undefined,
      report: (done, all) => reporter.report(Math.round((100 * done) / Math.max(1, all)), `${done}/${all} files`),
    });
    xrefGraph.refresh();
    connection.console.log(`drydock: indexed ${total} manifest files`);
  } catch (err) {
    connection.console.error(`drydock: workspace scan failed: ${(err as Error).message}`);
  } finally {
    workspaceScanRunning = false;
    ctx.indexing = false;
    finish();
    scanDone = true;
    progress?.done();
    scheduler.scheduleAll(workspace);
  }
  // Render the overlays once the whole workspace is known; their files are re-checked when renders arrive.
  await kustomize?.refresh();
  // Clients without dynamic registration answer with an error; they then send no file events.
  connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
}
connection.onDidChangeWatchedFiles((p) => {
  kustomize?.diskChanged();
  for (const change of p.changes) {
    if (documents.get(change.uri)) continue; // the open buffer wins over the disk
    if (change.type === FileChangeType.Deleted) {
      if (workspace.has(change.uri)) {
        workspace.delete(change.uri);
        connection.sendDiagnostics({ uri: change.uri, diagnostics: [] });
      }
      continue;
    }
    const text = readWorkspaceFile(change.uri, workspaceFolders, ctx.settings.filesExclude);
    if (text !== undefined) workspace.set(change.uri, text);
  }
});
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

/** The saved text of a file on disk (the simulation baseline of an edited file), if readable. */
function savedText(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return readManifestText(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/**
 * The "before" of a file for scope "file": its version at HEAD when it is in a
 * git repository (no text when it is new since HEAD), else its saved text.
 */
function fileBaseline(uri: string): { text?: string; commit?: string } {
  const head = uri.startsWith('file:') ? headVersion(fileURLToPath(uri)) : undefined;
  if (head) return { text: head.kind === 'committed' ? head.text : undefined, commit: head.commit };
  return { text: savedText(uri) };
}

// Simulation: `drydock/simulate` runs the simulated apply for the panel in the
// simulation worker (simulationService.ts), which mirrors the workspace, so hovers
// and completion are answered meanwhile. Cancelling answers RequestCancelled at
// once and stops the run at its next round.
const simulations = new SimulationService(workspace, (m) => connection.console.log(m));
simulations.start();
// Simulation diagnostics: a result for a new generation re-checks the files with
// workloads (their `unschedulable` warnings); the provider never starts a simulation.
onExplainSimulationResult(workspace, () => {
  for (const uri of workloadFiles(workspace)) scheduler.schedule(uri, documents.get(uri)?.version, false);
});
/** The running simulation per scope and file: a newer request for the same view supersedes it. */
const runningSimulations = new Map<string, CancellationTokenSource>();
connection.onRequest('drydock/simulate', async (params: SimulateParams, requestToken) => {
  const key = `${params?.scope ?? 'workspace'} ${params?.scope === 'file' ? params.uri : params?.scope === 'overlay' ? params.overlay : ''}`;
  runningSimulations.get(key)?.cancel();
  const source = new CancellationTokenSource();
  runningSimulations.set(key, source);
  const unlink = requestToken.onCancellationRequested(() => source.cancel());
  try {
    return await runSimulation(params, source.token);
  } finally {
    unlink.dispose();
    if (runningSimulations.get(key) === source) runningSimulations.delete(key);
    source.dispose();
  }
});
async function runSimulation(params: SimulateParams, token: CancellationToken): Promise<unknown> {
  await new Promise((r) => setImmediate(r));
  const cancelled = new ResponseError(LSPErrorCodes.RequestCancelled, 'simulation cancelled');
  if (token.isCancellationRequested) return cancelled;
  await scanIdle();
  if (token.isCancellationRequested) return cancelled;
  let request: SimulateParams = params && typeof params === 'object' ? { ...params, rendered: undefined } : {};
  if (request.scope === 'overlay' && kustomize) {
    request = await kustomize.prepareSimulation(request, workspace);
    const problem = kustomize.simulationProblem(request);
    if (problem) return { error: problem };
    if (token.isCancellationRequested) return cancelled;
  }
  const baseline = request.scope === 'file' && typeof request.uri === 'string' ? fileBaseline(request.uri) : {};
  const outcome = await simulations.simulate(ctx, { ...request, baselineCommit: baseline.commit }, baseline.text, token);
  if (outcome.kind === 'cancelled' || token.isCancellationRequested) return cancelled;
  if (outcome.kind === 'result') return outcome.value;
  connection.console.error(`drydock: simulation failed: ${outcome.message}`);
  return new ResponseError(LSPErrorCodes.RequestFailed, `simulation failed: ${outcome.message}`);
}

documents.listen(connection);
connection.listen();

export { connection, documents, workspace, ctx, workspaceFolders };
