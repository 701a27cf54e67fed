// The VS Code side: starts the language server, registers the commands, the
// Simulate Apply panel and the status bar item. Thin by design: all analysis
// happens in the server; the client renders and forwards.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SETTINGS_SECTION, SHOW_REFERENCES_COMMAND, SIMULATE_APPLY_COMMAND, WORKSPACE_TRUST_NOTIFICATION, type ShowReferencesArgs } from '../../server/src/protocol';
import { SimulatePanel } from './panel/simulatePanel';
import type { SimulationView } from './panel/model';
import { SimulationStatusBar } from './statusBar';
import { KubernetesContextKey } from './kubernetesContext';
import { SERVER_NODE_FLAGS } from './serverProcess';

let client: LanguageClient | undefined;

/** What the extension exports: read-only hooks the integration tests use. */
export interface DrydockApi {
  /** The last simulation the Simulate Apply panel showed. */
  lastSimulation(): SimulationView | undefined;
  /** The panel body's last rendered HTML. */
  panelHtml(): string | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<DrydockApi> {
  const output = vscode.window.createOutputChannel('Drydock', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Kubernetes manifests are detected by content on the server; the client only
    // sends YAML files and never changes their language id.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
    outputChannel: output,
    // Drydock starts a process (the user's kustomize/kubectl) only in trusted workspaces.
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('drydock', 'Drydock', serverOptions, clientOptions);
  const lc = client;

  context.subscriptions.push(
    vscode.commands.registerCommand(SIMULATE_APPLY_COMMAND, (arg?: unknown) => {
      // Called from the palette (no argument), the editor title (a Uri) or the server's code lens (a URI string).
      const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && arg.length > 0 ? safeParse(arg) : undefined;
      SimulatePanel.show(context.extensionUri, lc, output, uri);
    }),
    vscode.commands.registerCommand('drydock.restartServer', async () => {
      output.info('Restarting the Drydock language server');
      await lc.restart();
      SimulatePanel.active?.schedule(0);
    }),
    vscode.commands.registerCommand('drydock.showOutput', () => output.show(true)),
    // Code lenses ("selects 3 pods in 2 workloads") send LSP JSON; VS Code's peek view needs its own types.
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, (...[uri, position, locations]: ShowReferencesArgs) => {
      const toPos = (p: { line: number; character: number }) => new vscode.Position(p.line, p.character);
      const locs = (Array.isArray(locations) ? locations : []).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPos(l.range.start), toPos(l.range.end))));
      return vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), toPos(position), locs);
    }),
    new KubernetesContextKey(),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void lc.sendNotification(WORKSPACE_TRUST_NOTIFICATION, { trusted: true })),
    { dispose: () => SimulatePanel.active?.dispose() },
  );

  try {
    await lc.start();
    output.info('Drydock language server started');
    context.subscriptions.push(new SimulationStatusBar(lc, output));
  } catch (err) {
    output.error(`The Drydock language server did not start: ${(err as Error).message}`);
    void vscode.window.showErrorMessage('Drydock: the language server did not start. See "Drydock: Show Output".');
  }

  return {
    lastSimulation: () => SimulatePanel.active?.lastView,
    panelHtml: () => SimulatePanel.active?.lastHtml,
  };
}

function safeParse(s: string): vscode.Uri | undefined {
  try {
    return vscode.Uri.parse(s, true);
  } catch {
    return undefined;
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
