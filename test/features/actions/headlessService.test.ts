// StatefulSet serviceName must name a headless Service: the warning, and the quick fix over LSP.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessClient } from '../../support/inProcess';
import { applyWorkspaceEdit, commentsOf } from '../../support/codeActions';

const SVC_URI = 'file:///tmp/drydock-headless/db-service.yaml';
const STS_URI = 'file:///tmp/drydock-headless/db.yaml';
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db # governing service
spec:
  selector:
    app: db
  ports:
    - port: 5432
`;
const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: postgres
          image: postgres:16
`;

test('a StatefulSet whose serviceName names a Service with a cluster IP gets a warning and a fix that makes the Service headless', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    client.open(SVC_URI, SERVICE);
    client.open(STS_URI, STATEFULSET);
    const diags = await client.waitForDiagnostics(STS_URI, (d) => d.some((x) => x.code === 'service-not-headless'));
    const d = diags.find((x) => x.code === 'service-not-headless')!;
    assert.equal(d.severity, 2);
    assert.equal(d.range.start.line, 5, 'on serviceName');
    assert.match(String(d.message), /db-0\.db/);
    assert.equal(d.relatedInformation?.[0].location.uri, SVC_URI);

    const actions = await client.request('textDocument/codeAction', { textDocument: { uri: STS_URI }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a: { title: string }) => /headless/.test(a.title));
    assert.ok(fix, JSON.stringify(actions.map((a: { title: string }) => a.title)));
    const after = applyWorkspaceEdit({ [SVC_URI]: SERVICE, [STS_URI]: STATEFULSET }, fix.edit);
    assert.equal(after[STS_URI], STATEFULSET, 'the StatefulSet is untouched');
    assert.match(after[SVC_URI], /\n {2}clusterIP: None\n/);
    assert.deepEqual(commentsOf(after[SVC_URI]), commentsOf(SERVICE), 'comments survive');
    client.change(SVC_URI, after[SVC_URI]);
    await client.waitForDiagnostics(STS_URI, (x) => !x.some((y) => y.code === 'service-not-headless'));
  } finally {
    await client.shutdown();
  }
});
