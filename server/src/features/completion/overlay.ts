// Name completion in the rendered context of Kustomize overlays. In a file an
// overlay renders, a reference is written with the source name and kustomize
// rewrites it to the rendered one (namePrefix/nameSuffix, the hash suffix of a
// generated ConfigMap/Secret). So the objects the overlays render — including
// those only a configMapGenerator/secretGenerator makes, which no workspace file
// declares — are offered by the name to write here, documented with the name they
// will have after rendering and where they come from. Cost: the rendered objects of
// the overlays reading this file (their last render; nothing is rendered here).

import { pathToFileURL } from 'node:url';
import { isMap, isScalar, type Node } from 'yaml';
import { CompletionItemKind, type CompletionItem, type MarkupContent } from 'vscode-languageserver-types';
import { kindIsNamespaced } from '../../model/index';
import { renderedDoc, type KustomizeModel, type OverlayState } from '../../model/kustomizeModel';
import type { ManifestDoc } from '../../model/parse';
import type { KindRef } from '../../model/relations';
import { displayPath, valueItem, type CompletionEnv } from './modelCommon';

/** One object as an overlay renders it, by the name a source file refers to it with. */
interface RenderedTarget {
  overlay: string;
  rendered: string;
  namespace?: string;
  /** `configMapGenerator in [kustomization.yaml:12](…)` or `[base/cm.yaml:3](…)`. */
  origin: string;
  generated: boolean;
  /** The rendered document (its keys, for key completion). */
  doc?: ManifestDoc;
}

/**
 * Per render: source file URI -> kind -> the namespace the overlay renders that file's objects of
 * the kind into ('' key: any kind). A pure cache keyed by the immutable render state.
 */
const RENDERED_NAMESPACES = new WeakMap<OverlayState, Map<string, Map<string, string>>>();

/** The namespace an overlay renders the objects of this file into (they share the overlay's `namespace:`); undefined when it renders none. */
function renderedNamespaceOf(overlay: OverlayState, env: CompletionEnv): string | undefined {
  let byFile = RENDERED_NAMESPACES.get(overlay);
  if (!byFile) {
    byFile = new Map();
    for (const o of overlay.objects) {
      if (!o.origin.file) continue;
      const uri = pathToFileURL(o.origin.file).toString();
      let byKind = byFile.get(uri);
      if (!byKind) byFile.set(uri, (byKind = new Map<string, string>()));
      const ns = o.namespace ?? 'default';
      if (!byKind.has(o.kind)) byKind.set(o.kind, ns);
      if (!byKind.has('')) byKind.set('', ns);
    }
    RENDERED_NAMESPACES.set(overlay, byFile);
  }
  const byKind = byFile.get(env.uri);
  return byKind?.get(env.kind) ?? byKind?.get('');
}

/** `file:line` of a node of a source file, linked. */
function link(env: CompletionEnv, uri: string, offset: number | undefined): string {
  const file = env.ctx.workspace.get(uri);
  const line = file && offset !== undefined ? file.lines.positionAt(offset).line + 1 : 1;
  return `[${displayPath(env.uri, uri)}:${line}](${uri}#L${line})`;
}

/** Objects of `target` the overlays rendering this file make, by source name. */
function renderedTargets(env: CompletionEnv, model: KustomizeModel, target: KindRef): Map<string, RenderedTarget[]> {
  const out = new Map<string, RenderedTarget[]>();
  const namespaced = kindIsNamespaced(target.group, target.kind);
  for (const overlay of model.overlaysRendering(env.uri)) {
    const ns = namespaced ? renderedNamespaceOf(overlay, env) : undefined;
    if (namespaced && ns === undefined) continue;
    overlay.objects.forEach((o, i) => {
      const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
      if (o.kind !== target.kind || group !== target.group || (namespaced && (o.namespace ?? 'default') !== ns)) return;
      const src = model.sourceOf(overlay, i, env.ctx.workspace);
      if (!src) return;
      let sourceName: string | undefined;
      let origin: string;
      const generated = !o.origin.file;
      const start = (node: Node | undefined) => (src.doc && node?.range ? src.doc.start + node.range[0] : undefined);
      if (generated) {
        const name = isMap(src.node) ? (src.node.get('name', true) as Node | undefined) : undefined;
        sourceName = isScalar(name) && typeof name.value === 'string' ? name.value : undefined;
        const generator = o.origin.generator ? o.origin.generator.charAt(0).toLowerCase() + o.origin.generator.slice(1) : 'a generator';
        origin = `\`${generator}\` in ${link(env, src.uri, start(name))}`;
      } else {
        sourceName = src.resource?.name;
        origin = link(env, src.uri, start(src.node));
      }
      if (!sourceName) return;
      let list = out.get(sourceName);
      if (!list) out.set(sourceName, (list = []));
      list.push({ overlay: model.label(overlay), rendered: o.name, namespace: o.namespace, origin, generated, doc: renderedDoc(overlay, i) });
    });
  }
  return out;
}

const renderedLine = (t: RenderedTarget) => `- ${t.overlay}: \`${t.rendered}\`${t.namespace ? ` in ${t.namespace}` : ''} — ${t.generated ? 'generated by ' : 'from '}${t.origin}`;

/**
 * Completes `items` (the workspace's objects of `target`, by name) with the
 * overlays' view: an item already offered gets the names it renders to; an
 * object only the overlays make (a generated ConfigMap) becomes a new item.
 */
export function withOverlayNames(env: CompletionEnv, target: KindRef, items: CompletionItem[]): CompletionItem[] {
  const model = env.ctx.kustomize;
  if (!model) return items;
  const byLabel = new Map(items.map((i) => [i.label, i]));
  const added: CompletionItem[] = [];
  for (const [name, targets] of renderedTargets(env, model, target)) {
    const lines = targets.map(renderedLine).join('\n');
    const existing = byLabel.get(name);
    if (existing) {
      const doc = existing.documentation as MarkupContent;
      existing.documentation = { ...doc, value: `${doc.value}\n\nAfter Kustomize renders this file:\n\n${lines}` };
      continue;
    }
    const overlays = [...new Set(targets.map((t) => t.overlay))];
    added.push(
      valueItem(env, name, {
        kind: CompletionItemKind.Reference,
        detail: `${target.kind} · ${targets[0].generated ? 'generated by' : 'rendered by'} ${overlays.join(', ')}`,
        doc: `**${target.kind} ${name}** — made by the Kustomize overlay${overlays.length > 1 ? 's' : ''} rendering this file; kustomize rewrites this reference to the rendered name:\n\n${lines}`,
        // After the objects written in the workspace.
        sort: `4${String(items.length + added.length).padStart(5, '0')}`,
      }),
    );
  }
  return [...items, ...added];
}

/** Keys of an object only the overlays make (`configMapKeyRef: {name: web-config, key: |}` on a generated ConfigMap), as rendered. */
export function overlayKeyItems(env: CompletionEnv, target: KindRef, name: string, maps: readonly string[]): CompletionItem[] {
  const model = env.ctx.kustomize;
  const targets = model ? renderedTargets(env, model, target).get(name) : undefined;
  if (!targets) return [];
  const byKey = new Map<string, RenderedTarget[]>();
  for (const t of targets) {
    const root = t.doc?.yaml.contents as Node | null | undefined;
    for (const m of maps) {
      const data = isMap(root) ? root.get(m, true) : undefined;
      if (!isMap(data)) continue;
      for (const p of data.items) {
        const key = isScalar(p.key) ? String(p.key.value) : undefined;
        if (key === undefined) continue;
        const list = byKey.get(key);
        if (list) list.push(t);
        else byKey.set(key, [t]);
      }
    }
  }
  return [...byKey].map(([key, ts], i) =>
    valueItem(env, key, {
      kind: CompletionItemKind.Field,
      detail: `${target.kind} ${name} · ${[...new Set(ts.map((t) => t.overlay))].join(', ')}`,
      doc: `Key \`${key}\` of ${target.kind} **${name}** as the Kustomize overlays render it:\n\n${ts.map(renderedLine).join('\n')}`,
      sort: String(i).padStart(5, '0'),
    }),
  );
}
