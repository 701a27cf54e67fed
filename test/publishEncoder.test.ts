// The publish encoder: a publishDiagnostics is written as parts (envelope, cached
// per-document JSON, loose diagnostics) whose bytes are exactly JSON.stringify of
// the message, whatever mix of cached and uncached diagnostics it carries; cached
// parts are reused as they are (no per-publish copy). The writer's side is
// test/directMessageWriter.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseFile } from '../server/src/model/parse';
import { convertedDiagnostics, convertedSlot } from '../server/src/features/diagnosticCache';
import { encodeMessage, encodeMessageParts, encodeStats } from '../server/src/publishEncoder';

const SLOT = convertedSlot('publishEncoder.test');
const diag = (line: number, message: string): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 3 } }, message, severity: 1, source: 'drydock' });
const publish = (diagnostics: Diagnostic[]): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w.yaml', version: 4, diagnostics } }) as Message;

function cachedSegments(): Diagnostic[][] {
  const file = parseFile('file:///w.yaml', 'a: 1\n---\nb: 2\n---\nc: 3\n');
  return file.docs.map((doc, i) => convertedDiagnostics(SLOT, undefined, file, doc, `source-${i}`, () => [diag(doc.line, `doc ${i} "é"`), diag(doc.line, `doc ${i} second`)]));
}

test('every mix of cached and loose diagnostics encodes to JSON.stringify of the message', () => {
  const [a, b, c] = cachedSegments();
  const loose = [diag(9, 'loose one'), diag(10, 'loose ü two')];
  const mixes: Diagnostic[][] = [[], [...loose], [...a], [...a, ...b, ...c], [loose[0], ...a, loose[1]], [...a, ...loose, ...b], [...loose, ...c], [...c, loose[0]], [a[1], ...b, a[0]]];
  for (const diagnostics of mixes) {
    const msg = publish(diagnostics);
    assert.equal(encodeMessage(msg).toString('utf8'), JSON.stringify(msg), `${diagnostics.map((d) => d.message).join(' | ')}`);
  }
});

test('cached per-document bytes are reused across publishes, not copied', () => {
  const [a, b] = cachedSegments();
  const before = { ...encodeStats };
  const first = encodeMessageParts(publish([...a, ...b]));
  const second = encodeMessageParts(publish([...a, ...b]));
  assert.equal(encodeStats.serialized - before.serialized, 2, 'each document serialized once');
  assert.equal(encodeStats.reused - before.reused, 2, 'then reused');
  // Parts: envelope head, a (a view past its comma), b, envelope tail; the same memory both times.
  assert.equal(first.length, 4);
  assert.equal(second[1].buffer, first[1].buffer);
  assert.equal(second[2], first[2]);
});
