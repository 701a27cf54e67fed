import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, splitDocuments } from '../server/src/model/parse';

test('splitDocuments splits at markers and keeps leading comments with the next document', () => {
  const text = '# header\n---\na: 1\n---\n# c\nb: 2\n...\nc: 3\n';
  const chunks = splitDocuments(text).map(([s, e]) => text.slice(s, e));
  assert.deepEqual(chunks, ['# header\n---\na: 1\n', '---\n# c\nb: 2\n...\n', 'c: 3\n']);
});

test('parseFile reuses unchanged documents and only re-parses the edited one', () => {
  const docs = Array.from({ length: 5 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`);
  const text = docs.join('---\n');
  const a = parseFile('file:///x.yaml', text);
  assert.equal(a.docs.length, 5);
  assert.deepEqual(a.docs.map((d) => d.resources[0].name), ['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4']);
  const edited = text.replace('cm-2', 'cm-two');
  const b = parseFile('file:///x.yaml', edited, 2, a);
  assert.equal(b.docs[0], a.docs[0]);
  assert.equal(b.docs[4], a.docs[4]);
  assert.notEqual(b.docs[2], a.docs[2]);
  assert.equal(b.docs[2].resources[0].name, 'cm-two');
  // Documents after the edit moved by 2 characters; their start follows.
  assert.equal(b.docs[4].start, edited.lastIndexOf('---\n'));
});

test('List items are resources; non-Kubernetes YAML has none', () => {
  const f = parseFile('file:///l.yaml', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n');
  assert.deepEqual(f.docs[0].resources.map((r) => `${r.kind}/${r.name}`), ['Service/a', 'ConfigMap/b']);
  const g = parseFile('file:///g.yaml', 'foo: bar\n');
  assert.equal(g.docs[0].isKubernetes, false);
  assert.equal(g.docs[0].resources.length, 0);
});

test('an empty document between two markers does not merge its neighbours', () => {
  const text = 'a: 1\n---\n# only a comment\n---\nb: 2\n';
  const f = parseFile('file:///e.yaml', text);
  assert.equal(f.docs.length, 2);
  assert.ok(f.docs.every((d) => d.problems.length === 0), JSON.stringify(f.docs.map((d) => d.problems)));
});

test('template detection: {{ in string values is data, {{ as structure is a template', () => {
  const data = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    summary: "{{ $labels.instance }} is down"\ndata:\n  a: |\n    {{ if .x }}y{{ end }}\n  # a comment with {{ braces }}\n';
  assert.equal(parseFile('file:///d.yaml', data).isTemplate, false);
  const helm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n';
  assert.equal(parseFile('file:///h.yaml', helm).isTemplate, true);
  const structural = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{- if .x }}\ndata: {}\n{{- end }}\n';
  assert.equal(parseFile('file:///s.yaml', structural).isTemplate, true);
  const key = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  "{{ k }}": v\n';
  assert.equal(parseFile('file:///k.yaml', key).isTemplate, true);
});
