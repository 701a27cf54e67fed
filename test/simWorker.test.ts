// The simulation worker through the real protocol: a long `drydock/simulate`
// does not block hovers and completion, a cancelled one answers RequestCancelled
// and the server keeps simulating, and the worker's results are the in-process ones.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { TestClient, positionOf } from './support/lsp';
import { Workspace } from '../server/src/model/workspace';
import { simulateWorkspace, type SimulationRequest } from '../server/src/features/simulate';
import { createFeatureContext } from '../server/src/features/services';

const REQUEST_CANCELLED = -32800;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 300 Deployments x 100 replicas: 30,000 pods, a simulation of several seconds. */
function bigWorkspace(deployments = 300, replicas = 100): string {
  const docs: string[] = [];
  for (let i = 0; i < deployments; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
      - name: c
        image: nginx:1.25
        resources:
          requests: {cpu: 10m, memory: 16Mi}
`);
  }
  return docs.join('---\n');
}

const SMALL = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        resources:
          requests: {cpu: 100m}
`;

const BIG_URI = 'file:///simservice/big.yaml';
const SMALL_URI = 'file:///simservice/web.yaml';
/** Wall-clock of the uncancelled big simulation (measured by the first test, compared by the second). */
let bigRunMs = 0;

describe('simulation worker over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize();
    client.open(SMALL_URI, SMALL);
    client.open(BIG_URI, bigWorkspace());
    await Promise.all([client.waitForDiagnostics(SMALL_URI), client.waitForDiagnostics(BIG_URI)]);
  });
  after(async () => {
    await client.shutdown();
  });

  test('hovers and completion are answered while a long simulation runs', async (t) => {
    const order: string[] = [];
    const started = performance.now();
    const simulation = client.request('drydock/simulate', { scope: 'workspace' }).then((r) => {
      bigRunMs = performance.now() - started;
      order.push('simulate');
      return r;
    });
    await sleep(300); // let the simulation get under way in the worker
    const image = positionOf(SMALL, 'image', 2);
    const replicas = positionOf(SMALL, 'replicas', 2);
    const [schemaHover, replicasHover, completion] = await Promise.all([
      client.hover(SMALL_URI, image.line, image.character).then((h) => (order.push('hover'), h)),
      client.hover(SMALL_URI, replicas.line, replicas.character).then((h) => (order.push('simulation hover'), h)),
      client.completion(SMALL_URI, 13, 8).then((c) => (order.push('completion'), c)),
    ]);
    const result = await simulation;
    t.diagnostic(`big simulation: ${bigRunMs.toFixed(0)} ms; answer order: ${order.join(', ')}`);
    assert.deepEqual(order.slice(-1), ['simulate'], `the simulate response came last: ${order.join(', ')}`);
    assert.match(String(schemaHover?.contents?.value), /image/i);
    // The hover simulation queues behind the panel's run; the hover says so instead of waiting.
    assert.match(String(replicasHover?.contents?.value), /Simulation running — hover again in a moment/);
    const items = Array.isArray(completion) ? completion : completion?.items;
    assert.ok(items && items.length > 0, 'completion has items');
    assert.equal(result.summary.pods, 300 * 100 + 2);
  });

  test('a newer simulation of the same view supersedes the running one', async () => {
    await client.request('drydock/status', {}); // the worker is idle again
    const first = client.request('drydock/simulate', { scope: 'workspace' });
    await sleep(300); // the first run is under way
    const second = client.request('drydock/simulate', { scope: 'workspace' });
    await assert.rejects(first, (err: unknown) => err instanceof ResponseError && err.code === REQUEST_CANCELLED);
    const result = await second;
    assert.equal(result.summary.pods, 300 * 100 + 2);
  });

  test('a cancelled simulation answers RequestCancelled and the next one works', async (t) => {
    // Wait until the worker is idle (the status request waits for the hover simulation the first test queued).
    await client.request('drydock/status', {});
    const source = new CancellationTokenSource();
    const cancelled = client.conn.sendRequest('drydock/simulate', { scope: 'workspace' }, source.token);
    await sleep(500); // the run is under way (its first round alone takes most of a second)
    const cancelledAt = performance.now();
    source.cancel();
    await assert.rejects(cancelled, (err: unknown) => err instanceof ResponseError && err.code === REQUEST_CANCELLED);
    // The workspace shrinks to the small file; the next simulation sees exactly that.
    client.close(BIG_URI);
    const next = await client.request('drydock/simulate', { scope: 'workspace' });
    const recoveredMs = performance.now() - cancelledAt;
    const restarted = client.notifications.some((n) => /restarted the simulation worker/.test(JSON.stringify(n.params)));
    t.diagnostic(`cancel -> next result: ${recoveredMs.toFixed(0)} ms (the full big run took ${bigRunMs.toFixed(0)} ms); worker restarted: ${restarted}`);
    assert.equal(next.summary.pods, 2);
    assert.equal(next.summary.pending, 0);
    // The cancelled run did not keep the worker busy for its whole duration.
    if (bigRunMs > 0) assert.ok(recoveredMs < bigRunMs, `recovered in ${recoveredMs.toFixed(0)} ms, a full run takes ${bigRunMs.toFixed(0)} ms`);
  });
});

test("the worker's results equal the in-process simulateWorkspace", async () => {
  const fixture = readFileSync(join(__dirname, 'fixtures/sim/deployment-service/app.yaml'), 'utf8');
  const files: Array<[string, string]> = [
    ['file:///simservice-eq/app.yaml', fixture],
    ['file:///simservice-eq/web.yaml', SMALL],
  ];
  const workspace = new Workspace();
  for (const [uri, text] of files) workspace.set(uri, text);
  const ctx = createFeatureContext(workspace);
  const cases: SimulationRequest[] = [
    { scope: 'workspace' },
    { scope: 'file', uri: files[1][0] },
    { scope: 'workspace', whatIf: [{ op: 'drain', node: 'node-1' }, { op: 'scale', kind: 'Deployment', name: 'web', replicas: 5 }] },
  ];
  const client = new TestClient();
  try {
    await client.initialize();
    for (const [uri, text] of files) client.open(uri, text);
    await Promise.all(files.map(([uri]) => client.waitForDiagnostics(uri)));
    for (const params of cases) {
      const overLsp = await client.request('drydock/simulate', params);
      // The file has no saved version (not on disk): its baseline is the workspace without it, in both runs.
      const inProcess = JSON.parse(JSON.stringify(simulateWorkspace(ctx, params, { baselineText: undefined })));
      assert.ok(!('error' in overLsp), JSON.stringify(overLsp));
      assert.ok(overLsp.pods.length > 0);
      assert.deepEqual(overLsp, inProcess, JSON.stringify(params));
    }
  } finally {
    await client.shutdown();
  }
});
