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

/** UTF-8 JSON of per-document arrays: a comma, then the items without the surrounding brackets. Pure cache: its keys are never modified once built. */
const segmentBytes = new WeakMap<readonly Diagnostic[], Buffer>();

/** Counts segment serializations and reuses (tests check the cached path is taken). Instrumentation only: no server logic reads it. */
export const encodeStats = { serialized: 0, reused: 0 };

const PLACEHOLDER = '\u0000drydock-diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/**
 * The UTF-8 JSON of a diagnostics array, brackets excluded, as a list of buffers:
 * runs that are a cached per-document array come from the cache. Every part but
 * the first starts with its comma (cached segments are stored with a leading comma;
 * the first part is a view past it), so the parts are written as they are.
 */
export function diagnosticsJsonParts(diagnostics: readonly Diagnostic[]): Buffer[] {
  const parts: Buffer[] = [];
  let loose = '';
  const flushLoose = () => {
    if (loose === '') return;
    parts.push(Buffer.from(loose, 'utf8'));
    loose = '';
  };
  for (let i = 0; i < diagnostics.length; ) {
    const seg = segmentOf(diagnostics[i]);
    if (seg && seg[0] === diagnostics[i] && i + seg.length <= diagnostics.length && seg.every((d, k) => diagnostics[i + k] === d)) {
      let bytes = segmentBytes.get(seg);
      if (bytes === undefined) {
        encodeStats.serialized++;
        bytes = Buffer.from(`,${JSON.stringify(seg).slice(1, -1)}`, 'utf8');
        segmentBytes.set(seg, bytes);
      } else encodeStats.reused++;
      flushLoose();
      parts.push(parts.length === 0 ? bytes.subarray(1) : bytes);
      i += seg.length;
    } else {
      // Consecutive diagnostics outside a cached array share one buffer.
      loose += `${parts.length === 0 && loose === '' ? '' : ','}${JSON.stringify(diagnostics[i])}`;
      i++;
    }
  }
  flushLoose();
  return parts;
}

/**
 * The UTF-8 bytes of JSON.stringify(msg), in order, as parts to be written one after
 * another: a publishDiagnostics is its envelope around diagnosticsJsonParts, so the
 * cached bytes of a file's documents are written from the cache, never copied into
 * one buffer per publish (a 547 KB copy per keystroke of the issue-14 file, external
 * memory that brought full collections closer).
 */
export function encodeMessageParts(msg: Message): Buffer[] {
  const n = msg as NotificationMessage;
  const params = n.method === 'textDocument/publishDiagnostics' ? (n.params as { diagnostics?: unknown } | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics) || params.diagnostics.length === 0) return [Buffer.from(JSON.stringify(msg), 'utf8')];
  const text = JSON.stringify({ ...n, params: { ...params, diagnostics: PLACEHOLDER } });
  const at = text.indexOf(PLACEHOLDER_JSON);
  if (at < 0) return [Buffer.from(JSON.stringify(msg), 'utf8')];
  return [Buffer.from(`${text.slice(0, at)}[`, 'utf8'), ...diagnosticsJsonParts(params.diagnostics as Diagnostic[]), Buffer.from(`]${text.slice(at + PLACEHOLDER_JSON.length)}`, 'utf8')];
}

/** The UTF-8 bytes of JSON.stringify(msg) in one buffer (encodeMessageParts, joined). */
export function encodeMessage(msg: Message): Buffer {
  return Buffer.concat(encodeMessageParts(msg));
}
