// apiVersion/kind of one object as diagnostics: schema/decode.ts decides (missing
// apiVersion, unknown/removed/deprecated APIs, wrong-case kinds, kinds under the
// wrong group) and this file places each problem on the YAML: on the `apiVersion`
// or `kind` value, or on the `kind` key when `apiVersion` is missing.

import { isScalar, type YAMLMap } from 'yaml';
import { decodeTypeMeta, problemText, type DecodedTypeMeta, type SchemaRegistry } from '../../schema';
import { rangeOf, type LocalDiagnostic } from './localDiagnostic';

/** Decodes `plain` (the object as JSON) and reports its type problems at `node`. */
export function checkTypeMeta(node: YAMLMap, plain: Record<string, unknown>, registry: SchemaRegistry, kubernetesVersion: string, out: LocalDiagnostic[]): DecodedTypeMeta {
  const decoded = decodeTypeMeta(plain, registry, { kubernetesVersion });
  for (const p of decoded.problems) {
    const valueNode = node.get(p.at, true);
    const pair = node.items.find((it) => isScalar(it.key) && it.key.value === p.at);
    const r = rangeOf(valueNode ?? pair?.key ?? node);
    if (!r) continue;
    out.push({
      start: r[0],
      end: r[1],
      severity: p.severity,
      code: p.code,
      message: problemText(p),
      data: p.data ?? {},
      ...(p.severity === 'error' ? { stage: 'typemeta' as const, apiText: p.message } : { apiText: p.message }),
    });
  }
  return decoded;
}
