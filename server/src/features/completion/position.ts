// Where is the cursor, structurally? Completion runs on half-typed YAML (`    repl`
// with no colon, `key: ` with nothing after it), where the parser's AST is broken
// or misleading. So the path is recovered from the text alone: the indentation of
// the current line and of the lines above it, the `- ` sequence markers, and the
// `key:` openers. Only the lines of the one document at the cursor are read.

import { analyseFlowCursor } from './flow';

export type PathSegment = string | number;

/** The shape of one line: indentation, leading `- ` markers, and its `key:` if any. */
export interface LineShape {
  /** True for blank lines, comments, document markers and block-scalar content. */
  ignorable: boolean;
  /** Column of the first non-space character. */
  indent: number;
  /** Columns of the leading `- ` sequence markers. */
  dashes: number[];
  /** Column where the key (or plain content) after the dashes starts. */
  contentCol: number;
  key?: string;
  /** Column just after the key's colon and the spaces following it (the value's column). */
  valueCol?: number;
  /** The value text after `key:` (trimmed, comment removed); '' when the value is on the next lines. */
  value?: string;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=[ \t]|$)/;
const BLOCK_SCALAR_RE = /(?:^|[ \t])[|>][-+0-9]*[ \t]*(?:#.*)?$/;
const MARKER_RE = /^(---|\.\.\.)(\s|$)/;

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      // Expected while typing: an unfinished quoted key. Not an error, nothing to log.
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

/** Shape of a single line (no block-scalar awareness; see shapeLines). */
export function shapeLine(line: string): LineShape {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  const indent = i;
  const rest = line.slice(i);
  if (rest === '' || rest.startsWith('#') || (indent === 0 && MARKER_RE.test(rest))) {
    return { ignorable: true, indent, dashes: [], contentCol: indent };
  }
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  }
  const shape: LineShape = { ignorable: false, indent, dashes, contentCol: i };
  const m = KEY_RE.exec(line.slice(i));
  if (m) {
    shape.key = unquote(m[1]);
    let j = i + m[0].length;
    while (j < line.length && (line[j] === ' ' || line[j] === '\t')) j++;
    shape.valueCol = j;
    shape.value = line.slice(j).replace(/(^|[ \t])#.*$/, '').trim();
  }
  return shape;
}

/** Shapes of all lines; content lines of block scalars (`|`, `>`) are marked ignorable. */
export function shapeLines(lines: readonly string[]): LineShape[] {
  const out: LineShape[] = [];
  let blockParentIndent = -1; // inside a block scalar while lines are indented deeper than this
  for (const line of lines) {
    const shape = shapeLine(line);
    if (blockParentIndent >= 0) {
      if (shape.ignorable || shape.indent > blockParentIndent) {
        out.push({ ...shape, ignorable: true });
        continue;
      }
      blockParentIndent = -1;
    }
    out.push(shape);
    if (shape.key !== undefined && shape.value !== undefined && BLOCK_SCALAR_RE.test(shape.value)) {
      // Block content must be indented deeper than the line holding the key.
      blockParentIndent = shape.dashes.length > 0 ? shape.contentCol - 1 : shape.indent;
    } else if (shape.key === undefined && shape.dashes.length > 0 && /^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(shape.contentCol))) {
      blockParentIndent = shape.dashes[shape.dashes.length - 1];
    }
  }
  return out;
}

/** A sibling key of the map at the cursor, with where its value sits. */
export interface SiblingKey {
  line: number;
  keyCol: number;
  valueCol?: number;
  value?: string;
}

/**
 * Structural analysis over the shapes of one document's lines. All methods are
 * tolerant: a structure they cannot make sense of yields undefined, never a throw.
 */
export class YamlOutline {
  readonly shapes: LineShape[];

  constructor(readonly lines: readonly string[]) {
    this.shapes = shapeLines(lines);
  }

  /**
   * Path of the map holding a key at column `col` on line `line`, where the line
   * itself starts with `- ` markers at `dashes` (empty when it does not).
   */
  containerPath(line: number, col: number, dashes: readonly number[], depth = 0): PathSegment[] | undefined {
    if (depth > 64) return undefined;
    if (dashes.length > 0) {
      const seq = this.sequencePath(line, dashes[0], depth + 1);
      if (!seq) return undefined;
      return [...seq.path, seq.index, ...dashes.slice(1).map(() => 0)];
    }
    for (let l = line - 1; l >= 0; l--) {
      const s = this.shapes[l];
      if (s.ignorable) continue;
      if (s.contentCol === col && s.dashes.length > 0 && s.key !== undefined) {
        // First line of the sequence item this map belongs to (`- name: x`).
        return this.containerPath(l, col, s.dashes, depth + 1);
      }
      if (s.indent >= col) continue; // a sibling or deeper content
      if (s.dashes.length > 0 && s.key === undefined && s.contentCol >= col && s.dashes[s.dashes.length - 1] < col) {
        // A bare `-` line opening an item whose map starts on the next line.
        return this.containerPath(l, col, s.dashes, depth + 1);
      }
      if (s.key !== undefined && s.contentCol < col) {
        if (s.value !== '' && !/^[&!]/.test(s.value ?? '')) return undefined; // a scalar cannot hold keys
        const parent = this.containerPath(l, s.contentCol, s.dashes, depth + 1);
        return parent ? [...parent, s.key] : undefined;
      }
      return undefined;
    }
    return []; // top level (also for a document that starts indented)
  }

  /**
   * The path of the sequence whose items have their `- ` at column `dashCol`, and the
   * index of the item starting on `line`.
   */
  sequencePath(line: number, dashCol: number, depth = 0): { path: PathSegment[]; index: number } | undefined {
    let index = 0;
    for (let l = line - 1; l >= 0; l--) {
      const s = this.shapes[l];
      if (s.ignorable) continue;
      if (s.dashes[0] === dashCol) {
        index++;
        continue;
      }
      if (s.indent > dashCol) continue; // content of a previous item
      if (s.dashes.length > 0 && s.dashes.includes(dashCol)) {
        index++;
        continue;
      }
      if (s.key !== undefined && s.contentCol <= dashCol && (s.value === '' || /^[&!]/.test(s.value ?? ''))) {
        const parent = this.containerPath(l, s.contentCol, s.dashes, depth + 1);
        return parent ? { path: [...parent, s.key], index } : undefined;
      }
      return undefined;
    }
    return undefined;
  }

  /**
   * The other keys of the map holding a key at column `col` on `line` (the line
   * itself excluded). `startsItem` is true when `line` starts a new sequence item.
   */
  siblings(line: number, col: number, startsItem: boolean): Map<string, SiblingKey> {
    const out = new Map<string, SiblingKey>();
    const add = (l: number) => {
      const s = this.shapes[l];
      if (s.key !== undefined && !out.has(s.key)) out.set(s.key, { line: l, keyCol: s.contentCol, valueCol: s.valueCol, value: s.value });
    };
    if (!startsItem) {
      for (let l = line - 1; l >= 0; l--) {
        const s = this.shapes[l];
        if (s.ignorable) continue;
        if (s.contentCol === col && s.key !== undefined) {
          add(l);
          if (s.dashes.length > 0) break; // the item's first line
          continue;
        }
        if (s.indent >= col) continue;
        break;
      }
    }
    for (let l = line + 1; l < this.shapes.length; l++) {
      const s = this.shapes[l];
      if (s.ignorable) continue;
      if (s.dashes.length > 0 && s.dashes[0] < col) break; // next item or outer structure
      if (s.indent < col) break;
      if (s.indent === col && s.key !== undefined) add(l);
    }
    return out;
  }
}

/** What the cursor is on, for completion. */
export type CursorSite =
  | {
      type: 'key';
      /** Path of the map the key goes into (or of the sequence item for `- |`). */
      path: PathSegment[];
      /** Column of the key being typed. */
      col: number;
      /** The line starts a new sequence item (`- |`). */
      startsItem: boolean;
      /** Replace range on the cursor's line: [start, end) columns. */
      replace: [number, number];
      /** Text after the word on the line contains a colon: only the key name is inserted. */
      keyExists: boolean;
      siblings: Map<string, SiblingKey>;
      /** Inside a flow collection (`{a: b, |}`): keys insert as `key: ` on the line. */
      flow?: boolean;
      /** In a flow collection: the keys of the nearest enclosing map (`{key: a, values: [|]}`). */
      outer?: Map<string, SiblingKey>;
    }
  | {
      type: 'value';
      /** Path of the key whose value is typed (container path + key). */
      path: PathSegment[];
      key: string;
      /** Column of the key. */
      col: number;
      replace: [number, number];
      siblings: Map<string, SiblingKey>;
      /** Inside a flow collection; a sequence item (`[a, |]`) has a numeric last path segment. */
      flow?: boolean;
      outer?: Map<string, SiblingKey>;
    };

const WORD_CHAR = /[\w.\/$-]/;

/**
 * Analyses the cursor at (`line`, `character`) in a document given as lines.
 * Returns undefined where no structural completion applies (comments, quoted
 * strings, block scalars). Flow collections are analysed by flow.ts.
 */
export function analyseCursor(outline: YamlOutline, line: number, character: number): CursorSite | undefined {
  const text = outline.lines[line] ?? '';
  const before = text.slice(0, character);
  if (outline.shapes[line]?.ignorable && before.trim() !== '') return undefined;
  const flow = analyseFlowCursor(outline, line, character);
  if (flow) return flow;
  let wordEnd = character;
  while (wordEnd < text.length && WORD_CHAR.test(text[wordEnd])) wordEnd++;
  const after = text.slice(wordEnd);

  const keyMatch = /^([ \t]*)((?:-[ \t]+)*)([\w.\/$][\w.\/$-]*)?$/.exec(before);
  if (keyMatch && !(keyMatch[2] === '' && /^[ \t]*-$/.test(before))) {
    const dashes: number[] = [];
    let i = keyMatch[1].length;
    for (const m of keyMatch[2].matchAll(/-[ \t]+/g)) {
      dashes.push(i);
      i += m[0].length;
    }
    const col = i;
    const startsItem = dashes.length > 0;
    const path = outline.containerPath(line, col, dashes);
    if (!path) return undefined;
    return {
      type: 'key',
      path,
      col,
      startsItem,
      replace: [col, wordEnd],
      keyExists: /^[^#]*:(\s|$)/.test(after),
      siblings: outline.siblings(line, col, startsItem),
    };
  }

  const valueMatch = /^([ \t]*)((?:-[ \t]+)*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},-][^#]*?|-[^\s#][^#]*?)[ \t]*:[ \t]+([^\s#'"[{]*)$/.exec(before);
  if (valueMatch) {
    const dashes: number[] = [];
    let i = valueMatch[1].length;
    for (const m of valueMatch[2].matchAll(/-[ \t]+/g)) {
      dashes.push(i);
      i += m[0].length;
    }
    const col = i;
    const key = shapeLine(text).key ?? valueMatch[3];
    const container = outline.containerPath(line, col, dashes);
    if (!container) return undefined;
    const valueStart = character - valueMatch[4].length;
    let valueEnd = character;
    while (valueEnd < text.length && !/[\s#]/.test(text[valueEnd])) valueEnd++;
    return {
      type: 'value',
      path: [...container, key],
      key,
      col,
      replace: [valueStart, valueEnd],
      siblings: outline.siblings(line, col, dashes.length > 0),
    };
  }
  return undefined;
}
