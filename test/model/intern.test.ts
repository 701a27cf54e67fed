import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'yaml';
import { parseFile } from '../../server/src/model/parse';
import { ParseInterner } from '../../server/src/model/intern';
import { Workspace } from '../../server/src/model/workspace';

const TEXT = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n';

function kindRange(ws: Workspace, uri: string): unknown {
  const doc = ws.get(uri)!.docs[0];
  return (doc.yaml.get('kind', true) as Node).range;
}

test('files of one workspace share range arrays; two workspaces in one process share nothing', () => {
  const a = new Workspace();
  const b = new Workspace();
  a.set('file:///a1.yaml', TEXT);
  a.set('file:///a2.yaml', TEXT.replace('name: a', 'name: b'));
  b.set('file:///b1.yaml', TEXT);
  // Same layout in one workspace: one shared array.
  assert.equal(kindRange(a, 'file:///a1.yaml'), kindRange(a, 'file:///a2.yaml'));
  // Same text in another workspace: equal values, its own array (each server has its own table).
  assert.deepEqual(kindRange(b, 'file:///b1.yaml'), kindRange(a, 'file:///a1.yaml'));
  assert.notEqual(kindRange(b, 'file:///b1.yaml'), kindRange(a, 'file:///a1.yaml'));
});

test('copies of a workspace (withFile, derived) keep sharing its table', () => {
  const ws = new Workspace();
  ws.set('file:///a.yaml', TEXT);
  const copy = ws.withFile('file:///b.yaml', TEXT.replace('name: a', 'name: c'));
  assert.equal(copy.interner, ws.interner);
  assert.equal(kindRange(copy, 'file:///b.yaml'), kindRange(ws, 'file:///a.yaml'));
  assert.equal(ws.derived(new Set(), []).interner, ws.interner);
});

test('parseFile without a table shares within the file only', () => {
  // Both chunks start with the marker, so their nodes have the same chunk-local ranges.
  const two = `---\n${TEXT}---\n${TEXT}`;
  const f = parseFile('file:///x.yaml', two);
  const g = parseFile('file:///y.yaml', two);
  const range = (file: typeof f, i: number) => (file.docs[i].yaml.get('kind', true) as Node).range;
  assert.equal(range(f, 0), range(f, 1));
  assert.notEqual(range(f, 0), range(g, 0));
  const shared = new ParseInterner();
  assert.equal(range(parseFile('file:///p.yaml', two, 0, undefined, shared), 0), range(parseFile('file:///q.yaml', two, 0, undefined, shared), 0));
});

test('ParseInterner.string returns the first copy of an equal short string, and long strings as given', () => {
  const t = new ParseInterner();
  const first = ['app.kubernetes.io/', 'name'].join('');
  assert.equal(t.string(first), first);
  assert.equal(t.string('app.kubernetes.io/name'), first);
  const long = 'x'.repeat(100);
  assert.equal(t.string(long), long);
});
