// A simulation asked for while the startup scan is still reading the workspace
// waits for the scan: it must never report problems of a half-read workspace
// (here: the Deployment's namespace is defined in another file).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestClient } from './support/lsp';

test('drydock/simulate and drydock/status during the startup scan see the whole workspace', async () => {
  const root = mkdtempSync(join(tmpdir(), 'drydock-scan-gate-'));
  // Many files, so the scan takes a while; the Namespace sorts last.
  mkdirSync(join(root, 'a-config'));
  for (let i = 0; i < 400; i++) writeFileSync(join(root, 'a-config', `cm-${i}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: shop\ndata:\n  k: v${i}\n`);
  writeFileSync(join(root, 'b-web.yaml'), `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27, resources: {requests: {cpu: 100m, memory: 64Mi}}}]}
`);
  writeFileSync(join(root, 'z-namespace.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n');
  const client = new TestClient();
  try {
    await client.initialize(root);
    const [sim, status] = await Promise.all([client.request('drydock/simulate', { scope: 'workspace' }), client.request('drydock/status', {})]);
    assert.deepEqual(sim.rejected, [], JSON.stringify(sim.rejected));
    assert.equal(sim.pods.filter((p: { phase: string }) => p.phase === 'Running').length, 2);
    assert.equal(status.resources, 402, 'every file was read before the status was computed');
    assert.equal(status.pending, 0);
  } finally {
    await client.shutdown();
  }
});
