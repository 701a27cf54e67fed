// Find references: from an object (its name or header), a label, a ConfigMap/
// Secret key or a named container port to everything that points at it,
// selectors included. On a reference, the references of its target.

import type { Location } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import type { IndexedResource } from '../model/index';
import type { Position } from '../model/text';
import { isName, isPortName, isSelector, referencesOf, type ReferenceGraph } from '../model/references';
import { atPosition, logFeatureError, type FeatureContext } from './context';
import { locate, locationOf } from './xrefLocations';

export interface Referrer {
  entry: IndexedResource;
  node: Node;
}

/** Everything that points at an object: name references and selectors that select it. */
export function referrersOf(g: ReferenceGraph, e: IndexedResource): Referrer[] {
  const out: Referrer[] = g.nameReferencesTo(e).map((r) => ({ entry: r.source, node: r.node }));
  for (const r of g.selectorsSelecting(e)) out.push({ entry: r.source, node: r.node });
  return out;
}

function keyReferrers(g: ReferenceGraph, e: IndexedResource, key: string): Referrer[] {
  return g.nameReferencesTo(e).flatMap((r) => (r.key?.value === key ? [{ entry: r.source, node: r.key.node }] : []));
}

function portReferrers(g: ReferenceGraph, e: IndexedResource, name: string): Referrer[] {
  const out: Referrer[] = [];
  for (const sel of g.selectorsSelecting(e)) {
    for (const r of referencesOf(sel.source)) if (isPortName(r) && r.portName === name && r.relation.via === sel.relation.id) out.push({ entry: r.source, node: r.node });
  }
  return out;
}

export function findReferences(ctx: FeatureContext, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  try {
    const g = ctx.services.graph;
    const at = locate(g, uri, position);
    if (!at) return [];
    const found: Referrer[] = [];
    switch (at.type) {
      case 'resource':
        if (includeDeclaration) found.push({ entry: at.entry, node: at.node });
        found.push(...referrersOf(g, at.entry));
        break;
      case 'label': {
        if (includeDeclaration) found.push({ entry: at.entry, node: at.label.pair.key as Node });
        for (const r of g.selectorsSelecting(at.entry)) if (r.keys.includes(at.label.key)) found.push({ entry: r.source, node: r.node });
        break;
      }
      case 'data-key':
        if (includeDeclaration) found.push({ entry: at.entry, node: at.node });
        found.push(...keyReferrers(g, at.entry, at.key));
        break;
      case 'container-port':
        if (includeDeclaration) found.push({ entry: at.entry, node: at.node });
        found.push(...portReferrers(g, at.entry, at.name));
        break;
      case 'reference': {
        const ref = at.ref;
        if (isSelector(ref)) {
          for (const t of g.resolve(ref)) found.push({ entry: t.entry, node: t.node ?? t.entry.resource.node });
        } else {
          for (const t of g.resolve(ref)) {
            if (isName(ref) && at.part === 'key' && ref.key) found.push(...keyReferrers(g, t.entry, ref.key.value));
            else if (isPortName(ref)) found.push(...portReferrers(g, t.entry, ref.portName));
            else {
              if (includeDeclaration && t.node) found.push({ entry: t.entry, node: t.node });
              found.push(...referrersOf(g, t.entry));
            }
          }
        }
        break;
      }
    }
    const seen = new Set<string>();
    const out: Location[] = [];
    for (const f of found) {
      const loc = locationOf(g.workspace, f.entry, f.node);
      if (!loc) continue;
      const k = `${loc.uri}:${loc.range.start.line}:${loc.range.start.character}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(loc);
      }
    }
    return out;
  } catch (err) {
    logFeatureError(ctx.log, 'textDocument/references', err, atPosition(uri, position));
    return [];
  }
}
