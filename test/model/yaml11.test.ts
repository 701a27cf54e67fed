// kubectl's YAML 1.1 reading (go-yaml v2 resolve.go through sigs.k8s.io/yaml):
// the values the model holds, the warnings where YAML 1.2 reads otherwise, `<<`
// merges, and the wrong-type hint that names YAML 1.1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goYamlScalar, KUBECTL_SCHEMA, KUBECTL_SCHEMA_REFERENCE, yaml11Difference } from '../../server/src/model/yaml11';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { parseFile, toPlain } from '../../server/src/model/parse';
import { Workspace } from '../../server/src/model/workspace';
import { createFeatureContext } from '../../server/src/features/services';
import { docValidation } from '../../server/src/features/validation';

function plainOf(text: string): unknown {
  const f = parseFile('file:///y.yaml', text);
  return toPlain(f.docs[0], f.docs[0].yaml.contents);
}

function problemsOf(text: string): Array<{ code: string; at: string; message: string }> {
  const f = parseFile('file:///y.yaml', text);
  return f.docs[0].problems.map((p) => ({ code: p.code, at: text.slice(p.start, p.end), message: p.message }));
}

test('go-yaml v2 booleans: every spelling it accepts, and no other case variant', () => {
  for (const s of ['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']) assert.equal(goYamlScalar(s), true, s);
  for (const s of ['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']) assert.equal(goYamlScalar(s), false, s);
  for (const s of ['yES', 'oN', 'oFF', 'nO', 'YeS', 'enabled', 'ok', 't', 'f']) assert.equal(goYamlScalar(s), undefined, s);
});

test('go-yaml v2 numbers: ParseInt base 0 after removing underscores, then yamlStyleFloat', () => {
  const cases: Array<[string, number | undefined]> = [
    ['0644', 420], ['0755', 493], ['-0644', -420], ['0', 0], ['00', 0], ['08', 8], ['0o17', 15], ['0x1F', 31], ['-0x1F', -31],
    ['0b1010', 10], ['1_000', 1000], ['0_644', 420], ['1_000.5', 1000.5], ['+12', 12], ['1e3', 1000], ['.5', 0.5], ['1.', 1],
    ['_1', undefined], ['1:20', undefined], ['2001-12-14', undefined], ['0x', undefined], ['1.2.3', undefined], ['v1', undefined],
    ['9223372036854775807', 9223372036854775807], ['18446744073709551615', 18446744073709551615], ['-9223372036854775809', -9223372036854775809],
  ];
  for (const [s, want] of cases) assert.equal(goYamlScalar(s), want, s);
});

test('names of Object.prototype members stay strings (constructor, toString, __proto__)', () => {
  for (const s of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) assert.equal(goYamlScalar(s), undefined, s);
  assert.deepEqual(plainOf('a: constructor\nb: toString\nc: __proto__\nd: [valueOf]\n'), { a: 'constructor', b: 'toString', c: '__proto__', d: ['valueOf'] });
  assert.deepEqual(problemsOf('a: constructor\n'), []);
});

test('plain decimals read alike in both schemas (the fast path), however they are signed or written', () => {
  for (const s of ['0', '-0', '+7', '8080', '-12', '3.25', '0.5', '+1.0', '123456789012345']) {
    assert.equal(yaml11Difference(s), undefined, s);
    assert.ok(goYamlScalar(s) === Number(s), s); // -0 is int64 0 to go-yaml
  }
});

test('only the scalars YAML 1.2 reads otherwise differ', () => {
  for (const s of ['123', 'true', 'null', '0x1F', '0o17', '1e3', '.5', '-1.5', '.inf', 'web']) assert.equal(yaml11Difference(s), undefined, s);
  assert.equal(yaml11Difference('0644'), 420);
  assert.equal(yaml11Difference('yes'), true);
  assert.equal(yaml11Difference('off'), false);
  assert.equal(yaml11Difference('1_000'), 1000);
});

test('the model holds what kubectl sends: booleans, octal, boolean and number keys as strings', () => {
  const obj = plainOf('a: yes\nb: "yes"\nc: 0644\nd: \'0644\'\non: 1\n0755: x\ne: !!str off\nf: 2001-12-14\n');
  assert.deepEqual(obj, { a: true, b: 'yes', c: 420, d: '0644', true: 1, 493: 'x', e: 'off', f: '2001-12-14' });
});

test('a warning where YAML 1.2 and kubectl disagree, none where they agree', () => {
  const p = problemsOf('defaultMode: 0644\nreadOnly: yes\nname: "no"\nreplicas: 3\nsize: 1_000\non: x\nport: 0x50\n');
  assert.deepEqual(p.map((x) => [x.code, x.at]), [['yaml11-octal', '0644'], ['yaml11-bool', 'yes'], ['yaml11-number', '1_000'], ['yaml11-key', 'on']]);
  assert.match(p[0].message, /^kubectl reads 0644 as an octal number, 420 \(YAML 1\.1\); YAML 1\.2 tools read 644\. Write 0o644 or 420/);
  assert.match(p[3].message, /kubectl reads this key as "true"/);
});

test('a %YAML directive keeps the library\'s reading of that version (no kubectl warnings)', () => {
  assert.deepEqual(problemsOf('%YAML 1.2\n---\na: 0644\n').filter((p) => p.code.startsWith('yaml11')), []);
});

test('<< merges a mapping and a list of mappings; the map\'s own keys and earlier sources win', () => {
  const obj = plainOf('base: &b {a: 1, b: 2}\nother: &o {b: 3, c: 4}\nm:\n  <<: [*b, *o]\n  a: 9\n');
  assert.deepEqual((obj as { m: unknown }).m, { a: 9, b: 2, c: 4 });
});

function diagnostics(text: string) {
  const ws = new Workspace();
  const uri = 'file:///w/pod.yaml';
  ws.set(uri, text);
  const ctx = createFeatureContext(ws);
  const file = ws.get(uri)!;
  return file.docs.flatMap((d) => docValidation(ctx, file, d));
}

test('a string field written yes: the decoder\'s error, with a hint naming YAML 1.1', () => {
  const d = diagnostics('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  enabled: yes\n');
  const e = d.find((x) => x.code === 'wrong-type');
  assert.ok(e, JSON.stringify(d.map((x) => x.message)));
  assert.match(e!.message, /^json: cannot unmarshal bool into Go struct field ConfigMap\.data\b.* of type string/);
  assert.match(e!.message, /kubectl reads YAML 1\.1, where yes is the boolean true: quote it \("yes"\) for a string\./);
});

test('a container merged from an anchor: its fields count as set (no missing image), its own keys override', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - &base
    name: a
    image: nginx:1.25
  - <<: *base
    name: b
`;
  const errors = diagnostics(text).filter((x) => x.severity === 'error');
  assert.deepEqual(errors.map((x) => x.message), []);
  const obj = plainOf(text) as { spec: { containers: Array<{ name: string; image: string }> } };
  assert.deepEqual(obj.spec.containers[1], { name: 'b', image: 'nginx:1.25' });
});

test('a merged container without image is still refused (the merge does not hide a missing field)', () => {
  const text = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: a
    image: nginx:1.25
    ports: &ports
      - containerPort: 80
  - <<: {name: b}
`;
  const errors = diagnostics(text).filter((x) => x.severity === 'error');
  assert.ok(errors.some((x) => /spec\.containers\[1\]\.image: Required value/.test(x.message)), JSON.stringify(errors.map((x) => x.message)));
});

test('the plain-string shortcut reads every plain scalar exactly as the tags behind it do', () => {
  const words = ['true', 'True', 'TRUE', 'false', 'False', 'y', 'Y', 'yes', 'Yes', 'n', 'N', 'no', 'No', 'NO', 'on', 'On', 'off', 'OFF', 'null', 'Null', 'NULL', '~', '<<', 'nginx', 'name', 'tcp', 'TCP', 'o', 'f', 't'];
  const numbers = ['0', '1', '-1', '+1', '0x1F', '0o17', '017', '0b101', '1_000', '1.5', '.5', '1e3', '.inf', '-.Inf', '.nan', '1:20', '08', '0.1.2'];
  const letters = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].flatMap((c) => [c, `${c}x`, `${c}rue`, `${c}1`, `${c}.inf`, `${c}ull`, `${c}:8080`]);
  const others = ['/path', '_under', '$x', '%x', '2024-01-01', '2001-12-14t21:59:43.10-05:00', 'Infinity', 'NaN', 'inf', 'app.kubernetes.io/name', 'ClusterIP', 'IfNotPresent', 'é', 'ü1', '1Gi', '500m'];
  for (const scalar of [...words, ...numbers, ...letters, ...others]) {
    for (const text of [`k: ${scalar}\n`, `${scalar}: v\n`, `- ${scalar}\n`]) {
      const fast = parseDocument(text, { schema: KUBECTL_SCHEMA, uniqueKeys: false });
      const reference = parseDocument(text, { schema: KUBECTL_SCHEMA_REFERENCE, uniqueKeys: false });
      const node = (d: typeof fast): Scalar | undefined => {
        const c = d.contents;
        if (isMap(c)) return (text.startsWith('k:') ? c.items[0]?.value : c.items[0]?.key) as Scalar | undefined;
        return isScalar(c) ? c : ((c as { items?: Scalar[] } | null)?.items?.[0]);
      };
      const a = node(fast);
      const b = node(reference);
      // A merge key's value is a fresh symbol per parse: compared by its description.
      const shown = (v: unknown) => (typeof v === 'symbol' ? `symbol ${v.description}` : v);
      assert.deepEqual([fast.errors.length, typeof a?.value, shown(a?.value), a?.tag, a?.type], [reference.errors.length, typeof b?.value, shown(b?.value), b?.tag, b?.type], JSON.stringify(text));
      if (fast.errors.length === 0) assert.equal(fast.toString(), reference.toString(), JSON.stringify(text));
    }
  }
});
