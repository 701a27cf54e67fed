// Helpers for completion tests over LSP: open a text with a `‸` cursor and ask
// for completion there; find, order and apply the items (main and additional edits).

import assert from 'node:assert/strict';
import type { LspClient } from './lsp';

export const CURSOR_MARK = '‸';

let opened = 0;

/** Opens `textWithCursor` (minus the `‸`) as a new file under `dirUri` and completes at the mark. */
export async function completeAt(client: LspClient, dirUri: string, textWithCursor: string): Promise<{ items: any[]; text: string; uri: string; line: number }> {
  const i = textWithCursor.indexOf(CURSOR_MARK);
  assert.ok(i >= 0, `test text needs a ${CURSOR_MARK} cursor`);
  const text = textWithCursor.slice(0, i) + textWithCursor.slice(i + CURSOR_MARK.length);
  const before = text.slice(0, i);
  const line = before.split('\n').length - 1;
  const uri = `${dirUri}/edit${opened++}.yaml`;
  client.open(uri, text);
  const res = await client.completion(uri, line, i - (before.lastIndexOf('\n') + 1));
  return { items: Array.isArray(res) ? res : res.items, text, uri, line };
}

export const labelsOf = (items: any[]): string[] => items.map((x) => x.label);

/** Items in the order the editor shows them (sortText, then label). */
export const inEditorOrder = (items: any[]): any[] => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

export function itemLabelled(items: any[], label: string): any {
  const it = items.find((x) => x.label === label);
  assert.ok(it, `no item "${label}" in ${JSON.stringify(labelsOf(items).slice(0, 30))}`);
  return it;
}

/** The text after accepting `item`: its textEdit and additionalTextEdits (non-overlapping, applied last-first). */
export function applyItem(text: string, item: any): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  const edits = [item.textEdit, ...(item.additionalTextEdits ?? [])].map((e: any) => ({ start: off(e.range.start), end: off(e.range.end), text: e.newText as string }));
  edits.sort((a, b) => b.start - a.start);
  for (let k = 1; k < edits.length; k++) assert.ok(edits[k].end <= edits[k - 1].start, 'edits must not overlap');
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The error diagnostics (severity 1) of `text` opened as a new file under `dirUri` — none means the accepted item left the document valid. */
export async function errorsOf(client: LspClient, dirUri: string, text: string): Promise<string[]> {
  const uri = `${dirUri}/accepted${opened++}.yaml`;
  client.open(uri, text);
  const diagnostics = await client.waitForDiagnostics(uri);
  return diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`);
}
