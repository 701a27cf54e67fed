// splitDocumentsEdited (re-scanning only the region around an edit) must cut a
// file exactly where splitDocuments (the whole-file scan) does, whatever the edit:
// random insertions and deletions of markers, comments, `...` lines, blank lines
// and content, at random places of a file full of those.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitDocuments, splitDocumentsEdited } from '../../server/src/model/split';
import { diffText } from '../../server/src/model/textDiff';
import { prng } from '../support/prng';

const PIECES = ['---\n', '--- \n', '...\n', '# note\n', '\n', 'a: 1\n', 'kind: ConfigMap\n', '  key: value\n', '--- {b: 2}\n', '%YAML 1.2\n', '---\n# only a comment\n', 'x', '-', '.', '\n---', '-- \n'];

function randomFile(rand: () => number, lines: number): string {
  let out = '';
  for (let i = 0; i < lines; i++) out += rand() < 0.25 ? '---\n' : PIECES[Math.floor(rand() * PIECES.length)];
  return out;
}

test('the edited split cuts where the whole-file split does, over random edits', () => {
  const rand = prng(14);
  for (let file = 0; file < 40; file++) {
    let text = randomFile(rand, 60 + Math.floor(rand() * 200));
    let chunks = splitDocuments(text);
    for (let edit = 0; edit < 60; edit++) {
      const at = Math.floor(rand() * (text.length + 1));
      const remove = rand() < 0.5 ? Math.floor(rand() * 12) : 0;
      const insert = rand() < 0.7 ? PIECES[Math.floor(rand() * PIECES.length)] : '';
      const next = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + remove));
      if (next === text) continue;
      const edited = splitDocumentsEdited(chunks, next, diffText(text, next));
      const whole = splitDocuments(next);
      assert.deepEqual(edited, whole, `file ${file}, edit ${edit}: ${JSON.stringify({ at, remove, insert })}`);
      text = next;
      chunks = edited;
    }
  }
});

test('a keystroke in a big file keeps the other documents\' bounds (shifted after it)', () => {
  const docs = Array.from({ length: 500 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`);
  const text = docs.join('---\n');
  const before = splitDocuments(text);
  const at = text.indexOf('cm-250') + 3;
  const next = text.slice(0, at) + '77' + text.slice(at);
  const after = splitDocumentsEdited(before, next, diffText(text, next));
  assert.equal(after.length, 500);
  assert.deepEqual(after.slice(0, 250), before.slice(0, 250));
  assert.deepEqual(after.slice(251), before.slice(251).map(([s, e]) => [s + 2, e + 2]));
  assert.deepEqual(after, splitDocuments(next));
});
