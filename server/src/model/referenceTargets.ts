// What references test on the objects they point at, read from the model:
// a Namespace's labels (as the API server sets them), a Node's taints and a
// pod template's container ports. Shared by extraction (tolerations), the
// graph (resolution, invalidation) and the features (ports, rename).

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { nodeAtPath, scalarString } from './ast';
import type { IndexedResource, Labels, PodTemplate } from './index';
import { toPlain } from './parse';

/** A Namespace object's labels plus the label the API server always sets. */
export function namespaceLabels(ns: IndexedResource): Labels {
  return { ...ns.labels, 'kubernetes.io/metadata.name': ns.name };
}

/** The taints of a Node object (`spec.taints`), as plain objects. */
export function taintsOf(e: IndexedResource): Array<Record<string, unknown>> {
  const t = toPlain(e.resource.doc, nodeAtPath(e.resource.node, ['spec', 'taints']));
  return Array.isArray(t) ? t.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  nameNode?: Node;
  container: string;
}

/** Every declared container port of a pod template. */
export function containerPorts(tpl: PodTemplate): ContainerPort[] {
  const out: ContainerPort[] = [];
  const spec = nodeAtPath(tpl.node, ['spec']);
  for (const list of ['containers', 'initContainers']) {
    const cs = nodeAtPath(spec, [list]);
    if (!isSeq(cs)) continue;
    for (const c of cs.items) {
      if (!isMap(c)) continue;
      const ports = c.get('ports', true);
      if (!isSeq(ports)) continue;
      for (const p of ports.items) {
        if (!isMap(p)) continue;
        const nameN = p.get('name', true) as Node | undefined;
        const cp = p.get('containerPort', true);
        out.push({ name: scalarString(nameN), containerPort: isScalar(cp) && typeof cp.value === 'number' ? cp.value : undefined, nameNode: nameN ?? undefined, container: scalarString(c.get('name', true)) ?? '' });
      }
    }
  }
  return out;
}
