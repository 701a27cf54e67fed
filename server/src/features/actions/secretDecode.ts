// "Edit decoded": Secret `data` (base64) <-> `stringData` (plain text), exactly reversible.
//
// Only values whose base64 is canonical and decodes to valid UTF-8 that YAML can
// hold and give back unchanged move to stringData; binary values stay in `data`.
// Nothing is decoded unless the user picks this action.

import { isMap, isScalar, parse, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { CodeAction } from 'vscode-languageserver-types';
import type { Resource } from '../../model/parse';
import { addPairs, contentEndOf, indentStyleOf, keyColumn, pairIn, pairRemoval, scalarText, setPairValue, startOf, type OffsetEdit } from '../../model/edit';
import { action, fileEdit, keyName, type ActionEnv } from './common';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The decoded text of a base64 value, or undefined when it must stay base64 (binary, non-canonical). */
export function decodeForStringData(b64: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.toString('base64') !== b64) return undefined;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    // Expected: the bytes are not UTF-8 (binary data stays encoded). Not an error, nothing to log.
    return undefined;
  }
  // A BOM would be swallowed by some editors; keep such values encoded.
  if (text.startsWith('\uFEFF')) return undefined;
  return text;
}

export function encodeForData(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** True when `text` written as `scalar` parses back to exactly `text`. */
function roundTrips(scalar: string, text: string): boolean {
  try {
    const back = parse(`k: ${scalar}\n`) as { k?: unknown };
    return back?.k === text;
  } catch {
    // Expected: the scalar does not parse back. Not an error, nothing to log.
    return false;
  }
}

function stringValueOf(p: Pair): string | undefined {
  if (!isScalar(p.value)) return undefined;
  const s = p.value as Scalar & { source?: string };
  if (typeof s.value === 'string') return s.value;
  if (typeof s.value === 'number' || typeof s.value === 'boolean') return s.source ?? String(s.value);
  return undefined;
}

export function secretActions(env: ActionEnv, r: Resource): CodeAction[] {
  if (r.kind !== 'Secret' || r.apiVersion !== 'v1') return [];
  const out: CodeAction[] = [];
  const decode = decodeAction(env, r);
  if (decode) out.push(decode);
  const encode = encodeAction(env, r);
  if (encode) out.push(encode);
  return out;
}

function decodeAction(env: ActionEnv, r: Resource): CodeAction | undefined {
  const { file } = env;
  const doc = r.doc;
  const dataPair = pairIn(r.node, 'data');
  if (!dataPair || !isMap(dataPair.value) || dataPair.value.items.length === 0) return undefined;
  const data = dataPair.value as YAMLMap;
  const stringDataPair = pairIn(r.node, 'stringData');
  const existingStringKeys = new Set(isMap(stringDataPair?.value) ? (stringDataPair!.value as YAMLMap).items.map(keyName) : []);
  const style = indentStyleOf(file);
  const col = data.items.length > 0 && !data.flow ? keyColumn(file, doc, data.items[0]) : keyColumn(file, doc, dataPair) + style.unit;
  const moved: Array<{ pair: Pair; text: string; scalar: string }> = [];
  for (const p of data.items) {
    const b64 = isScalar(p.value) && typeof p.value.value === 'string' ? p.value.value : undefined;
    if (b64 === undefined || existingStringKeys.has(keyName(p))) continue;
    const text = decodeForStringData(b64);
    if (text === undefined) continue;
    const scalar = scalarText(text, col + style.unit, style);
    if (!roundTrips(scalarText(text, style.unit, style), text)) continue;
    moved.push({ pair: p, text, scalar });
  }
  if (moved.length === 0) return undefined;
  const kept = data.items.length - moved.length;
  const edits: OffsetEdit[] = [];
  if (kept === 0 && !stringDataPair && !data.flow) {
    // Rename the key and rewrite values in place: comments and order survive.
    edits.push({ start: startOf(doc, dataPair.key), end: contentEndOf(file, doc, dataPair.key), text: 'stringData' });
    for (const m of moved) edits.push({ start: startOf(doc, m.pair.value), end: contentEndOf(file, doc, m.pair.value), text: m.scalar });
  } else {
    const entries: Record<string, string> = {};
    for (const m of moved) entries[keyName(m.pair)] = m.text;
    if (kept === 0) edits.push(pairRemoval(file, doc, r.node, dataPair));
    else if (data.flow) {
      const rest: Record<string, unknown> = {};
      for (const p of data.items) if (!moved.some((m) => m.pair === p)) rest[keyName(p)] = (p.value as Scalar).value;
      edits.push(setPairValue(file, doc, dataPair, rest));
    } else for (const m of moved) edits.push(pairRemoval(file, doc, data, m.pair));
    if (stringDataPair && isMap(stringDataPair.value)) edits.push(addPairs(file, doc, stringDataPair.value, entries, { ownerPair: stringDataPair }));
    else edits.push(addPairs(file, doc, r.node, { stringData: entries }, { afterKey: 'data' }));
  }
  const suffix = kept > 0 ? ` (${kept} binary value${kept === 1 ? ' stays' : 's stay'} in data)` : '';
  return action(`Edit decoded: convert data to stringData${suffix}`, 'refactor.rewrite', fileEdit(file, edits));
}

function encodeAction(env: ActionEnv, r: Resource): CodeAction | undefined {
  const { file } = env;
  const doc = r.doc;
  const sdPair = pairIn(r.node, 'stringData');
  if (!sdPair || !isMap(sdPair.value) || sdPair.value.items.length === 0) return undefined;
  const sd = sdPair.value as YAMLMap;
  const values = sd.items.map((p) => ({ pair: p, text: stringValueOf(p) }));
  if (values.some((v) => v.text === undefined)) return undefined;
  const dataPair = pairIn(r.node, 'data');
  const edits: OffsetEdit[] = [];
  if (!dataPair && !sd.flow) {
    edits.push({ start: startOf(doc, sdPair.key), end: contentEndOf(file, doc, sdPair.key), text: 'data' });
    for (const v of values) {
      const b64 = encodeForData(v.text!);
      edits.push({ start: startOf(doc, v.pair.value), end: contentEndOf(file, doc, v.pair.value), text: b64 === '' ? '""' : b64 });
    }
  } else {
    const entries: Record<string, string> = {};
    for (const v of values) entries[keyName(v.pair)] = encodeForData(v.text!);
    edits.push(pairRemoval(file, doc, r.node, sdPair));
    if (dataPair && isMap(dataPair.value)) {
      const data = dataPair.value as YAMLMap;
      if (data.items.some((p) => keyName(p) in entries)) {
        // stringData wins over data on the API server; keep that meaning.
        const merged: Record<string, unknown> = {};
        for (const p of data.items) if (!(keyName(p) in entries)) merged[keyName(p)] = isScalar(p.value) ? p.value.value : null;
        edits.push(setPairValue(file, doc, dataPair, { ...merged, ...entries }));
      } else edits.push(addPairs(file, doc, data, entries, { ownerPair: dataPair }));
    } else edits.push(addPairs(file, doc, r.node, { data: entries }, { afterKey: 'stringData' }));
  }
  return action('Encode stringData as base64 data', 'refactor.rewrite', fileEdit(file, edits));
}
