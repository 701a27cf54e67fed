// Go to definition from a reference (a name, a configMapKeyRef key, an Ingress
// backend port, a Service targetPort name) or a selector to what it points at.

import { isMap, isSeq, type Node } from 'yaml';
import type { Location } from 'vscode-languageserver-types';
import type { Position } from '../model/text';
import { isName, type ReferenceGraph, type Reference } from '../model/references';
import { atPosition, logFeatureError, type FeatureContext } from './context';
import { locate, locationOf } from './xrefLocations';
import { patchTargetDefinition, renderedDefinition } from './kustomizeNavigation';

/** Locations a reference points at; `part` narrows to a key or port inside the target. */
export function referenceTargets(g: ReferenceGraph, ref: Reference, part: 'name' | 'key' | 'port' | 'selector' = 'name'): Location[] {
  const out: Location[] = [];
  for (const t of g.resolve(ref)) {
    let node: Node | undefined = t.node;
    if (isName(ref) && part === 'key' && ref.key) {
      for (const m of ref.relation.key?.in ?? []) {
        const map = t.entry.resource.node.get(m, true);
        const pair = isMap(map) ? map.items.find((p) => String((p.key as { value?: unknown })?.value) === ref.key!.value) : undefined;
        if (pair) node = pair.key as Node;
      }
    } else if (isName(ref) && part === 'port' && ref.port) {
      const ports = t.entry.resource.node.getIn(['spec', 'ports'], true);
      const p = isSeq(ports) ? ports.items.find((x) => isMap(x) && (ref.port!.name !== undefined ? x.get('name') === ref.port!.name : x.get('port') === ref.port!.number)) : undefined;
      if (p) node = p as Node;
    }
    const loc = locationOf(g.workspace, t.entry, node);
    if (loc) out.push(loc);
  }
  return out;
}

export function definition(ctx: FeatureContext, uri: string, position: Position): Location[] {
  if (!ctx.kustomize) return rawDefinition(ctx, uri, position);
  try {
    // A file an overlay renders: references as rendered first; a patch: its own references first, then the base object.
    const rendered = renderedDefinition(ctx, uri, position, rawDefinition);
    if (rendered.length > 0) return rendered;
    const raw = rawDefinition(ctx, uri, position);
    return raw.length > 0 ? raw : patchTargetDefinition(ctx, uri, position);
  } catch (err) {
    // The raw definition still answers; the log keeps why the overlay-aware one failed.
    logFeatureError(ctx.log, 'textDocument/definition (through overlays)', err, atPosition(uri, position));
    return rawDefinition(ctx, uri, position);
  }
}

function rawDefinition(ctx: FeatureContext, uri: string, position: Position): Location[] {
  try {
    const g = ctx.services.graph;
    const at = locate(g, uri, position);
    if (!at || at.type !== 'reference') return [];
    return referenceTargets(g, at.ref, at.part);
  } catch (err) {
    logFeatureError(ctx.log, 'textDocument/definition', err, atPosition(uri, position));
    return [];
  }
}
