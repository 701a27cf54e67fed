// Converted diagnostics of one document, reused from one publish to the next.
//
// Providers keep their results per document in model terms (chunk-local offsets,
// YAML nodes) and cache them on the document; turning those into LSP ranges and
// related locations for a 1,000-document file on every keystroke costs time
// proportional to the whole file's diagnostics. This cache keeps the converted
// Diagnostic objects of each document and hands back the same array while
// - the provider's per-document result is the same object (`source`), and
// - the document, and every document its related information points at, still
//   starts on the same line.
// Documents always start at a line start and their text is unchanged while the
// document object is reused, so a position inside one depends only on the line
// it starts on: an edit elsewhere in the file that adds no line keeps every other
// document's diagnostics as they were, and one that does reconverts only the
// documents below it.

import type { Diagnostic } from 'vscode-languageserver-types';
import { DocCacheSlot, type ManifestDoc, type SourceFile } from '../model/parse';
import type { Workspace } from '../model/workspace';

interface Dependency {
  readonly doc: ManifestDoc;
  readonly line: number;
}

interface Converted {
  readonly source: unknown;
  /** Line of the document's first character when converted; -1 when nothing depends on it (no diagnostics). */
  readonly line: number;
  /** Other documents (this file or others) the related information points into. */
  readonly deps: readonly Dependency[];
  readonly diagnostics: Diagnostic[];
}

const NO_DEPS: readonly Dependency[] = [];

/** Each converted diagnostic -> the per-document array it belongs to (publishEncoder.ts serializes those arrays once). Pure cache: its keys are never modified once built. */
const segments = new WeakMap<Diagnostic, readonly Diagnostic[]>();

/** The cached per-document array a diagnostic was converted in, if any. */
export function segmentOf(d: Diagnostic): readonly Diagnostic[] | undefined {
  return segments.get(d);
}

/** Counts conversions and reuses (tests and the bench's profile check the incremental path with it). Instrumentation only: no server logic reads it, so sharing it across servers changes no answer. */
export const convertStats = { converted: 0, reused: 0 };

function startLine(ws: Workspace | undefined, file: SourceFile, doc: ManifestDoc): number | undefined {
  const f = doc.uri === file.uri ? file : ws?.get(doc.uri);
  if (!f) return undefined;
  // A document of the current file version knows its line; one no longer in its file is located like a fresh conversion would.
  return f.docs[doc.index] === doc ? doc.line : f.lines.positionAt(doc.start).line;
}

/** A provider's slot for its converted diagnostics (create once per provider, as a module constant). */
export function convertedSlot(name: string): DocCacheSlot<Converted> {
  return new DocCacheSlot<Converted>(name);
}

/**
 * The converted diagnostics of `doc` for the provider `key`. `convert` builds
 * them from `source` (the provider's cached per-document result) and reports,
 * through `dependOn`, every other document whose position its ranges use.
 * `ws` resolves documents of other files (undefined: same-file only).
 */
export function convertedDiagnostics(
  key: DocCacheSlot<Converted>,
  ws: Workspace | undefined,
  file: SourceFile,
  doc: ManifestDoc,
  source: unknown,
  convert: (dependOn: (other: ManifestDoc) => void) => Diagnostic[],
): Diagnostic[] {
  const cached = doc.cache.get(key);
  if (cached && cached.source === source && (cached.line < 0 || cached.line === startLine(ws, file, doc)) && cached.deps.every((d) => startLine(ws, file, d.doc) === d.line)) {
    convertStats.reused++;
    return cached.diagnostics;
  }
  convertStats.converted++;
  const others: ManifestDoc[] = [];
  const diagnostics = convert((other) => {
    if (other !== doc && !others.includes(other)) others.push(other);
  });
  for (const d of diagnostics) segments.set(d, diagnostics);
  const deps = others.length === 0 ? NO_DEPS : others.map((d) => ({ doc: d, line: startLine(ws, file, d) ?? -1 }));
  doc.cache.set(key, { source, line: diagnostics.length === 0 ? -1 : startLine(ws, file, doc)!, deps, diagnostics } satisfies Converted);
  return diagnostics;
}
