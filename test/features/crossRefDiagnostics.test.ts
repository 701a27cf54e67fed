// Cross-reference diagnostics over LSP: codes, severities, data and
// relatedInformation; the false-alarm rule; re-checking dependent files.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { InProcessClient } from '../support/inProcess';

const ROOT = 'file:///tmp/drydock-xref-diag';
const XREF = new Set(['missing-reference', 'selects-nothing', 'duplicate-resource', 'target-port-not-found']);
const xref = (d: Diagnostic[]) => d.filter((x) => XREF.has(String(x.code)));

async function withClient(fn: (c: InProcessClient) => Promise<void>): Promise<void> {
  const c = new InProcessClient();
  try {
    await c.initialize();
    await fn(c);
  } finally {
    await c.shutdown();
  }
}

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata: {name: present}
data: {a: "1"}
`;

test('missing ConfigMap, missing key, optional and well-known references', () =>
  withClient(async (c) => {
    c.open(`${ROOT}/app/config.yaml`, CONFIG);
    const uri = `${ROOT}/app/pod.yaml`;
    c.open(uri, `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  serviceAccountName: default
  containers:
    - name: c
      image: busybox
      envFrom:
        - configMapRef: {name: absent}
        - configMapRef: {name: absent-but-optional, optional: true}
      env:
        - name: X
          valueFrom:
            configMapKeyRef: {name: present, key: nope}
  volumes:
    - name: root-ca
      configMap: {name: kube-root-ca.crt}
    - name: secret
      secret: {secretName: no-secrets-in-this-repo}
`);
    const d = xref(await c.waitForDiagnostics(uri, (x) => xref(x).length >= 2));
    assert.equal(d.length, 2, JSON.stringify(d));
    const missing = d.find((x) => String(x.message).includes('"absent"'))!;
    assert.equal(missing.code, 'missing-reference');
    assert.equal(missing.severity, 2);
    assert.deepEqual(missing.data, { targetKind: 'ConfigMap', name: 'absent', namespace: 'default', sourceKind: 'Pod' });
    assert.equal(missing.range.start.line, 9);
    const key = d.find((x) => (x.data as { key?: string }).key === 'nope')!;
    assert.equal(key.code, 'missing-reference');
    assert.equal(key.relatedInformation?.[0].location.uri, `${ROOT}/app/config.yaml`);
  }));

test('a reference into another namespace resolves there and not in the default namespace', () =>
  withClient(async (c) => {
    c.open(`${ROOT}/ns/config.yaml`, `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: prod}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: other, namespace: dev}
`);
    const uri = `${ROOT}/ns/deploy.yaml`;
    c.open(uri, `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: dev}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: c, image: x, envFrom: [{configMapRef: {name: settings}}]}]
`);
    const d = xref(await c.waitForDiagnostics(uri, (x) => xref(x).length > 0));
    assert.equal(d[0].code, 'missing-reference');
    assert.match(String(d[0].message), /namespace dev/);
  }));

test('a selector that misses its own template is one error, the API server\'s, on the template labels (the selector related); selects-nothing warns', () =>
  withClient(async (c) => {
    const uri = `${ROOT}/sel/all.yaml`;
    c.open(uri, `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: webb}
    spec:
      containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`);
    const all = await c.waitForDiagnostics(uri, (x) => x.some((d) => d.code === 'selects-nothing') && x.some((d) => d.code === 'api-invalid'));
    const mismatch = all.filter((x) => String(x.message).includes('`selector` does not match template `labels`'));
    assert.equal(mismatch.length, 1, JSON.stringify(all.map((x) => [x.code, x.message])));
    assert.equal(mismatch[0].code, 'api-invalid');
    assert.equal(mismatch[0].severity, 1);
    assert.equal(mismatch[0].message, 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"webb"}: `selector` does not match template `labels`');
    assert.equal(mismatch[0].range.start.line, 8);
    assert.equal(mismatch[0].relatedInformation?.[0].location.range.start.line, 5);
    assert.ok(!all.some((x) => x.code === 'selector-mismatch'), 'no second diagnostic of the same rule');
    const nothing = xref(all).find((x) => x.code === 'selects-nothing')!;
    assert.equal(nothing.severity, 2);
    assert.deepEqual(nothing.data, { kind: 'Service', namespace: 'default', selector: 'app=web' });
  }));

test('duplicate-resource (same file) and target-port-not-found with candidates', () =>
  withClient(async (c) => {
    const uri = `${ROOT}/dup/all.yaml`;
    c.open(uri, `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: p}}
spec:
  containers: [{name: c, image: x, ports: [{name: metrics, containerPort: 9090}]}]
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  selector: {app: p}
  ports: [{port: 80, targetPort: http}]
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: 81}]
`);
    const d = xref(await c.waitForDiagnostics(uri, (x) => xref(x).length >= 3));
    const dups = d.filter((x) => x.code === 'duplicate-resource');
    assert.equal(dups.length, 2);
    assert.ok(dups.every((x) => x.severity === 1 && x.relatedInformation?.length === 1));
    const port = d.find((x) => x.code === 'target-port-not-found')!;
    assert.deepEqual(port.data, { portName: 'http', candidates: [{ name: 'metrics', containerPort: 9090 }] });
  }));

test('editing one file re-checks the files that reference it', () =>
  withClient(async (c) => {
    const cfg = `${ROOT}/dep/config.yaml`;
    const pod = `${ROOT}/dep/pod.yaml`;
    c.open(cfg, CONFIG);
    c.open(pod, `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers: [{name: c, image: x, envFrom: [{configMapRef: {name: later}}]}]
`);
    await c.waitForDiagnostics(pod, (x) => xref(x).some((d) => d.code === 'missing-reference'));
    // Define the ConfigMap in the other file: the pod's warning goes away without touching the pod file.
    const cleared = c.waitForDiagnostics(pod, (x) => xref(x).length === 0);
    c.change(cfg, CONFIG + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: later}\n');
    await cleared;
    // And comes back when it is renamed away.
    const back = c.waitForDiagnostics(pod, (x) => xref(x).length === 1);
    c.change(cfg, CONFIG + '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: later2}\n');
    await back;
  }));
