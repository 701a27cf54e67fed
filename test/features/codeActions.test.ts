// Code actions over the real protocol: open a document, wait for the server's own
// diagnostic, request textDocument/codeAction with it, apply the WorkspaceEdit, send
// the new text and check that the diagnostic is gone, no new error appeared, and
// comments survived. A fix whose diagnostic the server does not publish fails.

import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { InProcessClient } from '../support/inProcess';
import { applyWorkspaceEdit, commentsOf, find, parseAll } from '../support/codeActions';

let client: InProcessClient;
let counter = 0;

before(async () => {
  client = new InProcessClient();
  await client.initialize(undefined, undefined, { canCreateFiles: true });
});

after(async () => {
  await client.shutdown();
});

async function openAndDiagnose(text: string): Promise<{ uri: string; diags: Diagnostic[] }> {
  const uri = `file:///tmp/drydock-actions-lsp/case-${++counter}.yaml`;
  const wait = client.waitForDiagnostics(uri);
  client.open(uri, text);
  return { uri, diags: await wait };
}

async function resubmit(uri: string, text: string): Promise<Diagnostic[]> {
  const wait = client.waitForDiagnostics(uri);
  client.change(uri, text);
  return wait;
}

const errorCodes = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 1).map((d) => String(d.code)).sort();

/** The full LSP round trip for one quick fix. */
async function quickFixRoundTrip(t: TestContext, text: string, code: string, title: RegExp): Promise<string> {
  const { uri, diags } = await openAndDiagnose(text);
  const d = diags.find((x) => x.code === code);
  // A fix keyed on a diagnostic the server no longer publishes is a broken fix, not a skipped test.
  assert.ok(d, `the server publishes no "${code}" diagnostic for this input: ${JSON.stringify(diags.map((x) => [x.code, x.message]))}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const a = find(actions, title);
  assert.deepEqual(a.diagnostics?.[0]?.code, code);
  const fixed = applyWorkspaceEdit({ [uri]: text }, a.edit!)[uri];
  parseAll(fixed);
  const after = await resubmit(uri, fixed);
  assert.ok(!after.some((x) => x.code === code), `"${code}" is gone after "${a.title}": ${JSON.stringify(after.map((x) => x.message))}`);
  const before = errorCodes(diags.filter((x) => x !== d));
  for (const c of errorCodes(after)) assert.ok(before.includes(c), `no new error "${c}" after "${a.title}":\n${fixed}\n${JSON.stringify(after)}`);
  assert.deepEqual(commentsOf(fixed), commentsOf(text));
  client.close(uri);
  return fixed;
}

test('LSP: capability advertises the code action kinds', async () => {
  const { uri } = await openAndDiagnose('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n');
  const none = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } });
  assert.deepEqual(none, []);
});

test('LSP: unknown-field -> rename to the suggestion', async (t) => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web # keep\nspec:\n  replicas: 1\n  strategy:\n    rollingUpdate:\n      maxunavailable: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
  await quickFixRoundTrip(t, text, 'unknown-field', /Rename "maxunavailable" to "maxUnavailable"/);
});

test('LSP: unsupported value (api-invalid) -> suggested value', async (t) => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Nodeport # typo\n  ports:\n  - port: 80\n';
  await quickFixRoundTrip(t, text, 'api-invalid', /Change to "NodePort"/);
});

test('LSP: required value (api-invalid) -> insert with placeholder', async (t) => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  # no selector\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
  const fixed = await quickFixRoundTrip(t, text, 'api-invalid', /Add required field "selector"|selector/);
  if (fixed) assert.deepEqual(parseAll(fixed)[0].spec.selector, { matchLabels: { app: 'web' } });
});

test('LSP: removed-api Ingress extensions/v1beta1 -> networking.k8s.io/v1', async (t) => {
  const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - host: a.example.com # host\n    http:\n      paths:\n      - path: /\n        backend:\n          serviceName: web\n          servicePort: 80\n';
  await quickFixRoundTrip(t, text, 'removed-api', /Migrate Ingress to networking.k8s.io\/v1/);
});

test('LSP: removed-api CRD v1beta1 -> v1', async (t) => {
  const text = 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: foos.example.com\nspec:\n  group: example.com\n  version: v1\n  names:\n    kind: Foo\n    plural: foos\n  scope: Namespaced\n  validation:\n    openAPIV3Schema:\n      type: object\n      properties:\n        # spec\n        spec:\n          type: object\n';
  await quickFixRoundTrip(t, text, 'removed-api', /Migrate CustomResourceDefinition/);
});

test('LSP: removed-api HPA v2beta1 / Deployment apps/v1beta1 / CronJob / PDB', async (t) => {
  const cases: Array<[string, RegExp]> = [
    ['apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 60\n', /Migrate HorizontalPodAutoscaler/],
    ['apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx\n', /Migrate Deployment to apps\/v1/],
    ['apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n            image: busybox\n', /Migrate CronJob to batch\/v1/],
    ['apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n', /Migrate PodDisruptionBudget to policy\/v1/],
  ];
  for (const [text, title] of cases) await t.test(title.source, (st) => quickFixRoundTrip(st, text, 'removed-api', title).then(() => undefined));
});

const WORKLOAD = (labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n${labels}    spec:\n      containers:\n      - name: c\n        image: nginx\n        ports:\n        - name: http\n          containerPort: 8080\n`;

test('LSP: a selector that misses its template labels (api-invalid) -> both fixes', async (t) => {
  const text = WORKLOAD('        app: webb # typo\n');
  await t.test('add labels to template', (st) => quickFixRoundTrip(st, text, 'api-invalid', /^Add selector labels/).then(() => undefined));
  await t.test('set selector from template', (st) => quickFixRoundTrip(st, text, 'api-invalid', /^Set the selector from the template/).then(() => undefined));
});

test('LSP: missing-reference -> ConfigMap stub with key in the same file; new-file variant offered', async (t) => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    envFrom:\n    - configMapRef:\n        name: app-config # config\n';
  await quickFixRoundTrip(t, text, 'missing-reference', /Create ConfigMap "app-config" in this file/);
  const { uri, diags } = await openAndDiagnose(text);
  const d = diags.find((x) => x.code === 'missing-reference')!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const create = find(actions, /in new file configmap-app-config\.yaml/);
  assert.equal((create.edit!.documentChanges![0] as { kind: string }).kind, 'create');
});

test('LSP: selects-nothing -> closest label set', async (t) => {
  const text = WORKLOAD('        app: web\n') + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe # typo\n  ports:\n  - port: 80\n    targetPort: http\n';
  await quickFixRoundTrip(t, text, 'selects-nothing', /Select the pods of Deployment "web"/);
});

test('LSP: target-port-not-found -> matching container port', async (t) => {
  const text = WORKLOAD('        app: web\n') + '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: htp # typo\n';
  await quickFixRoundTrip(t, text, 'target-port-not-found', /Use container port "http"/);
});

test('LSP: refactorings (Edit decoded, Add Service) keep the file valid', async () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  # user\n  user: YWRtaW4=\n';
  const { uri, diags } = await openAndDiagnose(secret);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 6, character: 3 }, end: { line: 6, character: 3 } }, context: { diagnostics: [], only: ['refactor'] } });
  const decoded = applyWorkspaceEdit({ [uri]: secret }, find(actions, /^Edit decoded/).edit!)[uri];
  assert.deepEqual(parseAll(decoded)[0].stringData, { user: 'admin' });
  assert.deepEqual(errorCodes(await resubmit(uri, decoded)), errorCodes(diags));
  const dep = WORKLOAD('        app: web\n');
  const w = await openAndDiagnose(dep);
  const acts = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: w.uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
  for (const title of [/^Add Service/, /^Add PodDisruptionBudget/, /^Add resource requests/]) {
    const out = applyWorkspaceEdit({ [w.uri]: dep }, find(acts, title).edit!)[w.uri];
    const after = await resubmit(w.uri, out);
    assert.deepEqual(errorCodes(after), errorCodes(w.diags), `${title}: ${JSON.stringify(after)}`);
    assert.ok(!after.some((x) => x.code === 'selects-nothing'), 'the generated object selects the workload');
  }
});
