// Sets the context key `drydock.isKubernetesFile` for the active editor, so the
// "Simulate Apply" button shows on Kubernetes YAML only (not on every YAML file).

import * as vscode from 'vscode';
import { looksLikeKubernetes } from './detect';

const KEY = 'drydock.isKubernetesFile';

export class KubernetesContextKey implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private last: boolean | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== vscode.window.activeTextEditor?.document) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.update(), 500);
      }),
    );
    this.update();
  }

  private update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const value = !!doc && doc.languageId === 'yaml' && looksLikeKubernetes(doc.getText());
    if (value === this.last) return;
    this.last = value;
    void vscode.commands.executeCommand('setContext', KEY, value);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
