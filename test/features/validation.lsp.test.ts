import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';

const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);

test('LSP: schema errors are published with exact ranges, codes and data', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-schema/deploy.yaml';
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: ok}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchExressions: []
  strategy:
    rollingUpdate:
      maxunavailable: 1
  template:
    spec:
      containers:
      - name: web
        image: nginx
        imagePullPolicy: Alwayz
---
apiVersion: vl
kind: Service
metadata: {name: svc}
`;
    client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, has('unknown-kind'));
    const byCode = (code: string) => diags.filter((d) => d.code === code);
    const at = (needle: string, len = needle.length) => {
      const start = positionOf(text, needle);
      return { start, end: { line: start.line, character: start.character + len } };
    };
    const unknown = byCode('unknown-field');
    assert.deepEqual(unknown.map((d) => d.range), [at('matchExressions'), at('maxunavailable')]);
    assert.deepEqual(unknown.map((d) => d.data), [{ suggestion: 'matchExpressions' }, { suggestion: 'maxUnavailable' }]);
    assert.equal(unknown[1].message, 'strict decoding error: unknown field "spec.strategy.rollingUpdate.maxunavailable". Unknown field "maxunavailable" in RollingUpdateDeployment. Did you mean "maxUnavailable"?');
    assert.deepEqual(byCode('wrong-type').map((d) => d.range), [at('"3"')]);
    // The schema's enum and the API server's Unsupported value are one diagnostic, in the API server's words.
    const e = byCode('api-invalid').filter((d) => /Unsupported value: "Alwayz"/.test(String(d.message)));
    assert.deepEqual(e.map((d) => d.range), [at('Alwayz')]);
    assert.equal((e[0].data as { suggestion: string }).suggestion, 'Always');
    const k = byCode('unknown-kind');
    assert.deepEqual(k.map((d) => d.range), [at('vl\n', 2)]);
    assert.deepEqual(k[0].data, { suggestion: { apiVersion: 'v1', kind: 'Service' } });
    const ours = diags.filter((d) => ['unknown-field', 'wrong-type', 'invalid-enum', 'unknown-kind', 'missing-required', 'api-invalid'].includes(String(d.code)));
    // `vl` Service is still validated as a v1 Service: its missing ports are the sixth error.
    assert.equal(ours.length, 6, JSON.stringify(diags));
    assert.ok(ours.every((d) => d.source === 'drydock' && d.severity === 1));

    // Fixing the typo re-publishes without that error.
    const fixed = text.replace('maxunavailable', 'maxUnavailable');
    client.change(uri, fixed);
    const after = await client.waitForDiagnostics(uri, (d) => !d.some((x) => String(x.message).includes('maxunavailable')));
    assert.equal(after.filter((d) => d.code === 'unknown-field').length, 1);
  } finally {
    await client.shutdown();
  }
});

test('LSP: kubernetesVersion setting decides removed vs deprecated', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize(undefined, { settings: { kubernetesVersion: '1.24' } });
    const uri = 'file:///tmp/drydock-schema/cron.yaml';
    client.open(uri, 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n');
    const diags = await client.waitForDiagnostics(uri, has('deprecated-api'));
    assert.equal(diags[0].severity, 2);
    assert.deepEqual(diags[0].data, { replacement: 'batch/v1', removedIn: '1.25', deprecatedIn: '1.21' });
    assert.deepEqual(diags[0].range, { start: { line: 0, character: 12 }, end: { line: 0, character: 25 } });
  } finally {
    await client.shutdown();
  }
});

test('LSP: a workspace CRD validates its custom resources, live', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const crdUri = 'file:///tmp/drydock-schema/crd.yaml';
    const crUri = 'file:///tmp/drydock-schema/widget.yaml';
    const crd = (prop: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              ${prop}: {type: integer}
`;
    client.open(crdUri, crd('size'));
    await client.waitForDiagnostics(crdUri);
    const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  count: 3\n';
    client.open(crUri, cr);
    const diags = await client.waitForDiagnostics(crUri, has('unknown-field'));
    assert.deepEqual(diags[0].range, { start: { line: 4, character: 2 }, end: { line: 4, character: 7 } });
    assert.equal(diags[0].message, 'strict decoding error: unknown field "spec.count". Unknown field "count" in Widget spec.');
    // Editing the CRD re-validates the custom resource in the other file.
    client.change(crdUri, crd('count'));
    const after = await client.waitForDiagnostics(crUri, (d) => !d.some((x) => x.code === 'unknown-field'));
    assert.deepEqual(after.filter((d) => d.severity === 1), []);
  } finally {
    await client.shutdown();
  }
});
