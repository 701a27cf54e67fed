// Splitting a manifest file into documents at `---`/`...` markers with a line
// scan (model/parse.ts parses each chunk on its own). Runs on every keystroke
// over the whole file, so it avoids regexes over whole documents.

import { flatText, type TextBuffer } from './textBuffer';
import type { TextChange } from './textDiff';

const MARKER = /^(---|\.\.\.)(?=[ \t]|$)/;

/** Splits text into [start, end) chunks at document markers. */
export function splitDocuments(text: string): Array<[number, number]> {
  const { chunks } = scanChunks(text, 0, text.length);
  // Drop chunks that are only whitespace/comments, except when it is the whole file.
  const kept = chunks.filter(([s, e]) => hasContent(text.slice(s, e)));
  return kept.length > 0 ? kept : [chunks[0]];
}

/**
 * The line scan of text[from, to), `from` a cut point of the whole file's scan
 * and `to` a line start. `endsOpen`: the scan of the whole file would cut at
 * `to` if a `---` line starts there (the last chunk has content or a marker, or
 * a `...` line ended it right before).
 */
function scanChunks(text: string, from: number, to: number): { chunks: Array<[number, number]>; endsOpen: boolean } {
  const chunks: Array<[number, number]> = [];
  let chunkStart = from;
  let chunkHasContent = false;
  let chunkHasMarker = false;
  let lineStart = from;
  const n = to;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > n) lineEnd = n;
    const c = lineStart < n ? text.charCodeAt(lineStart) : -1;
    if ((c === 45 /* - */ || c === 46 /* . */) && MARKER.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 4)).replace(/\r$/, ''))) {
      const isEnd = c === 46;
      if (isEnd) {
        // `...` ends the current document; the next one starts after this line.
        chunks.push([chunkStart, Math.min(n, lineEnd + 1)]);
        chunkStart = Math.min(n, lineEnd + 1);
        chunkHasContent = false;
        chunkHasMarker = false;
      } else {
        // A second `---` ends the current document even if it was empty
        // (`---\n# comment\n---`): YAML sees two documents there.
        if (chunkHasContent || chunkHasMarker) {
          chunks.push([chunkStart, lineStart]);
          chunkStart = lineStart;
        }
        chunkHasMarker = true;
        // The `---` line may carry content (`--- !tag` or `--- {a: 1}`).
        chunkHasContent = /\S/.test(text.slice(lineStart + 3, lineEnd).replace(/#.*/, ''));
      }
    } else if (!chunkHasContent) {
      // Comments, blank lines and directives stay with the document that follows.
      const line = text.slice(lineStart, lineEnd);
      if (!/^\s*(#.*)?\r?$/.test(line) && !line.startsWith('%')) chunkHasContent = true;
    }
    if (lineEnd >= n) break;
    lineStart = lineEnd + 1;
  }
  const endsOpen = chunkStart === n || chunkHasContent || chunkHasMarker;
  if (chunkStart < n || chunks.length === 0) chunks.push([chunkStart, n]);
  return { chunks, endsOpen };
}

/**
 * The chunks of `text`, a new version of a file whose previous version was cut
 * into `previous` (its documents' [start, end) in the old text) and which
 * differs from it only inside `change` (model/textDiff.ts). Only the region
 * around the change is scanned again: from the start of the document before the
 * change to the start of the second document after it, both cut points of the
 * old text whose marker lines are unchanged, so a full scan cuts there too. The
 * documents outside the region keep their bounds (shifted after it). Gives
 * splitDocuments(text) (a test compares them on random edits); falls back to it
 * when the region's cut at its end could differ (a region left with neither
 * content nor marker) or the file is small.
 */
export function splitDocumentsEdited(previous: ReadonlyArray<readonly [number, number]>, text: string | TextBuffer, change: TextChange): Array<[number, number]> {
  if (previous.length < 4) return splitDocuments(flatText(text));
  // The last document starting before the change, and the one before it (its marker line may be the edited one).
  let first = -1;
  for (let lo = 0, hi = previous.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (previous[mid][0] < change.prefix) {
      first = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  first = Math.max(0, first - 1);
  // The second document starting after the changed text (old offsets).
  let after = previous.length;
  for (let lo = first, hi = previous.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (previous[mid][0] > change.oldSuffix) {
      after = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  after = Math.min(previous.length, after + 1);
  const delta = change.newSuffix - change.oldSuffix;
  const regionStart = first === 0 ? 0 : previous[first][0];
  const regionEnd = after < previous.length ? previous[after][0] + delta : text.length;
  // The region as a string of its own: an open file's text is a TextBuffer, and only the region is read.
  const region = text.slice(regionStart, regionEnd);
  const scan = scanChunks(region, 0, region.length);
  if (after < previous.length && !scan.endsOpen) return splitDocuments(flatText(text));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < first; i++) out.push([previous[i][0], previous[i][1]]);
  for (const c of scan.chunks) if (hasContent(region.slice(c[0], c[1]))) out.push([regionStart + c[0], regionStart + c[1]]);
  for (let i = after; i < previous.length; i++) out.push([previous[i][0] + delta, previous[i][1] + delta]);
  return out.length > 0 ? out : splitDocuments(flatText(text));
}

const MARKER_ONLY = /^(---|\.\.\.)\s*$/;

/**
 * True when a chunk has something besides blank lines, comment lines and bare
 * document markers. Runs for every chunk on every keystroke, so it reads lines
 * until the first content line; text with line terminators other than \n takes
 * the general rule (a regex over the whole chunk).
 */
function hasContent(chunk: string): boolean {
  for (let at = 0; at <= chunk.length; ) {
    let end = chunk.indexOf('\n', at);
    if (end < 0) end = chunk.length;
    const line = chunk.slice(at, end);
    // Other line terminators: the general rule (lines after the first content line never matter).
    if (/[\r\u2028\u2029]/.test(line)) return /[^\s]/.test(chunk.replace(/^\s*#.*$/gm, '').replace(/^(---|\.\.\.)\s*$/gm, ''));
    const t = line.trim();
    if (t !== '' && t[0] !== '#' && !MARKER_ONLY.test(line)) return true;
    at = end + 1;
  }
  return false;
}
