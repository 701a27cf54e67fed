// LineIndex.edited (the line index of a new version derived from the previous
// one) and diffText must agree with a full rescan for any edit, including edits
// that split or join \r\n pairs and edits at either end of the text.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/model/text';
import { diffText } from '../../server/src/model/textDiff';
import { parseFile } from '../../server/src/model/parse';
import { prng } from '../support/prng';

const PIECES = ['a', 'b: c', '\n', '\r\n', '\r', ' ', '---\n', 'x'.repeat(5000)];

test('LineIndex.edited equals a full rescan after random edits (LF, CRLF, lone CR, long blocks)', () => {
  const rnd = prng(7);
  const pick = () => PIECES[Math.floor(rnd() * (rnd() < 0.05 ? PIECES.length : PIECES.length - 1))];
  for (let round = 0; round < 300; round++) {
    let text = '';
    const n = Math.floor(rnd() * 60);
    for (let i = 0; i < n; i++) text += pick();
    let index = new LineIndex(text);
    for (let edit = 0; edit < 10; edit++) {
      const from = Math.floor(rnd() * (text.length + 1));
      const to = Math.min(text.length, from + Math.floor(rnd() * 4));
      let insert = '';
      for (let i = Math.floor(rnd() * 3); i > 0; i--) insert += pick();
      const next = text.slice(0, from) + insert + text.slice(to);
      const change = diffText(text, next);
      assert.equal(text.slice(0, change.prefix), next.slice(0, change.prefix));
      assert.equal(text.slice(change.oldSuffix), next.slice(change.newSuffix));
      assert.ok(change.prefix <= change.oldSuffix && change.prefix <= change.newSuffix);
      index = LineIndex.edited(index, next, change);
      assert.deepEqual(index.lineStarts, new LineIndex(next).lineStarts, `round ${round} edit ${edit}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
      text = next;
    }
  }
});

test('an edit re-parses one document and keeps the others (found by position)', () => {
  const docs = Array.from({ length: 50 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: v\n`);
  const text = docs.join('---\n');
  const first = parseFile('file:///a.yaml', text);
  const at = text.indexOf('name: c20') + 7;
  const second = parseFile('file:///a.yaml', text.slice(0, at) + 'x' + text.slice(at), 1, first);
  const reused = second.docs.filter((d, i) => d === first.docs[i]).length;
  assert.equal(reused, 49);
  assert.equal(second.docs[20].text.includes('name: cx20'), true);
  // A new line at the top (it joins the first document) shifts every later document, which are still reused.
  const third = parseFile('file:///a.yaml', '# top\n' + second.text, 2, second);
  assert.equal(third.docs.filter((d, i) => d === second.docs[i]).length, 49);
  assert.notEqual(third.docs[0], second.docs[0]);
  assert.deepEqual(third.docs.map((d) => d.line), third.docs.map((d) => third.lines.positionAt(d.start).line));
});
