// Diagnostics of rendered Kustomize overlays, on the lines they came from.
//
// A file an overlay reads as a resource is judged as rendered, not raw: schema
// validation and cross-reference checks run on the overlay's rendered objects
// (in the overlay's view of the workspace, see kustomizeModel.ts), and each
// problem is reported on the source node at the same path (or its nearest
// existing parent), naming the overlay(s). A problem whose path an overlay's
// patch sets is reported on the patch too. Kustomization files get the engine's
// errors and, without an engine or in Restricted Mode, one hint saying why
// overlays are not rendered.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { isMap, isScalar, type Node } from 'yaml';
import { nodeAtPath, pairOf, type PathSegment } from '../model/ast';
import { KUSTOMIZATION_FILE } from '../model/kustomize';
import { deepestAlong, pathAt, renderedObjectAt, type KustomizeModel, type OverlayState } from '../model/kustomizeModel';
import type { ManifestDoc, SourceFile } from '../model/parse';
import type { Range } from '../model/text';
import { logFeatureError, type DrydockSettings, type FeatureContext } from './context';
import { createFeatureContext } from './services';
import type { Workspace } from '../model/workspace';
import { crossRefDiagnostics } from './crossRefDiagnostics';
import { validationDiagnostics } from './validation';

const SOURCE = 'drydock';

/**
 * What this module derives from rendered overlays, owned by the workspace's services
 * (`services.derived.kustomizeRendered`): entries die with their overlay or view.
 */
export interface RenderedOverlayCaches {
  /** Diagnostics of an overlay's rendered file, computed in its view; valid for one workspace generation and settings. */
  readonly diagnostics: WeakMap<OverlayState, { generation: number; settings: DrydockSettings; diagnostics: Diagnostic[] }>;
  /** The feature context over each overlay view (its own reference graph and schemas), per settings. */
  readonly viewContexts: WeakMap<Workspace, { settings: DrydockSettings; ctx: FeatureContext }>;
}

function caches(ctx: FeatureContext): RenderedOverlayCaches {
  return (ctx.services.derived.kustomizeRendered ??= { diagnostics: new WeakMap(), viewContexts: new WeakMap() });
}

/** A feature context over an overlay's view (its own services: reference graph, schemas); cached per view and settings. */
export function viewContext(ctx: FeatureContext, model: KustomizeModel, overlay: OverlayState): FeatureContext {
  const view = model.view(overlay, ctx.workspace);
  const contexts = caches(ctx).viewContexts;
  const cached = contexts.get(view);
  if (cached && cached.settings === ctx.settings) return cached.ctx;
  const vctx = createFeatureContext(view, ctx.settings, ctx.log);
  contexts.set(view, { settings: ctx.settings, ctx: vctx });
  return vctx;
}

function renderedFileDiagnostics(ctx: FeatureContext, model: KustomizeModel, overlay: OverlayState): Diagnostic[] {
  const rendered = caches(ctx).diagnostics;
  const cached = rendered.get(overlay);
  if (cached && cached.generation === ctx.workspace.generation && cached.settings === ctx.settings) return cached.diagnostics;
  const vctx = viewContext(ctx, model, overlay);
  const file = overlay.virtual!;
  const diagnostics: Diagnostic[] = [];
  for (const provider of [validationDiagnostics, crossRefDiagnostics]) {
    try {
      diagnostics.push(...provider(vctx, file));
    } catch (err) {
      // One failing analysis must not hide the others; the log keeps the failure.
      logFeatureError(ctx.log, `rendered ${provider.name}`, err, file.uri);
    }
  }
  rendered.set(overlay, { generation: ctx.workspace.generation, settings: ctx.settings, diagnostics });
  return diagnostics;
}

/** The range of the node at `path` under `root` in `doc` (a key's name for map entries), or of its nearest existing parent. */
export function rangeAlong(file: SourceFile, doc: ManifestDoc, root: Node, path: readonly PathSegment[], exact: boolean, onKey = false): Range | undefined {
  const found = deepestAlong(root, path);
  if (!found || (exact && found.depth < path.length)) return undefined;
  let node: Node | undefined = found.node;
  const last = path[found.depth - 1];
  const valueItself = found.depth === path.length && !onKey && isScalar(node);
  if (found.depth > 0 && typeof last === 'string' && !valueItself) {
    const parent = nodeAtPath(root, path.slice(0, found.depth - 1));
    const pair = isMap(parent) ? pairOf(parent, last) : undefined;
    if (pair && isScalar(pair.key)) node = pair.key as Node;
  } else if (found.depth === 0 && isMap(root)) {
    // The object as a whole: point at its name.
    const meta = root.get('metadata', true);
    const name = isMap(meta) ? meta.get('name', true) : undefined;
    node = (isScalar(name) ? name : root.items[0]?.key) as Node | undefined;
  }
  const r = node?.range;
  if (!r) return undefined;
  const start = doc.start + r[0];
  // A collection: its first line only.
  const lineEnd = doc.text.indexOf('\n', r[0]);
  const end = doc.start + (isScalar(node) ? r[1] : Math.min(r[1], lineEnd < 0 ? r[1] : lineEnd));
  return file.lines.range(start, Math.max(end, start + 1));
}

interface Mapped {
  range: Range;
  diagnostic: Diagnostic;
  overlay: string;
}

/** Rendered diagnostics of `file`: as a source of overlays' objects, and as a patch that sets the path of a problem. */
export function renderedDiagnostics(ctx: FeatureContext, file: SourceFile): Diagnostic[] {
  const model = ctx.kustomize;
  if (!model) return [];
  const asSource = model.overlaysRendering(file.uri);
  const asPatch = model.overlaysPatchedBy(file.uri);
  if (asSource.length === 0 && asPatch.length === 0) return [];
  const mapped: Mapped[] = [];
  for (const overlay of new Set([...asSource, ...asPatch])) {
    const virtual = overlay.virtual!;
    const label = model.label(overlay);
    for (const d of renderedFileDiagnostics(ctx, model, overlay)) {
      const offset = virtual.lines.offsetAt(d.range.start);
      const at = renderedObjectAt(overlay, offset);
      if (!at) continue;
      const { path, onKey } = pathAt(at.doc, offset - at.doc.start);
      const src = model.sourceOf(overlay, at.index, ctx.workspace);
      if (src && src.uri === file.uri && src.doc && src.node) {
        const range = rangeAlong(file, src.doc, src.node, path, false, onKey);
        if (range) mapped.push({ range, diagnostic: d, overlay: label });
      }
      if (!overlay.patchUris.has(file.uri) || path.length < 2) continue;
      // The patch that set this path of the object.
      const kind = overlay.objects[at.index].kind;
      const name = src?.resource?.name;
      for (const doc of file.docs) {
        const root = doc.yaml.contents as Node | null;
        if (!isMap(root) || root.get('kind') !== kind || (name !== undefined && (root.getIn(['metadata', 'name']) as unknown) !== name)) continue;
        const range = rangeAlong(file, doc, root, path, true, onKey);
        if (range) mapped.push({ range, diagnostic: d, overlay: label });
      }
    }
  }
  // One diagnostic per place and problem, naming every overlay that has it.
  const groups = new Map<string, { first: Mapped; overlays: string[] }>();
  for (const m of mapped) {
    const key = `${m.range.start.line}:${m.range.start.character}:${m.range.end.line}:${m.range.end.character}|${m.diagnostic.code}|${m.diagnostic.message}`;
    const g = groups.get(key);
    if (g) {
      if (!g.overlays.includes(m.overlay)) g.overlays.push(m.overlay);
    } else groups.set(key, { first: m, overlays: [m.overlay] });
  }
  return [...groups.values()].map(({ first, overlays }) => ({
    ...first.diagnostic,
    range: first.range,
    // Related locations point into the virtual rendered file, which editors cannot open.
    relatedInformation: undefined,
    data: undefined,
    message: `${first.diagnostic.message} (rendered Kustomize ${overlays.length === 1 ? 'overlay' : 'overlays'} ${overlays.join(', ')})`,
  }));
}

/** Render errors on an overlay's kustomization file; the "not rendered" hint on every kustomization file. */
export function kustomizationFileDiagnostics(ctx: FeatureContext, file: SourceFile): Diagnostic[] {
  const model = ctx.kustomize;
  if (!model || !KUSTOMIZATION_FILE.test(file.uri)) return [];
  const top = file.lines.range(0, Math.max(1, file.text.indexOf('\n') < 0 ? file.text.length : file.text.indexOf('\n')));
  const availability = model.availability;
  if (availability.state === 'untrusted' || availability.state === 'no-engine') {
    const why = availability.state === 'untrusted' ? 'this workspace is not trusted (Restricted Mode); trust it to render overlays' : `${availability.reason}. Install kubectl (it embeds kustomize) or set drydock.kustomize.path`;
    return [{ range: top, severity: DiagnosticSeverity.Information, source: SOURCE, code: 'kustomize-not-rendered', message: `Drydock does not render this Kustomize overlay: ${why}. The raw files are analysed instead.` }];
  }
  const overlay = model.overlays().find((o) => o.kustomizationUri === file.uri);
  if (!overlay?.error) return [];
  return [
    {
      range: top,
      severity: overlay.unsupported ? DiagnosticSeverity.Information : DiagnosticSeverity.Error,
      source: SOURCE,
      code: overlay.unsupported ? 'kustomize-not-rendered' : 'kustomize-build-failed',
      message: overlay.unsupported ? `Drydock does not render this Kustomize overlay: ${overlay.error}. The raw files are analysed instead.` : `kustomize build failed: ${overlay.error}`,
    },
  ];
}
