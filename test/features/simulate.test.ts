// `drydock/simulate` over the real protocol: the built server simulates the
// open documents and returns placements with LSP Locations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessClient } from '../support/inProcess';

const uri = 'file:///tmp/drydock-sim-test/app.yaml';
const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: apps/v1
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
        image: nginx:1.25
        resources:
          requests: {cpu: "3"}
`;

test('drydock/simulate returns pods, services and locations; honours the cluster settings', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize(undefined, { settings: { simulation: { nodes: 1, nodeCpu: '4', nodeMemory: '8Gi', nodePods: 110 } } });
    client.open(uri, TEXT);
    const r = await client.request('drydock/simulate', { scope: 'file', uri });
    assert.equal(r.scope, 'file');
    assert.deepEqual(r.nodes.map((n: any) => n.name), ['node-1']);
    const pods = r.pods.filter((p: any) => p.workload?.name === 'web');
    assert.equal(pods.length, 2);
    const running = pods.filter((p: any) => p.phase === 'Running');
    const pending = pods.filter((p: any) => p.phase === 'Pending');
    assert.equal(running.length, 1, 'one 3-CPU pod fits a 4-CPU node');
    assert.equal(pending.length, 1);
    assert.match(pending[0].message, /^0\/1 nodes are available: 1 Insufficient cpu\./);
    assert.deepEqual(pending[0].source.location, { uri, range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } } });
    const svc = r.services.find((s: any) => s.name === 'web');
    assert.equal(svc.endpoints.length, 1);
    assert.equal(svc.source.location.range.start.line, 0);

    // An edit is simulated on the next request.
    client.change(uri, TEXT.replace('replicas: 2', 'replicas: 1'));
    const again = await client.request('drydock/simulate', { scope: 'workspace' });
    assert.equal(again.pods.filter((p: any) => p.workload?.name === 'web' && p.phase === 'Running').length, 1);
    assert.equal(again.pods.filter((p: any) => p.phase === 'Pending').length, 0);

    const bad = await client.request('drydock/simulate', { scope: 'file', uri: 'file:///nope.yaml' });
    assert.match(bad.error, /file not open/);
  } finally {
    await client.shutdown();
  }
});
