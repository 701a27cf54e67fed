// Turning the workspace's resources into plain objects with provenance, in the
// order `kubectl apply` should see them so references resolve (namespaces
// before what lives in them, classes and quotas before pods).

import { toPlain, type Resource } from '../model/parse';
import type { Workspace } from '../model/workspace';
import type { KubeObject, SourceRef } from './types';

export interface InputObject {
  object: KubeObject;
  source: SourceRef;
}

const ORDER: Record<string, number> = {
  CustomResourceDefinition: 0,
  Namespace: 1,
  PriorityClass: 2,
  StorageClass: 3,
  PersistentVolume: 4,
  ResourceQuota: 5,
  LimitRange: 5,
  ServiceAccount: 6,
  ConfigMap: 6,
  Secret: 6,
  PersistentVolumeClaim: 7,
  Node: 8,
  Service: 9,
  PodDisruptionBudget: 9,
};
const DEFAULT_ORDER = 10;
/** Autoscalers go last so their targets exist. */
const LATE: Record<string, number> = { HorizontalPodAutoscaler: 11 };

export function applyOrder(kind: string): number {
  return ORDER[kind] ?? LATE[kind] ?? DEFAULT_ORDER;
}

/** Source of a resource: its file and the 0-based line where the object starts. */
export function sourceOfResource(r: Resource, lineOf: (uri: string, offset: number) => number): SourceRef {
  const start = r.node.range ? r.node.range[0] : 0;
  return { uri: r.doc.uri, line: lineOf(r.doc.uri, r.doc.start + start) };
}

/** Workspace resources as plain objects with sources, in dependency order (stable within a kind). */
export function collectInput(workspace: Workspace, filter?: (uri: string, kind: string) => boolean): { objects: InputObject[]; skipped: Array<{ source: SourceRef; message: string }> } {
  const objects: InputObject[] = [];
  const skipped: Array<{ source: SourceRef; message: string }> = [];
  const lineOf = (uri: string, offset: number) => workspace.get(uri)?.lines.positionAt(offset).line ?? 0;
  const files = [...workspace.allFiles()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const file of files) {
    if (file.isTemplate || workspace.isPatchFile(file.uri)) continue;
    if (/(^|\/)(kustomization\.ya?ml|Kustomization|Chart\.ya?ml|values[^/]*\.ya?ml)$/.test(file.uri)) continue;
    for (const doc of file.docs) {
      for (const r of doc.resources) {
        if (filter && !filter(file.uri, r.kind)) continue;
        const source = sourceOfResource(r, lineOf);
        const plain = toPlain(doc, r.node);
        if (!plain || typeof plain !== 'object' || Array.isArray(plain)) {
          skipped.push({ source, message: `${r.kind}: could not be read` });
          continue;
        }
        const object = plain as KubeObject;
        if (!object.metadata || typeof object.metadata !== 'object' || Array.isArray(object.metadata)) object.metadata = { name: '' };
        objects.push({ object, source });
      }
    }
  }
  // Stable sort by apply order.
  const indexed = objects.map((o, i) => ({ o, i }));
  indexed.sort((a, b) => applyOrder(a.o.object.kind) - applyOrder(b.o.object.kind) || a.i - b.i);
  return { objects: indexed.map((x) => x.o), skipped };
}
