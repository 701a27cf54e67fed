// The cursor inside a flow collection (`matchLabels: {app: |}`, `values: [a, |]`,
// `configMapRef: {name: |}`), possibly spread over several lines and half typed.
// The block line opening the outermost collection gives the base path (from the
// outline); a small scanner walks the flow text from there to the cursor, keeping
// a stack of maps and sequences, and goes on to the end of the cursor's
// collection so keys written after the cursor count as siblings too.

import type { CursorSite, PathSegment, SiblingKey, YamlOutline } from './position';

/** How far above the cursor an opening line is looked for. */
const MAX_LINES_UP = 60;
/** Flow text scanned at most (a runaway unclosed `[` must not cost a whole file). */
const MAX_SCAN_CHARS = 20_000;

interface Frame {
  kind: 'map' | 'seq';
  /** Segment of this collection in its parent (key or index). */
  seg?: PathSegment;
  /** Map: the key of the current entry once its `:` was seen. Seq: the current item index. */
  key?: string;
  index: number;
  afterColon: boolean;
  siblings: Map<string, SiblingKey>;
}

interface Snapshot {
  path: PathSegment[];
  frame: Frame;
  /** Typing a key (map, before `:`), a value (map, after `:`), or a sequence item. */
  state: 'key' | 'value' | 'item';
  key?: string;
  /** The nearest enclosing map of the cursor's collection (its keys are read live, up to its end). */
  outer?: Frame;
}

const WORD = /[^\s,:{}[\]"'#]/;

/** Base path of the block node whose value is the flow collection starting at (line, col). */
function basePath(outline: YamlOutline, line: number): { path: PathSegment[]; col: number } | undefined {
  const s = outline.shapes[line];
  if (!s || s.ignorable) return undefined;
  const text = outline.lines[line];
  if (s.key !== undefined && s.valueCol !== undefined && /^[[{]/.test(text.slice(s.valueCol))) {
    const parent = outline.containerPath(line, s.contentCol, s.dashes);
    return parent ? { path: [...parent, s.key], col: s.valueCol } : undefined;
  }
  if (s.key === undefined && s.dashes.length > 0 && /^[[{]/.test(text.slice(s.contentCol))) {
    const seq = outline.sequencePath(line, s.dashes[0]);
    return seq ? { path: [...seq.path, seq.index, ...s.dashes.slice(1).map(() => 0)], col: s.contentCol } : undefined;
  }
  return undefined;
}

/**
 * Scans the flow collection opening at (line, col); returns where the cursor is
 * in it, or undefined when the collection closes before the cursor.
 */
function scan(outline: YamlOutline, line: number, col: number, cursorLine: number, cursorCol: number): Snapshot | undefined {
  const stack: Frame[] = [];
  let snap: Snapshot | undefined;
  let scanned = 0;
  let token: { text: string; line: number; col: number } | undefined;
  const frame = () => stack[stack.length - 1];
  const endToken = () => {
    const f = frame();
    if (!token || !f) return;
    if (f.kind === 'map' && f.afterColon && f.key !== undefined) {
      const s = f.siblings.get(f.key);
      if (s) s.value = token.text.trim();
    }
    token = undefined;
  };
  // Continuation lines of a flow collection in a block are indented deeper than
  // the line opening it (a closing bracket may sit at its indentation): a line
  // that is not ends an unclosed `[` typed above, which must not capture the cursor.
  const blockIndent = outline.shapes[line]?.indent ?? 0;
  for (let l = line; l < outline.lines.length; l++) {
    const text = outline.lines[l];
    if (l > line) {
      const trimmed = text.trimStart();
      const indent = text.length - trimmed.length;
      if (trimmed !== '' && !trimmed.startsWith('#') && (indent < blockIndent || (indent === blockIndent && !/^[}\]]/.test(trimmed)))) return snap;
    }
    let c = l === line ? col : 0;
    for (; c <= text.length; c++) {
      if (!snap && l === cursorLine && c === cursorCol) {
        const f = frame();
        if (!f) return undefined;
        const path = stack.map((x) => x.seg).slice(1) as PathSegment[];
        const outer = stack.slice(0, -1).reverse().find((x) => x.kind === 'map');
        snap = f.kind === 'seq' ? { path: [...path, f.index], frame: f, state: 'item', outer } : { path, frame: f, state: f.afterColon ? 'value' : 'key', key: f.key, outer };
      }
      if (c === text.length) break;
      if (++scanned > MAX_SCAN_CHARS) return snap;
      const ch = text[c];
      const f = frame();
      if (ch === '"' || ch === "'") {
        // A quoted scalar: skip to its end (on this line; multi-line quotes are rare here).
        let e = c + 1;
        while (e < text.length && text[e] !== ch) e += text[e] === '\\' && ch === '"' ? 2 : 1;
        const raw = text.slice(c, Math.min(e + 1, text.length));
        if (snap === undefined && l === cursorLine && cursorCol > c && cursorCol <= e) return undefined; // inside a quoted string
        token = { text: raw, line: l, col: c };
        c = e;
        continue;
      }
      if (ch === '#' && (c === 0 || /\s/.test(text[c - 1]))) break; // comment to end of line
      if (ch === '{' || ch === '[') {
        const seg: PathSegment | undefined = !f ? undefined : f.kind === 'seq' ? f.index : f.key;
        if (f && f.kind === 'map' && !f.afterColon) return snap; // a collection as a key: not supported
        stack.push({ kind: ch === '{' ? 'map' : 'seq', seg, index: 0, afterColon: false, siblings: new Map() });
        token = undefined;
        continue;
      }
      if (!f) return snap;
      if (ch === '}' || ch === ']') {
        endToken();
        const closed = stack.pop();
        if (snap && closed === (snap.outer ?? snap.frame)) return snap;
        if (stack.length === 0) return snap;
        continue;
      }
      if (ch === ',') {
        endToken();
        if (f.kind === 'seq') f.index++;
        else {
          f.key = undefined;
          f.afterColon = false;
        }
        continue;
      }
      if (ch === ':' && f.kind === 'map' && !f.afterColon && (c + 1 >= text.length || /[\s,{}[\]]/.test(text[c + 1]) || token?.text.startsWith('"'))) {
        const key = (token?.text ?? '').trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
        f.key = key;
        f.afterColon = true;
        let v = c + 1;
        while (v < text.length && text[v] === ' ') v++;
        if (!f.siblings.has(key)) f.siblings.set(key, { line: token?.line ?? l, keyCol: token?.col ?? c, valueCol: v, value: '' });
        token = undefined;
        continue;
      }
      if (/\s/.test(ch)) continue;
      if (token && token.line === l) token.text = text.slice(token.col, c + 1);
      else token = { text: ch, line: l, col: c };
    }
    if (token) endToken();
  }
  return snap;
}

/**
 * The completion site when the cursor is inside a flow collection; undefined
 * when it is not (or inside a quoted string of one). `line`/`character` are
 * relative to the outline's lines.
 */
export function analyseFlowCursor(outline: YamlOutline, line: number, character: number): CursorSite | undefined {
  const cursorText = outline.lines[line] ?? '';
  if (!/[[{,]/.test(cursorText) && !/[[{,]/.test(outline.lines.slice(Math.max(0, line - MAX_LINES_UP), line).join(''))) return undefined;
  let found: { base: PathSegment[]; snap: Snapshot } | undefined;
  for (let l = line; l >= 0 && l >= line - MAX_LINES_UP; l--) {
    const base = basePath(outline, l);
    if (!base) continue;
    if (l === line && base.col >= character) continue;
    const snap = scan(outline, l, base.col, line, character);
    if (snap) found = { base: base.path, snap }; // keep going: an outer opener wins
    else if (found) break;
  }
  if (!found) return undefined;
  let start = character;
  while (start > 0 && WORD.test(cursorText[start - 1])) start--;
  let end = character;
  while (end < cursorText.length && WORD.test(cursorText[end])) end++;
  const { base, snap } = found;
  const siblings = new Map(snap.frame.siblings);
  const outer = snap.outer?.siblings;
  if (snap.state === 'key') {
    const typed = cursorText.slice(start, end);
    if (siblings.get(typed)?.line === line) siblings.delete(typed);
    return { type: 'key', path: [...base, ...snap.path], col: start, startsItem: false, replace: [start, end], keyExists: /^\s*:/.test(cursorText.slice(end)), siblings, flow: true, outer };
  }
  if (snap.state === 'value') {
    siblings.delete(snap.key!);
    return { type: 'value', path: [...base, ...snap.path, snap.key!], key: snap.key!, col: start, replace: [start, end], siblings, flow: true, outer };
  }
  const last = snap.path[snap.path.length - 1];
  return { type: 'value', path: [...base, ...snap.path], key: String(last), col: start, replace: [start, end], siblings: new Map(), flow: true, outer };
}
