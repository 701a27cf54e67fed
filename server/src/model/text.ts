// Offset <-> LSP position conversion for one file's text. LSP positions count
// UTF-16 code units, which is what JavaScript string indices are, so offsets are
// plain string indices.

import type { TextChange } from './textDiff';
import { lastAtOrBefore, TextBuffer, type TextLike } from './textBuffer';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  /** Offset of the first character of every line. */
  readonly lineStarts: number[];

  /** `lineStarts` when already known (LineIndex.edited); otherwise computed from the text. */
  constructor(
    readonly text: TextLike,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    if (text instanceof TextBuffer) {
      this.lineStarts = text.includes('\r') ? new LineIndex(text.toString()).lineStarts : newlineStarts(text);
      return;
    }
    this.lineStarts = lineStartsOf(text as string);
  }

  /**
   * The index of `text`, a new version of `prev.text` that differs only between
   * the common prefix and suffix of `change`: line starts in the prefix are kept,
   * those in the suffix are shifted, only the changed part is scanned.
   */
  static edited(prev: LineIndex, text: TextLike, change: TextChange): LineIndex {
    const old = prev.lineStarts;
    // A line start s exists because of the characters at s-1 and (after a \r) at s: starts
    // up to prefix-1 only read unchanged characters, and so do old starts after oldSuffix.
    const keepUpTo = Math.max(0, change.prefix - 1);
    const k = lastAtOrBefore(old, keepUpTo);
    // Breaks ending at s in (keepUpTo, newSuffix]: characters keepUpTo .. newSuffix-1.
    const middle: number[] = [];
    for (let i = keepUpTo; i < change.newSuffix; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) middle.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) middle.push(i + 1);
    }
    const delta = change.newSuffix - change.oldSuffix;
    let j = k + 1;
    while (j < old.length && old[j] <= change.oldSuffix) j++;
    // Typing within a line: the same line starts; the array is shared (never changed in place).
    if (delta === 0 && j - (k + 1) === middle.length && middle.every((m, i) => old[k + 1 + i] === m)) return new LineIndex(text, old);
    const starts = new Array<number>(k + 1 + middle.length + (old.length - j));
    let n = 0;
    for (let i = 0; i <= k; i++) starts[n++] = old[i];
    for (const m of middle) starts[n++] = m;
    for (; j < old.length; j++) starts[n++] = old[j] + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.lineStarts, offset);
    return { line, character: offset - this.lineStarts[line] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }
}

/** Offsets where each line starts: after \n, \r\n or a lone \r. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  // Rebuilt on every keystroke: without carriage returns, indexOf is several times faster than a character loop.
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  // Carriage returns too (CRLF files, or one CRLF file pasted into a big one): still indexOf, not a character loop.
  // A line ends at \n, at \r\n (one break) or at a lone \r.
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (nl >= 0 || cr >= 0) {
    if (cr >= 0 && (nl < 0 || cr < nl)) {
      if (cr + 1 === nl) {
        starts.push(nl + 1);
        nl = text.indexOf('\n', nl + 1);
      } else starts.push(cr + 1);
      cr = text.indexOf('\r', cr + 1);
    } else {
      starts.push(nl + 1);
      nl = text.indexOf('\n', nl + 1);
    }
  }
  return starts;
}

/** Line starts of a TextBuffer without carriage returns, piece by piece (no flat copy). */
function newlineStarts(text: TextBuffer): number[] {
  const starts = [0];
  text.forEachPiece((piece, base) => {
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) starts.push(base + i + 1);
  });
  return starts;
}
