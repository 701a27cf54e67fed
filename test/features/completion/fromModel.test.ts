// Completion from the workspace model, over LSP (a server created in-process):
// names, keys, ports, label keys and values, node labels, taints, pod-template
// labels; in block style, flow style and half-typed lines.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { InProcessClient } from '../../support/inProcess';

let client: InProcessClient;
const ROOT = 'file:///tmp/drydock-completion-model';

const SHOP = `apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data: {LOG_LEVEL: info, MODE: fast}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: api-config, namespace: shop}
data: {API_URL: http://api}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: elsewhere-config, namespace: other}
data: {X: y}
---
apiVersion: v1
kind: Secret
metadata: {name: web-secret, namespace: shop}
stringData: {password: x}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}, {name: admin, port: 9000, targetPort: 9000}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: frontend, version: "2"}}
    spec:
      containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: worker, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker, tier: backend}}
    spec: {containers: [{name: w, image: busybox}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-a, labels: {disktype: ssd, topology.kubernetes.io/zone: eu-1a}}
spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-b, labels: {disktype: hdd, topology.kubernetes.io/zone: eu-1a}}
spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
---
apiVersion: v1
kind: Node
metadata: {name: node-c, labels: {disktype: ssd, topology.kubernetes.io/zone: eu-1b}}
`;

before(async () => {
  client = new InProcessClient();
  await client.initialize();
  client.open(`${ROOT}/shop/base.yaml`, SHOP);
  client.open(`${ROOT}/far/away/more.yaml`, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: aaa-far-config, namespace: shop}\ndata: {Z: z}\n');
});
after(async () => {
  await client.shutdown();
});

let n = 0;
async function completeAt(c: InProcessClient, textWithCursor: string, dir = 'shop'): Promise<{ items: any[]; text: string; line: number }> {
  const i = textWithCursor.indexOf('‸');
  assert.ok(i >= 0, 'test text needs a ‸ cursor');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  const uri = `${ROOT}/${dir}/edit${n++}.yaml`;
  c.open(uri, text);
  const res = await c.completion(uri, line, i - (before.lastIndexOf('\n') + 1));
  return { items: Array.isArray(res) ? res : res.items, text, line };
}

const labels = (items: any[]) => items.map((x) => x.label);
const sorted = (items: any[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
function item(items: any[], label: string): any {
  const it = items.find((x) => x.label === label);
  assert.ok(it, `no item "${label}" in ${JSON.stringify(labels(items).slice(0, 30))}`);
  return it;
}
function apply(text: string, it: any): string {
  const lines = text.split('\n');
  const off = (p: any) => lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  return text.slice(0, off(it.textEdit.range.start)) + it.textEdit.newText + text.slice(off(it.textEdit.range.end));
}

const POD = (spec: string, ns = 'shop') => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: ${ns}}\nspec:\n${spec}`;

test('name: ConfigMaps of this namespace only, nearest first, documented with file and line', async () => {
  const { items, text } = await completeAt(client, POD('  containers:\n    - name: a\n      envFrom:\n        - configMapRef:\n            name: ‸\n'));
  const l = labels(items);
  assert.ok(l.includes('web-config') && l.includes('api-config') && l.includes('aaa-far-config'));
  assert.ok(!l.includes('elsewhere-config'), 'another namespace');
  assert.ok(!l.includes('web-secret') && !l.includes('web'), 'objects of other kinds');
  const order = labels(sorted(items.filter((x) => x.label.endsWith('-config'))));
  assert.deepEqual(order, ['api-config', 'web-config', 'aaa-far-config'], 'same directory before another directory');
  const doc = item(items, 'web-config').documentation.value;
  assert.match(doc, /\[base\.yaml:3\]\(file:\/\/\/tmp\/drydock-completion-model\/shop\/base\.yaml#L3\)/);
  assert.match(doc, /Keys: `LOG_LEVEL`, `MODE`/);
  assert.equal(parse(apply(text, item(items, 'web-config'))).spec.containers[0].envFrom[0].configMapRef.name, 'web-config');
});

test('name on a half-typed line, and inside a flow map', async () => {
  const half = await completeAt(client, POD('  containers:\n    - name: a\n      env:\n        - name: X\n          valueFrom:\n            secretKeyRef:\n              name: web-s‸'));
  assert.ok(labels(half.items).includes('web-secret'));
  assert.deepEqual(item(half.items, 'web-secret').textEdit.range.start.character, 20, 'replaces the typed prefix');
  const flow = await completeAt(client, POD('  containers: [{name: a, envFrom: [{configMapRef: {name: ‸}}]}]\n'));
  assert.ok(labels(flow.items).includes('web-config'));
  const out = parse(apply(flow.text, item(flow.items, 'web-config')));
  assert.equal(out.spec.containers[0].envFrom[0].configMapRef.name, 'web-config');
});

test('key: the keys of the ConfigMap already named, not of another one', async () => {
  const { items } = await completeAt(client, POD('  containers:\n    - name: a\n      env:\n        - name: X\n          valueFrom:\n            configMapKeyRef:\n              name: web-config\n              key: ‸\n'));
  assert.deepEqual(labels(items).sort(), ['LOG_LEVEL', 'MODE']);
  assert.match(item(items, 'MODE').documentation.value, /base\.yaml:4/);
  const flow = await completeAt(client, POD('  volumes: [{name: v, configMap: {name: api-config, items: [{key: ‸, path: p}]}}]\n'));
  assert.deepEqual(labels(flow.items), ['API_URL'], 'volume items[].key, flow style');
});

test('port: Ingress backend port names and numbers of the Service named; Service targetPort from the selected pods', async () => {
  const ing = (port: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  ${port}\n`;
  const byName = await completeAt(client, ing('name: ‸'));
  assert.deepEqual(labels(byName.items).sort(), ['admin', 'http']);
  const byNumber = await completeAt(client, ing('number: ‸'));
  assert.deepEqual(labels(byNumber.items).sort(), ['80', '9000']);
  assert.equal(item(byNumber.items, '80').textEdit.newText, '80', 'a number, not a string');
  const svc = await completeAt(client, 'apiVersion: v1\nkind: Service\nmetadata: {name: web2, namespace: shop}\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: ‸\n');
  const l = labels(svc.items);
  assert.ok(l.includes('http') && l.includes('metrics') && l.includes('8080'), JSON.stringify(l));
  assert.equal(labels(sorted(svc.items))[0], 'http', 'names before numbers');
});

test('label keys then values in a selector, with how many objects each pair selects', async () => {
  const keys = await completeAt(client, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b, namespace: shop}\nspec:\n  selector:\n    matchLabels:\n      ‸\n');
  assert.deepEqual(labels(keys.items).filter((x) => ['app', 'tier', 'version'].includes(x)).sort(), ['app', 'tier', 'version']);
  const app = item(keys.items, 'app');
  assert.equal(app.textEdit.newText, 'app: ');
  assert.equal(app.command?.command, 'editor.action.triggerSuggest', 'values are suggested next');
  assert.match(app.detail, /2 pod templates · 5 pods/);
  const values = await completeAt(client, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b, namespace: shop}\nspec:\n  selector:\n    matchLabels:\n      tier: ‸\n');
  assert.deepEqual(labels(values.items).sort(), ['backend', 'frontend']);
  assert.match(item(values.items, 'frontend').detail, /selects 1 pod template · 3 pods/);
  assert.match(item(values.items, 'frontend').documentation.value, /Deployment web — \[base\.yaml:/);
  // A value that reads as a number is quoted, so the label stays a string.
  const quoted = await completeAt(client, 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector:\n    version: ‸\n');
  assert.equal(item(quoted.items, '2').textEdit.newText, '"2"');
});

test('label keys and values in flow style, matchExpressions (block and flow), and NetworkPolicy namespaceSelector', async () => {
  const flow = await completeAt(client, 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector: {app: web, ‸}\n');
  assert.ok(labels(flow.items).includes('tier') && !labels(flow.items).includes('app'), 'keys already present are left out');
  const halfKey = await completeAt(client, 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector:\n    ti‸\n');
  const tier = item(halfKey.items, 'tier');
  assert.deepEqual([tier.textEdit.range.start.character, tier.textEdit.range.end.character, tier.textEdit.newText], [4, 6, 'tier: '], 'a half-typed key is replaced');
  const flowValue = await completeAt(client, 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector: {app: ‸}\n');
  assert.deepEqual(labels(flowValue.items).sort(), ['web', 'worker']);
  const exprKey = await completeAt(client, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b, namespace: shop}\nspec:\n  selector:\n    matchExpressions:\n      - key: ‸\n');
  assert.ok(labels(exprKey.items).includes('tier'));
  assert.equal(item(exprKey.items, 'tier').textEdit.newText, 'tier');
  const block = await completeAt(client, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b, namespace: shop}\nspec:\n  selector:\n    matchExpressions:\n      - key: tier\n        operator: In\n        values:\n          - backend\n          - ‸\n');
  assert.ok(labels(block.items).includes('frontend'));
  const inFlow = await completeAt(client, 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: b, namespace: shop}\nspec:\n  selector:\n    matchExpressions: [{key: app, operator: In, values: [web, ‸]}]\n');
  assert.ok(labels(inFlow.items).includes('worker'));
  const ns = await completeAt(client, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: n, namespace: shop}\nspec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: ‸\n');
  assert.ok(labels(ns.items).includes('shop'), JSON.stringify(labels(ns.items)));
});

test("a workload's selector offers only its own template's labels; its template labels offer what selectors expect", async () => {
  const own = await completeAt(client, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api, namespace: shop}\nspec:\n  selector:\n    matchLabels:\n      app: ‸\n  template:\n    metadata:\n      labels: {app: api}\n    spec: {containers: [{name: a, image: x}]}\n');
  assert.deepEqual(labels(own.items), ['api'], 'the selector must match its own template');
  const tpl = await completeAt(client, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector:\n    matchLabels: {app: web, tier: frontend}\n  template:\n    metadata:\n      labels:\n        ‸\n    spec: {containers: [{name: a, image: x}]}\n', 'shop2');
  const pairs = labels(tpl.items);
  assert.ok(pairs.includes('app: web') && pairs.includes('tier: frontend'), JSON.stringify(pairs));
  assert.match(item(tpl.items, 'app: web').documentation.value, /Service web/, 'the Service named like the workload expects app=web');
  const value = await completeAt(client, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels:\n        app: ‸\n    spec: {containers: [{name: a, image: x}]}\n', 'shop2');
  assert.equal(labels(sorted(value.items))[0], 'web');
});

test('node labels (keys, values with node counts) in nodeSelector and node affinity; node names in matchFields', async () => {
  const keys = await completeAt(client, POD('  nodeSelector:\n    ‸\n'));
  const l = labels(keys.items);
  assert.ok(l.includes('disktype') && l.includes('topology.kubernetes.io/zone') && l.includes('kubernetes.io/hostname'), JSON.stringify(l));
  const values = await completeAt(client, POD('  nodeSelector: {disktype: ‸}\n'));
  assert.deepEqual(labels(sorted(values.items)), ['ssd', 'hdd'], 'most nodes first');
  assert.match(item(values.items, 'ssd').detail, /selects 2 nodes/);
  assert.match(item(values.items, 'ssd').documentation.value, /Node node-a — \[base\.yaml:/);
  const aff = await completeAt(client, POD('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions:\n              - key: topology.kubernetes.io/zone\n                operator: In\n                values: [‸]\n'));
  assert.deepEqual(labels(aff.items).sort(), ['eu-1a', 'eu-1b']);
  const fields = await completeAt(client, POD('  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchFields:\n              - key: metadata.name\n                operator: In\n                values:\n                  - ‸\n'));
  assert.deepEqual(labels(fields.items).filter((x) => x.startsWith('node-')), ['node-a', 'node-b', 'node-c']);
});

test('taints: toleration keys, values and effects with node counts; a whole toleration per taint', async () => {
  const key = await completeAt(client, POD('  tolerations:\n    - key: ‸\n'));
  assert.deepEqual(labels(key.items), ['dedicated']);
  assert.match(key.items[0].detail, /2 nodes/);
  const value = await completeAt(client, POD('  tolerations:\n    - key: dedicated\n      operator: Equal\n      value: ‸\n'));
  assert.deepEqual(labels(value.items), ['gpu']);
  const effect = await completeAt(client, POD('  tolerations: [{key: dedicated, effect: ‸}]\n'));
  assert.equal(labels(sorted(effect.items))[0], 'NoSchedule', 'the existing effect first, then the schema enum');
  const whole = await completeAt(client, POD('  tolerations:\n    - ‸\n'));
  const tol = item(whole.items, 'tolerate dedicated=gpu:NoSchedule');
  const out = parse(apply(whole.text, tol));
  assert.deepEqual(out.spec.tolerations, [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]);
  assert.match(tol.detail, /2 nodes carry it/);
});

test('without Node objects: the default cluster with the well-known node labels', async () => {
  const fresh = new InProcessClient();
  try {
    await fresh.initialize();
    const keys = await completeAt(fresh, POD('  nodeSelector:\n    ‸\n'));
    const l = labels(keys.items);
    for (const k of ['kubernetes.io/hostname', 'topology.kubernetes.io/zone', 'kubernetes.io/os', 'kubernetes.io/arch', 'node.kubernetes.io/instance-type']) assert.ok(l.includes(k), `${k} in ${JSON.stringify(l)}`);
    const zones = await completeAt(fresh, POD('  nodeSelector:\n    topology.kubernetes.io/zone: ‸\n'));
    assert.deepEqual(labels(zones.items).sort(), ['zone-a', 'zone-b', 'zone-c']);
    assert.match(item(zones.items, 'zone-a').documentation.value, /default simulated cluster/);
  } finally {
    await fresh.shutdown();
  }
});

// Every kind of source, in flow style and on a half-typed line: the expected value
// is offered, every model item says where its value comes from (a linked file:line,
// or the default simulated cluster), and accepting the value leaves no error on its line.
const INGRESS = (port: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  defaultBackend:\n    service: ${port}\n`;
const POD_SPEC = (rest: string) => POD(`  containers: [{name: c, image: nginx}]\n${rest}`);
/** `thenType`: what the user types after accepting a key item (its value). */
const SOURCES: Array<{ source: string; style: 'flow' | 'half-typed'; text: string; expected: string; thenType?: string }> = [
  { source: 'name', style: 'flow', text: POD_SPEC('  volumes: [{name: v, configMap: {name: ‸}}]\n'), expected: 'web-config' },
  { source: 'name', style: 'half-typed', text: POD_SPEC('  volumes:\n    - name: v\n      configMap:\n        name: api-‸'), expected: 'api-config' },
  { source: 'key', style: 'flow', text: POD(`  containers: [{name: c, image: nginx, env: [{name: X, valueFrom: {configMapKeyRef: {name: web-config, key: ‸}}}]}]\n`), expected: 'MODE' },
  { source: 'key', style: 'half-typed', text: POD('  containers:\n    - name: c\n      image: nginx\n      env:\n        - name: X\n          valueFrom:\n            configMapKeyRef:\n              name: web-config\n              key: LOG‸'), expected: 'LOG_LEVEL' },
  { source: 'port', style: 'flow', text: INGRESS('{name: web, port: {number: ‸}}'), expected: '9000' },
  { source: 'port', style: 'half-typed', text: INGRESS('\n      name: web\n      port:\n        name: ad‸'), expected: 'admin' },
  { source: 'label key', style: 'flow', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  ports: [{port: 80}]\n  selector: {tier: frontend, ‸}\n', expected: 'app', thenType: 'web' },
  { source: 'label key', style: 'half-typed', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  ports: [{port: 80}]\n  selector:\n    ver‸', expected: 'version', thenType: '"2"' },
  { source: 'label value', style: 'flow', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  ports: [{port: 80}]\n  selector: {tier: ‸}\n', expected: 'backend' },
  { source: 'label value', style: 'half-typed', text: 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  ports: [{port: 80}]\n  selector:\n    tier: fro‸', expected: 'frontend' },
  { source: 'node label', style: 'flow', text: POD_SPEC('  nodeSelector: {topology.kubernetes.io/zone: ‸}\n'), expected: 'eu-1b' },
  { source: 'node label', style: 'half-typed', text: POD_SPEC('  nodeSelector:\n    disk‸'), expected: 'disktype', thenType: 'ssd' },
  { source: 'taint', style: 'flow', text: POD_SPEC('  tolerations: [{key: ‸, operator: Exists}]\n'), expected: 'dedicated' },
  { source: 'taint', style: 'half-typed', text: POD_SPEC('  tolerations:\n    - key: dedicated\n      operator: Equal\n      value: g‸'), expected: 'gpu' },
];

for (const s of SOURCES) {
  test(`${s.source}, ${s.style}: offered, documented with its origin, and valid once accepted`, async () => {
    const { items, text, line } = await completeAt(client, s.text);
    const it = item(items, s.expected);
    const fromModel = items.filter((x) => x.sortText?.startsWith('0') && x.documentation?.kind === 'markdown');
    assert.ok(fromModel.includes(it), 'a model item');
    for (const m of fromModel) assert.match(m.documentation.value, /\]\(file:\/\/|default simulated cluster/, `"${m.label}" says where it comes from`);
    const accepted = apply(text, { ...it, textEdit: { ...it.textEdit, newText: it.textEdit.newText + (s.thenType ?? '') } });
    assert.ok(accepted.split('\n')[line].includes(s.expected), accepted);
    const uri = `${ROOT}/shop/accepted${n++}.yaml`;
    client.open(uri, accepted);
    const errors = (await client.waitForDiagnostics(uri)).filter((d) => d.severity === 1 && d.range.start.line === line);
    assert.deepEqual(errors.map((d) => d.message), [], `accepting "${s.expected}" leaves its line valid`);
  });
}
