import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessClient } from '../support/inProcess';

const FILE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop, labels: {team: front}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, env: prod}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web-canary, namespace: shop}
spec:
  selector: {matchLabels: {app: web, track: canary}}
  template:
    metadata: {labels: {app: web, track: canary, env: dev}}
    spec: {containers: [{name: web, image: nginx:1.28}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop, labels: {app: web}}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`;

const names = (syms: Array<{ name: string }>) => syms.map((s) => s.name).sort();

test('workspace symbols: by name, and by label selector in its string form', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-wsym/app.yaml';
    client.open(uri, FILE);
    await client.waitForDiagnostics(uri);
    const q = (query: string) => client.request('workspace/symbol', { query });
    assert.deepEqual(names(await q('web')), ['web', 'web-canary', 'web-config']);
    assert.deepEqual(names(await q('app=web')), ['web', 'web-canary', 'web-config'], 'own labels and pod template labels');
    assert.deepEqual(names(await q('app=web,track!=canary')), ['web', 'web-config'], '!= also matches objects without the key');
    assert.deepEqual(names(await q('env in (prod)')), ['web']);
    assert.deepEqual(names(await q('app=web,!track')), ['web', 'web-config']);
    assert.deepEqual(names(await q('env notin (prod),app')), ['web-canary', 'web-config']);
    const canary = (await q('track=canary'))[0];
    assert.match(canary.containerName, /pod template labels/);
    assert.deepEqual(names(await q('app=nothing')), []);
  } finally {
    await client.shutdown();
  }
});
