// Quick fixes for missing Services, Service ports and StorageClasses, and the HPA
// status migration, over the real protocol: open the files that make the server
// publish the diagnostic, request the fix, apply it, re-send and check the
// diagnostic is gone, nothing else changed and comments survived.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { InProcessClient } from '../../support/inProcess';
import { applyWorkspaceEdit, commentsOf, find, parseAll } from '../../support/codeActions';

let client: InProcessClient;
let counter = 0;

before(async () => {
  client = new InProcessClient();
  await client.initialize(undefined, undefined, { canCreateFiles: true });
});

after(async () => {
  await client.shutdown();
});

async function open(uri: string, text: string): Promise<Diagnostic[]> {
  const wait = client.waitForDiagnostics(uri);
  client.open(uri, text);
  return wait;
}

async function resubmit(uri: string, text: string): Promise<Diagnostic[]> {
  const wait = client.waitForDiagnostics(uri);
  client.change(uri, text);
  return wait;
}

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.message}`).sort();

/**
 * Opens `files` (the last one is the source), applies the fix titled `title` for the
 * source's diagnostic matching `match`, re-sends every changed file and returns the
 * new texts. Asserts the diagnostic is gone and no other diagnostic appeared.
 */
async function roundTrip(files: Record<string, string>, match: (d: Diagnostic) => boolean, title: RegExp): Promise<Record<string, string>> {
  // Every case in its own folder and namespace: the server keeps earlier cases' objects.
  const ns = `case${++counter}`;
  const dir = `file:///tmp/drydock-more-fixes/${ns}/`;
  const texts: Record<string, string> = {};
  const before: Record<string, Diagnostic[]> = {};
  for (const [name, text] of Object.entries(files)) {
    texts[dir + name] = text.replaceAll('NS', ns);
    before[dir + name] = await open(dir + name, texts[dir + name]);
  }
  const source = dir + Object.keys(files).at(-1)!;
  const d = before[source].find(match);
  assert.ok(d, `expected diagnostic in ${JSON.stringify(summary(before[source]))}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: source }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const a = find(actions, title);
  const fixed = applyWorkspaceEdit(texts, a.edit!);
  const afterDiags: Record<string, Diagnostic[]> = {};
  // When only another file changes, the source is re-checked as its dependent.
  const sourceAfter = client.waitForDiagnostics(source);
  for (const [uri, text] of Object.entries(fixed)) {
    if (text === texts[uri]) continue;
    parseAll(text);
    assert.deepEqual(commentsOf(text), commentsOf(texts[uri]), `comments survive in ${uri}`);
    afterDiags[uri] = await resubmit(uri, text);
  }
  afterDiags[source] = fixed[source] === texts[source] ? await sourceAfter : afterDiags[source];
  assert.deepEqual(summary(afterDiags[source]), summary(before[source].filter((x) => x !== d)), `only "${d.message}" is gone after "${a.title}"\n${fixed[source]}`);
  for (const [uri, ds] of Object.entries(afterDiags)) if (uri !== source) assert.deepEqual(summary(ds), summary(before[uri]), `${uri} unchanged diagnostics`);
  for (const uri of Object.keys(fixed)) client.close(uri);
  const out: Record<string, string> = {};
  for (const [uri, text] of Object.entries(fixed)) out[uri.slice(dir.length)] = text.replaceAll(ns, 'NS');
  return out;
}

const otherService = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: other\n  namespace: NS\nspec:\n  selector:\n    app: other\n  ports:\n  - port: 80\n';
const deployment = (name: string, portName: string, port: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: NS\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports:\n        - name: ${portName}\n          containerPort: ${port}\n`;
const ingress = (service: string, port: string) =>
  `# front door\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: NS\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: ${service} # the API\n            port:\n              ${port}\n`;

test('missing Service from an Ingress backend: stub selects the workload of that name, with the referenced port', async () => {
  const out = await roundTrip(
    { 'other.yaml': otherService + '---\n' + deployment('other', 'http', 80), 'api.yaml': deployment('api', 'http', 8080), 'ingress.yaml': ingress('api', 'number: 80') },
    (d) => d.code === 'missing-reference' && (d.data as { targetKind?: string })?.targetKind === 'Service',
    /Create Service "api" in this file/,
  );
  const docs = parseAll(out['ingress.yaml']);
  assert.equal(docs.length, 2);
  assert.deepEqual(docs[1].spec.selector, { app: 'api' });
  assert.deepEqual(docs[1].spec.ports, [{ name: 'http', port: 8080, targetPort: 'http' }, { name: 'port-80', port: 80, targetPort: 'http' }]);
  assert.ok(out['ingress.yaml'].startsWith(ingress('api', 'number: 80')), 'the Ingress itself is untouched');
});

test('missing Service port (named) is added to the existing Service from the selected container port', async () => {
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: NS\nspec:\n  selector:\n    app: api\n  ports:\n  # main port\n  - name: http\n    port: 80\n    targetPort: http\n';
  const out = await roundTrip(
    { 'api.yaml': deployment('api', 'metrics', 9090) + '---\n' + service, 'ingress.yaml': ingress('api', 'name: metrics') },
    (d) => d.code === 'missing-reference' && (d.data as { targetKind?: string })?.targetKind === 'Service port',
    /Add port "metrics" \(9090\) to Service "api"/,
  );
  const svc = parseAll(out['api.yaml'])[1];
  assert.deepEqual(svc.spec.ports, [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }]);
  assert.ok(out['api.yaml'].startsWith(deployment('api', 'metrics', 9090) + '---\n' + service), 'appended after the existing ports, nothing else changed');
});

test('missing Service port (number) is added to the existing Service', async () => {
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: NS\nspec:\n  selector:\n    app: api\n  ports:\n  - name: http\n    port: 80\n';
  const out = await roundTrip(
    { 'api.yaml': deployment('api', 'http', 80) + '---\n' + service, 'ingress.yaml': ingress('api', 'number: 8443') },
    (d) => d.code === 'missing-reference' && (d.data as { targetKind?: string })?.targetKind === 'Service port',
    /Add port 8443 to Service "api"/,
  );
  assert.deepEqual(parseAll(out['api.yaml'])[1].spec.ports, [{ name: 'http', port: 80 }, { name: 'port-8443', port: 8443 }]);
});

test('missing StorageClass from a PVC: a StorageClass stub with a placeholder provisioner', async () => {
  const sc = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard\nprovisioner: kubernetes.io/no-provisioner\n';
  const pvc = '# data volume\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: NS\nspec:\n  storageClassName: fast # SSD\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n';
  const out = await roundTrip({ 'sc.yaml': sc, 'pvc.yaml': pvc }, (d) => d.code === 'missing-reference' && (d.data as { targetKind?: string })?.targetKind === 'StorageClass', /Create StorageClass "fast" in this file/);
  assert.equal(out['pvc.yaml'], pvc + '---\napiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: kubernetes.io/no-provisioner\n');
});

async function migrate(text: string): Promise<string> {
  const uri = `file:///tmp/drydock-more-fixes-hpa/hpa-${++counter}.yaml`;
  const diags = await open(uri, text);
  const d = diags.find((x) => x.code === 'removed-api');
  assert.ok(d, JSON.stringify(summary(diags)));
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const fixed = applyWorkspaceEdit({ [uri]: text }, find(actions, /Migrate HorizontalPodAutoscaler to autoscaling\/v2/).edit!)[uri];
  const after = await resubmit(uri, fixed);
  assert.deepEqual(summary(after), [], fixed);
  assert.deepEqual(commentsOf(fixed), commentsOf(text));
  client.close(uri);
  return fixed;
}

const hpaHead = (v: string) => `# autoscaler\napiVersion: autoscaling/${v}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 1\n  maxReplicas: 5\n`;

test('HPA v2beta2 with status migrates to v2 exactly (only the apiVersion changes)', async () => {
  const body = '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      target:\n        type: Utilization\n        averageUtilization: 60\nstatus:\n  currentReplicas: 2\n  desiredReplicas: 2\n  # observed\n  currentMetrics:\n  - type: Resource\n    resource:\n      name: cpu\n      current:\n        averageUtilization: 42\n        averageValue: 210m\n';
  assert.equal(await migrate(hpaHead('v2beta2') + body), hpaHead('v2') + body);
});

test('HPA v2beta1 status metrics are converted to the v2 shape, not dropped', async () => {
  const text = hpaHead('v2beta1') + '  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 60\n  - type: Pods\n    pods:\n      metricName: qps\n      targetAverageValue: "10"\nstatus:\n  currentReplicas: 2\n  desiredReplicas: 2\n  # observed\n  currentMetrics:\n  - type: Resource\n    resource:\n      name: cpu\n      currentAverageUtilization: 42\n      currentAverageValue: 210m\n  - type: Pods\n    pods:\n      metricName: qps\n      currentAverageValue: "7"\n  - type: External\n    external:\n      metricName: queue\n      currentValue: "3"\n';
  const fixed = await migrate(text);
  assert.equal(
    fixed.slice(fixed.indexOf('status:')),
    'status:\n  currentReplicas: 2\n  desiredReplicas: 2\n  # observed\n  currentMetrics:\n  - type: Resource\n    resource:\n      name: cpu\n      current:\n        averageUtilization: 42\n        averageValue: 210m\n  - type: Pods\n    pods:\n      metric:\n        name: qps\n      current:\n        averageValue: "7"\n  - type: External\n    external:\n      metric:\n        name: queue\n      current:\n        value: "3"\n',
  );
});

test('missing Service from a StatefulSet serviceName: a headless stub selecting that StatefulSet', async () => {
  const sts = '# database\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: NS\nspec:\n  serviceName: db-headless # governing\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n      - name: pg\n        image: postgres\n        ports:\n        - containerPort: 5432\n';
  const out = await roundTrip({ 'other.yaml': otherService + '---\n' + deployment('other', 'http', 80), 'db.yaml': sts }, (d) => d.code === 'missing-reference' && (d.data as { targetKind?: string })?.targetKind === 'Service', /Create Service "db-headless" in this file/);
  assert.equal(out['db.yaml'], sts + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\n  namespace: NS\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n  - port: 5432\n    targetPort: 5432\n');
});

test('missing Service with no plausible workload: an empty selector placeholder and the referenced port', async () => {
  const out = await roundTrip(
    { 'other.yaml': otherService + '---\n' + deployment('other', 'http', 80), 'ingress.yaml': ingress('billing', 'name: grpc') },
    (d) => d.code === 'missing-reference' && (d.data as { targetKind?: string })?.targetKind === 'Service',
    /Create Service "billing" in this file/,
  );
  assert.equal(out['ingress.yaml'], ingress('billing', 'name: grpc') + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: billing\n  namespace: NS\nspec:\n  selector: {}\n  ports:\n  - name: grpc\n    port: 80\n');
});
