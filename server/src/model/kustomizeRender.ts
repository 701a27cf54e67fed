// Rendering one overlay with the user's kustomize engine, keeping where every
// rendered object came from.
//
// The overlay is not built directly: a temporary kustomization in a directory
// outside the workspace lists it by relative path and sets
// `buildMetadata: [originAnnotations]`, so kustomize itself annotates each object
// with `config.kubernetes.io/origin`: the source file (relative to the temporary
// directory) for resources, `configuredIn`/`configuredBy` for generated objects.
// The annotation is removed from the rendered text Drydock analyses.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isMap, isScalar, parse as parseYaml, parseAllDocuments, type Document, type Node } from 'yaml';
import { runKustomizeBuild, type KustomizeEngine } from './kustomizeEngine';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface ObjectOrigin {
  /** Absolute path of the file the object was read from (resources). */
  file?: string;
  /** Absolute path of the kustomization whose generator made it (generated objects). */
  configuredIn?: string;
  /** The generator's kind, e.g. `ConfigMapGenerator`. */
  generator?: string;
}

export interface RenderedObject {
  /** Index of its document in `RenderedOverlay.text`. */
  index: number;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  origin: ObjectOrigin;
}

export type RenderedOverlay =
  | { ok: true; dir: string; text: string; objects: RenderedObject[]; ms: number }
  | { ok: false; dir: string; message: string; ms: number };

/** The wrapper kustomization: the overlay by relative path, plus kustomize's origin annotations. */
export function wrapperKustomization(relativeOverlay: string): string {
  return [
    '# Written by Drydock: renders the overlay below with origin annotations.',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    `  - ${JSON.stringify(relativeOverlay)}`,
    'buildMetadata: [originAnnotations]',
    '',
  ].join('\n');
}

function parseOrigin(text: unknown, base: string): ObjectOrigin {
  if (typeof text !== 'string') return {};
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object') return {};
  const o = value as { path?: unknown; repo?: unknown; configuredIn?: unknown; configuredBy?: { kind?: unknown } };
  const origin: ObjectOrigin = {};
  // A `repo` origin is a remote file (never the case for the overlays Drydock renders).
  if (typeof o.path === 'string' && typeof o.repo !== 'string') origin.file = resolve(base, o.path);
  if (typeof o.configuredIn === 'string') origin.configuredIn = resolve(base, o.configuredIn);
  if (o.configuredBy && typeof o.configuredBy.kind === 'string') origin.generator = o.configuredBy.kind;
  return origin;
}

function str(map: Node | null | undefined, ...path: string[]): string | undefined {
  let cur: unknown = map;
  for (const p of path) {
    if (!isMap(cur)) return undefined;
    cur = cur.get(p, true);
  }
  return isScalar(cur) && typeof cur.value === 'string' ? cur.value : undefined;
}

/** Splits kustomize's output into objects, reading and removing the origin annotations. */
export function readRenderedOutput(stdout: string, wrapperDir: string): { text: string; objects: RenderedObject[] } {
  const docs = parseAllDocuments(stdout, { uniqueKeys: false }) as Document.Parsed[];
  const parts: string[] = [];
  const objects: RenderedObject[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    const meta: unknown = root.get('metadata', true);
    const annotations = isMap(meta) ? meta.get('annotations', true) : undefined;
    let origin: ObjectOrigin = {};
    if (isMap(annotations)) {
      const a = annotations.get(ORIGIN_ANNOTATION, true);
      origin = parseOrigin(isScalar(a) ? a.value : undefined, wrapperDir);
      annotations.delete(ORIGIN_ANNOTATION);
      if (annotations.items.length === 0 && isMap(meta)) meta.delete('annotations');
    }
    objects.push({
      index: parts.length,
      apiVersion: str(root, 'apiVersion') ?? '',
      kind: str(root, 'kind') ?? '',
      name: str(root, 'metadata', 'name') ?? '',
      namespace: str(root, 'metadata', 'namespace'),
      origin,
    });
    parts.push(doc.toString({ lineWidth: 0 }));
  }
  return { text: parts.map((p) => `---\n${p}`).join(''), objects };
}

export interface RenderOptions {
  timeoutMs?: number;
}

/** Renders the kustomization in `overlayDir` (absolute). Never throws: failures carry the engine's text. */
export async function renderOverlay(engine: KustomizeEngine, overlayDir: string, options: RenderOptions = {}): Promise<RenderedOverlay> {
  const started = Date.now();
  let wrapper: string | undefined;
  try {
    wrapper = mkdtempSync(join(tmpdir(), 'drydock-kustomize-'));
    const rel = relative(wrapper, overlayDir);
    if (isAbsolute(rel)) return { ok: false, dir: overlayDir, message: `cannot reach ${overlayDir} by a relative path from the temporary directory ${wrapper}`, ms: Date.now() - started };
    writeFileSync(join(wrapper, 'kustomization.yaml'), wrapperKustomization(rel.split(sep).join('/')));
    const built = await runKustomizeBuild(engine, { dir: wrapper, timeoutMs: options.timeoutMs });
    if (!built.ok) return { ok: false, dir: overlayDir, message: rewriteWrapperPaths(built.message, wrapper, overlayDir), ms: Date.now() - started };
    const { text, objects } = readRenderedOutput(built.stdout, wrapper);
    return { ok: true, dir: overlayDir, text, objects, ms: Date.now() - started };
  } catch (e) {
    return { ok: false, dir: overlayDir, message: `rendering failed: ${(e as Error).message}`, ms: Date.now() - started };
  } finally {
    if (wrapper) {
      try {
        rmSync(wrapper, { recursive: true, force: true });
      } catch {
        // A leftover temporary directory is harmless.
      }
    }
  }
}

/** Kustomize's messages name the temporary wrapper; say the overlay instead. */
function rewriteWrapperPaths(message: string, wrapper: string, overlayDir: string): string {
  // `accumulating resources from '<relative overlay>': '<overlay>' must resolve to a file': recursed accumulation of path '<overlay>': …`
  // is the wrapper including the overlay; what follows is the overlay's own error.
  const recursed = `recursed accumulation of path '${overlayDir}': `;
  const at = message.indexOf(recursed);
  if (at >= 0) message = message.slice(at + recursed.length);
  return message.split(`${wrapper}${sep}kustomization.yaml`).join(join(overlayDir, 'kustomization.yaml')).split(wrapper).join('<drydock wrapper>');
}
