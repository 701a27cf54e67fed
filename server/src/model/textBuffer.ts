// The text of an open file as pieces of at most a few KB, so a keystroke makes a
// new version without copying the file. A JavaScript string cannot be edited in
// place: each version of a 778 KB file as one string is a fresh 778 KB object,
// which V8 places in its large-object space (fresh pages every time, and
// old-generation garbage that brings the next full GC closer). Measured on the
// bench's 1,000-document file: ~2 ms and 0.78 MB per keystroke before the
// analysis even starts. Here an edit replaces the piece(s) it touches and shares
// the others with the previous version; the model slices documents out of it,
// and the flat string is built only when something asks for the whole text.

import { diffText, type TextChange } from './textDiff';

/** What the line index and the document splitter read of a text: a string or a TextBuffer. */
export interface TextLike {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start: number, end?: number): string;
}

/** Pieces are cut at this size (characters); an edit re-cuts the pieces it touches. */
const PIECE = 16 * 1024;

/** Pieces stay below V8's large-object threshold (128 KB), so no version of the text is a large object. */
function cut(text: string, size: number, out: string[]): void {
  for (let i = 0; i < text.length; i += size) out.push(text.length <= size ? text : text.slice(i, i + size));
}

export class TextBuffer implements TextLike {
  readonly length: number;
  /** Start offset of each piece, and `length` at the end. */
  private readonly starts: number[];
  private flat: string | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    /** PIECE (tests choose a few characters to exercise piece boundaries). */
    private readonly pieceSize: number,
  ) {
    const starts = new Array<number>(pieces.length + 1);
    let at = 0;
    for (let i = 0; i < pieces.length; i++) {
      starts[i] = at;
      at += pieces[i].length;
    }
    starts[pieces.length] = at;
    this.starts = starts;
    this.length = at;
  }

  static of(text: string, pieceSize = PIECE): TextBuffer {
    const pieces: string[] = [];
    cut(text, pieceSize, pieces);
    const buffer = new TextBuffer(pieces, pieceSize);
    buffer.flat = text;
    return buffer;
  }

  /** The index of the piece holding `offset` (the last piece for offset === length). */
  private pieceAt(offset: number): number {
    return lastAtOrBefore(this.starts, offset, this.pieces.length - 1);
  }

  charCodeAt(index: number): number {
    if (index < 0 || index >= this.length) return NaN;
    if (this.flat !== undefined) return this.flat.charCodeAt(index);
    const p = this.pieceAt(index);
    return this.pieces[p].charCodeAt(index - this.starts[p]);
  }

  slice(start = 0, end = this.length): string {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.flat !== undefined) return this.flat.slice(start, end);
    if (start === end) return '';
    const first = this.pieceAt(start);
    const last = this.pieceAt(end - 1);
    if (first === last) return this.pieces[first].slice(start - this.starts[first], end - this.starts[first]);
    let out = this.pieces[first].slice(start - this.starts[first]);
    for (let p = first + 1; p < last; p++) out += this.pieces[p];
    return out + this.pieces[last].slice(0, end - this.starts[last]);
  }

  /** The whole text as one string (built once per version, and only when asked for). */
  toString(): string {
    this.flat ??= this.pieces.join('');
    return this.flat;
  }

  /** True when `needle` occurs in the text (no flat copy is made). */
  includes(needle: string): boolean {
    return this.indexOf(needle) >= 0;
  }

  /** Like String.prototype.indexOf, without building the whole text. */
  indexOf(needle: string, from = 0): number {
    if (this.flat !== undefined) return this.flat.indexOf(needle, from);
    from = Math.max(0, from);
    if (needle.length === 0) return Math.min(from, this.length);
    for (let p = from >= this.length ? this.pieces.length : this.pieceAt(from); p < this.pieces.length; p++) {
      const base = this.starts[p];
      const local = Math.max(0, from - base);
      const found = this.pieces[p].indexOf(needle, local);
      if (found >= 0) return base + found;
      // A match across the boundary with the next piece(s).
      if (needle.length > 1 && p + 1 < this.pieces.length) {
        const across = Math.max(from, this.starts[p + 1] - needle.length + 1);
        const window = this.slice(across, this.starts[p + 1] + needle.length - 1);
        const hit = window.indexOf(needle);
        if (hit >= 0) return across + hit;
      }
    }
    return -1;
  }

  /** Like String.prototype.lastIndexOf for a one-character needle (but -1 for a negative `from`), without building the whole text. */
  lastIndexOfChar(ch: string, from = this.length - 1): number {
    if (from < 0 || this.length === 0) return -1;
    if (this.flat !== undefined) return this.flat.lastIndexOf(ch, from);
    for (let p = this.pieceAt(Math.min(from, this.length - 1)); p >= 0; p--) {
      const found = this.pieces[p].lastIndexOf(ch, from - this.starts[p]);
      if (found >= 0) return this.starts[p] + found;
    }
    return -1;
  }

  /** Calls `each` with every piece and its start offset, in order. */
  forEachPiece(each: (piece: string, start: number) => void): void {
    for (let p = 0; p < this.pieces.length; p++) each(this.pieces[p], this.starts[p]);
  }

  /** A new version with [start, end) replaced by `text`; unchanged pieces are shared. */
  edit(start: number, end: number, text: string): TextBuffer {
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (this.pieces.length === 0) return TextBuffer.of(text, this.pieceSize);
    const first = this.pieceAt(start);
    const last = Math.max(first, this.pieceAt(Math.max(start, end - 1)));
    const merged = this.pieces[first].slice(0, start - this.starts[first]) + text + this.pieces[last].slice(end - this.starts[last]);
    const pieces = this.pieces.slice(0, first);
    // Typing grows one piece a character at a time: it is cut again once twice the size.
    if (merged.length <= 2 * this.pieceSize) {
      if (merged.length > 0) pieces.push(merged);
    } else cut(merged, this.pieceSize, pieces);
    for (let p = last + 1; p < this.pieces.length; p++) pieces.push(this.pieces[p]);
    return new TextBuffer(pieces, this.pieceSize);
  }

  /**
   * Where this text differs from `previous` (model/textDiff.ts TextChange): pieces
   * shared by both versions are skipped without reading them, so the cost is the
   * size of the edited pieces, not of the file.
   */
  changeFrom(previous: TextBuffer): TextChange {
    const a = previous.pieces;
    const b = this.pieces;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    let j = 0;
    while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
    const from = this.starts[i];
    // Character by character (in blocks) inside the pieces that differ.
    const inner = diffText(previous.slice(from, previous.starts[a.length - j]), this.slice(from, this.starts[b.length - j]));
    return { prefix: from + inner.prefix, oldSuffix: from + inner.oldSuffix, newSuffix: from + inner.newSuffix };
  }
}

/** The last index i <= hi with sorted[i] <= value (0 when there is none): a binary search over ascending offsets. */
export function lastAtOrBefore(sorted: readonly number[], value: number, hi = sorted.length - 1): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The whole text of a string or a TextBuffer. */
export function flatText(text: string | TextBuffer): string {
  return typeof text === 'string' ? text : text.toString();
}
