// Minimal, comment-preserving text edits on a parsed manifest file.
//
// Code actions never re-serialise a whole document: they replace or insert small
// text ranges computed from the `yaml` AST (chunk-local ranges + `doc.start`), so
// comments, key order and quoting elsewhere survive. New nodes are serialised with
// the `yaml` library using the file's own indentation unit and sequence style.

import { isMap, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ManifestDoc, SourceFile } from './parse';

/** A replacement of file offsets [start, end) by `text`. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

/** How the file indents: spaces per level and whether `- ` items are indented under their key. */
export interface IndentStyle {
  unit: number;
  indentSeq: boolean;
}

/** Pure cache: a SourceFile (one immutable parse of one text) -> its indentation style. */
const STYLE_CACHE = new WeakMap<SourceFile, IndentStyle>();

/** Detects the indentation style from the file's own lines (defaults: 2 spaces, indented sequences). */
export function indentStyleOf(file: SourceFile): IndentStyle {
  const cached = STYLE_CACHE.get(file);
  if (cached) return cached;
  const lines = file.text.split(/\r?\n/);
  const steps = new Map<number, number>();
  let seqIndented = 0;
  let seqFlush = 0;
  let prevIndent = -1;
  let prevOpensBlock = false;
  for (const raw of lines) {
    if (/^\s*(#.*)?$/.test(raw) || /^(---|\.\.\.)/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const isItem = /^\s*- /.test(raw) || /^\s*-$/.test(raw);
    if (prevOpensBlock && prevIndent >= 0) {
      if (isItem) {
        if (indent > prevIndent) seqIndented++;
        else if (indent === prevIndent) seqFlush++;
      }
      if (indent > prevIndent) steps.set(indent - prevIndent, (steps.get(indent - prevIndent) ?? 0) + 1);
    }
    // The column of the last key on the line (after `- ` markers) is the parent indentation.
    let keyIndent = indent;
    let rest = raw.trimStart();
    while (rest.startsWith('- ')) {
      keyIndent += 2;
      const trimmed = rest.slice(2).trimStart();
      keyIndent += rest.length - 2 - trimmed.length;
      rest = trimmed;
    }
    prevIndent = keyIndent;
    prevOpensBlock = /:\s*(#.*)?$/.test(rest) && !/^["'].*["']$/.test(rest);
  }
  let unit = 2;
  let best = 0;
  for (const [step, count] of steps) {
    if (step > 0 && step <= 8 && (count > best || (count === best && step < unit))) {
      unit = step;
      best = count;
    }
  }
  const style = { unit, indentSeq: seqFlush > seqIndented ? false : true };
  STYLE_CACHE.set(file, style);
  return style;
}

function isCollection(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function keyText(k: string): string {
  return stringify(k, { lineWidth: 0 }).replace(/\n$/, '');
}

function emitValue(value: unknown, indent: number, style: IndentStyle, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item)) {
        const sub: string[] = [];
        emitValue(item, indent + 2, style, sub);
        sub[0] = pad + '- ' + sub[0].slice(indent + 2);
        out.push(...sub);
      } else out.push(pad + '- ' + scalarText(item as string, indent + 2, style));
    }
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isCollection(v)) {
      out.push(pad + keyText(k) + ':');
      emitValue(v, Array.isArray(v) && !style.indentSeq ? indent : indent + style.unit, style, out);
    } else out.push(pad + keyText(k) + ': ' + scalarText(v as string, indent + style.unit, style));
  }
}

/**
 * Serialises a plain value as block YAML lines at `indent` (no trailing newline), in
 * the file's style: `style.unit` spaces per level, `- ` items indented under their key
 * or flush with it. Scalars are quoted by the `yaml` library.
 */
export function toBlockYaml(value: unknown, indent: number, style: IndentStyle): string {
  if (!isCollection(value)) return ' '.repeat(indent) + scalarText(value as string, indent + style.unit, style);
  const out: string[] = [];
  emitValue(value, indent, style, out);
  return out.join('\n');
}

/** A scalar as it would be written after `key: ` (quoted when needed; block scalar for multi-line text). */
export function scalarText(value: string | number | boolean | null | object, indent: number, style: IndentStyle): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? '[]' : '{}';
  const text = stringify({ k: value }, { indent: style.unit, lineWidth: 0 }).replace(/\n$/, '');
  // `k: <value>` or `k: |\n  line...`: strip the key, re-indent continuation lines.
  const lines = text.split('\n');
  const first = lines[0].slice(3);
  if (lines.length === 1) return first;
  const pad = ' '.repeat(indent);
  return [first, ...lines.slice(1).map((l) => (l.length > 0 ? pad + l.slice(style.unit) : l))].join('\n');
}

/** Shifts every non-empty line of `text` by `delta` columns (negative removes leading spaces). */
export function reindent(text: string, delta: number): string {
  if (delta === 0) return text;
  return text
    .split('\n')
    .map((l) => {
      if (l.trim() === '') return l.trim();
      if (delta > 0) return ' '.repeat(delta) + l;
      const lead = l.length - l.trimStart().length;
      return l.slice(Math.min(lead, -delta));
    })
    .join('\n');
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just after the line break of the line containing `offset` (or the end of text). */
export function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** File offset of a node's start. */
export function startOf(doc: ManifestDoc, node: unknown): number {
  return doc.start + ((node as Node).range?.[0] ?? 0);
}

/** File offset just after the last non-blank character of a node (its value, not trailing comments on later lines). */
export function contentEndOf(file: SourceFile, doc: ManifestDoc, node: unknown): number {
  let end = doc.start + ((node as Node).range?.[1] ?? 0);
  while (end > 0 && /\s/.test(file.text[end - 1])) end--;
  return end;
}

/**
 * The whole-line span of a block-map pair: from the start of its key's line to the end
 * of the line holding the end of its value. Only valid when the key starts its line
 * (after indentation); see `pairRemoval` for the general case.
 */
export function pairLineSpan(file: SourceFile, doc: ManifestDoc, pair: Pair): [number, number] {
  const keyStart = startOf(doc, pair.key);
  const end = contentEndOf(file, doc, pair.value ?? pair.key);
  return [lineStart(file.text, keyStart), lineEndAfter(file.text, Math.max(end, keyStart))];
}

function keyStartsLine(file: SourceFile, doc: ManifestDoc, pair: Pair): boolean {
  const keyStart = startOf(doc, pair.key);
  return file.text.slice(lineStart(file.text, keyStart), keyStart).trim() === '';
}

/** The edit that removes one pair from a block map, keeping the rest (and a `- ` marker) intact. */
export function pairRemoval(file: SourceFile, doc: ManifestDoc, map: YAMLMap, pair: Pair): OffsetEdit {
  const index = map.items.indexOf(pair);
  if (map.flow) {
    const remaining = map.items.filter((p) => p !== pair);
    const texts = remaining.map((p) => file.text.slice(startOf(doc, p.key), contentEndOf(file, doc, p.value ?? p.key)));
    return { start: startOf(doc, map), end: contentEndOf(file, doc, map), text: `{${texts.join(', ')}}` };
  }
  if (keyStartsLine(file, doc, pair)) {
    const [s, e] = pairLineSpan(file, doc, pair);
    if (map.items.length === 1) {
      // An emptied map still needs a value.
      return { start: contentEndOf(file, doc, pair.key), end: e, text: ': {}\n' };
    }
    return { start: s, end: e, text: '' };
  }
  // The key follows `- ` on the same line: pull the next key up to its place.
  const next = map.items[index + 1];
  if (next) return { start: startOf(doc, pair.key), end: startOf(doc, next.key), text: '' };
  return { start: startOf(doc, pair.key), end: contentEndOf(file, doc, pair.value ?? pair.key), text: '{}' };
}

/** Column at which the keys of a block map are written. */
export function mapColumn(file: SourceFile, doc: ManifestDoc, map: YAMLMap): number {
  const first = map.items[0];
  return columnOf(file.text, startOf(doc, first ? first.key : map));
}

/** Column at which a pair's key is written (its children go one unit deeper). */
export function keyColumn(file: SourceFile, doc: ManifestDoc, pair: Pair): number {
  return columnOf(file.text, startOf(doc, pair.key));
}

/**
 * Edits that add `entries` (plain values) to a map after its last pair (or after `afterKey`).
 * Empty or flow maps owned by `ownerPair` are rewritten as block maps.
 */
export function addPairs(
  file: SourceFile,
  doc: ManifestDoc,
  map: YAMLMap,
  entries: Record<string, unknown>,
  opts: { ownerPair?: Pair; afterKey?: string; beforeKey?: string } = {},
): OffsetEdit {
  const style = indentStyleOf(file);
  if (map.items.length > 0 && !map.flow) {
    const col = mapColumn(file, doc, map);
    const block = toBlockYaml(entries, col, style) + '\n';
    if (opts.beforeKey) {
      const before = map.items.find((p) => isScalar(p.key) && p.key.value === opts.beforeKey);
      if (before && keyStartsLine(file, doc, before)) {
        const at = lineStart(file.text, startOf(doc, before.key));
        return { start: at, end: at, text: block };
      }
      if (before) {
        // `- key:` on the item line: insert before it, then re-add the indentation for `key`.
        const at = startOf(doc, before.key);
        return { start: at, end: at, text: block.trimStart() + ' '.repeat(col) };
      }
    }
    const after = (opts.afterKey && map.items.find((p) => isScalar(p.key) && p.key.value === opts.afterKey)) || map.items[map.items.length - 1];
    const end = pairLineSpan(file, doc, after)[1];
    const needsNl = end > 0 && file.text[end - 1] !== '\n';
    return { start: end, end, text: (needsNl ? '\n' : '') + block };
  }
  // Flow or empty map: replace it by a block map one level below its owner key.
  const existing: Record<string, unknown> = {};
  for (const p of map.items) {
    const k = isScalar(p.key) ? String(p.key.value) : String(p.key);
    existing[k] = (p.value as Node | null)?.toJS?.(doc.yaml) ?? null;
  }
  const ownerCol = opts.ownerPair ? keyColumn(file, doc, opts.ownerPair) : columnOf(file.text, startOf(doc, map));
  const block = toBlockYaml({ ...existing, ...entries }, ownerCol + style.unit, style);
  const s = startOf(doc, map);
  let from = s;
  // Start right after `key:` so the block begins on its own line.
  while (from > 0 && file.text[from - 1] === ' ') from--;
  return { start: from, end: contentEndOf(file, doc, map), text: '\n' + block };
}

/** Replaces a pair's value by a plain value, written as a block below the key when it is a collection. */
export function setPairValue(file: SourceFile, doc: ManifestDoc, pair: Pair, value: unknown): OffsetEdit {
  const style = indentStyleOf(file);
  const col = keyColumn(file, doc, pair);
  const keyEnd = contentEndOf(file, doc, pair.key);
  const colon = file.text.indexOf(':', keyEnd);
  const valueEnd = pair.value ? contentEndOf(file, doc, pair.value) : colon + 1;
  const isCollection = typeof value === 'object' && value !== null && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);
  if (!isCollection) {
    const text = typeof value === 'object' ? (Array.isArray(value) ? ' []' : ' {}') : ' ' + scalarText(value as string, col + style.unit, style);
    return { start: colon + 1, end: Math.max(valueEnd, colon + 1), text };
  }
  const childIndent = Array.isArray(value) && !style.indentSeq ? col : col + style.unit;
  return { start: colon + 1, end: Math.max(valueEnd, colon + 1), text: '\n' + toBlockYaml(value, childIndent, style) };
}

/** Edit appending plain `items` to a block sequence (after its last item, same dash column). */
export function appendSeqItems(file: SourceFile, doc: ManifestDoc, seq: YAMLSeq, items: unknown[], ownerPair?: Pair): OffsetEdit {
  const style = indentStyleOf(file);
  const last = seq.items[seq.items.length - 1] as Node | undefined;
  if (!seq.flow && last) {
    const itemStart = startOf(doc, last);
    const ls = lineStart(file.text, itemStart);
    const before = file.text.slice(ls, itemStart);
    const dash = before.lastIndexOf('-');
    const dashCol = dash >= 0 ? dash : columnOf(file.text, itemStart);
    const end = lineEndAfter(file.text, Math.max(contentEndOf(file, doc, last), itemStart));
    const needsNl = end > 0 && file.text[end - 1] !== '\n';
    return { start: end, end, text: (needsNl ? '\n' : '') + toBlockYaml(items, dashCol, { ...style, indentSeq: false }) + '\n' };
  }
  const existing = seq.items.map((i) => (i as Node | null)?.toJS?.(doc.yaml) ?? null);
  const ownerCol = ownerPair ? keyColumn(file, doc, ownerPair) : columnOf(file.text, startOf(doc, seq));
  let from = startOf(doc, seq);
  while (from > 0 && file.text[from - 1] === ' ') from--;
  return { start: from, end: contentEndOf(file, doc, seq), text: '\n' + toBlockYaml([...existing, ...items], style.indentSeq ? ownerCol + style.unit : ownerCol, style) };
}

/** An edit appending `yamlText` (a complete object, no marker) as a new document at the end of the file. */
export function appendDocument(file: SourceFile, yamlText: string): OffsetEdit {
  const text = file.text;
  const end = text.length;
  let prefix = end > 0 && !text.endsWith('\n') ? '\n' : '';
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed.length > 0 && !/(^|\n)---[ \t]*$/.test(trimmed)) prefix += '---\n';
  return { start: end, end, text: prefix + yamlText.replace(/\n*$/, '\n') };
}

/** Applies non-overlapping (or merged) edits to a text. Edits at the same offset keep their order. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    const start = Math.max(e.start, pos);
    out += text.slice(pos, start) + e.text;
    pos = Math.max(pos, e.end);
  }
  return out + text.slice(pos);
}

/**
 * Merges overlapping or touching-insert edits into single edits, so the result is a
 * valid LSP TextEdit[] (no overlaps) with the same effect as `applyOffsetEdits`.
 */
export function mergeEdits(text: string, edits: readonly OffsetEdit[]): OffsetEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  const groups: Array<{ start: number; end: number; members: OffsetEdit[] }> = [];
  for (const { e } of sorted) {
    const last = groups[groups.length - 1];
    if (last && e.start < last.end) {
      last.members.push(e);
      last.end = Math.max(last.end, e.end);
    } else if (last && e.start === last.end && (e.start === e.end || last.members.some((m) => m.start === m.end && m.start === e.start))) {
      last.members.push(e);
      last.end = Math.max(last.end, e.end);
    } else {
      groups.push({ start: e.start, end: e.end, members: [e] });
    }
  }
  return groups.map((g) => {
    if (g.members.length === 1) return g.members[0];
    const slice = text.slice(g.start, g.end);
    const local = g.members.map((m) => ({ start: m.start - g.start, end: m.end - g.start, text: m.text }));
    return { start: g.start, end: g.end, text: applyOffsetEdits(slice, local) };
  });
}

/** The map at `key` of `map`, if it is one. */
export function childMap(map: unknown, key: string): YAMLMap | undefined {
  if (!isMap(map)) return undefined;
  const v = map.get(key, true);
  return isMap(v) ? v : undefined;
}

/** The pair for `key` in `map`, if any. */
export function pairIn(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
}

export { isMap, isScalar, isSeq };
