// Runs inside the VS Code extension host (loaded by @vscode/test-electron).
// Same scenarios as the code-server suite, through the VS Code API:
// hover, completion, diagnostics and the Simulate Apply panel's model.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const ws = process.env.DRYDOCK_E2E_WORKSPACE;
const EXPECTED_NODES = ['node-1', 'node-2', 'node-3'];

async function poll(fn, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out: ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

function positionOf(doc, needle) {
  const i = doc.getText().indexOf(needle);
  assert.ok(i >= 0, `${needle} in ${doc.uri.fsPath}`);
  return doc.positionAt(i + 1);
}

const hoverText = (hovers) =>
  (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

const scenarios = {
  async hover() {
    const doc = await vscode.workspace.openTextDocument(path.join(ws, 'web/deployment.yaml'));
    await vscode.window.showTextDocument(doc);
    const text = await poll(async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'replicas:')));
      return /desired pods/i.test(t) ? t : undefined;
    }, 30000, 'hover on replicas');
    assert.match(text, /desired pods/i);
  },
  async completion() {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typing\nspec:\n  \n' });
    await vscode.window.showTextDocument(doc);
    const labels = await poll(async () => {
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 2));
      const l = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return l.includes('replicas') ? l : undefined;
    }, 30000, 'completion of DeploymentSpec keys');
    assert.ok(labels.includes('selector') && labels.includes('template'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  },
  async diagnostics() {
    const uri = vscode.Uri.file(path.join(ws, 'scratch/broken.yaml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await poll(async () => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'drydock');
      return d.some((x) => /maxunavailable/.test(x.message)) ? d : undefined;
    }, 30000, 'diagnostics on scratch/broken.yaml');
    assert.ok(diags.length >= 2);
    const clean = vscode.Uri.file(path.join(ws, 'web/deployment.yaml'));
    assert.equal(vscode.languages.getDiagnostics(clean).filter((x) => x.severity === vscode.DiagnosticSeverity.Error).length, 0);
  },
  async simulateApply() {
    const ext = vscode.extensions.getExtension('drydock.drydock');
    assert.ok(ext, 'extension drydock.drydock is installed');
    const api = await ext.activate();
    const uri = vscode.Uri.file(path.join(ws, 'web/deployment.yaml'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('drydock.simulateApply', uri);
    const view = await poll(async () => {
      const v = api.lastSimulation();
      return v && EXPECTED_NODES.every((n) => v.nodes.some((x) => x.name === n)) ? v : undefined;
    }, 45000, 'the panel shows the example nodes');
    const web = view.pods.filter((p) => p.name.startsWith('web-'));
    assert.equal(web.length, 3, 'the web Deployment has 3 pods');
    assert.ok(web.every((p) => p.node && p.node !== 'node-3'), 'web pods are scheduled, not on the db-only node-3');
    assert.match(api.panelHtml(), /aria-label="Node node-1"/);
  },
};

exports.run = async function run() {
  const failures = [];
  for (const [name, fn] of Object.entries(scenarios)) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failures.push(name);
      console.log(`  FAIL ${name}: ${err.message}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} scenario(s) failed: ${failures.join(', ')}`);
};
