// Workspace symbols: find any object of the workspace by name (a case-insensitive
// substring or, failing that, subsequence match), shown with kind and namespace.
// A query written as a label selector (`app=web`, `tier!=db`, `env in (prod,dev)`,
// `!canary`) instead lists the objects and pod templates whose labels it matches,
// with Kubernetes' selector semantics.

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import { parseSelector } from '../k8s/selector';
import { nameNode, type IndexedResource } from '../model/index';
import type { ReferenceGraph } from '../model/references';

import { logFeatureError, type FeatureContext } from './context';
import { locationOf } from './xrefLocations';

const LIMIT = 500;

function subsequence(query: string, name: string): boolean {
  let i = 0;
  for (const c of name) if (c === query[i]) i++;
  return i === query.length;
}

/** A query that can only be a label selector: it has a selector operator and no spaces outside `( )`. */
const SELECTOR_QUERY = /^\s*!?[A-Za-z0-9./_-]+\s*(=|==|!=|\s+(in|notin)\s*\(.*\))|^\s*![A-Za-z0-9./_-]+\s*($|,)|,/;

function symbolOf(g: ReferenceGraph, e: IndexedResource, detail?: string): SymbolInformation | undefined {
  const location = locationOf(g.workspace, e, nameNode(e.resource));
  if (!location) return undefined;
  const container = e.namespace ? `${e.kind} · ${e.namespace}` : e.kind;
  return { name: e.name, kind: e.template ? SymbolKind.Class : SymbolKind.Object, location, containerName: detail ? `${container} · ${detail}` : container };
}

/** Objects whose own labels, or whose pod template's labels, the selector matches. */
function bySelector(g: ReferenceGraph, query: string): SymbolInformation[] | undefined {
  if (!SELECTOR_QUERY.test(query)) return undefined;
  const { selector, error } = parseSelector(query);
  if (error) return undefined;
  const out: SymbolInformation[] = [];
  for (const e of g.index.all()) {
    if (!e.name || out.length >= LIMIT) continue;
    const own = Object.keys(e.labels).length > 0 && selector.matches(e.labels);
    const pods = !!e.template && selector.matches(e.template.labels);
    if (!own && !pods) continue;
    const sym = symbolOf(g, e, pods && !own ? 'pod template labels' : 'labels');
    if (sym) out.push(sym);
  }
  return out;
}

export function workspaceSymbols(ctx: FeatureContext, query: string): SymbolInformation[] {
  try {
    const g = ctx.services.graph;
    const selected = bySelector(g, query);
    if (selected) return selected;
    const q = query.toLowerCase();
    const exact: SymbolInformation[] = [];
    const fuzzy: SymbolInformation[] = [];
    for (const e of g.index.all()) {
      if (!e.name) continue;
      const n = e.name.toLowerCase();
      const bucket = n.includes(q) ? exact : subsequence(q, n) ? fuzzy : undefined;
      if (!bucket || exact.length >= LIMIT) continue;
      const sym = symbolOf(g, e);
      if (sym) bucket.push(sym);
    }
    return [...exact, ...fuzzy].slice(0, LIMIT);
  } catch (err) {
    logFeatureError(ctx.log, 'workspace/symbol', err, JSON.stringify(query));
    return [];
  }
}
