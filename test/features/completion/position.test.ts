// Unit tests: the text-based cursor analysis (half-typed YAML) and the snippets' validity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isMap, isSeq, type Node } from 'yaml';
import { analyseCursor, YamlOutline } from '../../../server/src/features/completion/position';
import { expandSnippet, RESOURCE_SNIPPETS } from '../../../server/src/features/completion/snippets';
import { versionRank } from '../../../server/src/features/completion/kinds';
import { getSchemaForResource, resolveSchemaAtPath } from '../../../server/src/schema/index';

function site(textWithCursor: string) {
  const i = textWithCursor.indexOf('‸');
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + 1);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  return analyseCursor(new YamlOutline(text.split('\n')), line, i - (before.lastIndexOf('\n') + 1));
}

test('key position: path from indentation, through sequences in both indent styles', () => {
  assert.deepEqual(site('spec:\n  repl‸')?.path, ['spec']);
  assert.deepEqual(site('spec:\n  template:\n    spec:\n      containers:\n        - name: a\n          ‸')?.path, ['spec', 'template', 'spec', 'containers', 0]);
  assert.deepEqual(site('spec:\n  containers:\n  - name: a\n  - name: b\n    im‸')?.path, ['spec', 'containers', 1]);
  assert.deepEqual(site('spec:\n  containers:\n  - name: a\n  ‸')?.path, ['spec'], 'at the dash column: a sibling of containers');
  assert.deepEqual(site('a:\n  b: 1\n\n  # note\n  ‸')?.path, ['a']);
  assert.deepEqual(site('‸')?.path, []);
  assert.deepEqual(site('kind: Pod\nrepl‸')?.path, []);
});

test('new sequence item and its index; siblings of the item', () => {
  const s = site('ports:\n  - port: 1\n  - port: 2\n  - ‸');
  assert.equal(s?.type, 'key');
  assert.deepEqual(s?.path, ['ports', 2]);
  const t = site('containers:\n  - name: a\n    image: b\n    ‸\n    ports: []\n  - name: c');
  assert.deepEqual([...t!.siblings.keys()].sort(), ['image', 'name', 'ports'], 'only the keys of this item');
});

test('value position: `key: ` with an empty or partial value', () => {
  const s = site('spec:\n  containers:\n    - imagePullPolicy: If‸');
  assert.equal(s?.type, 'value');
  assert.deepEqual(s?.path, ['spec', 'containers', 0, 'imagePullPolicy']);
  assert.deepEqual(s?.replace, [23, 25]);
  const k = site('apiVersion: v1\nkind: ‸');
  assert.deepEqual(k?.path, ['kind']);
  assert.equal(k?.siblings.get('apiVersion')?.value, 'v1');
});

test('block scalars, comments and scalars yield no site', () => {
  assert.equal(site('data:\n  s: |\n    ec‸'), undefined);
  assert.equal(site('# co‸'), undefined);
  assert.equal(site('a: scalar\n  b‸'), undefined, 'a scalar value cannot hold keys');
  assert.equal(site('a: {b: "x ‸"}'), undefined, 'inside a quoted string of a flow map');
});

test('flow collections: keys, values and sequence items, nested and over several lines', () => {
  const v = site('spec:\n  selector:\n    matchLabels: {app: we‸}');
  assert.deepEqual([v?.type, v?.path, v?.replace], ['value', ['spec', 'selector', 'matchLabels', 'app'], [23, 25]]);
  const k = site('spec:\n  selector: {app: web, ‸, tier: x}');
  assert.equal(k?.type, 'key');
  assert.deepEqual(k?.path, ['spec', 'selector']);
  assert.deepEqual([...k!.siblings.keys()].sort(), ['app', 'tier'], 'keys before and after the cursor');
  assert.ok(k?.type === 'key' && k.flow);
  const item = site('a: [x, ‸');
  assert.deepEqual([item?.type, item?.path], ['value', ['a', 1]]);
  const nested = site('spec:\n  containers: [{name: a, envFrom: [{configMapRef: {name: ‸}}]}]');
  assert.deepEqual(nested?.path, ['spec', 'containers', 0, 'envFrom', 0, 'configMapRef', 'name']);
  const multi = site('spec:\n  selector: {\n    app: web,\n    ‸\n  }');
  assert.deepEqual([multi?.type, multi?.path], ['key', ['spec', 'selector']]);
  const expr = site('x:\n  - {key: zone, values: [a, ‸]}');
  assert.deepEqual(expr?.path, ['x', 0, 'values', 1]);
  assert.equal(expr?.outer?.get('key')?.value, 'zone', 'the enclosing map is read for the expression key');
  const after = site('a: {b: c}\nd: ‸');
  assert.deepEqual([after?.type, after?.path], ['value', ['d']], 'a closed flow above does not capture the cursor');
});

test('an existing key keeps its colon: only the name is replaced', () => {
  const s = site('spec:\n  rep‸licas: 3');
  assert.equal(s?.type, 'key');
  assert.ok(s?.type === 'key' && s.keyExists);
  assert.deepEqual(s?.replace, [2, 10]);
});

test('every snippet expands to YAML whose keys all exist in the kind\'s schema', () => {
  for (const s of RESOURCE_SNIPPETS) {
    const doc = parseDocument(expandSnippet(s.body));
    assert.equal(doc.errors.length, 0, `${s.kind}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const js = doc.toJS();
    assert.equal(js.kind, s.kind);
    assert.equal(js.apiVersion, s.apiVersion);
    const [group, version] = s.apiVersion.includes('/') ? s.apiVersion.split('/') : ['', s.apiVersion];
    const root = getSchemaForResource(group, version, s.kind);
    assert.ok(root, `${s.apiVersion} ${s.kind} is a bundled kind`);
    const visit = (node: unknown, path: Array<string | number>) => {
      if (isMap(node)) {
        for (const p of node.items) {
          const key = String((p.key as { value: unknown }).value);
          const next = [...path, key];
          assert.ok(resolveSchemaAtPath(root!, next), `${s.kind}: ${next.join('.')} is not in the schema`);
          visit(p.value, next);
        }
      } else if (isSeq(node)) node.items.forEach((item, i) => visit(item, [...path, i]));
    };
    visit(doc.contents as Node, []);
  }
});

test('version preference: GA > beta > alpha, newer first', () => {
  const sorted = ['v1beta1', 'v2', 'v1alpha1', 'v1', 'v2beta2'].sort((a, b) => versionRank(b) - versionRank(a));
  assert.deepEqual(sorted, ['v2', 'v1', 'v2beta2', 'v1beta1', 'v1alpha1']);
});
