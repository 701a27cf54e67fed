// Quick fixes at unit level: diagnostics built by hand following the diagnostic
// contract (codes + data), the fix applied, the result re-parsed and compared.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actionsFor, applyAction, applyWorkspaceEdit, commentsOf, diag, find, makeCtx, parseAll } from '../../support/codeActions';

const uri = 'file:///w/app.yaml';

function fixes(files: Record<string, string>, d: ReturnType<typeof diag>, canCreateFiles = false) {
  return actionsFor(makeCtx(files), uri, { diagnostic: d, only: ['quickfix'], canCreateFiles });
}

test('unknown-field: rename to the suggestion (data or message), comments kept', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  strategy:\n    rollingUpdate:\n      maxunavailable: 1 # keep one\n';
  const d = diag(text, 'maxunavailable', 'unknown-field', { suggestion: 'maxUnavailable' });
  const out = applyAction(uri, text, find(fixes({ [uri]: text }, d), /Rename "maxunavailable" to "maxUnavailable"/));
  assert.equal(out, text.replace('maxunavailable', 'maxUnavailable'));
  const fromMessage = diag(text, 'maxunavailable', 'unknown-field', {}, 'Unknown field "maxunavailable" in RollingUpdateDeployment. Did you mean "maxUnavailable"?');
  assert.equal(fixes({ [uri]: text }, fromMessage).length, 1);
  assert.equal(fixes({ [uri]: text }, diag(text, 'maxunavailable', 'unknown-field', {})).length, 0);
});

test('invalid-enum and unknown-kind suggestions', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: Nodeport\n';
  const d = diag(text, 'Nodeport', 'invalid-enum', { allowed: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'], suggestion: 'NodePort' });
  const acts = fixes({ [uri]: text }, d);
  assert.equal(acts[0].isPreferred, true);
  assert.equal(parseAll(applyAction(uri, text, acts[0]))[0].spec.type, 'NodePort');
  const k = 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: a\n';
  const kd = diag(k, 'apps/v1', 'unknown-kind', { suggestion: { apiVersion: 'apps/v1', kind: 'Deployment' } });
  assert.equal(parseAll(applyAction(uri, k, fixes({ [uri]: k }, kd)[0]))[0].kind, 'Deployment');
});

test('removed-api: Ingress v1beta1 -> networking.k8s.io/v1 with service backends and pathType', () => {
  const text = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: web # c1
spec:
  backend:
    serviceName: fallback
    servicePort: 80
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /api   # api
        backend:
          serviceName: api
          servicePort: http
      - backend:
          servicePort: "8080"
          serviceName: web
`;
  const d = diag(text, 'extensions/v1beta1', 'removed-api', { replacement: 'networking.k8s.io/v1', removedIn: '1.22' });
  const out = applyAction(uri, text, find(fixes({ [uri]: text }, d), /Migrate Ingress to networking.k8s.io\/v1/));
  const [ing] = parseAll(out);
  assert.deepEqual(ing.spec, {
    defaultBackend: { service: { name: 'fallback', port: { number: 80 } } },
    rules: [
      {
        host: 'a.example.com',
        http: {
          paths: [
            { path: '/api', pathType: 'ImplementationSpecific', backend: { service: { name: 'api', port: { name: 'http' } } } },
            { backend: { service: { name: 'web', port: { number: 8080 } } }, pathType: 'ImplementationSpecific' },
          ],
        },
      },
    ],
  });
  assert.equal(ing.apiVersion, 'networking.k8s.io/v1');
  assert.deepEqual(commentsOf(out), commentsOf(text));
  assert.ok(out.includes('name: web # c1') && out.includes('- path: /api   # api'));
});

test('removed-api: CRD v1beta1 -> v1 moves the schema (with comments) into versions[]', () => {
  const text = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata:
  name: foos.example.com
spec:
  group: example.com
  version: v1alpha1
  names:
    kind: Foo
    plural: foos
  scope: Namespaced
  subresources:
    status: {}
  additionalPrinterColumns:
  - name: Age
    type: date
    JSONPath: .metadata.creationTimestamp
  validation:
    openAPIV3Schema:
      type: object
      properties:
        # the spec
        spec:
          type: object
`;
  const d = diag(text, 'apiextensions.k8s.io/v1beta1', 'removed-api', { replacement: 'apiextensions.k8s.io/v1' });
  const out = applyAction(uri, text, fixes({ [uri]: text }, d)[0]);
  const [crd] = parseAll(out);
  assert.equal(crd.apiVersion, 'apiextensions.k8s.io/v1');
  assert.deepEqual(Object.keys(crd.spec).sort(), ['group', 'names', 'scope', 'versions']);
  assert.deepEqual(crd.spec.versions, [
    {
      name: 'v1alpha1',
      served: true,
      storage: true,
      schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } },
      subresources: { status: {} },
      additionalPrinterColumns: [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }],
    },
  ]);
  assert.ok(out.includes('# the spec'));
  // A CRD without any schema gets one that keeps v1beta1's behaviour.
  const bare = 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: bars.x.io\nspec:\n  group: x.io\n  version: v1\n  versions:\n  - name: v1\n    served: true\n    storage: true\n  - name: v2\n    served: false\n    storage: false\n  names: {kind: Bar, plural: bars}\n  scope: Cluster\n';
  const [b] = parseAll(applyAction(uri, bare, fixes({ [uri]: bare }, diag(bare, 'apiextensions.k8s.io/v1beta1', 'removed-api', {}))[0]));
  assert.deepEqual(b.spec.versions.map((v: { name: string; served: boolean; storage: boolean }) => [v.name, v.served, v.storage]), [['v1', true, true], ['v2', false, false]]);
  assert.equal(b.spec.versions[1].schema.openAPIV3Schema['x-kubernetes-preserve-unknown-fields'], true);
  assert.equal(b.spec.version, undefined);
});

test('removed-api: HPA v2beta1 metrics -> v2 targets; v2beta2 only changes apiVersion', () => {
  const text = 'apiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 5\n  metrics:\n  - type: Resource\n    resource:\n      name: cpu\n      targetAverageUtilization: 50\n  - type: Object\n    object:\n      target: {kind: Service, name: s}\n      metricName: rps\n      targetValue: 10\n';
  const [h] = parseAll(applyAction(uri, text, fixes({ [uri]: text }, diag(text, 'autoscaling/v2beta1', 'removed-api', { replacement: 'autoscaling/v2' }))[0]));
  assert.deepEqual(h.spec.metrics[0].resource, { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } });
  assert.deepEqual(h.spec.metrics[1].object, { describedObject: { kind: 'Service', name: 's' }, metric: { name: 'rps' }, target: { type: 'Value', value: 10 } });
  const b2 = text.replace('v2beta1', 'v2beta2');
  const out = applyAction(uri, b2, fixes({ [uri]: b2 }, diag(b2, 'autoscaling/v2beta2', 'removed-api', { replacement: 'autoscaling/v2' }))[0]);
  assert.equal(out, b2.replace('autoscaling/v2beta2', 'autoscaling/v2'));
});

test('removed-api: workloads -> apps/v1 get the selector from template labels; CronJob/PDB change apiVersion', () => {
  const text = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        image: i\n';
  const [dep] = parseAll(applyAction(uri, text, fixes({ [uri]: text }, diag(text, 'apps/v1beta1', 'removed-api', { replacement: 'apps/v1' }))[0]));
  assert.deepEqual(dep.spec.selector, { matchLabels: { app: 'web' } });
  assert.deepEqual(Object.keys(dep.spec), ['replicas', 'selector', 'template']);
  for (const [from, kind, to] of [['batch/v1beta1', 'CronJob', 'batch/v1'], ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1']]) {
    const t = `apiVersion: ${from}\nkind: ${kind}\nmetadata:\n  name: x\nspec: {}\n`;
    assert.equal(applyAction(uri, t, fixes({ [uri]: t }, diag(t, from, 'removed-api', {}))[0]), t.replace(from, to));
  }
  // No replacement known (PodSecurityPolicy): no action.
  const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\n';
  assert.deepEqual(fixes({ [uri]: psp }, diag(psp, 'policy/v1beta1', 'removed-api', { removedIn: '1.25' })), []);
});

const MISMATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n      tier: fe\n  template:\n    metadata:\n      labels:\n        app: website # typo\n    spec:\n      containers:\n      - name: c\n        image: i\n';

test('a selector that misses the template labels (api-invalid): add selector labels to the template, or set the selector from the template', () => {
  const message = 'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"website"}: `selector` does not match template `labels`';
  const d = diag(MISMATCH, 'labels', 'api-invalid', { type: 'FieldValueInvalid', field: 'spec.template.metadata.labels', path: ['spec', 'template', 'metadata', 'labels'] }, message);
  const acts = fixes({ [uri]: MISMATCH }, d);
  const [a] = parseAll(applyAction(uri, MISMATCH, find(acts, /^Add selector labels to the pod template/)));
  assert.deepEqual(a.spec.template.metadata.labels, { app: 'web', tier: 'fe' });
  assert.deepEqual(a.spec.selector, { matchLabels: { app: 'web', tier: 'fe' } });
  const [b] = parseAll(applyAction(uri, MISMATCH, find(acts, /^Set the selector from the template labels/)));
  assert.deepEqual(b.spec.selector, { matchLabels: { app: 'website' } });
  assert.deepEqual(b.spec.template.metadata.labels, { app: 'website' });
});

test('missing-required: inserts the field with a typed placeholder', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: c\n        ports:\n        - name: http\n';
  const sel = fixes({ [uri]: text }, diag(text, 'spec', 'missing-required', { field: 'selector', parentPath: ['spec'] }));
  assert.deepEqual(parseAll(applyAction(uri, text, sel[0]))[0].spec.selector, { matchLabels: { app: 'web' } });
  const port = fixes({ [uri]: text }, diag(text, '- name: http', 'missing-required', { field: 'containerPort', parentPath: ['spec', 'template', 'spec', 'containers', 0, 'ports', 0] }));
  const [p] = parseAll(applyAction(uri, text, port[0]));
  assert.equal(typeof p.spec.template.spec.containers[0].ports[0].containerPort, 'number');
});

test('missing-reference: stub in this file or a new file (with the key), or add the key to the existing object', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: team\nspec:\n  containers:\n  - name: c\n    image: i\n    env:\n    - name: A\n      valueFrom:\n        configMapKeyRef:\n          name: app-config\n          key: mode\n';
  const d = diag(pod, 'app-config', 'missing-reference', { targetKind: 'ConfigMap', name: 'app-config', namespace: 'team', key: 'mode', sourceKind: 'Pod' });
  const acts = fixes({ [uri]: pod }, d, true);
  const docs = parseAll(applyAction(uri, pod, find(acts, /in this file$/)));
  assert.deepEqual(docs[1], { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'team' }, data: { mode: '' } });
  const newFile = find(acts, /in new file/);
  const after = applyWorkspaceEdit({ [uri]: pod }, newFile.edit!);
  assert.equal(after[uri], pod);
  const created = Object.keys(after).find((u) => u !== uri)!;
  assert.match(created, /^file:\/\/\/w\/configmap-app-config\.yaml$/);
  assert.equal(parseAll(after[created])[0].kind, 'ConfigMap');
  // The ConfigMap exists in another file but lacks the key.
  const other = 'file:///w/cm.yaml';
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\n  namespace: team\ndata:\n  other: x # keep\n';
  const add = fixes({ [uri]: pod, [other]: cm }, d);
  assert.equal(add.length, 1);
  const res = applyWorkspaceEdit({ [uri]: pod, [other]: cm }, add[0].edit!);
  assert.deepEqual(parseAll(res[other])[0].data, { other: 'x', mode: '' });
  assert.ok(res[other].includes('# keep'));
  // PVC and ServiceAccount stubs.
  for (const kind of ['PersistentVolumeClaim', 'ServiceAccount', 'Secret']) {
    const a = fixes({ [uri]: pod }, diag(pod, 'app-config', 'missing-reference', { targetKind: kind, name: 'x', sourceKind: 'Pod' }));
    const stub = parseAll(applyAction(uri, pod, a[0]))[1];
    assert.equal(stub.kind, kind);
    assert.equal(stub.metadata.namespace, 'team');
  }
});

test('selects-nothing: offers the closest label sets of pod templates in the namespace', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: wbe\n  ports:\n  - port: 80\n';
  const work = (name: string, ns: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n        rev: "3"\n    spec:\n      containers:\n      - name: c\n        image: i\n`;
  const files = { [uri]: svc, 'file:///w/a.yaml': work('web', 'default'), 'file:///w/b.yaml': work('db', 'default'), 'file:///w/c.yaml': work('web2', 'other') };
  const acts = fixes(files, diag(svc, 'selector', 'selects-nothing', { kind: 'Service', namespace: 'default', selector: 'app=wbe' }));
  assert.deepEqual(acts.map((a) => a.title), ['Select the pods of Deployment "web" (app=web)', 'Select the pods of Deployment "db" (app=db)']);
  assert.deepEqual(parseAll(applyAction(uri, svc, acts[0]))[0].spec.selector, { app: 'web' });
});

test('unschedulable: add tolerations for taints; name the missing node label', () => {
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  selector:\n    matchLabels: {app: w}\n  template:\n    metadata:\n      labels: {app: w}\n    spec:\n      nodeSelector:\n        disk: ssd\n        zone: a\n      containers:\n      - name: c\n        image: i\n';
  const d = diag(dep, 'kind', 'unschedulable', { pod: 'w-1', reasons: ['untolerated taint'], taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }, { key: 'dedicated', effect: 'NoExecute' }], missingNodeLabels: { disk: 'ssd' } });
  const acts = fixes({ [uri]: dep }, d);
  const [t] = parseAll(applyAction(uri, dep, find(acts, /^Add tolerations/)));
  assert.deepEqual(t.spec.template.spec.tolerations, [
    { key: 'gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' },
    { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
  ]);
  const rm = find(acts, /No node has label disk=ssd: remove it from the pod's nodeSelector/);
  assert.deepEqual(parseAll(applyAction(uri, dep, rm))[0].spec.template.spec.nodeSelector, { zone: 'a' });
  // With declared Nodes, offer to label one.
  const nodes = 'file:///w/nodes.yaml';
  const nodeText = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\n  labels:\n    zone: a\n';
  const withNodes = actionsFor(makeCtx({ [uri]: dep, [nodes]: nodeText }), uri, { diagnostic: d });
  const lab = find(withNodes, /add it to Node "n1"/);
  assert.deepEqual(parseAll(applyWorkspaceEdit({ [uri]: dep, [nodes]: nodeText }, lab.edit!)[nodes])[0].metadata.labels, { zone: 'a', disk: 'ssd' });
});

test('target-port-not-found: use the matching container port', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector: {app: w}\n  ports:\n  - port: 80\n    targetPort: htp # named\n';
  const acts = fixes({ [uri]: svc }, diag(svc, 'htp', 'target-port-not-found', { portName: 'htp', candidates: [{ containerPort: 9090 }, { name: 'http', containerPort: 8080 }] }));
  assert.deepEqual(acts.map((a) => a.title), ['Use container port "http" (8080)', 'Use container port 9090']);
  const out = applyAction(uri, svc, acts[0]);
  assert.equal(out, svc.replace('targetPort: htp', 'targetPort: http'));
});

test('quick fixes ignore other sources and unknown codes', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
  const d = { ...diag(text, 'ConfigMap', 'unknown-field', { suggestion: 'x' }), source: 'other' };
  assert.deepEqual(fixes({ [uri]: text }, d), []);
  assert.deepEqual(fixes({ [uri]: text }, diag(text, 'ConfigMap', 'no-such-code', {})), []);
});
