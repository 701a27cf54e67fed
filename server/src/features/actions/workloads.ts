// Where the pod template, selector and containers of a workload live in its YAML.

import { isMap, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { Resource } from '../../model/parse';
import { mapAt, stringEntries } from './common';

/** Path from the resource root to the pod template (a map with metadata + spec), per kind. */
export function podTemplatePath(kind: string): Array<string> | undefined {
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicationController':
    case 'Job':
      return ['spec', 'template'];
    case 'CronJob':
      return ['spec', 'jobTemplate', 'spec', 'template'];
    case 'Pod':
      return [];
    default:
      return undefined;
  }
}

/** Kinds whose pods are long-running and addressed by a selector (Services, PDBs make sense). */
export const SERVING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export interface PodTemplate {
  /** The template map (metadata + spec); for a Pod, the resource itself. */
  template: YAMLMap;
  templatePath: string[];
  /** The pod spec map, if present. */
  podSpec?: YAMLMap;
  labels: Record<string, string>;
  labelsMap?: YAMLMap;
}

export function podTemplateOf(r: Resource): PodTemplate | undefined {
  const path = podTemplatePath(r.kind);
  if (!path) return undefined;
  const template = path.length === 0 ? r.node : mapAt(r.node, path);
  if (!template) return undefined;
  const labelsMap = mapAt(template, ['metadata', 'labels']);
  return { template, templatePath: path, podSpec: mapAt(template, ['spec']), labels: stringEntries(labelsMap), labelsMap };
}

/** The workload's own selector.matchLabels (ReplicationController: selector itself). */
export function selectorLabels(r: Resource): Record<string, string> | undefined {
  if (r.kind === 'ReplicationController') {
    const sel = mapAt(r.node, ['spec', 'selector']);
    return sel ? stringEntries(sel) : undefined;
  }
  const ml = mapAt(r.node, ['spec', 'selector', 'matchLabels']);
  return ml ? stringEntries(ml) : undefined;
}

/** The labels a Service/PDB should select this workload's pods by. */
export function identifyingLabels(r: Resource): Record<string, string> {
  const tpl = podTemplateOf(r);
  const templateLabels = tpl?.labels ?? {};
  const sel = selectorLabels(r);
  // The selector is the stable identity of the pods (template labels may carry versions).
  if (sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => templateLabels[k] === v)) return sel;
  return templateLabels;
}

export interface ContainerRef {
  map: YAMLMap;
  /** Path from the resource root. */
  path: Array<string | number>;
  name?: string;
}

/** Containers (and init containers when `withInit`) of a workload. */
export function containersOf(r: Resource, withInit = false): ContainerRef[] {
  const tpl = podTemplateOf(r);
  if (!tpl?.podSpec) return [];
  const out: ContainerRef[] = [];
  for (const field of withInit ? ['containers', 'initContainers'] : ['containers']) {
    const seq = tpl.podSpec.get(field, true);
    if (!isSeq(seq)) continue;
    seq.items.forEach((c, i) => {
      if (!isMap(c)) return;
      const name = c.get('name');
      out.push({ map: c, path: [...tpl.templatePath, 'spec', field, i], name: typeof name === 'string' ? name : undefined });
    });
  }
  return out;
}

/** The container whose map contains the chunk-local offset, if any. */
export function containerAt(r: Resource, local: number): ContainerRef | undefined {
  return containersOf(r, true).find((c) => c.map.range && c.map.range[0] <= local && local <= c.map.range[2]);
}

export type { Pair };
