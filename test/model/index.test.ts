// ResourceIndex.namespaces(): the namespace -> objects map follows edits and
// deletions, holds namespaced objects only (written namespace, or `default`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceIndex } from '../../server/src/model/index';
import { Workspace } from '../../server/src/model/workspace';

const names = (index: ResourceIndex) => Object.fromEntries([...index.namespaces()].map(([ns, objects]) => [ns, [...objects].map((e) => `${e.kind}/${e.name}`).sort()]));

test('namespaces(): objects per namespace, kept up to date as files change', () => {
  const ws = new Workspace();
  const index = new ResourceIndex(ws);
  ws.set('file:///w/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: shop}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n');
  ws.set('file:///w/b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: shop}\n');
  assert.deepEqual(names(index), { shop: ['ConfigMap/a', 'ConfigMap/b'], default: ['Secret/s'] }, 'the Namespace object itself is cluster-scoped');
  ws.set('file:///w/b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: staging}\n', 1);
  assert.deepEqual(names(index), { shop: ['ConfigMap/a'], default: ['Secret/s'], staging: ['ConfigMap/b'] });
  ws.delete('file:///w/a.yaml');
  assert.deepEqual(names(index), { staging: ['ConfigMap/b'] }, 'an emptied namespace is gone');
});
