// The JSON encoder of the server's outgoing LSP messages. Identical output to
// vscode-jsonrpc's own (JSON.stringify of the message), but a publishDiagnostics
// notification is assembled from cached JSON: the diagnostics of each document
// are serialized once (features/diagnosticCache.ts registers every converted
// per-document array) and reused while that array is published again. A
// keystroke in a file with hundreds of diagnostics thus serializes the edited
// document's diagnostics, not the whole file's, on the main thread.

import type { Message, NotificationMessage } from 'vscode-jsonrpc';
import type { Diagnostic } from 'vscode-languageserver-types';
import { segmentOf } from './features/diagnosticCache';

/** Serialized per-document arrays, without the surrounding brackets ('' for an empty one). */
const segmentJson = new WeakMap<readonly Diagnostic[], string>();

/** Counts segment serializations and reuses (tests check the cached path is taken). */
export const encodeStats = { serialized: 0, reused: 0 };

const PLACEHOLDER = '\u0000drydock-diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** The JSON text of a diagnostics array: runs of a cached per-document array come from the cache. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  const parts: string[] = [];
  for (let i = 0; i < diagnostics.length; ) {
    const seg = segmentOf(diagnostics[i]);
    if (seg && seg[0] === diagnostics[i] && i + seg.length <= diagnostics.length && seg.every((d, k) => diagnostics[i + k] === d)) {
      let json = segmentJson.get(seg);
      if (json === undefined) {
        encodeStats.serialized++;
        json = JSON.stringify(seg).slice(1, -1);
        segmentJson.set(seg, json);
      } else encodeStats.reused++;
      if (json !== '') parts.push(json);
      i += seg.length;
    } else {
      parts.push(JSON.stringify(diagnostics[i]));
      i++;
    }
  }
  return `[${parts.join(',')}]`;
}

/** JSON.stringify(msg), with publishDiagnostics' diagnostics from diagnosticsJson. */
export function encodeMessage(msg: Message): string {
  const n = msg as NotificationMessage;
  const params = n.method === 'textDocument/publishDiagnostics' ? (n.params as { diagnostics?: unknown } | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return JSON.stringify(msg);
  const text = JSON.stringify({ ...n, params: { ...params, diagnostics: PLACEHOLDER } });
  const at = text.indexOf(PLACEHOLDER_JSON);
  if (at < 0) return JSON.stringify(msg);
  return text.slice(0, at) + diagnosticsJson(params.diagnostics as Diagnostic[]) + text.slice(at + PLACEHOLDER_JSON.length);
}

/** A vscode-jsonrpc content-type encoder (MessageWriterOptions.contentTypeEncoder) using encodeMessage. */
export const messageEncoder = {
  name: 'application/json',
  encode(msg: Message, options: { charset: BufferEncoding | string }): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(encodeMessage(msg), options.charset as BufferEncoding));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
