// The precomputed tables completion reads: pod-template labels per namespace
// (updated incrementally from the index's change batches) and node facts per
// workspace generation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../server/src/model/workspace';
import { createFeatureContext } from '../../../server/src/features/services';
import { nodeFacts, podLabelIndex } from '../../../server/src/features/completion/facts';

const deployment = (name: string, ns: string, labels: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {${labels}}}\n    spec: {containers: [{name: a, image: b}]}\n`;

function counts(table: Map<string, Map<string, Set<unknown>>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, values] of table) for (const [v, set] of values) out[`${k}=${v}`] = set.size;
  return out;
}

test('pod-template label tables follow edits, deletions and namespaces without a rebuild', () => {
  const ws = new Workspace();
  const ctx = createFeatureContext(ws);
  ws.set('file:///w/a.yaml', deployment('web', 'shop', 'app: web, tier: front') + '---\n' + deployment('api', 'shop', 'app: api, tier: back'));
  ws.set('file:///w/b.yaml', deployment('job', 'ops', 'app: job, tier: back'));
  const index = podLabelIndex(ctx);
  assert.deepEqual(counts(index.namespace('shop')), { 'app=web': 1, 'tier=front': 1, 'app=api': 1, 'tier=back': 1 });
  assert.deepEqual(counts(index.all())['tier=back'], 2, 'all namespaces together');
  // An edit of one document moves its labels; the table object is the same (kept, not rebuilt).
  ws.set('file:///w/a.yaml', deployment('web', 'shop', 'app: web, tier: back') + '---\n' + deployment('api', 'shop', 'app: api, tier: back'));
  assert.equal(podLabelIndex(ctx), index);
  assert.deepEqual(counts(index.namespace('shop')), { 'app=web': 1, 'app=api': 1, 'tier=back': 2 });
  assert.equal(counts(index.all())['tier=front'], undefined, 'a value nobody carries any more is gone');
  ws.delete('file:///w/b.yaml');
  assert.deepEqual(counts(podLabelIndex(ctx).namespace('ops')), {});
  assert.equal(counts(index.all())['tier=back'], 2);
});

test('node facts: workspace Nodes with their labels and taints, else the default cluster; per generation', () => {
  const ws = new Workspace();
  const ctx = createFeatureContext(ws);
  const def = nodeFacts(ctx);
  assert.equal(def.isDefault, true);
  assert.deepEqual([...def.labels.get('topology.kubernetes.io/zone')!.keys()].sort(), ['zone-a', 'zone-b', 'zone-c']);
  assert.equal(nodeFacts(ctx), def, 'cached while the workspace does not change');
  ws.set('file:///w/nodes.yaml', 'apiVersion: v1\nkind: Node\nmetadata: {name: n1, labels: {disk: ssd}}\nspec: {taints: [{key: gpu, effect: NoSchedule}]}\n');
  const declared = nodeFacts(ctx);
  assert.equal(declared.isDefault, false);
  assert.deepEqual(declared.nodes.map((n) => n.name), ['n1']);
  assert.equal(declared.labels.get('disk')?.get('ssd')?.size, 1);
  assert.equal(declared.labels.get('kubernetes.io/hostname')?.get('n1')?.size, 1, 'labels the kubelet sets');
  assert.deepEqual(declared.nodes[0].taints, [{ key: 'gpu', effect: 'NoSchedule' }]);
  assert.ok(declared.nodes[0].entry, 'linked to its manifest for the documentation');
});
