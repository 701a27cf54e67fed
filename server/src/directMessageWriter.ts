// The stdio message writer. vscode-jsonrpc's StreamMessageWriter queues every
// message behind a semaphore that runs each write in its own setImmediate turn and
// waits for the header's write callback before writing the body, so a hover's
// answer queued behind a few diagnostics notifications waited several event-loop
// turns, each of which could run a 3 ms slice of background work (measured: the
// 10k-resource workspace's slow hovers). Encoding is synchronous here
// (publishEncoder.ts), so each message is written whole, at once, in call order;
// a publish's cached per-document parts go out in one corked write, uncopied.

import type { Writable } from 'node:stream';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { encodeMessageParts } from './publishEncoder';

export class DirectMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  constructor(private readonly stream: Writable) {
    super();
    stream.on('error', (err: Error) => this.fireError(err));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    try {
      const parts = encodeMessageParts(msg);
      let length = 0;
      for (const p of parts) length += p.byteLength;
      const header = Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii');
      if (parts.length === 1) this.stream.write(Buffer.concat([header, parts[0]], header.byteLength + length));
      else {
        // One writev of the header and the parts as they are (cached per-document bytes), still synchronous and whole.
        this.stream.cork();
        this.stream.write(header);
        for (const p of parts) this.stream.write(p);
        this.stream.uncork();
      }
      return Promise.resolve();
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      this.fireError(error, msg, ++this.errorCount);
      return Promise.reject(error);
    }
  }

  end(): void {
    this.stream.end();
  }
}
