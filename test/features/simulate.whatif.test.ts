import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InProcessClient } from '../support/inProcess';

const deployment = (replicas: number, image: string) => `apiVersion: apps/v1
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
      - name: web
        image: ${image}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`;

test('drydock/simulate applies what-if operations to the simulation, not the files', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-whatif/web.yaml';
    client.open(uri, deployment(6, 'nginx:1.27'));
    await client.waitForDiagnostics(uri);
    const before = await client.request('drydock/simulate', { scope: 'workspace' });
    assert.ok(before.pods.some((p: { node: string }) => p.node === 'node-1'), 'some pods land on node-1 before the drain');

    const drained = await client.request('drydock/simulate', { scope: 'workspace', whatIf: [{ op: 'drain', node: 'node-1' }] });
    assert.deepEqual(drained.whatIf, [{ op: 'drain', node: 'node-1' }]);
    const running = drained.pods.filter((p: { phase: string }) => p.phase === 'Running');
    assert.equal(running.length, 6, 'the ReplicaSet replaces the evicted pods elsewhere');
    assert.ok(running.every((p: { node: string }) => p.node !== 'node-1'), 'no pod runs on the drained node');
    assert.equal(drained.nodes.find((n: { name: string }) => n.name === 'node-1').unschedulable, true);

    // The protocol's node what-ifs all work: uncordon undoes a cordon, fail makes the node NotReady.
    const reopened = await client.request('drydock/simulate', { scope: 'workspace', whatIf: [{ op: 'cordon', node: 'node-1' }, { op: 'uncordon', node: 'node-1' }, { op: 'fail', node: 'node-2' }] });
    assert.deepEqual(reopened.whatIf.map((w: { op: string }) => w.op), ['cordon', 'uncordon', 'fail']);
    assert.equal(reopened.nodes.find((n: { name: string }) => n.name === 'node-1').unschedulable, false);
    assert.equal(reopened.nodes.find((n: { name: string }) => n.name === 'node-2').ready, false);

    const scaled = await client.request('drydock/simulate', { scope: 'workspace', whatIf: [{ op: 'scale', kind: 'Deployment', namespace: 'default', name: 'web', replicas: 2 }] });
    assert.equal(scaled.pods.filter((p: { phase: string }) => p.phase === 'Running').length, 2);

    const bad = await client.request('drydock/simulate', { scope: 'workspace', whatIf: [{ op: 'drain', node: 'no-such-node' }, { op: 'explode' }] });
    assert.deepEqual(bad.whatIf, []);
    assert.ok(bad.whatIfMessages.some((m: string) => m.includes('no-such-node')));
    assert.ok(bad.whatIfMessages.some((m: string) => m.includes('explode') || m.includes('needs a node')));
  } finally {
    await client.shutdown();
  }
});

test('scope "file" applies the unsaved buffer over the saved file and reports the rollout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'drydock-scope-'));
  const path = join(dir, 'web.yaml');
  writeFileSync(path, deployment(4, 'nginx:1.26'));
  const uri = pathToFileURL(path).toString();
  const client = new InProcessClient();
  try {
    await client.initialize(dir);
    client.open(uri, deployment(4, 'nginx:1.27'));
    await client.waitForDiagnostics(uri);
    const r = await client.request('drydock/simulate', { scope: 'file', uri });
    assert.equal(r.scope, 'file');
    assert.match(r.baseline, /saved version/);
    assert.ok(r.changes.some((c: { kind: string; name: string; change: string }) => c.kind === 'Deployment' && c.name === 'web' && c.change === 'changed'), JSON.stringify(r.changes));
    const rollout = r.rollouts.find((x: { name: string }) => x.name === 'web');
    assert.ok(rollout, 'a rollout is reported for the changed template');
    const last = rollout.steps[rollout.steps.length - 1];
    assert.deepEqual(last, { newReplicas: 4, oldReplicas: 0 });
  } finally {
    await client.shutdown();
  }
});
