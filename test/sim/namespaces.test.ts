// Namespaces the cluster already has (issue 12, item 2): objects in a namespace
// the workspace does not define are applied (the namespace is assumed to
// exist and listed); --strict-namespaces / drydock.simulation.strictNamespaces
// rejects them as kubectl does on an empty cluster.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readSimulation } from '../../client/src/panel/model';
import { renderPanel } from '../../client/src/panel/render';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'dist/cli.js');
const FIX = resolve(__dirname, '../fixtures/sim/namespaces');

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, 'simulate', FIX, ...args], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('default: undefined namespaces are assumed to exist and listed; built-in and defined ones are not', () => {
  const r = JSON.parse(cli('--json'));
  assert.deepEqual(r.rejected, []);
  assert.deepEqual(r.assumedNamespaces, ['argocd', 'monitoring']);
  assert.equal(r.strictNamespaces, false);
  assert.equal(r.pods.filter((p: { namespace: string; phase: string }) => p.namespace === 'argocd' && p.phase === 'Running').length, 1);
  const text = cli();
  assert.match(text, /ASSUMED NAMESPACES \(not defined in the workspace \u2014 assumed to exist/);
  assert.match(text, /\n  argocd\n  monitoring\n/);
});

test('--strict-namespaces: objects in undefined namespaces are rejected with the API server message', () => {
  const r = JSON.parse(cli('--json', '--strict-namespaces'));
  assert.equal(r.strictNamespaces, true);
  assert.deepEqual(r.assumedNamespaces, []);
  assert.deepEqual(
    r.rejected.map((x: { kind: string; name: string; message: string }) => [x.kind, x.name, x.message]),
    [
      ['ConfigMap', 'settings', 'namespaces "monitoring" not found'],
      ['Deployment', 'server', 'namespaces "argocd" not found'],
    ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
  assert.doesNotMatch(cli('--strict-namespaces'), /ASSUMED NAMESPACES/);
});

test('the panel lists the assumed namespaces in their own section', () => {
  const view = readSimulation(JSON.parse(cli('--json')));
  assert.deepEqual(view.assumedNamespaces, ['argocd', 'monitoring']);
  const html = renderPanel(view, { scope: 'workspace', whatIfs: [] }).html;
  assert.match(html, /<section class="sec" id="sec-namespaces"[^>]*><h2[^>]*>Assumed namespaces <span class="count">2<\/span><\/h2>/);
  assert.match(html, /Not defined in the workspace \u2014 assumed to exist/);
  assert.match(html, /<li>argocd<\/li><li>monitoring<\/li>/);
});

test('drydock/simulate follows the drydock.simulation.strictNamespaces setting', async () => {
  const { readFileSync } = await import('node:fs');
  const { Workspace } = await import('../../server/src/model/workspace');
  const { DEFAULT_SETTINGS } = await import('../../server/src/features/context');
  const { simulateWorkspace } = await import('../../server/src/features/simulate');
  const { createFeatureContext } = await import('../../server/src/features/services');
  const workspace = new Workspace();
  workspace.set('file:///tmp/drydock-ns/app.yaml', readFileSync(resolve(FIX, 'app.yaml'), 'utf8'));
  const run = (strictNamespaces: boolean) => {
    const r = simulateWorkspace(createFeatureContext(workspace, { ...DEFAULT_SETTINGS, simulation: { ...DEFAULT_SETTINGS.simulation, strictNamespaces } }));
    assert.ok(!('error' in r));
    return r;
  };
  const loose = run(false);
  assert.deepEqual(loose.assumedNamespaces, ['argocd', 'monitoring']);
  assert.deepEqual(loose.cluster, { nodes: 3, nodeCpu: '4', nodeMemory: '16Gi', nodePods: 110 });
  const strict = run(true);
  assert.equal(strict.rejected.length, 2);
  // A what-if keeps the namespaces of the simulation it starts from.
  const cordoned = simulateWorkspace(createFeatureContext(workspace), { whatIf: [{ op: 'cordon', node: 'node-1' }] });
  assert.ok(!('error' in cordoned));
  assert.deepEqual(cordoned.assumedNamespaces, ['argocd', 'monitoring']);
});
