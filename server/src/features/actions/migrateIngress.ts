// Ingress extensions/v1beta1 | networking.k8s.io/v1beta1 -> networking.k8s.io/v1:
// `serviceName`/`servicePort` backends become `service.name` + `service.port.number|name`,
// `spec.backend` becomes `spec.defaultBackend`, and every path gets a `pathType`
// (ImplementationSpecific: what v1beta1 paths meant).

import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Resource, SourceFile } from '../../model/parse';
import { addPairs, contentEndOf, indentStyleOf, keyColumn, pairIn, pairRemoval, startOf, toBlockYaml, type OffsetEdit } from '../../model/edit';
import { mapAt } from './common';

function portOf(value: unknown): { number: number } | { name: string } | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return { number: value };
  if (typeof value === 'string' && /^\d+$/.test(value)) return { number: Number(value) };
  if (typeof value === 'string' && value) return { name: value };
  return undefined;
}

/** Edits turning an old backend map into the v1 shape (nothing when already v1-shaped). */
function backendEdits(file: SourceFile, r: Resource, backend: YAMLMap): OffsetEdit[] | undefined {
  const namePair = pairIn(backend, 'serviceName');
  const portPair = pairIn(backend, 'servicePort');
  if (!namePair && !portPair) return [];
  const name = isScalar(namePair?.value) ? namePair!.value.value : undefined;
  const port = portOf(isScalar(portPair?.value) ? portPair!.value.value : undefined);
  if (typeof name !== 'string' || !port || backend.flow) return undefined;
  const anchor = namePair!;
  const col = keyColumn(file, r.doc, anchor);
  const block = toBlockYaml({ service: { name, port } }, col, indentStyleOf(file)).trimStart();
  return [
    { start: startOf(r.doc, anchor.key), end: contentEndOf(file, r.doc, anchor.value), text: block },
    pairRemoval(file, r.doc, backend, portPair!),
  ];
}

export function ingressEdits(file: SourceFile, r: Resource): OffsetEdit[] | undefined {
  const spec = mapAt(r.node, ['spec']);
  if (!spec) return [];
  if (spec.flow) return undefined;
  const edits: OffsetEdit[] = [];
  const defaultPair = pairIn(spec, 'backend');
  if (defaultPair) {
    edits.push({ start: startOf(r.doc, defaultPair.key), end: contentEndOf(file, r.doc, defaultPair.key), text: 'defaultBackend' });
    if (isMap(defaultPair.value)) {
      const e = backendEdits(file, r, defaultPair.value);
      if (!e) return undefined;
      edits.push(...e);
    }
  }
  const rules = spec.get('rules', true);
  if (isSeq(rules)) {
    for (const rule of rules.items) {
      const paths = mapAt(rule, ['http'])?.get('paths', true);
      if (!isSeq(paths)) continue;
      for (const path of paths.items) {
        if (!isMap(path)) continue;
        const backend = path.get('backend', true);
        if (isMap(backend)) {
          const e = backendEdits(file, r, backend);
          if (!e) return undefined;
          edits.push(...e);
        }
        if (!path.has('pathType')) {
          if (path.flow) return undefined;
          edits.push(addPairs(file, r.doc, path, { pathType: 'ImplementationSpecific' }, { afterKey: path.has('path') ? 'path' : undefined }));
        }
      }
    }
  }
  return edits;
}
