// Workspace symbols: find any object of the workspace by name (a case-insensitive
// substring or, failing that, subsequence match), shown with kind and namespace.

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { nameNode } from '../model/index';
import { graphFor } from '../model/references';
import type { FeatureContext } from './context';
import { locationOf } from './xrefLocations';

const LIMIT = 500;

function subsequence(query: string, name: string): boolean {
  let i = 0;
  for (const c of name) if (c === query[i]) i++;
  return i === query.length;
}

export function workspaceSymbols(ctx: FeatureContext, query: string): SymbolInformation[] {
  try {
    const g = graphFor(ctx.workspace);
    const q = query.toLowerCase();
    const exact: SymbolInformation[] = [];
    const fuzzy: SymbolInformation[] = [];
    for (const e of g.index.all()) {
      if (!e.name) continue;
      const n = e.name.toLowerCase();
      const bucket = n.includes(q) ? exact : subsequence(q, n) ? fuzzy : undefined;
      if (!bucket || exact.length >= LIMIT) continue;
      const location = locationOf(g.workspace, e, nameNode(e.resource));
      if (!location) continue;
      bucket.push({ name: e.name, kind: e.template ? SymbolKind.Class : SymbolKind.Object, location, containerName: e.namespace ? `${e.kind} · ${e.namespace}` : e.kind });
    }
    return [...exact, ...fuzzy].slice(0, LIMIT);
  } catch {
    return [];
  }
}
