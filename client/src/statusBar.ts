// The status bar item "Drydock: 42 resources, 3 pending": the server's
// `drydock/status` summary (resource count and the whole-workspace simulation's
// pending pods), refreshed a second after YAML edits stop (cancelled when
// superseded). Clicking it opens the Simulate Apply panel.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SIMULATE_APPLY_COMMAND, STATUS_REQUEST, type DrydockStatus } from '../../server/src/protocol';
import { isYamlDocument } from './panel/simulatePanel';
import { kustomizeNote } from './kustomizeStatus';

const REFRESH_DELAY_MS = 1000;

export class SimulationStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('drydock.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private cts: vscode.CancellationTokenSource | undefined;
  private unsupported = false;

  constructor(
    private readonly client: LanguageClient,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.item.name = 'Drydock simulation';
    this.item.text = '$(server-environment) Drydock';
    this.item.tooltip = 'Drydock: open the Simulate Apply panel';
    this.item.command = SIMULATE_APPLY_COMMAND;
    this.item.show();
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => isYamlDocument(e.document) && e.contentChanges.length > 0 && this.schedule()),
      vscode.workspace.onDidSaveTextDocument((d) => isYamlDocument(d) && this.schedule()),
    );
    this.schedule(0);
  }

  schedule(delay = REFRESH_DELAY_MS): void {
    if (this.unsupported) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    this.timer = undefined;
    this.cts?.cancel();
    const cts = (this.cts = new vscode.CancellationTokenSource());
    try {
      const status = await this.client.sendRequest<DrydockStatus | null>(STATUS_REQUEST, {}, cts.token);
      if (cts.token.isCancellationRequested) return;
      if (!status || typeof status.resources !== 'number' || typeof status.pending !== 'number') throw new Error('unexpected drydock/status response');
      const { resources, pending } = status;
      this.item.text = `$(server-environment) Drydock: ${resources} resources, ${pending} pending`;
      const note = (typeof status.note === 'string' ? `\n${status.note}` : '') + kustomizeNote((status as { kustomize?: unknown }).kustomize);
      this.item.tooltip = (pending > 0 ? `${pending} pod(s) would stay Pending. Click to see why.` : 'Drydock: open the Simulate Apply panel') + note;
      this.item.backgroundColor = pending > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } catch (err) {
      if (cts.token.isCancellationRequested) return;
      const code = (err as { code?: number }).code;
      if (code === -32601) {
        // An older server without the simulator: keep the plain item, stop asking.
        this.unsupported = true;
        this.output.info('The language server has no drydock/status request; the status bar shows no simulation summary.');
      } else this.output.warn(`Status bar simulation failed: ${(err as Error).message}`);
      this.item.text = '$(server-environment) Drydock';
    } finally {
      if (this.cts === cts) this.cts = undefined;
      cts.dispose();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.cts?.cancel();
    this.item.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
