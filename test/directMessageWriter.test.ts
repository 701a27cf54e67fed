// The stdio writer: every message is framed and written at once, in call order,
// with publishDiagnostics encoded by publishEncoder (the same JSON), and a reader
// on the other end reads them back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-jsonrpc/node';
import { DirectMessageWriter } from '../server/src/directMessageWriter';

const publish = (uri: string, n: number): Message =>
  ({
    jsonrpc: '2.0',
    method: 'textDocument/publishDiagnostics',
    params: { uri, version: 3, diagnostics: Array.from({ length: n }, (_, i) => ({ range: { start: { line: i, character: 0 }, end: { line: i, character: 4 } }, message: `Invalid value: "é${i}"`, severity: 1, source: 'drydock' })) },
  }) as Message;

test('messages are written synchronously, framed, in order, and read back unchanged', async () => {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new DirectMessageWriter(stream);
  const sent: Message[] = [publish('file:///a.yaml', 3), { jsonrpc: '2.0', id: 7, result: { contents: 'ü' } } as Message, publish('file:///b.yaml', 0)];
  for (const m of sent) void writer.write(m);
  // Written before any turn of the event loop: nothing waits behind a queue.
  const written = Buffer.concat(chunks).toString('utf8');
  assert.equal((written.match(/Content-Length: /g) ?? []).length, 3);
  const reader = new StreamMessageReader(new PassThrough().end(Buffer.concat(chunks)));
  const read: Message[] = [];
  await new Promise<void>((resolve) => {
    reader.listen((m) => {
      read.push(m);
      if (read.length === sent.length) resolve();
    });
  });
  assert.deepEqual(read, sent);
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
