// The one walk over a parsed document (model/parseWalk.ts): mapping findings in
// the order validation reports them, YAML 1.1 readings of keys and values, and
// the depth beyond which only mapping findings go on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/model/parse';

function findingsOf(text: string): Array<[string, string]> {
  const doc = parseFile('file:///w.yaml', text).docs[0];
  return doc.mapFindings.map((d) => [d.code, text.slice(d.start, d.end)]);
}

test('slash comments of every mapping come first, then duplicate keys, each in document order', () => {
  const text = 'a: 1\nb: x // one\nc:\n  a: 2\n  a: 3\n  d: y // two\na: 4\n';
  assert.deepEqual(findingsOf(text), [
    ['slash-comment', '// one'],
    ['slash-comment', '// two'],
    ['duplicate-key', 'a'],
    ['duplicate-key', 'a'],
  ]);
  const doc = parseFile('file:///w.yaml', text).docs[0];
  // A mapping before the mappings inside it: the top-level duplicate (pointing at line 1) first, then the nested one.
  const dup = doc.mapFindings.filter((d) => d.code === 'duplicate-key');
  assert.equal(dup[0].start, text.indexOf('a: 4'));
  assert.equal(dup[0].related!.start, 0);
  assert.equal(dup[1].start, text.indexOf('  a: 3') + 2);
  assert.equal(dup[1].related!.start, text.indexOf('  a: 2') + 2);
});

test('a map with more than eight keys finds its duplicates too (the Map path), merge keys may repeat', () => {
  const keys = Array.from({ length: 12 }, (_, i) => `k${i}: ${i}`).join('\n');
  assert.deepEqual(findingsOf(`${keys}\nk3: again\nk11: again\n`), [
    ['duplicate-key', 'k3'],
    ['duplicate-key', 'k11'],
  ]);
  assert.deepEqual(findingsOf('base: &b {x: 1}\nother: &o {y: 2}\nm:\n  <<: *b\n  <<: *o\n'), []);
});

test('pairs written in a flow sequence are walked like mapping entries', () => {
  assert.deepEqual(findingsOf('list: [a: {x: 1, x: 2}]\n'), [['duplicate-key', 'x']]);
  const doc = parseFile('file:///w.yaml', 'list: [yes: on]\n').docs[0];
  assert.deepEqual(doc.problems.map((p) => p.code), ['yaml11-key', 'yaml11-bool']);
});

test('YAML 1.1 readings of keys and values in document order; none under a %YAML directive', () => {
  const doc = parseFile('file:///w.yaml', 'on: 0644\nlist: [yes, "no", 1_000]\n').docs[0];
  assert.deepEqual(doc.problems.map((p) => p.code), ['yaml11-key', 'yaml11-octal', 'yaml11-bool', 'yaml11-number']);
  assert.deepEqual(parseFile('file:///w.yaml', '%YAML 1.2\n---\non: 0644\n').docs[0].problems.filter((p) => p.code.startsWith('yaml11')), []);
});

test('below 200 levels of nesting, duplicate keys are still found', () => {
  let text = 'x: 1\nx: 2\n';
  for (let i = 0; i < 250; i++) text = `l${i}:\n${text.replace(/^/gm, '  ')}`;
  const doc = parseFile('file:///w.yaml', text).docs[0];
  assert.equal(doc.problems.filter((p) => p.severity === 'error').length, 0);
  assert.deepEqual(doc.mapFindings.map((d) => d.code), ['duplicate-key']);
});

test('a document without findings shares one empty list', () => {
  const f = parseFile('file:///w.yaml', 'a: 1\n---\nb: 2\n');
  assert.equal(f.docs[0].mapFindings.length, 0);
  assert.equal(f.docs[0].mapFindings, f.docs[1].mapFindings);
});
