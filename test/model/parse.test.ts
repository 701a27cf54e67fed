import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileParse, parseFile, splitDocuments } from '../../server/src/model/parse';
import { SYNC_PARSE_BYTES, Workspace } from '../../server/src/model/workspace';

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

const cm = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: "${'v'.repeat(200)}"\n`;
/** More than SYNC_PARSE_BYTES of documents: setAsync parses it in slices. */
const bigText = (from = 0) => {
  const docs: string[] = [];
  for (let i = from, n = 0; n <= SYNC_PARSE_BYTES; i++) {
    docs.push(cm(i));
    n += docs[docs.length - 1].length;
  }
  return docs.join('---\n');
};
const names = (ws: Workspace, uri: string) => ws.get(uri)?.docs.map((d) => d.resources[0]?.name);

test('FileParse in steps gives the same file as parseFile, and counts only the text to parse', () => {
  const text = bigText();
  const whole = parseFile('file:///a.yaml', text);
  const job = new FileParse('file:///a.yaml', text, 0);
  assert.equal(job.bytesToParse, whole.docs.reduce((n, d) => n + d.text.length, 0));
  let steps = 0;
  while (!job.step(0)) steps++; // a deadline in the past: one document per step
  assert.ok(steps >= whole.docs.length - 1);
  const stepped = job.finish();
  assert.deepEqual(stepped.docs.map((d) => [d.start, d.index, d.resources[0].name]), whole.docs.map((d) => [d.start, d.index, d.resources[0].name]));
  const edit = new FileParse('file:///a.yaml', text.replace('cm-3\n', 'cm-three\n'), 1, whole);
  assert.equal(edit.bytesToParse, ('---\n' + cm(3)).length + 'three'.length - 1);
});

test('setAsync: a big parse runs in slices, the previous version stays in the model until it completes', async () => {
  const ws = new Workspace();
  const uri = 'file:///big.yaml';
  ws.set(uri, cm(-1));
  const before = ws.get(uri)!;
  const changes: number[] = [];
  ws.onDidChange(() => changes.push(ws.generation));
  const text = bigText();
  const pending = ws.setAsync(uri, text, 2);
  assert.equal(ws.isParsing(uri), true);
  assert.equal(ws.get(uri), before, 'the old version answers requests meanwhile');
  assert.deepEqual(changes, []);
  const file = await pending;
  assert.ok(file);
  assert.equal(ws.get(uri), file);
  assert.equal(file.version, 2);
  assert.equal(ws.isParsing(uri), false);
  assert.deepEqual(names(ws, uri), parseFile(uri, text).docs.map((d) => d.resources[0].name));
  assert.equal(changes.length, 1);
});

test('setAsync: a newer edit supersedes a running parse and reuses what it parsed; the old file keeps its offsets', async () => {
  const ws = new Workspace();
  const uri = 'file:///big.yaml';
  const small = [cm(0), cm(1)].join('---\n');
  const before = ws.set(uri, small);
  const starts = before.docs.map((d) => d.start);
  // A big block inserted before the two documents moves them (their parses are reused).
  const first = ws.setAsync(uri, bigText(100) + '---\n' + small, 2);
  assert.deepEqual(before.docs.map((d) => d.start), starts, 'reused documents are not moved before the parse completes');
  await new Promise((r) => setImmediate(r));
  assert.equal(ws.isParsing(uri), true);
  const edited = bigText(100) + '---\n' + small.replace('cm-0\n', 'cm-zero\n');
  const second = ws.setAsync(uri, edited, 3);
  assert.equal(await first, undefined, 'the superseded parse is dropped');
  const file = await second;
  assert.ok(file);
  assert.equal(ws.get(uri), file);
  assert.equal(file.version, 3);
  const expected = parseFile(uri, edited);
  assert.deepEqual(file.docs.map((d) => [d.start, d.index, d.resources[0].name]), expected.docs.map((d) => [d.start, d.index, d.resources[0].name]));
  assert.equal(file.docs[file.docs.length - 1], before.docs[1], 'the unchanged document of the old version is reused');
  assert.equal(before.docs[1].start, expected.docs[expected.docs.length - 1].start, 'and moved once the parse completed');
});

test('setAsync: a keystroke (one small document re-parsed) is applied at once; delete supersedes a running parse', async () => {
  const ws = new Workspace();
  const uri = 'file:///k.yaml';
  const text = bigText();
  await ws.setAsync(uri, text, 1);
  void ws.setAsync(uri, text.replace('cm-5\n', 'cm-55\n'), 2);
  assert.equal(ws.isParsing(uri), false);
  assert.equal(ws.get(uri)!.version, 2, 'applied synchronously');
  assert.equal(names(ws, uri)![5], 'cm-55');

  const other = 'file:///gone.yaml';
  const running = ws.setAsync(other, text);
  ws.delete(other);
  assert.equal(await running, undefined);
  assert.equal(ws.get(other), undefined);
});

test('shared scalar strings: values, sources and ranges are exactly what the text says, across many documents', () => {
  // More distinct short strings than the shared table holds, so it starts over mid-file.
  const long = 'x'.repeat(80);
  const docs = Array.from(
    { length: 51_000 },
    (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "cm-${i}"\ndata:\n  k: |\n    line-${i % 7}\n  long: ${long}\n  num: ${i}\n`,
  );
  const file = parseFile('file:///many.yaml', docs.join('---\n'));
  assert.equal(file.docs.length, 51_000);
  for (const i of [0, 1, 49_999, 50_500, 50_999]) {
    const d = file.docs[i];
    assert.equal(d.resources[0].name, `cm-${i}`);
    assert.deepEqual(d.yaml.toJS(), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `cm-${i}` },
      data: { k: `line-${i % 7}\n`, long, num: i },
    });
    const name = (d.yaml.getIn(['metadata', 'name'], true) as { source?: string; range: number[] });
    assert.equal(name.source, `cm-${i}`);
    assert.equal(d.text.slice(name.range[0], name.range[1]), `"cm-${i}"`);
  }
});

test('documents with the same layout keep correct node ranges after one of them is edited', () => {
  const doc = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;
  const a = parseFile('file:///a.yaml', [doc('aaa'), doc('bbb'), doc('ccc')].join('---\n'));
  const other = parseFile('file:///b.yaml', doc('zzz'));
  const edited = parseFile('file:///a.yaml', [doc('aaa'), doc('a-much-longer-name'), doc('ccc')].join('---\n'), 2, a);
  const check = (d: (typeof a.docs)[number], name: string) => {
    const nameNode = d.yaml.getIn(['metadata', 'name'], true) as { range: number[] };
    assert.equal(d.text.slice(nameNode.range[0], nameNode.range[1]), name);
    const value = d.yaml.getIn(['data', 'key'], true) as { range: number[] };
    assert.equal(d.text.slice(value.range[0], value.range[1]), 'value');
  };
  check(edited.docs[0], 'aaa');
  check(edited.docs[1], 'a-much-longer-name');
  check(edited.docs[2], 'ccc');
  check(other.docs[0], 'zzz');
  check(a.docs[1], 'bbb');
});
