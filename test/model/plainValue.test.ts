// The allocation-light conversion of parsed nodes (model/plainValue.ts): wherever
// it answers, its value is the `yaml` library's `toJS()` exactly (same own keys in
// the same order, same property descriptors, same types); wherever it cannot
// reproduce the library it says so, and toPlain falls back to the library.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node } from 'yaml';
import { parseFile, toPlain, TO_JS_OPTIONS } from '../../server/src/model/parse';
import { plainValue, UNSUPPORTED } from '../../server/src/model/plainValue';

/** Structural identity: key order, own-property descriptors and prototypes included. */
function assertSame(actual: unknown, expected: unknown, at = '$'): void {
  if (expected === null || typeof expected !== 'object') {
    assert.ok(Object.is(actual, expected), `${at}: ${String(actual)} !== ${String(expected)}`);
    return;
  }
  assert.ok(actual !== null && typeof actual === 'object', `${at}: not an object`);
  assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected), `${at}: prototype`);
  assert.deepEqual(Reflect.ownKeys(actual as object), Reflect.ownKeys(expected as object), `${at}: keys`);
  for (const k of Reflect.ownKeys(expected as object)) {
    const a: PropertyDescriptor = Object.getOwnPropertyDescriptor(actual, k)!;
    const e: PropertyDescriptor = Object.getOwnPropertyDescriptor(expected, k)!;
    assert.deepEqual([a.writable, a.enumerable, a.configurable], [e.writable, e.enumerable, e.configurable], `${at}.${String(k)}: descriptor`);
    assertSame(a.value, e.value, `${at}.${String(k)}`);
  }
}

function contentsOf(text: string) {
  const doc = parseFile('file:///w.yaml', text).docs[0];
  return { doc, node: doc.yaml.contents as Node };
}

const SUPPORTED: Array<[string, string]> = [
  ['scalars of every type', 'a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: "x"\ng: plain\nh: 0x1F\ni: .inf\nj:\n'],
  ['YAML 1.1 readings of values', 'a: yes\nb: off\nc: 0777\nd: 1_000\n'],
  ['nested maps and sequences', 'spec:\n  containers:\n    - name: a\n      ports: [{containerPort: 80}, {containerPort: 443}]\n    - name: b\n  list: [1, [2, 3], {}]\n'],
  ['keys that are not strings', '1: a\ntrue: b\n1.5: c\nnull: d\n'],
  ['an empty key', ': value\n'],
  ['duplicate keys: the last one, defined as an own property', 'a: 1\nb: 2\na: 3\n'],
  ['Object.prototype member names as keys', 'constructor: a\ntoString: b\nhasOwnProperty: c\n__proto__: d\nvalueOf: {x: 1}\n'],
  ['a sequence at the top', '- 1\n- a\n- {b: c}\n- \n'],
  ['a flow map inside a block sequence', 'a: [x, y]\nb: {c: [d]}\n'],
  ['a pair inside a flow sequence (composed as a one-pair map)', 'a: [b: 1, c]\n'],
  ['a large integer', 'a: 123456789012345678901234567890\n'],
];

for (const [name, text] of SUPPORTED) {
  test(`converted without the library, identical to toJS(): ${name}`, () => {
    const { doc, node } = contentsOf(text);
    const fast = plainValue(node);
    assert.notEqual(fast, UNSUPPORTED, 'expected the fast path');
    assertSame(fast, node.toJS(doc.yaml, TO_JS_OPTIONS));
    assertSame(toPlain(doc, node), node.toJS(doc.yaml, TO_JS_OPTIONS));
  });
}

const FALLBACK: Array<[string, string]> = [
  ['an anchor and an alias', 'a: &x {b: 1}\nc: *x\n'],
  ['an anchor alone', 'a: &x 1\n'],
  ['a merge key', 'base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n'],
  ['a collection as a key', '? [a, b]\n: c\n'],
  ['!!set', 'a: !!set {x, y}\n'],
  ['!!omap', 'a: !!omap [x: 1, y: 2]\n'],
  ['!!timestamp', 'a: !!timestamp 2001-12-14\n'],
  ['!!binary', 'a: !!binary aGVsbG8=\n'],
];

for (const [name, text] of FALLBACK) {
  test(`left to the library: ${name}`, () => {
    const { doc, node } = contentsOf(text);
    assert.equal(plainValue(node), UNSUPPORTED);
    assertSame(toPlain(doc, node), node.toJS(doc.yaml, TO_JS_OPTIONS));
  });
}

test('too many aliases still fail through the library (billion laughs), and toPlain answers undefined', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
  const { doc, node } = contentsOf(lines.join('\n') + '\n');
  assert.equal(plainValue(node), UNSUPPORTED);
  assert.equal(toPlain(doc, node), undefined);
});

test('nesting deeper than the walk goes is left to the library', () => {
  const depth = 260;
  const text = `${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  const { doc, node } = contentsOf(text);
  assert.equal(plainValue(node), UNSUPPORTED);
  assertSame(toPlain(doc, node), node.toJS(doc.yaml, TO_JS_OPTIONS));
});
