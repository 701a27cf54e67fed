// The stdio writer: every message is framed and written at once, in call order,
// with publishDiagnostics encoded by publishEncoder (the same JSON; cached
// per-document parts written as they are), and a reader on the other end reads them back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DirectMessageWriter } from '../server/src/directMessageWriter';
import { parseFile } from '../server/src/model/parse';
import { convertedDiagnostics, convertedSlot } from '../server/src/features/diagnosticCache';

const SLOT = convertedSlot('directMessageWriter.test');
const publishOf = (diagnostics: Diagnostic[]): Message => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w.yaml', version: 4, diagnostics } }) as Message;

const publish = (uri: string, n: number): Message & { params: { diagnostics: Diagnostic[] } } =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri, version: 3, diagnostics: Array.from({ length: n }, (_, i) => ({ range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, message: `Invalid value: "é${i}"`, severity: 1, source: 'drydock' })) },
  }) as Message & { params: { diagnostics: Diagnostic[] } };

/** Writes `sent` and checks every message left before any event-loop turn and reads back unchanged. */
async function writeAndReadBack(sent: Message[]): Promise<void> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new DirectMessageWriter(stream);
  for (const m of sent) void writer.write(m);
  // Written before any turn of the event loop: nothing waits behind a queue.
  const written = Buffer.concat(chunks).toString('utf8');
  assert.equal((written.match(/Content-Length: /g) ?? []).length, sent.length);
  const reader = new StreamMessageReader(new PassThrough().end(Buffer.concat(chunks)));
  const read: Message[] = [];
  await new Promise<void>((resolve) => {
    reader.listen((m) => {
      read.push(m);
      if (read.length === sent.length) resolve();
    });
  });
  assert.deepEqual(read, sent);
}

test('messages are written synchronously, framed, in order, and read back unchanged', () =>
  writeAndReadBack([publish('file:///a.yaml', 3), { jsonrpc: '2.0', id: 7, result: { contents: 'ü' } } as Message, publish('file:///b.yaml', 0)]));

test('a publish made of cached per-document parts goes out in one synchronous write and reads back unchanged', () => {
  const file = parseFile('file:///w.yaml', 'a: 1\n---\nb: 2\n---\nc: 3\n');
  const [a, b, c] = file.docs.map((doc, i) => convertedDiagnostics(SLOT, undefined, file, doc, `source-${i}`, () => publish('file:///w.yaml', 2).params.diagnostics));
  const loose = publish('file:///w.yaml', 1).params.diagnostics;
  return writeAndReadBack([publishOf([...a, ...loose, ...b, ...c]), { jsonrpc: '2.0', id: 3, result: null } as Message, publishOf([])]);
});

test('an unencodable message is reported as an error, not thrown at the caller', async () => {
  const writer = new DirectMessageWriter(new PassThrough());
  const errors: Error[] = [];
  writer.onError(([e]) => errors.push(e));
  const cyclic: Record<string, unknown> = { jsonrpc: '2.0', id: 1 };
  cyclic.result = cyclic;
  await assert.rejects(writer.write(cyclic as Message));
  assert.equal(errors.length, 1);
});
