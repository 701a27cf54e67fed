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

/** UTF-8 JSON of per-document arrays, without the surrounding brackets (empty for an empty array). Pure cache: its keys are never modified once built. */
const segmentBytes = new WeakMap<readonly Diagnostic[], Buffer>();

/** Counts segment serializations and reuses (tests check the cached path is taken). Instrumentation only: no server logic reads it. */
export const encodeStats = { serialized: 0, reused: 0 };

const PLACEHOLDER = '\u0000drydock-diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const COMMA = Buffer.from(',');

/**
 * The UTF-8 JSON of a diagnostics array as a list of buffers: runs that are a
 * cached per-document array come from the cache; the caller concatenates them
 * once (no string of the whole array is built, flattened or transcoded).
 */
export function diagnosticsJsonParts(diagnostics: readonly Diagnostic[]): Buffer[] {
  const parts: Buffer[] = [OPEN];
  const add = (b: Buffer) => {
    if (b.length === 0) return;
    if (parts.length > 1) parts.push(COMMA);
    parts.push(b);
  };
  for (let i = 0; i < diagnostics.length; ) {
    const seg = segmentOf(diagnostics[i]);
    if (seg && seg[0] === diagnostics[i] && i + seg.length <= diagnostics.length && seg.every((d, k) => diagnostics[i + k] === d)) {
      let bytes = segmentBytes.get(seg);
      if (bytes === undefined) {
        encodeStats.serialized++;
        bytes = Buffer.from(JSON.stringify(seg).slice(1, -1), 'utf8');
        segmentBytes.set(seg, bytes);
      } else encodeStats.reused++;
      add(bytes);
      i += seg.length;
    } else {
      add(Buffer.from(JSON.stringify(diagnostics[i]), 'utf8'));
      i++;
    }
  }
  parts.push(CLOSE);
  return parts;
}

/** The UTF-8 bytes of JSON.stringify(msg); publishDiagnostics' diagnostics come from diagnosticsJsonParts. */
export function encodeMessage(msg: Message): Buffer {
  const n = msg as NotificationMessage;
  const params = n.method === 'textDocument/publishDiagnostics' ? (n.params as { diagnostics?: unknown } | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return Buffer.from(JSON.stringify(msg), 'utf8');
  const text = JSON.stringify({ ...n, params: { ...params, diagnostics: PLACEHOLDER } });
  const at = text.indexOf(PLACEHOLDER_JSON);
  if (at < 0) return Buffer.from(JSON.stringify(msg), 'utf8');
  const parts = diagnosticsJsonParts(params.diagnostics as Diagnostic[]);
  return Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), ...parts, Buffer.from(text.slice(at + PLACEHOLDER_JSON.length), 'utf8')]);
}
