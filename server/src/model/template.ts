// Recognising Helm/Go template files: a `{{` that is YAML structure (a key, a
// flow node, a line of its own), or Helm's own objects. Such a file is not a
// manifest until rendered, so its YAML errors are not reported.

import { isScalar, visit, type Document } from 'yaml';
import { DocCacheSlot, type ManifestDoc } from './document';
import type { TextBuffer } from './textBuffer';

/** Sticky: tried at each `{{` of a file rather than scanning all of its text. */
const HELM_HINT = /\{\{-?\s*(\.Values|\.Release|\.Chart|\.Capabilities|include\s+")/y;

function hasHelmHint(text: string | TextBuffer): boolean {
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 1)) {
    // The hint is short: read it from a small window, not the whole text (a TextBuffer has no flat copy).
    HELM_HINT.lastIndex = 0;
    if (HELM_HINT.test(text.slice(at, at + 256))) return true;
  }
  return false;
}

/** Chunk-local [start, end) ranges of every value scalar (not keys) of a document. */
function valueScalarRanges(doc: Document.Parsed): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.value) && pair.value.range) ranges.push([pair.value.range[0], pair.value.range[1]]);
    },
    Seq(_key, seq) {
      for (const item of seq.items) if (isScalar(item) && item.range) ranges.push([item.range[0], item.range[1]]);
    },
  });
  return ranges.sort((a, b) => a[0] - b[0]);
}

const VALUE_SCALAR_RANGES = new DocCacheSlot<Array<[number, number]>>('parse.valueScalarRanges');

function cachedValueScalarRanges(doc: ManifestDoc): Array<[number, number]> {
  let ranges = doc.cache.get(VALUE_SCALAR_RANGES);
  if (!ranges) doc.cache.set(VALUE_SCALAR_RANGES, (ranges = valueScalarRanges(doc.yaml)));
  return ranges;
}

/**
 * Helm-style templates: a `{{` that is YAML structure (a key, a flow node, a line of
 * its own), or Helm's own objects. A `{{` inside a string value (Prometheus
 * annotations, Argo CD and Kyverno variables) is plain data, and a comment is a comment.
 */
export function looksLikeTemplate(text: string | TextBuffer, docs: readonly ManifestDoc[]): boolean {
  if (!text.includes('{{')) return false;
  if (hasHelmHint(text)) return true;
  if (docs.some((d) => d.problems.some((p) => p.severity === 'error'))) return true;
  let di = 0;
  let ranges: Array<[number, number]> | undefined;
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 2)) {
    while (di + 1 < docs.length && docs[di + 1].start <= at) {
      di++;
      ranges = undefined;
    }
    const doc = docs[di];
    const local = at - doc.start;
    // Cached on the document: a keystroke elsewhere in a big file does not walk this one again.
    ranges ??= cachedValueScalarRanges(doc);
    if (ranges.some(([s, e]) => s <= local && local < e)) continue;
    const lineStart = (typeof text === 'string' ? text.lastIndexOf('\n', at) : text.lastIndexOfChar('\n', at)) + 1;
    if (/(^|\s)#/.test(text.slice(lineStart, at))) continue; // inside a comment
    return true;
  }
  return false;
}
