// Name completion at references that carry kind + name (HPA scaleTargetRef,
// RoleBinding roleRef and subjects) before a kind is written: objects of every
// kind the reference may name are offered, and accepting one writes the kind
// (and apiVersion / apiGroup / namespace) beside the name with insertions only —
// comments survive and the result passes the API server's validation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { InProcessClient } from '../../support/inProcess';
import { applyItem, completeAt, errorsOf, itemLabelled, labelsOf } from '../../support/completion';

const ROOT = 'file:///tmp/drydock-completion-kindless';
let client: InProcessClient;

before(async () => {
  client = new InProcessClient();
  await client.initialize();
  client.open(
    `${ROOT}/app/targets.yaml`,
    [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m}}}]}\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: shop}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: db, image: postgres}]}\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-scalable, namespace: shop}\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: shop}\nrules: []\n',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: admin-view}\nrules: []\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web-sa, namespace: shop}\n',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ops-sa, namespace: ops}\n',
    ].join('---\n'),
  );
});
after(async () => {
  await client.shutdown();
});

const HPA = (ref: string) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: shop}\nspec:\n  minReplicas: 1\n  maxReplicas: 3\n  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}}]\n${ref}`;

test('scaleTargetRef without a kind: every scalable kind, and the kind and apiVersion are written (comments kept)', async () => {
  const { items, text } = await completeAt(client, `${ROOT}/app`, HPA('  scaleTargetRef:\n    # what to scale\n    name: ‸\n'));
  const l = labelsOf(items);
  assert.ok(l.includes('web') && l.includes('db'), JSON.stringify(l));
  assert.ok(!l.includes('not-scalable'), 'a ConfigMap cannot be scaled');
  const web = itemLabelled(items, 'web');
  assert.equal(web.labelDetails.description, 'Deployment');
  assert.match(web.documentation.value, /Also writes `kind: Deployment`, `apiVersion: apps\/v1`/);
  const out = applyItem(text, web);
  assert.match(out, /# what to scale\n    kind: Deployment\n    apiVersion: apps\/v1\n    name: web\n/);
  assert.deepEqual(parse(out).spec.scaleTargetRef, { kind: 'Deployment', apiVersion: 'apps/v1', name: 'web' });
  assert.deepEqual(await errorsOf(client, `${ROOT}/app`, out), []);
  assert.equal(parse(applyItem(text, itemLabelled(items, 'db'))).spec.scaleTargetRef.kind, 'StatefulSet');
});

test('scaleTargetRef in flow style and half typed; a kind without apiVersion; an apiVersion already written is kept', async () => {
  const flow = await completeAt(client, `${ROOT}/app`, HPA('  scaleTargetRef: {name: w‸}\n'));
  const out = applyItem(flow.text, itemLabelled(flow.items, 'web'));
  assert.match(out, /scaleTargetRef: \{kind: Deployment, apiVersion: apps\/v1, name: web\}/);
  assert.deepEqual(await errorsOf(client, `${ROOT}/app`, out), []);
  const kindOnly = await completeAt(client, `${ROOT}/app`, HPA('  scaleTargetRef: {kind: StatefulSet, name: ‸}\n'));
  assert.deepEqual(labelsOf(kindOnly.items), ['db'], 'the kind written decides; its apiVersion is written with the name');
  const db = applyItem(kindOnly.text, kindOnly.items[0]);
  assert.match(db, /scaleTargetRef: \{kind: StatefulSet, apiVersion: apps\/v1, name: db\}/);
  assert.deepEqual(await errorsOf(client, `${ROOT}/app`, db), []);
  const withVersion = await completeAt(client, `${ROOT}/app`, HPA('  scaleTargetRef:\n    apiVersion: apps/v1\n    name: ‸\n'));
  assert.deepEqual(parse(applyItem(withVersion.text, itemLabelled(withVersion.items, 'web'))).spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
});

test('roleRef without a kind: Roles and ClusterRoles from a RoleBinding, only ClusterRoles from a ClusterRoleBinding', async () => {
  const rb = await completeAt(client, `${ROOT}/app`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef:\n  name: ‸\nsubjects: [{kind: ServiceAccount, name: web-sa}]\n');
  assert.deepEqual(labelsOf(rb.items).sort(), ['admin-view', 'reader']);
  const out = applyItem(rb.text, itemLabelled(rb.items, 'reader'));
  assert.deepEqual(parse(out).roleRef, { kind: 'Role', apiGroup: 'rbac.authorization.k8s.io', name: 'reader' });
  assert.deepEqual(await errorsOf(client, `${ROOT}/app`, out), []);
  const crb = await completeAt(client, `${ROOT}/app`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  name: ‸\nsubjects: [{kind: ServiceAccount, name: web-sa, namespace: shop}]\n');
  assert.deepEqual(labelsOf(crb.items), ['admin-view'], 'a ClusterRoleBinding may only reference a ClusterRole');
  assert.deepEqual(parse(applyItem(crb.text, crb.items[0])).roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin-view' });
});

test('subjects without a kind: ServiceAccounts, writing the kind (and, from a ClusterRoleBinding, the namespace)', async () => {
  const rb = await completeAt(client, `${ROOT}/app`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n  - name: ‸\n');
  assert.deepEqual(labelsOf(rb.items), ['web-sa'], 'ServiceAccounts of the binding namespace');
  const out = applyItem(rb.text, rb.items[0]);
  assert.match(out, /subjects:\n  - kind: ServiceAccount\n    name: web-sa\n/);
  assert.deepEqual(await errorsOf(client, `${ROOT}/app`, out), []);
  const crb = await completeAt(client, `${ROOT}/app`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin-view}\nsubjects:\n  - {name: ‸}\n');
  assert.deepEqual(labelsOf(crb.items).sort(), ['ops-sa', 'web-sa'], 'every namespace');
  const ops = applyItem(crb.text, itemLabelled(crb.items, 'ops-sa'));
  assert.deepEqual(parse(ops).subjects, [{ kind: 'ServiceAccount', namespace: 'ops', name: 'ops-sa' }]);
  assert.deepEqual(await errorsOf(client, `${ROOT}/app`, ops), []);
  const user = await completeAt(client, `${ROOT}/app`, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}\nsubjects:\n  - kind: User\n    name: ‸\n');
  assert.deepEqual(labelsOf(user.items), [], 'a User is not an object of the workspace');
});
