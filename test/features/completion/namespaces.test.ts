// Namespace completion over LSP (in-process): metadata.namespace, the namespace
// of a RoleBinding subject, pod-affinity `namespaces` lists; every item says
// where the namespace comes from and how many objects are in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { InProcessClient } from '../../support/inProcess';
import { applyItem, completeAt, inEditorOrder, itemLabelled, labelsOf } from '../../support/completion';

const ROOT = 'file:///tmp/drydock-completion-namespaces';
let client: InProcessClient;

before(async () => {
  client = new InProcessClient();
  await client.initialize();
  client.open(
    `${ROOT}/cluster/namespaces.yaml`,
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: empty\n',
  );
  client.open(
    `${ROOT}/apps/objects.yaml`,
    [
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: shop}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: staging}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d, namespace: Not_A_Label}\n',
    ].join('---\n'),
  );
});
after(async () => {
  await client.shutdown();
});

test('metadata.namespace: Namespace objects and namespaces in use, documented with file:line and object count', async () => {
  const { items, text } = await completeAt(client, `${ROOT}/apps`, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ‸\n');
  const l = labelsOf(items);
  for (const ns of ['shop', 'empty', 'staging']) assert.ok(l.includes(ns), `${ns} in ${JSON.stringify(l)}`);
  assert.ok(!l.includes('Not_A_Label'), 'a namespace the API server would reject is not offered');
  const shop = itemLabelled(items, 'shop');
  assert.match(shop.documentation.value, /Namespace object in \[\.\.\/cluster\/namespaces\.yaml:4\]/);
  assert.match(shop.documentation.value, /2 objects in it, e\.g\. ConfigMap a — \[objects\.yaml:3\]/);
  assert.match(itemLabelled(items, 'empty').documentation.value, /no objects in it yet/);
  assert.match(itemLabelled(items, 'staging').documentation.value, /no Namespace object in the workspace/);
  assert.match(itemLabelled(items, 'staging').detail, /1 object · no Namespace object/);
  assert.deepEqual(labelsOf(inEditorOrder(items)).slice(0, 2), ['shop', 'empty'], 'declared namespaces first, fullest first');
  assert.equal(parse(applyItem(text, shop)).metadata.namespace, 'shop');
});

test('not at a cluster-scoped object, a template or a label', async () => {
  const cluster = await completeAt(client, `${ROOT}/apps`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\n  namespace: ‸\n');
  assert.ok(!labelsOf(cluster.items).includes('shop'));
  const label = await completeAt(client, `${ROOT}/apps`, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  labels:\n    namespace: ‸\n');
  assert.ok(!labelsOf(label.items).includes('shop'));
});

test('subject namespace (flow style), affinity namespaces list (block and flow), on a half-typed line', async () => {
  const subject = await completeAt(client, `${ROOT}/apps`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}\nsubjects:\n  - {kind: ServiceAccount, name: x, namespace: ‸}\n');
  assert.ok(labelsOf(subject.items).includes('staging'), JSON.stringify(labelsOf(subject.items)));
  const pod = (affinity: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers: [{name: c, image: x}]\n  affinity:\n    podAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        - topologyKey: kubernetes.io/hostname\n${affinity}`;
  const block = await completeAt(client, `${ROOT}/apps`, pod('          namespaces:\n            - ‸\n'));
  assert.ok(labelsOf(block.items).includes('shop'), JSON.stringify(labelsOf(block.items)));
  const flow = await completeAt(client, `${ROOT}/apps`, pod('          namespaces: [shop, ‸]\n'));
  assert.ok(labelsOf(flow.items).includes('staging'));
  const half = await completeAt(client, `${ROOT}/apps`, 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: sta‸');
  const staging = itemLabelled(half.items, 'staging');
  assert.deepEqual([staging.textEdit.range.start.character, staging.textEdit.range.end.character], [13, 16], 'the typed prefix is replaced');
});
