import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/model/parse';
import { applyOffsetEdits, indentStyleOf, mergeEdits, reindent, toBlockYaml } from '../../server/src/model/edit';

test('indentStyleOf detects the unit and the sequence style', () => {
  assert.deepEqual(indentStyleOf(parseFile('u', 'a:\n    b:\n    - c: 1\n')), { unit: 4, indentSeq: false });
  assert.deepEqual(indentStyleOf(parseFile('u', 'a:\n  b:\n    - c: 1\n')), { unit: 2, indentSeq: true });
});

test('toBlockYaml writes nested maps/lists in the given style and quotes ambiguous strings', () => {
  assert.equal(toBlockYaml({ a: [{ b: '8080', c: [] }], d: 'x\ny\n' }, 2, { unit: 2, indentSeq: false }), '  a:\n  - b: "8080"\n    c: []\n  d: |\n    x\n    y');
  assert.equal(toBlockYaml({ a: [1] }, 0, { unit: 4, indentSeq: true }), 'a:\n    - 1');
});

test('mergeEdits turns overlapping/adjacent edits into non-overlapping ones with the same effect', () => {
  const text = 'abcdefgh';
  const edits = [{ start: 2, end: 5, text: 'X' }, { start: 5, end: 5, text: 'Y' }, { start: 4, end: 6, text: 'Z' }, { start: 7, end: 8, text: '' }];
  const merged = mergeEdits(text, edits);
  for (let i = 1; i < merged.length; i++) assert.ok(merged[i].start >= merged[i - 1].end);
  assert.equal(applyOffsetEdits(text, merged), applyOffsetEdits(text, edits));
});

test('reindent shifts a block keeping relative indentation', () => {
  assert.equal(reindent('  a:\n    b: 1\n\n  c: 2', 2), '    a:\n      b: 1\n\n    c: 2');
  assert.equal(reindent('    a:\n      b: 1', -2), '  a:\n    b: 1');
});
