// apiVersion/kind checks of one resource: unknown pairs (with a suggestion),
// removed and deprecated API versions, and the object name rule of the kind.

import { isMap, isScalar, type YAMLMap } from 'yaml';
import { closestMatch, isBuiltinGroup, type KindInfo, type SchemaRegistry } from '../../schema';
import { dns1123Label, validateObjectName } from '../../k8s/names';
import { deprecationStatus, findDeprecation } from '../deprecations';
import { rangeOf, type LocalDiagnostic } from './types';

/** core-group kinds that are client-side formats, not API objects (kubeconfig, kubectl List). */
const CLIENT_SIDE_KINDS = new Set(['Config', 'List']);

/** GA versions first (v2 > v1), then beta, then alpha. */
export function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

function preferred(list: KindInfo[]): KindInfo | undefined {
  return [...list].sort((a, b) => versionRank(b.version) - versionRank(a.version))[0];
}

function valueNode(map: YAMLMap, key: string): unknown {
  return map.get(key, true);
}

function push(out: LocalDiagnostic[], node: unknown, d: Omit<LocalDiagnostic, 'start' | 'end'>): void {
  const r = rangeOf(node);
  if (r) out.push({ start: r[0], end: r[1], ...d });
}

export interface KindCheckResult {
  /** The kind is served: its schema should be checked. */
  known: boolean;
}

/** Reports unknown/removed/deprecated apiVersion+kind; returns whether the kind is known. */
export function checkApiVersionKind(
  node: YAMLMap,
  group: string,
  version: string,
  kind: string,
  apiVersion: string,
  registry: SchemaRegistry,
  kubernetesVersion: string,
  out: LocalDiagnostic[],
): KindCheckResult {
  const apiVersionNode = valueNode(node, 'apiVersion');
  const kindNode = valueNode(node, 'kind');
  const known = registry.lookup(group, version, kind) !== undefined;
  const dep = deprecationStatus(group, version, kind, kubernetesVersion);
  if (dep) {
    const e = dep.entry;
    const target = e.replacement ? `${e.replacement}${e.replacementKind ? ` ${e.replacementKind}` : ''}` : undefined;
    const instead = target ? ` Use ${target} instead.` : e.note ? ` ${e.note[0].toUpperCase()}${e.note.slice(1)}.` : '';
    const data = { replacement: e.replacement, ...(e.removedIn ? { removedIn: e.removedIn } : {}), ...(e.deprecatedIn ? { deprecatedIn: e.deprecatedIn } : {}) };
    if (dep.status === 'removed') {
      push(out, apiVersionNode, { severity: 'error', code: 'removed-api', message: `${apiVersion} ${kind} was removed in Kubernetes ${e.removedIn}.${instead}`, data });
    } else {
      const when = e.removedIn ? ` and is removed in ${e.removedIn}` : '';
      push(out, apiVersionNode, { severity: 'warning', code: 'deprecated-api', message: `${apiVersion} ${kind} is deprecated since Kubernetes ${e.deprecatedIn}${when}.${instead}`, data });
    }
    return { known };
  }
  if (known) return { known };
  // An API that existed and is still fine in the configured (older) Kubernetes version.
  if (findDeprecation(group, version, kind)) return { known: false };
  if (group === '' && CLIENT_SIDE_KINDS.has(kind)) return { known: false };

  const builtinGroup = isBuiltinGroup(group);
  const kinds = registry.allKinds();
  if (!builtinGroup) {
    // A custom group: silent unless it looks like a misspelt built-in group (app/v1 Deployment).
    if (registry.hasCrdFor(group, kind)) {
      // The workspace's CRD defines the kind but does not serve this version. A warning, not an
      // error: the cluster may run a newer or older copy of the CRD than the one in the workspace.
      const served = kinds.filter((k) => k.group === group && k.kind === kind && k.source.type === 'crd');
      const best = preferred(served);
      if (best && best.source.type === 'crd') {
        const file = best.source.uri.slice(best.source.uri.lastIndexOf('/') + 1);
        push(out, apiVersionNode, {
          severity: 'warning',
          code: 'unknown-kind',
          message: `The CustomResourceDefinition ${best.source.crdName} (${file}) does not serve ${apiVersion}; it serves ${[...new Set(served.map((k) => k.apiVersion))].join(', ')}. Did you mean "${best.apiVersion}"?`,
          data: { suggestion: { apiVersion: best.apiVersion, kind } },
        });
      }
      return { known: false };
    }
    const sameKind = kinds.filter((k) => k.kind === kind && k.source.type === 'builtin');
    const groups = [...new Set(sameKind.map((k) => k.group).filter((g) => g !== ''))];
    const closeGroup = group.includes('.') ? undefined : closestMatch(group, groups);
    if (!closeGroup) return { known: false };
    const best = preferred(sameKind.filter((k) => k.group === closeGroup));
    if (best) {
      push(out, apiVersionNode, {
        severity: 'error',
        code: 'unknown-kind',
        message: `Unknown apiVersion "${apiVersion}" for kind ${kind}. Did you mean "${best.apiVersion}"?`,
        data: { suggestion: { apiVersion: best.apiVersion, kind } },
      });
    }
    return { known: false };
  }

  const sameKind = kinds.filter((k) => k.kind === kind);
  if (sameKind.length > 0) {
    const best = preferred(sameKind.filter((k) => k.group === group)) ?? preferred(sameKind.filter((k) => k.source.type === 'builtin')) ?? preferred(sameKind);
    push(out, apiVersionNode, {
      severity: 'error',
      code: 'unknown-kind',
      message: `Kind ${kind} is not served by apiVersion "${apiVersion}" in Kubernetes ${kubernetesVersion}. Did you mean "${best!.apiVersion}"?`,
      data: { suggestion: { apiVersion: best!.apiVersion, kind } },
    });
    return { known: false };
  }
  const inVersion = kinds.filter((k) => k.apiVersion === apiVersion);
  const closeKind = closestMatch(kind, inVersion.length > 0 ? inVersion.map((k) => k.kind) : kinds.map((k) => k.kind));
  const suggestion = closeKind ? preferred(kinds.filter((k) => k.kind === closeKind && (inVersion.length === 0 || k.apiVersion === apiVersion))) : undefined;
  push(out, kindNode, {
    severity: 'error',
    code: 'unknown-kind',
    message: `Unknown kind "${kind}" for apiVersion "${apiVersion}".${suggestion ? ` Did you mean ${suggestion.apiVersion} ${suggestion.kind}?` : ''}`,
    data: suggestion ? { suggestion: { apiVersion: suggestion.apiVersion, kind: suggestion.kind } } : {},
  });
  return { known: false };
}

/** metadata.name must follow the kind's naming rule. */
export function checkObjectName(node: YAMLMap, group: string, kind: string, builtin: boolean, out: LocalDiagnostic[]): void {
  const meta = node.get('metadata', true);
  if (!isMap(meta)) return;
  const nameNode = meta.get('name', true);
  if (isScalar(nameNode) && typeof nameNode.value === 'string') {
    const problem = validateObjectName(group, kind, nameNode.value, builtin);
    if (problem) push(out, nameNode, { severity: 'error', code: 'invalid-name', message: `Invalid ${kind} name "${nameNode.value}": ${problem}.` });
  }
  const nsNode = meta.get('namespace', true);
  if (isScalar(nsNode) && typeof nsNode.value === 'string' && nsNode.value !== '') {
    const problem = dns1123Label(nsNode.value);
    if (problem) push(out, nsNode, { severity: 'error', code: 'invalid-name', message: `Invalid namespace "${nsNode.value}": ${problem}.` });
  }
}
