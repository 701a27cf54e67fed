// Leniency where kubectl (go-yaml) and PyYAML accept YAML that the strict `yaml`
// library rejects, so that real manifests do not get false syntax errors.
//
// The one case handled: a multi-line quoted scalar whose continuation lines are
// not indented more than its key, e.g.
//
//     annotations:
//       example: '[
//         {"a": 1}
//       ]'            <- YAML 1.2 wants this line indented past `example`
//
// Leading whitespace of continuation lines is folded away inside a flow scalar,
// so indenting those lines further does not change the value. We parse a copy
// with the extra indentation and map every offset back to the original text.

import { isNode, parseDocument, visit, type Document, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';

/** A relaxed copy of the text: `insertions[i]` spaces were added before original offset `at[i]`. */
interface Relaxed {
  text: string;
  at: number[];
  added: number[];
  /** Original offsets of the opening quotes whose continuation lines were re-indented. */
  quotes: number[];
}

/** Indentation (spaces) of the line starting at `lineStart`. */
function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** Offset just after the closing quote of a scalar opening at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (q === '"' && c === '\\') i++;
    else if (c === q) {
      if (q === "'" && text[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

function relax(text: string): Relaxed | undefined {
  const at: number[] = [];
  const added: number[] = [];
  const quotes: number[] = [];
  // A quoted value that opens a mapping value (`key: '...` or `- key: "...`) and spans lines.
  const opener = /^( *)(?:- +)*[^\s#'"][^\n]*?: +(['"])/gm;
  for (let m = opener.exec(text); m; m = opener.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = closingQuote(text, open);
    if (close < 0 || !text.slice(open, close).includes('\n')) continue;
    const keyIndent = m[0].length - m[0].trimStart().length + (m[0].trimStart().match(/^(- +)*/)?.[0].length ?? 0);
    let changed = false;
    for (let nl = text.indexOf('\n', open); nl >= 0 && nl < close; nl = text.indexOf('\n', nl + 1)) {
      const lineStart = nl + 1;
      if (lineStart >= close) break;
      const lineEnd = text.indexOf('\n', lineStart);
      if (text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).trim() === '') continue; // blank lines fold as newlines
      const indent = indentAt(text, lineStart);
      if (indent <= keyIndent) {
        at.push(lineStart);
        added.push(keyIndent + 1 - indent);
        changed = true;
      }
    }
    if (changed) quotes.push(open);
    opener.lastIndex = Math.max(opener.lastIndex, close);
  }
  if (at.length === 0) return undefined;
  let out = '';
  let prev = 0;
  at.forEach((o, i) => {
    out += text.slice(prev, o) + ' '.repeat(added[i]);
    prev = o;
  });
  out += text.slice(prev);
  return { text: out, at, added, quotes };
}

/** Maps an offset in the relaxed text back to the original text. */
function mapper(r: Relaxed): (offset: number) => number {
  // Relaxed-text positions where each insertion starts, with the total inserted before it.
  const starts: number[] = [];
  const before: number[] = [];
  let total = 0;
  r.at.forEach((o, i) => {
    starts.push(o + total);
    before.push(total);
    total += r.added[i];
  });
  return (t) => {
    let lo = 0;
    let hi = starts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return t;
    // Inside the inserted spaces: the insertion point itself.
    const insertedHere = r.added[k];
    const intoInsertion = t - starts[k];
    return intoInsertion < insertedHere ? r.at[k] : t - before[k] - insertedHere;
  };
}

export interface LenientParse {
  doc: Document.Parsed;
  /** Original offsets of quoted scalars that needed the leniency (for a warning). */
  quotes: number[];
}

/**
 * Re-parses `text` with under-indented continuation lines of quoted scalars
 * indented, when that removes the "missing closing quote" errors; node ranges and
 * problem positions refer to the original text. Undefined when it does not help.
 */
export function parseLeniently(text: string, options: ParseOptions & DocumentOptions & SchemaOptions): LenientParse | undefined {
  const relaxed = relax(text);
  if (!relaxed) return undefined;
  const doc = parseDocument(relaxed.text, options);
  if (doc.errors.some((e) => e.code === 'MISSING_CHAR')) return undefined;
  const map = mapper(relaxed);
  const remap = (range: [number, number, number] | null | undefined) => {
    if (range) for (let i = 0; i < 3; i++) range[i] = map(range[i]);
  };
  visit(doc, (_key, node) => {
    if (isNode(node)) remap(node.range as [number, number, number] | undefined);
  });
  remap(doc.range as [number, number, number]);
  for (const p of [...doc.errors, ...doc.warnings]) p.pos = [map(p.pos[0]), map(p.pos[1])];
  return { doc, quotes: relaxed.quotes };
}
