// Rendered Kustomize overlays as part of the model: which overlays exist, their
// rendered objects (cached by a fingerprint of the files a render can read), and
// the way back from every rendered object to its source (file, document, node).
//
// Rendering runs only when the model is `trusted` (the editor's workspace trust;
// the CLI is trusted) and an engine exists; otherwise the model says why
// (`availability`) and features keep analysing the raw files. A render never
// runs on the request path: `refresh()` is called by the server after the scan
// and after file changes, and features read whatever was rendered last.
//
// A rendered overlay is analysed in a *view*: the workspace without the
// overlay's source files, plus one virtual file holding the rendered objects.
// Cross-references inside the view see prefixed names, namespaces and generated
// ConfigMap/Secret names exactly as `kubectl apply -k` would create them.

import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { nodeAt, nodeAtPath, type PathSegment } from './ast';
import { closureOf, KUSTOMIZATION_FILE, kustomizationGraph, treeFingerprint, unsupportedReason } from './kustomize';
import { findKustomizeEngine, type KustomizeEngine } from './kustomizeEngine';
import { renderOverlay, type RenderedObject } from './kustomizeRender';
import { docAt, parseFile, type ManifestDoc, type Resource, type SourceFile } from './parse';
import type { Workspace } from './workspace';

export const RENDERED_SCHEME = 'drydock-kustomize';

export type KustomizeAvailability =
  | { state: 'ready'; engine: KustomizeEngine }
  | { state: 'untrusted'; reason: string }
  | { state: 'no-engine'; reason: string }
  | { state: 'disabled'; reason: string };

export interface KustomizeOptions {
  /** Workspace trust: no process runs in an untrusted workspace. */
  trusted: boolean;
  /** `drydock.kustomize.path`. */
  enginePath?: string;
  /** `drydock.kustomize.enabled` (default true). */
  enabled?: boolean;
  /** For tests: the PATH to search. */
  pathValue?: string;
  timeoutMs?: number;
  /** Renders running at once. */
  concurrency?: number;
  /** Directories overlay names are shown relative to (workspace folders, the CLI's working directory). */
  roots?: string[];
}

/** One overlay: the last render (success or the engine's error) and what it read. */
export interface OverlayState {
  /** Absolute directory. */
  readonly dir: string;
  readonly dirUri: string;
  readonly kustomizationUri: string;
  /** `drydock-kustomize:` URI of the rendered text. */
  readonly virtualUri: string;
  readonly fingerprint: string | undefined;
  readonly ms: number;
  /** Set when the render failed, or could not run offline (`unsupported`). */
  readonly error?: string;
  readonly unsupported?: boolean;
  /** The rendered objects (empty on error) and the parsed rendered text. */
  readonly objects: readonly RenderedObject[];
  readonly virtual?: SourceFile;
  /** URIs of files objects were read from. */
  readonly sourceUris: ReadonlySet<string>;
  /** URIs of patch files of the overlay's kustomizations. */
  readonly patchUris: ReadonlySet<string>;
}

/** Where a rendered object came from: a resource of a workspace file, or a generator entry of a kustomization. */
export interface ObjectSource {
  uri: string;
  file?: SourceFile;
  doc?: ManifestDoc;
  /** The source node the object corresponds to (the resource's map, or the generator entry). */
  node?: YAMLMap;
  resource?: Resource;
}

const toUri = (path: string) => pathToFileURL(path).toString();

function toPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function virtualUriOf(dir: string): string {
  return `${RENDERED_SCHEME}://${pathToFileURL(dir).pathname.replace(/\/$/, '')}/rendered.yaml`;
}

export function isRenderedUri(uri: string): boolean {
  return uri.startsWith(`${RENDERED_SCHEME}:`);
}

/** Picks the source resource of a rendered object among a file's resources: same kind, the name under prefixes/suffixes. */
function matchResource(file: SourceFile, obj: RenderedObject): Resource | undefined {
  const sameKind = file.docs.flatMap((d) => d.resources).filter((r) => r.kind === obj.kind);
  const exact = sameKind.find((r) => r.name === obj.name);
  if (exact) return exact;
  const contained = sameKind.filter((r) => r.name && obj.name.includes(r.name)).sort((a, b) => (b.name?.length ?? 0) - (a.name?.length ?? 0));
  if (contained.length > 0) return contained[0];
  return sameKind.length === 1 ? sameKind[0] : sameKind[0] ?? file.docs.flatMap((d) => d.resources)[0];
}

/** The configMapGenerator/secretGenerator entry of a kustomization that made `obj`. */
function matchGenerator(file: SourceFile, obj: RenderedObject): { doc: ManifestDoc; node: YAMLMap } | undefined {
  const key = obj.origin.generator === 'SecretGenerator' || obj.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
  let best: { doc: ManifestDoc; node: YAMLMap; len: number } | undefined;
  for (const doc of file.docs) {
    const root = doc.yaml.contents as Node | null;
    const list = isMap(root) ? root.get(key, true) : undefined;
    if (!isSeq(list)) continue;
    for (const item of list.items) {
      if (!isMap(item)) continue;
      const name = item.get('name', true);
      const n = isScalar(name) && typeof name.value === 'string' ? name.value : '';
      if (n && obj.name.includes(n) && (!best || n.length > best.len)) best = { doc, node: item, len: n.length };
      else if (!best && list.items.length === 1) best = { doc, node: item, len: 0 };
    }
  }
  return best;
}

export class KustomizeModel {
  private overlayStates = new Map<string, OverlayState>();
  private views = new WeakMap<OverlayState, { generation: number; workspace: Workspace; view: Workspace }>();
  private lookup: KustomizeAvailability;
  private refreshing: Promise<boolean> | undefined;
  private again = false;
  private readonly listeners: Array<() => void> = [];
  /** Bumped whenever an overlay's render changes. */
  generation = 0;

  constructor(private options: KustomizeOptions) {
    this.lookup = this.computeAvailability();
  }

  get availability(): KustomizeAvailability {
    return this.lookup;
  }

  /** Changes trust or settings; forgets renders when rendering is no longer allowed. Returns true when availability changed. */
  configure(options: Partial<KustomizeOptions>): boolean {
    this.options = { ...this.options, ...options };
    const before = JSON.stringify(this.lookup);
    this.lookup = this.computeAvailability();
    const changed = before !== JSON.stringify(this.lookup);
    if (changed) {
      this.overlayStates = new Map();
      this.generation++;
      this.emit();
    }
    return changed;
  }

  private computeAvailability(): KustomizeAvailability {
    if (this.options.enabled === false) return { state: 'disabled', reason: 'drydock.kustomize.enabled is false' };
    if (!this.options.trusted) return { state: 'untrusted', reason: 'the workspace is not trusted (Restricted Mode): Drydock starts no process there, so Kustomize overlays are not rendered and the raw files are analysed' };
    const found = findKustomizeEngine(this.options.enginePath, this.options.pathValue ?? process.env.PATH);
    return found.engine ? { state: 'ready', engine: found.engine } : { state: 'no-engine', reason: found.reason };
  }

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  /** An overlay's name for messages: its directory relative to a root that contains it. */
  label(overlay: OverlayState): string {
    for (const root of this.options.roots ?? []) {
      const rel = relative(root, overlay.dir);
      if (rel === '') return '.';
      if (!rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
    }
    return overlay.dir;
  }

  /** All overlays with their last render. */
  overlays(): OverlayState[] {
    return [...this.overlayStates.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1));
  }

  overlay(dirOrUri: string): OverlayState | undefined {
    const dir = dirOrUri.startsWith('file:') ? toPath(dirOrUri) : dirOrUri;
    return dir ? this.overlayStates.get(dir.replace(/[\\/]$/, '')) : undefined;
  }

  /** Successfully rendered overlays that read `uri` as a resource file. */
  overlaysRendering(uri: string): OverlayState[] {
    return this.overlays().filter((o) => o.virtual && o.sourceUris.has(uri));
  }

  /** Rendered overlays one of whose kustomizations patches with `uri`. */
  overlaysPatchedBy(uri: string): OverlayState[] {
    return this.overlays().filter((o) => o.virtual && o.patchUris.has(uri));
  }

  /** The overlay whose virtual file is `uri`. */
  overlayOfVirtual(uri: string): OverlayState | undefined {
    return this.overlays().find((o) => o.virtualUri === uri);
  }

  /**
   * Re-reads the kustomizations of the workspace and renders the overlays whose
   * files changed since their last render. Resolves to true when anything changed.
   * Concurrent calls share one run (and one more run follows if asked meanwhile).
   */
  refresh(workspace: Workspace): Promise<boolean> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    const run = async (): Promise<boolean> => {
      let changed = false;
      do {
        this.again = false;
        changed = (await this.refreshOnce(workspace)) || changed;
      } while (this.again);
      return changed;
    };
    this.refreshing = run().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshOnce(workspace: Workspace): Promise<boolean> {
    const lookup = this.lookup;
    if (lookup.state !== 'ready') return false;
    const files: string[] = [];
    for (const f of workspace.allFiles()) {
      if (!KUSTOMIZATION_FILE.test(f.uri)) continue;
      const p = toPath(f.uri);
      if (p) files.push(p);
    }
    const graph = kustomizationGraph(files);
    const next = new Map<string, OverlayState>();
    const work: Array<() => Promise<void>> = [];
    let changed = graph.overlays.length !== this.overlayStates.size;
    for (const dir of graph.overlays) {
      const k = graph.all.get(dir)!;
      const closure = closureOf(graph, dir);
      const fingerprint = treeFingerprint(closure);
      const previous = this.overlayStates.get(dir);
      if (previous && fingerprint !== undefined && previous.fingerprint === fingerprint) {
        next.set(dir, previous);
        continue;
      }
      changed = true;
      const patchUris = new Set(closure.flatMap((d) => graph.all.get(d)?.patches ?? []).map(toUri));
      const base = { dir, dirUri: toUri(dir), kustomizationUri: toUri(k.file), virtualUri: virtualUriOf(dir), fingerprint, patchUris, objects: [], sourceUris: new Set<string>() };
      const reason = k.error ? `${k.file}: ${k.error}` : fingerprint === undefined ? `its directories hold more than 20,000 files; Drydock does not render it` : unsupportedReason(graph, closure);
      if (reason) {
        next.set(dir, { ...base, ms: 0, error: reason, unsupported: true });
        continue;
      }
      work.push(async () => {
        const r = await renderOverlay(lookup.engine, dir, { timeoutMs: this.options.timeoutMs });
        if (!r.ok) {
          next.set(dir, { ...base, ms: r.ms, error: r.message });
          return;
        }
        const virtual = parseFile(base.virtualUri, r.text, 0, undefined, workspace.interner);
        const sourceUris = new Set(r.objects.flatMap((o) => (o.origin.file ? [toUri(o.origin.file)] : [])));
        next.set(dir, { ...base, ms: r.ms, objects: r.objects, virtual, sourceUris });
      });
    }
    await runLimited(work, this.options.concurrency ?? 4);
    // Settings or trust changed while rendering: these results no longer apply.
    if (this.lookup !== lookup) return false;
    if (!changed) return false;
    this.overlayStates = next;
    this.generation++;
    this.emit();
    return true;
  }

  /** The workspace as `kubectl apply -k <overlay>` sees it: sources replaced by the rendered objects. */
  view(overlay: OverlayState, workspace: Workspace): Workspace {
    const cached = this.views.get(overlay);
    if (cached && cached.workspace === workspace && cached.generation === workspace.generation) return cached.view;
    const view = workspace.derived(overlay.sourceUris, overlay.virtual ? [overlay.virtual] : []);
    this.views.set(overlay, { generation: workspace.generation, workspace, view });
    return view;
  }

  /** Where rendered object `index` of an overlay came from, in the current workspace. */
  sourceOf(overlay: OverlayState, index: number, workspace: Workspace): ObjectSource | undefined {
    const obj = overlay.objects[index];
    if (!obj) return undefined;
    if (obj.origin.file) {
      const uri = toUri(obj.origin.file);
      const file = workspace.get(uri);
      const resource = file ? matchResource(file, obj) : undefined;
      return { uri, file, resource, doc: resource?.doc, node: resource?.node };
    }
    if (obj.origin.configuredIn) {
      const uri = toUri(obj.origin.configuredIn);
      const file = workspace.get(uri);
      const gen = file ? matchGenerator(file, obj) : undefined;
      return { uri, file, doc: gen?.doc, node: gen?.node };
    }
    return undefined;
  }

  /** The rendered objects (with their overlay) whose source is `resource`. */
  renderedFrom(resource: Resource, workspace: Workspace): Array<{ overlay: OverlayState; index: number }> {
    const out: Array<{ overlay: OverlayState; index: number }> = [];
    for (const overlay of this.overlaysRendering(resource.doc.uri)) {
      overlay.objects.forEach((o, i) => {
        if (o.origin.file && toUri(o.origin.file) === resource.doc.uri && this.sourceOf(overlay, i, workspace)?.resource === resource) out.push({ overlay, index: i });
      });
    }
    return out;
  }
}

/** A rendered object's start line in the rendered file, and the source line it came from. */
export interface RenderedLine {
  line: number;
  uri: string;
  sourceLine: number;
}

/** Start line of every rendered object of an overlay, with its source file and line (for simulation reports). */
export function renderedLines(model: KustomizeModel, overlay: OverlayState, workspace: Workspace): RenderedLine[] {
  const out: RenderedLine[] = [];
  overlay.objects.forEach((_, index) => {
    const doc = renderedDoc(overlay, index);
    const root = doc?.yaml.contents as Node | null | undefined;
    if (!doc || !root?.range || !overlay.virtual) return;
    const line = overlay.virtual.lines.positionAt(doc.start + root.range[0]).line;
    const src = model.sourceOf(overlay, index, workspace);
    if (!src) return;
    const sourceLine = src.file && src.doc && src.node?.range ? src.file.lines.positionAt(src.doc.start + src.node.range[0]).line : 0;
    out.push({ line, uri: src.uri, sourceLine });
  });
  return out;
}

/** Runs async jobs with at most `limit` at a time. */
export async function runLimited(jobs: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
}

/** The document of the rendered file holding object `index` (documents and objects are in the same order). */
export function renderedDoc(overlay: OverlayState, index: number): ManifestDoc | undefined {
  return overlay.virtual?.docs[index];
}

/** The rendered object at a file offset of an overlay's virtual file. */
export function renderedObjectAt(overlay: OverlayState, offset: number): { index: number; doc: ManifestDoc } | undefined {
  const doc = overlay.virtual ? docAt(overlay.virtual, offset) : undefined;
  return doc && overlay.objects[doc.index] ? { index: doc.index, doc } : undefined;
}

/** The deepest node along `path` that exists below `root`, with the length of the path it matched. */
export function deepestAlong(root: Node | null | undefined, path: readonly PathSegment[]): { node: Node; depth: number } | undefined {
  if (!root) return undefined;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? root : nodeAtPath(root, path.slice(0, depth));
    if (node) return { node, depth };
  }
  return undefined;
}

/** The path from a document's root to the node at a chunk-local offset, and whether the offset is on a key. */
export function pathAt(doc: ManifestDoc, localOffset: number): { path: PathSegment[]; onKey: boolean } {
  const at = nodeAt(doc.yaml.contents as Node | null, localOffset);
  return { path: at.path, onKey: at.onKey };
}
