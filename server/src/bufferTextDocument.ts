// The LSP document store's documents (TextDocuments in createServer.ts): the
// text as a TextBuffer (model/textBuffer.ts) and its line index, both updated
// per change without building the whole text. The stock TextDocument makes a
// new flat string per keystroke (a 778 KB file: ~2 ms and a large-object
// allocation each time); the model reads this buffer instead.

import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from './model/text';
import { TextBuffer } from './model/textBuffer';

const isLineBreak = (c: number) => c === 10 || c === 13;

function ordered(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

export class BufferTextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public buffer: TextBuffer,
    private lines: LineIndex,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): BufferTextDocument {
    const buffer = TextBuffer.of(content);
    return new BufferTextDocument(uri, languageId, version, buffer, new LineIndex(buffer));
  }

  /** Applies the changes in order (each range refers to the text after the previous change). */
  static update(doc: BufferTextDocument, changes: TextDocumentContentChangeEvent[], version: number): BufferTextDocument {
    for (const change of changes) {
      if ('range' in change) {
        const range = ordered(change.range);
        const start = doc.offsetAt(range.start);
        const end = doc.offsetAt(range.end);
        const buffer = doc.buffer.edit(start, end, change.text);
        doc.lines = LineIndex.edited(doc.lines, buffer, { prefix: start, oldSuffix: end, newSuffix: start + change.text.length });
        doc.buffer = buffer;
      } else {
        doc.buffer = TextBuffer.of(change.text);
        doc.lines = new LineIndex(doc.buffer);
      }
    }
    doc.version = version;
    return doc;
  }

  getText(range?: Range): string {
    if (!range) return this.buffer.toString();
    const r = ordered(range);
    return this.buffer.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }

  // As the stock TextDocument does: a position past the end of a line is the end of its content, before the line break.
  private beforeLineBreak(offset: number, lineStart: number): number {
    while (offset > lineStart && isLineBreak(this.buffer.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  positionAt(offset: number): Position {
    const position = this.lines.positionAt(offset);
    const lineStart = this.lines.lineStarts[position.line];
    return { line: position.line, character: this.beforeLineBreak(lineStart + position.character, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const offset = this.lines.offsetAt(position);
    if (position.line < 0 || position.line >= this.lines.lineCount || position.character <= 0) return offset;
    return this.beforeLineBreak(offset, this.lines.lineStarts[position.line]);
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }
}
