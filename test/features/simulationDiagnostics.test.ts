// The simulation-diagnostics provider on its own: it never starts a simulation
// (nor the worker), shows only a result of the current workspace generation, and
// the result listener fires when a new result is stored. `drydock check` (the CLI)
// never simulates, so it reports no `unschedulable` warning.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../server/src/model/workspace';
import type { FeatureContext } from '../../server/src/features/context';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { computeExplainSimulation, explainSimulation, explainSimulationAwaited } from '../../server/src/features/explain/simulation';
import { SimulationService } from '../../server/src/simulationService';
import { workloadFiles } from '../../server/src/features/simulationDiagnostics';
import { INDEXER, NODES, TRAINER, WEB } from '../support/simulationWorkspace';
import { createFeatureContext } from '../../server/src/features/services';
import { requireDist } from '../support/shared';

const WORKER = join(__dirname, '../../dist/simWorker.js');
const CLI = join(__dirname, '../../dist/cli.js');

function context(): FeatureContext {
  const workspace = new Workspace();
  workspace.set('file:///p/nodes.yaml', NODES);
  workspace.set('file:///p/trainer.yaml', TRAINER);
  workspace.set('file:///p/web.yaml', WEB);
  return createFeatureContext(workspace);
}

const unschedulable = (ctx: FeatureContext, uri: string) => computeDiagnostics(ctx, ctx.workspace.get(uri)!).filter((d) => d.code === 'unschedulable');

test('with the worker: diagnostics never start it; a current result shows, a stale one does not', async () => {
  requireDist('simWorker.js');
  const ctx = context();
  const service = new SimulationService(ctx.services, () => undefined, WORKER);
  let results = 0;
  const unsubscribe = ctx.services.explain.onResult(() => results++);
  try {
    assert.equal(service.start(), true);
    assert.deepEqual(unschedulable(ctx, 'file:///p/trainer.yaml'), []);
    assert.equal(service.workerRunning, false, 'computing diagnostics does not start the worker');
    assert.deepEqual(workloadFiles(ctx.workspace), ['file:///p/trainer.yaml', 'file:///p/web.yaml']);

    const sim = await explainSimulationAwaited(ctx); // what the status bar does
    assert.ok(sim.ok);
    assert.equal(service.workerRunning, true);
    assert.equal(results, 1, 'the listener heard of the new result');
    const [d] = unschedulable(ctx, 'file:///p/trainer.yaml');
    assert.match(String(d.message), /^2 of 2 pods stay Pending: 0\/3 nodes are available/);
    assert.deepEqual((d.data as { taints: unknown }).taints, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.deepEqual(unschedulable(ctx, 'file:///p/web.yaml'), []);

    // A new generation: the previous result is stale, so no warning until the next result.
    ctx.workspace.set('file:///p/indexer.yaml', INDEXER);
    assert.deepEqual(unschedulable(ctx, 'file:///p/trainer.yaml'), []);
    assert.deepEqual(unschedulable(ctx, 'file:///p/indexer.yaml'), []);
    const stale = explainSimulation(ctx); // a hover meanwhile: stale facts marked as updating
    assert.ok(stale.ok && stale.note);
    await explainSimulationAwaited(ctx);
    assert.equal(results, 2);
    assert.equal(unschedulable(ctx, 'file:///p/trainer.yaml').length, 1);
    const [idx] = unschedulable(ctx, 'file:///p/indexer.yaml');
    assert.deepEqual((idx.data as { missingNodeLabels: unknown }).missingNodeLabels, { disk: 'ssd' });
  } finally {
    unsubscribe();
    service.dispose();
  }
});

test('without a backend: no in-process simulation is started by diagnostics', () => {
  const ctx = context();
  const before = ctx.services.explain.runs;
  assert.deepEqual(unschedulable(ctx, 'file:///p/trainer.yaml'), []);
  assert.equal(ctx.services.explain.runs, before, 'diagnostics ran no simulation');
  computeExplainSimulation(ctx); // a simulation hover
  assert.equal(ctx.services.explain.runs, before + 1);
  assert.equal(unschedulable(ctx, 'file:///p/trainer.yaml').length, 1);
});

test('a malformed workload or a Pod without a result yields no warning and no crash', () => {
  const ctx = context();
  ctx.workspace.set('file:///p/bad.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [x\nspec: 3\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: solo}\nspec: {nodeSelector: {disk: ssd}, containers: [{name: c, image: x}]}\n');
  computeExplainSimulation(ctx);
  const diags = computeDiagnostics(ctx, ctx.workspace.get('file:///p/bad.yaml')!);
  assert.ok(!diags.some((d) => d.code === 'internal-error'), JSON.stringify(diags));
  const [pod] = diags.filter((d) => d.code === 'unschedulable');
  assert.match(String(pod.message), /^The pod stays Pending: 0\/3 nodes are available/);
  assert.deepEqual((pod.data as { missingNodeLabels: unknown }).missingNodeLabels, { disk: 'ssd' });
});

test('drydock check does not simulate: no unschedulable warning', () => {
  requireDist('cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'drydock-simdiag-'));
  try {
    writeFileSync(join(dir, 'nodes.yaml'), NODES);
    writeFileSync(join(dir, 'trainer.yaml'), TRAINER);
    const r = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', dir], { encoding: 'utf8' });
    assert.ok(r.stdout.length > 0, r.stderr);
    assert.doesNotMatch(r.stdout, /unschedulable/);
    // The same files do stay Pending in a simulation (so the check above is meaningful).
    const sim = spawnSync(process.execPath, [CLI, 'simulate', '--json', dir], { encoding: 'utf8' });
    assert.match(sim.stdout, /"pendingFacts"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
