import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Workspace } from '../../server/src/model/workspace';
import { DEFAULT_SETTINGS, type DrydockSettings } from '../../server/src/features/context';
import { validationDiagnostics, VALIDATION_SLOT } from '../../server/src/features/validation';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { createFeatureContext } from '../../server/src/features/services';
import { collectInput } from '../../server/src/sim/input';
import { applyObject } from '../../server/src/sim/apiserver';
import { newState } from '../../server/src/sim/state';

function validate(text: string, opts: { uri?: string; settings?: Partial<DrydockSettings>; extra?: Record<string, string> } = {}): { diags: Diagnostic[]; text: string } {
  const ws = new Workspace();
  for (const [u, t] of Object.entries(opts.extra ?? {})) ws.set(u, t);
  const uri = opts.uri ?? 'file:///w/test.yaml';
  const file = ws.set(uri, text);
  const diags = validationDiagnostics(createFeatureContext(ws, { ...DEFAULT_SETTINGS, ...opts.settings }), file);
  return { diags, text };
}

/** The text a diagnostic's range covers (single-line ranges). */
function covered(text: string, d: Diagnostic): string {
  const line = text.split('\n')[d.range.start.line];
  assert.equal(d.range.start.line, d.range.end.line);
  return line.slice(d.range.start.character, d.range.end.character);
}

function only(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 1
  template:
    metadata:
      labels: {app: web}
      creationTimestamp: null
    spec:
      containers:
      - name: web
        image: nginx
        imagePullPolicy: IfNotPresent
        ports:
        - containerPort: 8080
          protocol: TCP
        env:
        - name: A
          value: "1"
        - name: B
        resources:
          requests: {cpu: 0.5, memory: 128Mi}
          limits: {cpu: 500m, memory: 1Gi, nvidia.com/gpu: 1}
        readinessProbe:
          httpGet: {port: http, path: /}
`;

test('a valid Deployment gets no diagnostics', () => {
  assert.deepEqual(validate(DEPLOYMENT).diags, []);
});

test('unknown fields get "did you mean" suggestions on the key', () => {
  const { diags, text } = validate(DEPLOYMENT.replace('maxUnavailable: 1', 'maxunavailable: 1').replace('matchLabels: {app: web}\n  strategy', 'matchExressions: []\n  strategy'));
  const unknown = only(diags, 'unknown-field');
  assert.equal(unknown.length, 2);
  assert.equal(unknown[0].message, 'strict decoding error: unknown field "spec.selector.matchExressions". Unknown field "matchExressions" in LabelSelector. Did you mean "matchExpressions"?');
  assert.equal(covered(text, unknown[0]), 'matchExressions');
  assert.deepEqual(unknown[0].data, { suggestion: 'matchExpressions' });
  assert.equal(unknown[1].message, 'strict decoding error: unknown field "spec.strategy.rollingUpdate.maxunavailable". Unknown field "maxunavailable" in RollingUpdateDeployment. Did you mean "maxUnavailable"?');
  assert.equal(covered(text, unknown[1]), 'maxunavailable');
  assert.deepEqual(unknown[1].range, { start: { line: 12, character: 6 }, end: { line: 12, character: 20 } });
  assert.equal(unknown[1].severity, 1);
  assert.equal(unknown[1].source, 'drydock');
});

test('wrong types on the value; API-server-accepted forms pass', () => {
  const { diags, text } = validate(DEPLOYMENT.replace('replicas: 2', 'replicas: "2"').replace('value: "1"', 'value: 1').replace('containerPort: 8080', 'containerPort: 80.5'));
  const wrong = only(diags, 'wrong-type');
  assert.deepEqual(wrong.map((d) => covered(text, d)), ['"2"', '80.5', '1']);
  assert.deepEqual(wrong.map((d) => d.data), [{ expected: 'integer' }, { expected: 'integer' }, { expected: 'string' }]);
  assert.match(String(wrong[2].message), /Expected a string for "value", got number 1\. Quote the value\./);
  const ios = validate(DEPLOYMENT.replace('maxSurge: 25%', 'maxSurge: [1]')).diags;
  assert.deepEqual(ios.map((d) => [d.code, (d.data as { expected: string }).expected]), [['wrong-type', 'integer or string']]);
});

test('missing required fields are reported at the parent, but not in kustomize patch files', () => {
  const text = DEPLOYMENT.replace('      - name: web\n        image: nginx', '      - image: nginx');
  const { diags } = validate(text);
  // The schema's required field and the API server's Required error are one diagnostic, in the API server's words.
  const missing = diags.filter((d) => /containers\[0\]\.name: Required value/.test(d.message as string));
  assert.equal(missing.length, 1);
  assert.equal(missing[0].code, 'api-invalid');
  assert.equal(missing[0].message, 'The Deployment "web" is invalid: spec.template.spec.containers[0].name: Required value');
  assert.equal(covered(text, missing[0]), 'image');
  assert.deepEqual(missing[0].data, {
    type: 'FieldValueRequired',
    field: 'spec.template.spec.containers[0].name',
    path: ['spec', 'template', 'spec', 'containers', 0, 'name'],
    required: { field: 'name', parentPath: ['spec', 'template', 'spec', 'containers', 0] },
  });
  const patched = validate(text, { uri: 'file:///w/patch.yaml', extra: { 'file:///w/kustomization.yaml': 'resources: [base.yaml]\npatches:\n- path: patch.yaml\n' } });
  assert.deepEqual(patched.diags.filter((d) => /Required value/.test(d.message as string)), []);
});

test('invalid enum values list the allowed ones and suggest the closest', () => {
  const { diags, text } = validate(DEPLOYMENT.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: always'));
  const e = diags.filter((d) => /Unsupported value/.test(d.message as string));
  assert.equal(e.length, 1);
  assert.equal(covered(text, e[0]), 'always');
  assert.equal(e[0].message, 'The Deployment "web" is invalid: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"');
  assert.deepEqual((e[0].data as { allowed: string[] }).allowed, ['Always', 'IfNotPresent', 'Never']);
  assert.equal((e[0].data as { suggestion: string }).suggestion, 'Always');
  assert.deepEqual(validate(DEPLOYMENT.replace('imagePullPolicy: IfNotPresent', 'imagePullPolicy: ""')).diags, []);
});

test('quantities: numbers and suffixed strings pass, malformed strings fail', () => {
  const { diags, text } = validate(DEPLOYMENT.replace('memory: 1Gi', 'memory: 1 Gi').replace('cpu: 500m', 'cpu: 5x'));
  assert.deepEqual(only(diags, 'invalid-quantity').map((d) => covered(text, d)), ['5x', '1 Gi']);
});

test('unknown apiVersion/kind pairs get a suggestion', () => {
  const svc = 'apiVersion: vl\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80}]}\n';
  const a = validate(svc);
  assert.equal(a.diags.length, 1);
  assert.equal(a.diags[0].code, 'unknown-kind');
  assert.equal(covered(a.text, a.diags[0]), 'vl');
  assert.deepEqual(a.diags[0].data, { suggestion: { apiVersion: 'v1', kind: 'Service' } });
  const pod = validate('apiVersion: apps/v1\nkind: Pod\nmetadata: {name: p}\n');
  assert.deepEqual(pod.diags[0].data, { suggestion: { apiVersion: 'v1', kind: 'Pod' } });
  const typo = validate('apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: d}\n');
  assert.equal(covered(typo.text, typo.diags[0]), 'Deploymnet');
  assert.deepEqual(typo.diags[0].data, { suggestion: { apiVersion: 'apps/v1', kind: 'Deployment' } });
  const group = validate('apiVersion: app/v1\nkind: Deployment\nmetadata: {name: d}\n');
  assert.deepEqual(group.diags[0].data, { suggestion: { apiVersion: 'apps/v1', kind: 'Deployment' } });
});

test('removed and deprecated APIs depend on the kubernetesVersion setting', () => {
  const ing = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\n';
  const removed = validate(ing);
  assert.equal(removed.diags.length, 1);
  assert.equal(removed.diags[0].code, 'removed-api');
  assert.equal(removed.diags[0].severity, 1);
  assert.equal(removed.diags[0].message, 'no matches for kind "Ingress" in version "extensions/v1beta1". extensions/v1beta1 Ingress was removed in Kubernetes 1.22. Use networking.k8s.io/v1 instead.');
  assert.deepEqual(removed.diags[0].data, { replacement: 'networking.k8s.io/v1', removedIn: '1.22', deprecatedIn: '1.14' });
  const old = validate(ing, { settings: { kubernetesVersion: '1.20' } });
  assert.equal(old.diags[0].code, 'deprecated-api');
  assert.equal(old.diags[0].severity, 2);
  assert.deepEqual(validate(ing, { settings: { kubernetesVersion: '1.13' } }).diags, []);
  const cron = validate('apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n');
  assert.deepEqual(cron.diags.map((d) => [d.code, (d.data as { replacement: string }).replacement]), [['removed-api', 'batch/v1']]);
  const psp = validate('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: p}\n');
  assert.match(String(psp.diags[0].message), /removed in Kubernetes 1\.25\. PodSecurityPolicy was removed; use Pod Security Admission/);
  // Served but deprecated: a warning, and the schema is still checked.
  const ep = validate('apiVersion: v1\nkind: Endpoints\nmetadata: {name: e}\nsubsets: []\nbogus: 1\n');
  assert.deepEqual(ep.diags.map((d) => [d.code, d.severity]), [['deprecated-api', 2], ['unknown-field', 1]]);
});

test('object names, namespaces, label keys and values follow the API server rules', () => {
  const text = `apiVersion: v1
kind: Service
metadata:
  name: My_Svc
  namespace: team.a
  labels:
    app.kubernetes.io/name: ok
    bad key: x
    example.com/v: "John Doe"
spec:
  selector: {"-x": z}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:controller:foo"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: a.b-c}
---
apiVersion: v1
kind: Namespace
metadata: {name: a.b}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: ${'c'.repeat(53)}}
spec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: i}]}}}}}
`;
  const { diags } = validate(text.replace('containers: [{name: c, image: i}]', 'restartPolicy: Never, containers: [{name: c, image: i}]'));
  const got = diags.map((d) => covered(text, d)).sort();
  // (`spec` carries the Service's missing ports.)
  assert.deepEqual(got, ['"-x"', '"John Doe"', 'My_Svc', 'a.b', 'bad key', 'c'.repeat(53), 'spec', 'team.a'].sort());
  for (const d of diags) assert.match(d.message as string, /^The (Service|Namespace|CronJob) "[^"]+" is invalid: (metadata|spec)\.[a-z.]+: (Invalid value: |Required value$)/);
});

test('duplicate keys point at the first occurrence', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n';
  const { diags } = validate(text);
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'duplicate-key');
  assert.deepEqual(diags[0].range.start, { line: 4, character: 2 });
  assert.deepEqual(diags[0].relatedInformation?.[0].location, { uri: 'file:///w/test.yaml', range: { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } } });
});

test('no Kubernetes diagnostics for non-Kubernetes YAML, templates, or CRs without a CRD', () => {
  assert.deepEqual(validate('name: ci\non: [push]\njobs: {build: {runs-on: x}}\n').diags, []);
  assert.deepEqual(validate('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: W_1}\nspec: {anything: [1]}\n').diags, []);
  assert.deepEqual(validate('apiVersion: v1\nkind: Config\nclusters: []\n').diags, [], 'kubeconfig files are not API objects');
  const tpl = validate('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n  bogus: 1\n');
  assert.deepEqual(tpl.diags, []);
});

test('List items are validated as the resources they are', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: {k: v}\n- apiVersion: v1\n  kind: Service\n  metadata: {name: b}\n  spec: {ports: [{port: "80"}]}\n';
  const { diags } = validate(text);
  assert.deepEqual(diags.map((d) => [d.code, covered(text, d)]), [['wrong-type', '"80"']]);
});

test('custom resources are validated against workspace CRDs', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
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
            required: [size]
            properties:
              size: {type: integer}
              mode: {type: string, enum: [fast, slow]}
              port: {x-kubernetes-int-or-string: true}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
              note: {type: string, nullable: true}
`;
  const cr = `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, labels: {a: b}}
spec:
  size: 3
  port: http
  mode: fast
  note: null
  extra: {whatever: [1, 2]}
`;
  const extra = { 'file:///w/crd.yaml': crd };
  assert.deepEqual(validate(cr, { extra }).diags, []);
  const bad = cr.replace('size: 3', 'sise: 3').replace('mode: fast', 'mode: fsat');
  const { diags, text } = validate(bad, { extra });
  // `size` is required, but its absence follows from the misspelt `sise`: one error, not two.
  assert.deepEqual(diags.map((d) => [d.code, covered(text, d)]), [
    ['unknown-field', 'sise'],
    ['invalid-enum', 'fsat'],
  ]);
  assert.equal(diags[0].message, 'strict decoding error: unknown field "spec.sise". Unknown field "sise" in Widget spec. Did you mean "size"?');
});

test('only the edited document of a large file is re-validated', () => {
  const ws = new Workspace();
  const ctx = createFeatureContext(ws);
  const docs = Array.from({ length: 50 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata: {k: v}\n`);
  const f1 = ws.set('file:///w/big.yaml', docs.join('---\n'));
  validationDiagnostics(ctx, f1);
  const before = f1.docs.map((d) => d.cache.get(VALIDATION_SLOT));
  assert.ok(before.every((c) => c !== undefined));
  const f2 = ws.set('file:///w/big.yaml', docs.join('---\n').replace('name: cm-7', 'name: cm_7'));
  const diags = validationDiagnostics(ctx, f2);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['api-invalid', 7 * 6 + 3]]);
  f2.docs.forEach((d, i) => {
    if (i === 7) assert.notEqual(d.cache.get(VALIDATION_SLOT), before[7]);
    else assert.equal(d.cache.get(VALIDATION_SLOT), before[i], `doc ${i} reused its cached diagnostics`);
  });
});

test('validation is registered as a diagnostic provider', () => {
  const ws = new Workspace();
  const file = ws.set('file:///w/a.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i, bogus: 1}]}\n');
  const diags = computeDiagnostics(createFeatureContext(ws), file);
  // Other layers add their own diagnostics; ours must be among them.
  assert.deepEqual(diags.filter((d) => d.code === 'unknown-field').map((d) => d.message), ['strict decoding error: unknown field "spec.containers[0].bogus". Unknown field "bogus" in Container.']);
});

test('a document with apiVersion and no kind: kubectl\'s "Object \'Kind\' is missing" on its apiVersion key, and the simulator refuses it with the same words', () => {
  const text = 'apiVersion: v1\nmetadata: {name: settings}\ndata: {a: b}\n';
  const { diags } = validate(text);
  assert.deepEqual(diags.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character, d.range.end.character]), [
    ['missing-kind', 'Object \'Kind\' is missing in \'{"apiVersion":"v1","data":{"a":"b"},"metadata":{"name":"settings"}}\'', 0, 0, 10],
  ]);
  // Files of other tools are not Kubernetes documents: a Helm Chart.yaml has apiVersion and no kind.
  assert.deepEqual(validate('apiVersion: v2\nname: web\nversion: 1.0.0\n', { uri: 'file:///w/chart/Chart.yaml' }).diags, []);
  const ws = new Workspace();
  ws.set('file:///w/cm.yaml', text);
  const { objects } = collectInput(ws);
  assert.equal(objects.length, 1);
  const res = applyObject(newState(), objects[0].object, objects[0].source, objects[0].decodeFailure);
  assert.equal(res.ok, false);
  assert.equal(!res.ok && res.message, diags[0].message);
});
