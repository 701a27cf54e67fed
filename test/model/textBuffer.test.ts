// TextBuffer (an open file's text as shared pieces) must read exactly like the
// string it stands for after any sequence of edits, and its change against the
// previous version must bound every difference; BufferTextDocument (the LSP
// document store's documents) must apply LSP changes like the stock TextDocument.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextBuffer } from '../../server/src/model/textBuffer';
import { LineIndex } from '../../server/src/model/text';
import { BufferTextDocument } from '../../server/src/bufferTextDocument';
import { prng } from '../support/prng';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Workspace } from '../../server/src/model/workspace';

const PARTS = ['a', 'b: c', '\n', '\r\n', '\r', ' ', '---\n', '{{', '{', '}}', 'x'.repeat(40)];

function randomText(rnd: () => number, max: number): string {
  let text = '';
  for (let i = Math.floor(rnd() * max); i > 0; i--) text += PARTS[Math.floor(rnd() * PARTS.length)];
  return text;
}

function assertReadsAs(buffer: TextBuffer, text: string, rnd: () => number, what: string): void {
  assert.equal(buffer.length, text.length, what);
  assert.equal(buffer.slice(0, buffer.length), text, what);
  for (let k = 0; k < 8; k++) {
    const s = Math.floor(rnd() * (text.length + 2)) - 1;
    const e = s + Math.floor(rnd() * 30);
    assert.equal(buffer.slice(s, e), text.slice(Math.max(0, s), Math.max(0, e)), `${what}: slice(${s}, ${e})`);
    assert.deepEqual(buffer.charCodeAt(s), text.charCodeAt(s), `${what}: charCodeAt(${s})`);
    for (const needle of ['{{', '\n', '---\n', 'b: c']) assert.equal(buffer.indexOf(needle, s), text.indexOf(needle, Math.max(0, s)), `${what}: indexOf(${JSON.stringify(needle)}, ${s})`);
    assert.equal(buffer.lastIndexOfChar('\n', s), s < 0 ? -1 : text.lastIndexOf('\n', s), `${what}: lastIndexOfChar(${s})`);
  }
  assert.deepEqual(new LineIndex(buffer).lineStarts, new LineIndex(text).lineStarts, `${what}: line starts`);
}

test('a TextBuffer reads like its string after random edits across small pieces', () => {
  const rnd = prng(11);
  for (let round = 0; round < 200; round++) {
    let text = randomText(rnd, 40);
    // Fresh buffers (no flat copy) read piece by piece: rebuild from an edit of a different start text.
    let buffer = TextBuffer.of(`#${text}`, 1 + Math.floor(rnd() * 12)).edit(0, 1, '');
    assertReadsAs(buffer, text, rnd, `round ${round} start`);
    for (let edit = 0; edit < 12; edit++) {
      const from = Math.floor(rnd() * (text.length + 1));
      const to = Math.min(text.length, from + Math.floor(rnd() * (rnd() < 0.1 ? 200 : 5)));
      const insert = rnd() < 0.1 ? randomText(rnd, 30) : randomText(rnd, 2);
      const next = text.slice(0, from) + insert + text.slice(to);
      const nextBuffer = buffer.edit(from, to, insert);
      const what = `round ${round} edit ${edit}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`;
      assertReadsAs(nextBuffer, next, rnd, what);
      const change = nextBuffer.changeFrom(buffer);
      assert.ok(change.prefix <= change.oldSuffix && change.prefix <= change.newSuffix, what);
      assert.equal(text.slice(0, change.prefix), next.slice(0, change.prefix), what);
      assert.equal(text.slice(change.oldSuffix), next.slice(change.newSuffix), what);
      // The change is no wider than the edit (it may sit elsewhere: "aa{{{" minus one "{{" is [2,4) or [3,5)).
      assert.ok(Math.max(change.oldSuffix, change.newSuffix) - change.prefix <= Math.max(to - from, insert.length), `${what} ${JSON.stringify(change)} from ${from} to ${to}`);
      text = next;
      buffer = nextBuffer;
    }
    assert.equal(buffer.toString(), text);
  }
});

test('a keystroke shares every piece but the edited one, and the change is found without reading the others', () => {
  const text = 'apiVersion: v1\n'.repeat(20_000);
  const before = TextBuffer.of(text).edit(0, 0, '');
  const after = before.edit(150_000, 150_001, 'X');
  let shared = 0;
  let pieces = 0;
  const old: string[] = [];
  before.forEachPiece((p) => old.push(p));
  after.forEachPiece((p, _start) => {
    if (old[pieces++] === p) shared++;
  });
  assert.equal(pieces, old.length);
  assert.equal(shared, pieces - 1);
  assert.deepEqual(after.changeFrom(before), { prefix: 150_000, oldSuffix: 150_001, newSuffix: 150_001 });
});

test('BufferTextDocument applies LSP changes like the stock TextDocument (ranges, reversed ranges, full text, CRLF)', () => {
  const rnd = prng(5);
  for (let round = 0; round < 150; round++) {
    const initial = randomText(rnd, 30);
    let ours = BufferTextDocument.create('file:///t.yaml', 'yaml', 1, initial);
    const stock = TextDocument.create('file:///t.yaml', 'yaml', 1, initial);
    for (let edit = 0; edit < 10; edit++) {
      const text = stock.getText();
      const a = stock.positionAt(Math.floor(rnd() * (text.length + 1)));
      const b = stock.positionAt(Math.floor(rnd() * (text.length + 1)));
      const insert = randomText(rnd, 3);
      const change = rnd() < 0.05 ? { text: randomText(rnd, 20) } : { range: { start: a, end: b }, text: insert };
      ours = BufferTextDocument.update(ours, [change], edit + 2);
      TextDocument.update(stock, [change], edit + 2);
      const what = `round ${round} edit ${edit}: ${JSON.stringify(text)} ${JSON.stringify(change)}`;
      assert.equal(ours.getText(), stock.getText(), what);
      assert.equal(ours.version, stock.version, what);
      assert.equal(ours.lineCount, stock.lineCount, what);
      const off = Math.floor(rnd() * (stock.getText().length + 1));
      assert.deepEqual(ours.positionAt(off), stock.positionAt(off), what);
      assert.equal(ours.getText({ start: b, end: a }), stock.getText({ start: b, end: a }), what);
    }
  }
});

test('typing in a buffer keeps no earlier version of the file alive', async () => {
  // A getter closing over FileParse.finish's context once kept every previous version (parse.ts bufferFile).
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const ws = new Workspace();
  const uri = 'file:///typing/big.yaml';
  const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  k: "${'v'.repeat(200)}"\n`;
  let buffer = TextBuffer.of(Array.from({ length: 200 }, (_, i) => doc(i)).join('---\n'));
  ws.set(uri, buffer);
  const at = buffer.indexOf('c100');
  ws.set(uri, (buffer = buffer.edit(at, at + 1, 'x')));
  const early = new WeakRef(ws.get(uri)!);
  for (let i = 0; i < 20; i++) ws.set(uri, (buffer = buffer.edit(at, at + 1, i % 2 ? 'x' : 'c')));
  assert.equal(ws.get(uri)!.buffer, buffer);
  // WeakRefs hold their target until the current job ends.
  await new Promise((r) => setImmediate(r));
  gc();
  assert.equal(early.deref(), undefined, 'the version before 20 edits is still reachable');
});
