// SimulationService on its own: hover simulations never wait for the worker
// (running / updating / current), the status waits, the worker's mirror follows
// workspace edits, and without a worker everything runs in-process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Workspace } from '../server/src/model/workspace';
import type { FeatureContext } from '../server/src/features/context';
import { explainSimulation, explainSimulationAwaited, QUIET_MS, SIMULATION_RUNNING_MESSAGE, SIMULATION_UPDATING_NOTE, type ExplainSimulation } from '../server/src/features/explain/simulation';
import { computeStatusAwaited } from '../server/src/features/status';
import { simulateWorkspace } from '../server/src/features/simulate';
import { SimulationService } from '../server/src/simulationService';
import { createFeatureContext } from '../server/src/features/services';
import { requireDist } from './support/shared';

const WORKER = join(__dirname, '../dist/simWorker.js');

// Default cluster: 3 nodes with 4 CPUs; pods requesting 3 CPUs fit one per node.
const deployment = (replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: c
        image: nginx:1.25
        resources:
          requests: {cpu: "3"}
`;

function context(text: string): FeatureContext {
  const workspace = new Workspace();
  workspace.set('file:///svc/app.yaml', text);
  return createFeatureContext(workspace);
}

test('hover simulations answer at once: running, then current, then the previous result marked as updating', async () => {
  requireDist('simWorker.js');
  const ctx = context(deployment(4));
  const service = new SimulationService(ctx.services, () => undefined, WORKER);
  try {
    assert.equal(service.start(), true);
    const first = explainSimulation(ctx);
    assert.deepEqual(first.ok ? 'ok' : first.message, SIMULATION_RUNNING_MESSAGE);
    const current = await explainSimulationAwaited(ctx);
    assert.ok(current.ok);
    assert.equal(current.result.summary.pending, 1);
    const cached = explainSimulation(ctx);
    assert.ok(cached.ok && cached.note === undefined && cached.result.summary.pending === 1);

    // An edit: the mirror in the worker gets the new text; hovers show the old facts marked as updating.
    ctx.workspace.set('file:///svc/app.yaml', deployment(6));
    const stale = explainSimulation(ctx);
    assert.ok(stale.ok);
    assert.equal(stale.result.summary.pending, 1);
    assert.ok(stale.note?.startsWith(SIMULATION_UPDATING_NOTE), stale.note);
    assert.deepEqual(await computeStatusAwaited(ctx), { resources: 1, pending: 3, files: 1 });
    const fresh = explainSimulation(ctx);
    assert.ok(fresh.ok && fresh.note === undefined && fresh.result.summary.pending === 3);

    // A deleted file leaves the mirror too.
    ctx.workspace.delete('file:///svc/app.yaml');
    assert.deepEqual(await computeStatusAwaited(ctx), { resources: 0, pending: 0, files: 0 });
    const sim = await service.simulate(ctx, { scope: 'workspace' }, undefined);
    assert.equal(sim.kind, 'result');
    assert.equal(sim.kind === 'result' && 'summary' in sim.value ? sim.value.summary.pods : -1, 0);
  } finally {
    service.dispose();
  }
});

test('while the workspace keeps changing, hovers start no simulation per edit: one run once it has been quiet for QUIET_MS', async () => {
  const ctx = context(deployment(1));
  const runs: number[] = [];
  ctx.services.explain.attachBackend({
    request: (c) => {
      const generation = c.workspace.generation;
      runs.push(generation);
      // A stand-in result: the debounce only looks at generations.
      return { result: Promise.resolve({ ok: true, generation, result: { summary: { pending: generation } } } as unknown as ExplainSimulation), dropIfQueued: () => undefined };
    },
  });
  try {
    explainSimulation(ctx);
    await explainSimulationAwaited(ctx);
    assert.equal(runs.length, 1, 'the first result is not delayed');
    for (let i = 2; i <= 6; i++) {
      ctx.workspace.set('file:///svc/app.yaml', deployment(i));
      const hover = explainSimulation(ctx);
      assert.ok(hover.ok && hover.note?.startsWith(SIMULATION_UPDATING_NOTE), 'the last result, marked as updating');
      await new Promise((r) => setTimeout(r, QUIET_MS / 5));
    }
    assert.equal(runs.length, 1, 'no run while edits keep coming');
    await new Promise((r) => setTimeout(r, QUIET_MS * 2));
    assert.deepEqual(runs, [runs[0], ctx.workspace.generation], 'one run, for the generation typing stopped at');
    const fresh = explainSimulation(ctx);
    assert.ok(fresh.ok && fresh.note === undefined);
  } finally {
    ctx.services.explain.attachBackend(undefined);
  }
});

test('without a worker the service simulates in-process, and hovers simulate on first use', async () => {
  const ctx = context(deployment(5));
  const service = new SimulationService(ctx.services, () => undefined, join(__dirname, 'simservice/no-such-worker.js'));
  try {
    assert.equal(service.start(), false);
    assert.equal(service.inWorker, false);
    const outcome = await service.simulate(ctx, { scope: 'workspace' }, undefined);
    assert.equal(outcome.kind, 'result');
    assert.deepEqual(outcome.kind === 'result' && outcome.value, simulateWorkspace(ctx, { scope: 'workspace' }));
    const hover = explainSimulation(ctx);
    assert.ok(hover.ok && hover.result.summary.pending === 2);
    const cancelled = await service.simulate(ctx, {}, undefined, { isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) });
    assert.equal(cancelled.kind, 'cancelled');
  } finally {
    service.dispose();
  }
});

test('the worker and its mirror start on the first simulation request, not at start()', async () => {
  requireDist('simWorker.js');
  const ctx = context(deployment(4));
  const service = new SimulationService(ctx.services, () => undefined, WORKER);
  try {
    assert.equal(service.start(), true);
    assert.equal(service.inWorker, true);
    // Edits before any request (the startup scan) do not start the worker.
    ctx.workspace.set('file:///svc/other.yaml', deployment(2).replace(/web/g, 'api'));
    assert.equal(service.workerRunning, false);
    // The first request builds the mirror from the whole workspace as it is now.
    const sim = await service.simulate(ctx, { scope: 'workspace' }, undefined);
    assert.equal(service.workerRunning, true);
    assert.equal(sim.kind, 'result');
    assert.deepEqual(sim.kind === 'result' && sim.value, simulateWorkspace(ctx, { scope: 'workspace' }));
    // From then on the mirror follows edits.
    ctx.workspace.set('file:///svc/other.yaml', deployment(1).replace(/web/g, 'api'));
    assert.deepEqual(await computeStatusAwaited(ctx), { resources: 2, pending: 2, files: 2 });
  } finally {
    service.dispose();
  }
});

test('a hover/status simulation also starts the worker on first use', async () => {
  requireDist('simWorker.js');
  const ctx = context(deployment(5));
  const service = new SimulationService(ctx.services, () => undefined, WORKER);
  try {
    service.start();
    assert.equal(service.workerRunning, false);
    assert.deepEqual(await computeStatusAwaited(ctx), { resources: 1, pending: 2, files: 1 });
    assert.equal(service.workerRunning, true);
  } finally {
    service.dispose();
  }
});
