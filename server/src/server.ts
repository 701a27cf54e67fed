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

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const workspace = new Workspace();
const ctx: FeatureContext = { workspace, settings: structuredClone(DEFAULT_SETTINGS) };
let hasConfigurationCapability = false;
let workspaceFolders: string[] = [];

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
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  const init = params.initializationOptions as { settings?: Partial<DrydockSettings> } | undefined;
  if (init?.settings) applySettings(init.settings);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      // FEATURE CAPABILITIES (each feature adds its own line here)
    },
    serverInfo: { name: 'drydock', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'drydock' });
    void refreshSettings();
  }
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
    if (s) applySettings({ ...s, filesExclude: s.files?.exclude ?? s.filesExclude ?? ctx.settings.filesExclude });
    scheduler.scheduleAll(workspace);
  } catch {
    // Clients without configuration support keep the defaults.
  }
}

connection.onDidChangeConfiguration((change) => {
  if (hasConfigurationCapability) void refreshSettings();
  else applySettings((change.settings as { drydock?: Partial<DrydockSettings> })?.drydock);
});

documents.onDidChangeContent((e) => {
  workspace.set(e.document.uri, e.document.getText(), e.document.version);
});

documents.onDidClose((e) => {
  // Closed buffers fall back to the file on disk (re-read by the workspace indexer);
  // files outside the workspace are forgotten.
  workspace.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

workspace.onDidChange((changed) => {
  for (const uri of changed) scheduler.schedule(uri, documents.get(uri)?.version);
});

// FEATURE HANDLERS (each feature registers its handler below)

documents.listen(connection);
connection.listen();

export { connection, documents, workspace, ctx, workspaceFolders };
