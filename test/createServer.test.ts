// createServer: servers built in one process share no state (settings,
// documents, simulation caches), and shutting one down leaves the other working.
// The last test runs the simulation in the built worker thread (dist/simWorker.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { SimulationService } from '../server/src/simulationService';
import { InProcessClient } from './support/inProcess';

const PDB = `apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`;

const deployment = (name: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: ${name}
        image: nginx:1.25
        resources:
          requests: {cpu: "1"}
`;

const deprecation = (ds: Diagnostic[]) => ds.find((d) => /policy\/v1beta1/.test(String(d.message)));

test('two servers in one process keep their own settings, documents and simulations', async () => {
  const old = new InProcessClient();
  const current = new InProcessClient();
  try {
    await old.initialize(undefined, { settings: { kubernetesVersion: '1.22', simulation: { nodes: 1, nodeCpu: '2', nodeMemory: '8Gi', nodePods: 110 } } });
    await current.initialize();
    const uri = 'file:///two-servers/pdb.yaml';
    old.open(uri, PDB);
    current.open(uri, PDB);
    // The same file: deprecated under 1.22 (a warning), removed under the default 1.36 (an error).
    const [oldDiags, currentDiags] = await Promise.all([
      old.waitForDiagnostics(uri, (d) => deprecation(d) !== undefined),
      current.waitForDiagnostics(uri, (d) => deprecation(d) !== undefined),
    ]);
    assert.equal(deprecation(oldDiags)?.severity, 2, JSON.stringify(deprecation(oldDiags)));
    assert.equal(deprecation(currentDiags)?.severity, 1, JSON.stringify(deprecation(currentDiags)));

    // A document opened in one server is unknown to the other.
    const only = 'file:///two-servers/only-old.yaml';
    old.open(only, deployment('api', 3));
    await old.waitForDiagnostics(only);
    const oldSymbols = await old.request<Array<{ name: string }>>('workspace/symbol', { query: 'api' });
    const currentSymbols = await current.request<Array<{ name: string }>>('workspace/symbol', { query: 'api' });
    assert.ok(oldSymbols.some((s) => /api/.test(s.name)), JSON.stringify(oldSymbols));
    assert.deepEqual(currentSymbols.filter((s) => /api/.test(s.name)), []);
    assert.equal(await current.hover(only, 3, 8), null);

    // Each server simulates its own workspace with its own cluster: 3 pods of 1 CPU on one 2-CPU node leave one Pending.
    const [oldStatus, currentStatus] = await Promise.all([old.request('drydock/status', {}), current.request('drydock/status', {})]);
    assert.deepEqual(oldStatus, { resources: 2, pending: 1, files: 2 });
    assert.deepEqual(currentStatus, { resources: 1, pending: 0, files: 1 });

    // Shutting one server down leaves the other answering.
    await old.shutdown();
    current.open(only, deployment('api', 2));
    await current.waitForDiagnostics(only);
    assert.deepEqual(await current.request('drydock/status', {}), { resources: 2, pending: 0, files: 2 });
  } finally {
    await old.shutdown();
    await current.shutdown();
  }
});

test('an in-process server can run its simulations in the built worker thread', async () => {
  const client = new InProcessClient({ simulation: 'worker' });
  try {
    await client.initialize(undefined, { settings: { simulation: { nodes: 1, nodeCpu: '2', nodeMemory: '8Gi', nodePods: 110 } } });
    const uri = 'file:///worker/app.yaml';
    client.open(uri, deployment('web', 3));
    await client.waitForDiagnostics(uri);
    const result = await client.request<{ pods: Array<{ phase: string }> }>('drydock/simulate', { scope: 'workspace' });
    assert.deepEqual(result.pods.map((p) => p.phase).sort(), ['Pending', 'Running', 'Running']);
    assert.deepEqual(await client.request('drydock/status', {}), { resources: 1, pending: 1, files: 1 });
    const service = client.server.services.simulation;
    assert.ok(service instanceof SimulationService && service.workerRunning, 'the run happened in the worker thread');
  } finally {
    await client.shutdown();
  }
});
