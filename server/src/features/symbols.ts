// Document symbols (the outline): one entry per Kubernetes object, named
// `Kind name` (each item of a `*List` document is its own entry), with its
// top-level sections (metadata, spec, data, ...) as children.

import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Resource, SourceFile } from '../model/parse';
import { logFeatureError, type FeatureContext } from './context';

/** Keys that identify the object rather than being a section of it. */
const IDENTITY_KEYS = new Set(['apiVersion', 'kind']);

function pairEnd(pair: Pair): number | undefined {
  const v = pair.value as Node | null;
  const k = pair.key as Node | null;
  return v?.range?.[1] ?? k?.range?.[1];
}

function sectionKind(pair: Pair): SymbolKind {
  const v = pair.value as Node | null;
  if (isSeq(v)) return SymbolKind.Array;
  if (isMap(v)) return SymbolKind.Object;
  return SymbolKind.Property;
}

function resourceSymbol(file: SourceFile, r: Resource): DocumentSymbol | undefined {
  const range = r.node.range;
  if (!range) return undefined;
  const base = r.doc.start;
  const children: DocumentSymbol[] = [];
  for (const pair of r.node.items) {
    const key = pair.key as Node | null;
    if (!isScalar(key) || !key.range) continue;
    const name = String(key.value);
    if (IDENTITY_KEYS.has(name)) continue;
    const end = pairEnd(pair) ?? key.range[1];
    children.push({
      name,
      kind: sectionKind(pair),
      range: file.lines.range(base + key.range[0], base + end),
      selectionRange: file.lines.range(base + key.range[0], base + key.range[1]),
    });
  }
  const kindPair = r.node.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
  const kindValue = kindPair?.value as Node | null | undefined;
  const selection = kindValue?.range ?? range;
  const fullRange = file.lines.range(base + range[0], base + range[1]);
  return {
    name: `${r.kind} ${r.name ?? '(unnamed)'}`,
    detail: r.namespace ? `${r.apiVersion} · ${r.namespace}` : r.apiVersion,
    kind: SymbolKind.Class,
    range: fullRange,
    selectionRange: file.lines.range(base + selection[0], base + selection[1]),
    children,
  };
}

/** The outline of a file; templates and non-Kubernetes documents contribute nothing. */
export function computeDocumentSymbols(ctx: FeatureContext, uri: string): DocumentSymbol[] {
  const file = ctx.workspace.get(uri);
  if (!file || file.isTemplate) return [];
  const out: DocumentSymbol[] = [];
  for (const doc of file.docs) {
    for (const r of doc.resources) {
      try {
        const s = resourceSymbol(file, r);
        if (s) out.push(s);
      } catch (err) {
        // A malformed object is left out of the outline rather than failing it.
        logFeatureError(ctx.log, 'textDocument/documentSymbol', err, `${uri}, ${r.kind} ${r.name ?? ''}`);
      }
    }
  }
  return out;
}
