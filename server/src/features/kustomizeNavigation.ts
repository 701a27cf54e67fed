// Navigation through rendered Kustomize overlays.
//
// - In a file an overlay renders, go-to-definition follows the reference as the
//   overlay renders it (prefixed names, the overlay's namespace, generated
//   ConfigMap/Secret names with hash suffixes) and lands on the source of the
//   target: a base file, or the generator entry in a kustomization.
// - In an overlay's patch, go-to-definition leads to the base object the patch
//   applies to (at the same path when the base has it).

import type { Location } from 'vscode-languageserver-types';
import { isMap, isScalar, type Node } from 'yaml';
import { nodeAtPath, pairOf, type PathSegment } from '../model/ast';
import { deepestAlong, pathAt, renderedDoc, renderedObjectAt, type KustomizeModel, type OverlayState } from '../model/kustomizeModel';
import { docAt, resourceAt } from '../model/parse';
import type { Position } from '../model/text';
import type { Workspace } from '../model/workspace';
import type { FeatureContext } from './context';
import { rangeAlong, viewContext } from './kustomizeDiagnostics';

/** A location in an overlay's rendered file, as the source location it came from. */
export function sourceLocation(model: KustomizeModel, overlay: OverlayState, workspace: Workspace, virtualOffset: number): Location | undefined {
  const at = renderedObjectAt(overlay, virtualOffset);
  if (!at) return undefined;
  const src = model.sourceOf(overlay, at.index, workspace);
  if (!src?.file || !src.doc || !src.node) return src ? { uri: src.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
  const { path, onKey } = pathAt(at.doc, virtualOffset - at.doc.start);
  const range = rangeAlong(src.file, src.doc, src.node, path, false, onKey);
  return range ? { uri: src.uri, range } : undefined;
}

/** The offset in an overlay's rendered file of the node at `path` of object `index` (its key when `onKey`). */
function renderedOffset(overlay: OverlayState, index: number, path: readonly PathSegment[], onKey: boolean): number | undefined {
  const doc = renderedDoc(overlay, index);
  const root = doc?.yaml.contents as Node | null | undefined;
  const found = deepestAlong(root, path);
  if (!doc || !found || found.depth < path.length) return undefined;
  let node: Node | undefined = found.node;
  const last = path[path.length - 1];
  if (onKey && typeof last === 'string') {
    const parent = nodeAtPath(root, path.slice(0, -1));
    const pair = isMap(parent) ? pairOf(parent, last) : undefined;
    if (pair && isScalar(pair.key)) node = pair.key as Node;
  }
  return node?.range ? doc.start + node.range[0] : undefined;
}

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const key = `${l.uri}#${l.range.start.line}:${l.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Definition of the reference at a position of a rendered source file, resolved in each overlay that renders it. */
export function renderedDefinition(ctx: FeatureContext, uri: string, position: Position, resolve: (vctx: FeatureContext, uri: string, position: Position) => Location[]): Location[] {
  const model = ctx.kustomize;
  const file = ctx.workspace.get(uri);
  if (!model || !file || model.overlaysRendering(uri).length === 0) return [];
  const offset = file.lines.offsetAt(position);
  const doc = docAt(file, offset);
  const resource = doc ? resourceAt(doc, offset - doc.start) : undefined;
  if (!doc || !resource) return [];
  const { path, onKey } = pathAt(doc, offset - doc.start);
  const out: Location[] = [];
  for (const { overlay, index } of model.renderedFrom(resource, ctx.workspace)) {
    const vOffset = renderedOffset(overlay, index, path, onKey);
    if (vOffset === undefined || !overlay.virtual) continue;
    const vctx = viewContext(ctx, model, overlay);
    for (const loc of resolve(vctx, overlay.virtualUri, overlay.virtual.lines.positionAt(vOffset))) {
      if (loc.uri !== overlay.virtualUri) out.push(loc);
      else {
        const mapped = sourceLocation(model, overlay, ctx.workspace, overlay.virtual.lines.offsetAt(loc.range.start));
        if (mapped) out.push(mapped);
      }
    }
  }
  return dedupe(out);
}

/** From a position in an overlay's patch to the base object it patches (the same path when the base has it). */
export function patchTargetDefinition(ctx: FeatureContext, uri: string, position: Position): Location[] {
  const model = ctx.kustomize;
  const file = ctx.workspace.get(uri);
  if (!model || !file) return [];
  const overlays = model.overlaysPatchedBy(uri);
  if (overlays.length === 0) return [];
  const offset = file.lines.offsetAt(position);
  const doc = docAt(file, offset);
  const root = doc?.yaml.contents as Node | null | undefined;
  if (!doc || !isMap(root)) return [];
  const kind = root.get('kind');
  const name = root.getIn(['metadata', 'name']);
  if (typeof kind !== 'string' || typeof name !== 'string') return [];
  const { path, onKey } = pathAt(doc, offset - doc.start);
  const out: Location[] = [];
  for (const overlay of overlays) {
    overlay.objects.forEach((obj, index) => {
      if (obj.kind !== kind) return;
      const src = model.sourceOf(overlay, index, ctx.workspace);
      if (!src?.file || !src.doc || !src.node || src.resource?.name !== name || src.uri === uri) return;
      const range = rangeAlong(src.file, src.doc, src.node, path, false, onKey);
      if (range) out.push({ uri: src.uri, range });
    });
  }
  return dedupe(out);
}
