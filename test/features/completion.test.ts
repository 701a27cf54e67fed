// Completion through the real protocol: the built server spoken to over stdio.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { InProcessClient } from '../support/inProcess';

let client: InProcessClient;
let n = 0;

before(async () => {
  client = new InProcessClient();
  await client.initialize();
});
after(async () => {
  await client.shutdown();
});

/** Opens `text` with the cursor at `|` and requests completion there. */
async function completeAt(textWithCursor: string): Promise<{ items: any[]; text: string; line: number; character: number; uri: string }> {
  const i = textWithCursor.indexOf('‸');
  assert.ok(i >= 0, 'test text needs a ‸ cursor');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  const character = i - (before.lastIndexOf('\n') + 1);
  const uri = `file:///tmp/drydock-completion/doc${n++}.yaml`;
  client.open(uri, text);
  const res = await client.completion(uri, line, character);
  const items = Array.isArray(res) ? res : res.items;
  return { items, text, line, character, uri };
}

function labels(items: any[]): string[] {
  return items.map((x) => x.label);
}

function byLabel(items: any[], label: string): any {
  const item = items.find((x) => x.label === label);
  assert.ok(item, `no completion item "${label}" in ${JSON.stringify(labels(items).slice(0, 40))}`);
  return item;
}

/** Applies an item's main edit and additional edits to the text. */
function applyItem(text: string, item: any): string {
  const edits = [item.textEdit, ...(item.additionalTextEdits ?? [])];
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  const sorted = edits.map((e) => ({ s: offset(e.range.start), e: offset(e.range.end), t: e.newText as string })).sort((a, b) => b.s - a.s);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.t + out.slice(e.e);
  return out.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '');
}

test('empty document: whole-resource snippets for the common kinds, plus apiVersion/kind', async () => {
  const { items } = await completeAt('‸');
  for (const kind of ['Deployment', 'Service', 'Ingress', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'NetworkPolicy', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount', 'Role', 'RoleBinding']) {
    const snippet = byLabel(items, kind);
    assert.equal(snippet.kind, 15, `${kind} is a snippet item`);
    assert.equal(snippet.insertTextFormat, 2);
    assert.match(snippet.textEdit.newText, new RegExp(`^apiVersion: \\S+\\nkind: ${kind}\\n`));
    assert.ok(snippet.documentation?.value.includes('```yaml'), 'documented with a preview');
  }
  assert.ok(labels(items).includes('apiVersion') && labels(items).includes('kind'));
  // The Deployment snippet expands to a document parsing as a Deployment.
  const dep = parse(applyItem('', byLabel(items, 'Deployment')));
  assert.equal(dep.kind, 'Deployment');
  assert.equal(dep.apiVersion, 'apps/v1');
  assert.deepEqual(dep.spec.selector.matchLabels, dep.spec.template.metadata.labels);
});

test('snippets are not offered once the document has a kind, nor below the top level', async () => {
  const top = await completeAt('apiVersion: v1\nkind: ConfigMap\n‸');
  assert.ok(!top.items.some((x: any) => x.kind === 15), 'no snippets in a ConfigMap');
  assert.ok(labels(top.items).includes('data'));
  assert.ok(!labels(top.items).includes('kind'), 'present keys are left out');
  assert.ok(!labels(top.items).includes('apiVersion'));
});

test('nested keys under spec: of a Deployment, required first, present keys left out, indentation for objects', async () => {
  const { items } = await completeAt('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  ‸\n');
  const l = labels(items);
  for (const k of ['selector', 'template', 'strategy', 'minReadySeconds']) assert.ok(l.includes(k), `offers ${k}`);
  assert.ok(!l.includes('replicas'), 'replicas is already present');
  assert.ok(!l.includes('containers'), 'no PodSpec keys at DeploymentSpec level');
  const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
  assert.deepEqual(sorted.slice(0, 2).map((x) => x.label).sort(), ['selector', 'template'], 'required keys sort first');
  const selector = byLabel(items, 'selector');
  assert.equal(selector.textEdit.newText, 'selector:\n    $0');
  assert.match(selector.documentation.value, /label selector/i);
  assert.match(selector.detail, /required/);
  const strategy = byLabel(items, 'strategy');
  assert.ok(!/required/.test(strategy.detail));
});

test('keys of a container (containers[0]), on a half-typed line without a colon', async () => {
  const doc = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx\n          ima‸\n';
  const { items, line } = await completeAt(doc);
  const l = labels(items);
  assert.ok(l.includes('imagePullPolicy') && l.includes('ports') && l.includes('resources'));
  assert.ok(!l.includes('image') && !l.includes('name'), 'image and name are present in this container');
  const ports = byLabel(items, 'ports');
  assert.equal(ports.textEdit.newText, 'ports:\n            - $0', 'arrays open a `- ` item, indented below the key');
  assert.deepEqual(ports.textEdit.range, { start: { line, character: 10 }, end: { line, character: 13 } }, 'replaces the typed word');
  const policy = byLabel(items, 'imagePullPolicy');
  assert.equal(policy.textEdit.newText, 'imagePullPolicy: $0');
});

test('a new sequence item `- |` offers the item keys; a scalar list offers its enum', async () => {
  const item = await completeAt('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  - ‸\n');
  assert.ok(labels(item.items).includes('name'), 'a new item has no keys yet');
  assert.ok(labels(item.items).includes('image'));
  const modes = await completeAt('apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes:\n    - ‸\n');
  assert.deepEqual(labels(modes.items).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
});

test('enum values after `imagePullPolicy: ` and booleans', async () => {
  const { items } = await completeAt('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      imagePullPolicy: ‸\n');
  assert.deepEqual(labels(items).sort(), ['Always', 'IfNotPresent', 'Never']);
  assert.ok(items.every((x: any) => x.documentation?.value.length > 0));
  const bools = await completeAt('apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: ‸\n');
  assert.deepEqual(labels(bools.items).sort(), ['false', 'true']);
  const svc = await completeAt('apiVersion: v1\nkind: Service\nspec:\n  type: Cl‸\n');
  assert.ok(labels(svc.items).includes('ClusterIP') && labels(svc.items).includes('LoadBalancer'));
  assert.deepEqual(byLabel(svc.items, 'ClusterIP').textEdit.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } });
});

test('kind: Dep| offers Deployment and adds the missing apiVersion', async () => {
  const { items, text } = await completeAt('kind: Dep‸\nmetadata:\n  name: web\n');
  const dep = byLabel(items, 'Deployment');
  assert.equal(dep.detail, 'apps/v1');
  assert.match(dep.documentation.value, /Deployment enables declarative updates/);
  const out = parse(applyItem(text, dep));
  assert.equal(out.apiVersion, 'apps/v1');
  assert.equal(out.kind, 'Deployment');
  assert.equal(out.metadata.name, 'web');
});

test('choosing a kind replaces a wrong apiVersion and keeps a right one', async () => {
  const wrong = await completeAt('apiVersion: v1\nkind: Dep‸\n');
  const out = parse(applyItem(wrong.text, byLabel(wrong.items, 'Deployment')));
  assert.deepEqual(out, { apiVersion: 'apps/v1', kind: 'Deployment' });
  const right = await completeAt('apiVersion: v1\nkind: Con‸\n');
  assert.equal(byLabel(right.items, 'ConfigMap').additionalTextEdits, undefined, 'v1 serves ConfigMap: no edit');
  const hpa = await completeAt('apiVersion: autoscaling/v1\nkind: Hor‸\n');
  const h = byLabel(hpa.items, 'HorizontalPodAutoscaler');
  assert.equal(h.detail, 'autoscaling/v1', 'a version serving the kind is kept');
  assert.equal(h.additionalTextEdits, undefined);
});

test('apiVersion values: the versions serving the kind next to it', async () => {
  const { items } = await completeAt('apiVersion: ‸\nkind: HorizontalPodAutoscaler\n');
  assert.deepEqual(labels(items), ['autoscaling/v2', 'autoscaling/v1']);
  const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
  assert.equal(sorted[0].label, 'autoscaling/v2', 'GA newest first');
});

test('completion in the second document of a multi-document file, with a broken line above', async () => {
  const doc = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  serviceName: [unclosed\n  volumeClaimTemplates:\n    - spec:\n        acc‸\n';
  const { items } = await completeAt(doc);
  assert.ok(labels(items).includes('accessModes'), JSON.stringify(labels(items)));
  assert.ok(labels(items).includes('storageClassName'));
});

test('no completions inside comments and block scalars; never an error', async () => {
  const c = await completeAt('apiVersion: v1\nkind: ConfigMap\n# spe‸\n');
  assert.equal(c.items.length, 0);
  const b = await completeAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    ec‸\n');
  assert.equal(b.items.length, 0);
  const junk = await completeAt('{{ broken: [ ‸\n');
  assert.ok(Array.isArray(junk.items));
});
