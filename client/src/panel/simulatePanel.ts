// The Simulate Apply webview panel: asks the server for `drydock/simulate`,
// renders the result (render.ts) and turns the webview's validated messages
// into reveals and what-if changes. What-ifs live only here and in the
// request; they never touch the files.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { panelDocument, makeNonce } from './html';
import { OVERLAYS_REQUEST, SIMULATE_REQUEST, type Scope, type SimulateParams, type SimulateResponse, type WhatIf } from '../../../server/src/protocol';
import { addWhatIf, parseWebviewMessage } from './messages';
import { readResponse, type SimulationView, type SourceLocation } from './model';
import { renderPanel } from './render';

/** Typing pauses shorter than this do not start a simulation. */
const DEBOUNCE_MS = 300;

export function isYamlDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'yaml' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

export class SimulatePanel implements vscode.Disposable {
  private static current: SimulatePanel | undefined;

  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private scope: Scope = 'file';
  private fileUri: vscode.Uri | undefined;
  private whatIfs: WhatIf[] = [];
  /** Rendered overlays the server offers (errors excluded), and the one picked. */
  private overlays: Array<{ uri: string; label: string }> = [];
  private overlayIndex = 0;
  private view: SimulationView | undefined;
  private locations: SourceLocation[] = [];
  private error: string | undefined;
  private whatIfMessages: string[] = [];
  /** What scope "file" was compared with, as the server says (committed version, saved file, ...). */
  private baseline: string | undefined;
  private html = '';
  private cts: vscode.CancellationTokenSource | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Opens the panel (or brings it forward) for `uri`, or the active YAML editor. */
  static show(extensionUri: vscode.Uri, client: LanguageClient, output: vscode.LogOutputChannel, uri?: vscode.Uri): SimulatePanel {
    const target = uri ?? (isYamlDocument(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor!.document.uri : undefined);
    if (SimulatePanel.current) {
      SimulatePanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      if (target) SimulatePanel.current.setFile(target);
      return SimulatePanel.current;
    }
    const panel = vscode.window.createWebviewPanel('drydock.simulation', 'Simulate Apply', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      enableForms: false,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    SimulatePanel.current = new SimulatePanel(panel, client, output, target);
    return SimulatePanel.current;
  }

  static get active(): SimulatePanel | undefined {
    return SimulatePanel.current;
  }

  private constructor(
    panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
    fileUri: vscode.Uri | undefined,
  ) {
    this.panel = panel;
    this.fileUri = fileUri;
    if (!fileUri) this.scope = 'workspace';
    const nonce = makeNonce();
    this.html = renderPanel(undefined, this.state()).html;
    panel.webview.html = panelDocument(panel.webview.cspSource, nonce, this.html);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isYamlDocument(e.document) && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => isYamlDocument(d) && this.schedule()),
      vscode.window.onDidChangeActiveTextEditor((ed) => {
        // "Current file" follows the YAML editor the person works in.
        if (ed && isYamlDocument(ed.document) && ed.document.uri.toString() !== this.fileUri?.toString()) this.setFile(ed.document.uri, false);
      }),
    );
    this.schedule(0);
  }

  /** The last simulation shown (for the status bar and tests). */
  get lastView(): SimulationView | undefined {
    return this.view;
  }

  get lastHtml(): string {
    return this.html;
  }

  /** Makes `uri` the "current file"; an explicit request (command, code lens) also switches to that scope. */
  setFile(uri: vscode.Uri, switchScope = true): void {
    this.fileUri = uri;
    if (switchScope) this.scope = 'file';
    if (this.scope === 'file' || switchScope) this.schedule(0);
    else this.post();
  }

  private state() {
    return {
      scope: this.scope,
      fileLabel: this.fileUri ? vscode.workspace.asRelativePath(this.fileUri, false) : undefined,
      whatIfs: this.whatIfs,
      error: this.error,
      whatIfMessages: this.whatIfMessages,
      baseline: this.baseline,
      overlays: this.overlays,
      overlayIndex: this.overlayIndex,
    };
  }

  /** Debounced refresh: a newer call replaces the waiting one; a running request is cancelled when the next starts. */
  schedule(delay = DEBOUNCE_MS): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  private async refresh(): Promise<void> {
    this.cts?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.cts = cts;
    await this.loadOverlays(cts.token);
    if (cts.token.isCancellationRequested) return;
    const params: SimulateParams = { scope: this.scope === 'overlay' ? (this.overlays.length ? 'overlay' : 'workspace') : this.fileUri ? this.scope : 'workspace' };
    if (params.scope === 'file' && this.fileUri) params.uri = this.fileUri.toString();
    if (params.scope === 'overlay') params.overlay = this.overlays[this.overlayIndex]?.uri;
    if (this.whatIfs.length > 0) params.whatIf = this.whatIfs;
    try {
      const raw = await this.client.sendRequest<SimulateResponse>(SIMULATE_REQUEST, params, cts.token);
      if (cts.token.isCancellationRequested) return;
      // An error answer keeps the last good result on screen under the message.
      const answer = readResponse(raw);
      if (answer.kind === 'error') {
        this.error = answer.message;
      } else {
        this.error = undefined;
        this.view = answer.view;
        this.baseline = answer.result.baseline;
        this.whatIfMessages = answer.result.whatIfMessages;
      }
    } catch (err) {
      if (cts.token.isCancellationRequested) return;
      const e = err as { code?: number; message?: string };
      this.error = e?.code === -32601 ? 'This language server does not provide the simulation (drydock/simulate).' : `Simulation failed: ${e?.message ?? String(err)}`;
      this.output.warn(this.error);
    } finally {
      if (this.cts === cts) this.cts = undefined;
      cts.dispose();
    }
    this.post();
  }

  /** Reads the server's rendered overlays for the picker, keeping the picked one when it is still there. */
  private async loadOverlays(token: vscode.CancellationToken): Promise<void> {
    try {
      const raw = (await this.client.sendRequest(OVERLAYS_REQUEST, {}, token)) as { overlays?: Array<{ uri?: unknown; label?: unknown; error?: unknown }> } | null;
      const picked = this.overlays[this.overlayIndex]?.uri;
      this.overlays = (raw?.overlays ?? []).flatMap((o) => (typeof o.uri === 'string' && typeof o.label === 'string' && o.error === undefined ? [{ uri: o.uri, label: o.label }] : []));
      const again = this.overlays.findIndex((o) => o.uri === picked);
      this.overlayIndex = again >= 0 ? again : 0;
    } catch {
      // An older server without Kustomize support: no picker.
      this.overlays = [];
    }
  }

  private post(): void {
    const { html, locations } = renderPanel(this.view, this.state());
    this.html = html;
    this.locations = locations;
    void this.panel.webview.postMessage({ type: 'render', html });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const m = parseWebviewMessage(raw, this.view, this.locations.length, this.overlays.length);
    if (!m) {
      this.output.warn(`Ignored an unexpected message from the Simulate Apply panel: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (m.type) {
      case 'ready':
        this.post();
        return;
      case 'refresh':
        this.schedule(0);
        return;
      case 'reset':
        this.whatIfs = [];
        this.schedule(0);
        return;
      case 'scope':
        this.scope = m.scope;
        this.schedule(0);
        return;
      case 'overlay':
        this.overlayIndex = m.overlay;
        this.scope = 'overlay';
        this.whatIfs = [];
        this.schedule(0);
        return;
      case 'whatIf':
        this.whatIfs = addWhatIf(this.whatIfs, m.whatIf);
        this.schedule(0);
        return;
      case 'reveal':
        await this.reveal(this.locations[m.loc]);
        return;
    }
  }

  private async reveal(loc: SourceLocation | undefined): Promise<void> {
    if (!loc) return;
    try {
      const uri = vscode.Uri.parse(loc.uri, true);
      const pos = new vscode.Position(loc.line, loc.character);
      const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
      const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, selection: new vscode.Range(pos, pos), preserveFocus: false });
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (err) {
      void vscode.window.showWarningMessage(`Drydock: cannot open ${loc.uri}: ${(err as Error).message}`);
    }
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SimulatePanel.current === this) SimulatePanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.cts?.cancel();
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
