// Splitting a manifest file into documents at `---`/`...` markers with a line
// scan (model/parse.ts parses each chunk on its own). Runs on every keystroke
// over the whole file, so it avoids regexes over whole documents.

const MARKER = /^(---|\.\.\.)(?=[ \t]|$)/;

/** Splits text into [start, end) chunks at document markers. */
export function splitDocuments(text: string): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  let chunkStart = 0;
  let chunkHasContent = false;
  let chunkHasMarker = false;
  let lineStart = 0;
  const n = text.length;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const c = text.charCodeAt(lineStart);
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
  if (chunkStart < n || chunks.length === 0) chunks.push([chunkStart, n]);
  // Drop chunks that are only whitespace/comments, except when it is the whole file.
  const kept = chunks.filter(([s, e]) => hasContent(text.slice(s, e)));
  return kept.length > 0 ? kept : [chunks[0]];
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
