// Decoding an object's type the way kubectl and the API server do, then
// recovering: one function decides what `apiVersion`/`kind` mean for the editor,
// `drydock check` and the simulator's API server, so they reject the same documents
// with the same words.
//
// Upstream texts: apimachinery pkg/runtime/error.go (`Object 'apiVersion' is missing
// in '<json>'`, what kubectl's decoder answers), apimachinery pkg/api/meta
// NoKindMatchError (`no matches for kind "X" in version "Y"`, the RESTMapper's
// answer for unknown and removed APIs) and apiserver pkg/endpoints/deprecation
// (`<gv> <Kind> is deprecated in v1.N+, unavailable in v1.M+; use <gv> <Kind>`).
//
// Recovery: when the written type is not served but the intended one is plain
// (kind in the wrong case, a kind under the wrong group, no apiVersion at all), the
// object is validated as that type so every other error shows in the same pass.

import { closestMatch } from './suggest';
import { deprecationStatus, findDeprecation } from './deprecations';
import { isBuiltinGroup, type SchemaRegistry } from './registry';
import type { KindInfo } from './types';

export interface TypeMeta {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
}

export type DecodeCode = 'missing-apiversion' | 'unknown-kind' | 'removed-api' | 'deprecated-api';

export interface DecodeProblem {
  severity: 'error' | 'warning';
  code: DecodeCode;
  /** The API server's (or kubectl's) own text. */
  message: string;
  /** Drydock's hint, shown after the message. */
  hint?: string;
  /** The field the problem is about. */
  at: 'apiVersion' | 'kind';
  /** Quick-fix payload (`suggestion: {apiVersion, kind}`, `replacement`, ...). */
  data?: Record<string, unknown>;
}

export interface DecodedTypeMeta {
  /** The type the object is validated as (as written, or the plain intent); undefined without a kind. */
  type?: TypeMeta;
  /** `type` differs from what is written. */
  inferred: boolean;
  problems: DecodeProblem[];
}

/** core-group kinds that are client-side formats, not API objects (kubeconfig, kubectl List). */
const CLIENT_SIDE_KINDS = new Set(['Config', 'List']);

/** GA versions first (v2 > v1), then beta, then alpha. */
export function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const stage = m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0;
  return stage * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

export function preferredKind(list: KindInfo[]): KindInfo | undefined {
  let best: KindInfo | undefined;
  for (const k of list) if (!best || versionRank(k.version) > versionRank(best.version)) best = k;
  return best;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function typeOf(info: KindInfo): TypeMeta {
  return { apiVersion: info.apiVersion, group: info.group, version: info.version, kind: info.kind };
}

/** Built-in kinds by exact name, else by case-insensitive name (never a CRD kind: those need their apiVersion). */
function builtinKindsNamed(registry: SchemaRegistry, kind: string): KindInfo[] {
  const all = registry.allKinds().filter((k) => k.source.type === 'builtin');
  const exact = all.filter((k) => k.kind === kind);
  if (exact.length > 0) return exact;
  const lower = kind.toLowerCase();
  return all.filter((k) => k.kind.toLowerCase() === lower);
}

/**
 * The type to validate an object as. Cheap when the written type is served (one
 * lookup), so the model can call it for every resource it parses.
 */
export function inferTypeMeta(apiVersion: unknown, kind: unknown, registry: SchemaRegistry): TypeMeta | undefined {
  if (typeof kind !== 'string' || kind === '') return undefined;
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    const best = preferredKind(builtinKindsNamed(registry, kind));
    return best ? typeOf(best) : undefined;
  }
  const { group, version } = splitApiVersion(apiVersion);
  const written: TypeMeta = { apiVersion, group, version, kind };
  if (registry.lookup(group, version, kind)) return written;
  if (findDeprecation(group, version, kind) || !isBuiltinGroup(group)) return written;
  if (group === '' && CLIENT_SIDE_KINDS.has(kind)) return written;
  const candidates = builtinKindsNamed(registry, kind);
  if (candidates.length === 0) return written;
  const sameVersion = candidates.find((k) => k.apiVersion === apiVersion);
  if (sameVersion) return typeOf(sameVersion);
  const best = preferredKind(candidates.filter((k) => k.group === group)) ?? preferredKind(candidates);
  return best ? typeOf(best) : written;
}

/** Go's json.Marshal of decoded YAML: compact, map keys sorted (what kubectl quotes in decode errors). */
export function goJson(value: unknown, depth = 0): string {
  if (depth > 50) return 'null';
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => goJson(v, depth + 1)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson((value as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Longer object texts are cut here (kubectl quotes the whole object; a diagnostic needs the start). */
const QUOTED_OBJECT_MAX = 120;

export function missingApiVersionMessage(obj: unknown): string {
  const json = goJson(obj);
  return `Object 'apiVersion' is missing in '${json.length > QUOTED_OBJECT_MAX ? json.slice(0, QUOTED_OBJECT_MAX) + '...' : json}'`;
}

/** apimachinery runtime.NewMissingKindErr, as kubectl prints it for a document with `apiVersion` and no `kind`. */
export function missingKindMessage(obj: unknown): string {
  const json = goJson(obj);
  return `Object 'Kind' is missing in '${json.length > QUOTED_OBJECT_MAX ? json.slice(0, QUOTED_OBJECT_MAX) + '...' : json}'`;
}

export function noMatchMessage(apiVersion: string, kind: string): string {
  return `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
}

export interface DecodeOptions {
  /** Kubernetes version for removed/deprecated APIs (default 1.36). */
  kubernetesVersion?: string;
}

/**
 * Decodes the type of `obj` (a plain object, as decoded from YAML): problems with
 * the API server's words and the type to validate it as.
 */
export function decodeTypeMeta(obj: { apiVersion?: unknown; kind?: unknown }, registry: SchemaRegistry, opts: DecodeOptions = {}): DecodedTypeMeta {
  const kubernetesVersion = opts.kubernetesVersion || '1.36';
  const kind = obj.kind;
  const apiVersion = obj.apiVersion;
  if (typeof kind !== 'string' || kind === '') return { inferred: false, problems: [] };
  const type = inferTypeMeta(apiVersion, kind, registry);
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    const hint = type ? `${type.kind} is ${type.apiVersion}: add "apiVersion: ${type.apiVersion}".` : undefined;
    return {
      type,
      inferred: !!type,
      problems: [{ severity: 'error', code: 'missing-apiversion', message: missingApiVersionMessage(obj), hint, at: 'kind', data: type ? { apiVersion: type.apiVersion, kind: type.kind } : {} }],
    };
  }
  const { group, version } = splitApiVersion(apiVersion);
  const inferred = !!type && (type.apiVersion !== apiVersion || type.kind !== kind);
  const problems: DecodeProblem[] = [];
  const dep = deprecationStatus(group, version, kind, kubernetesVersion);
  if (dep) {
    const e = dep.entry;
    const target = e.replacement ? `${e.replacement}${e.replacementKind ? ` ${e.replacementKind}` : ''}` : undefined;
    const data = { replacement: e.replacement, ...(e.removedIn ? { removedIn: e.removedIn } : {}), ...(e.deprecatedIn ? { deprecatedIn: e.deprecatedIn } : {}) };
    if (dep.status === 'removed') {
      const instead = target ? ` Use ${target} instead.` : e.note ? ` ${e.note[0].toUpperCase()}${e.note.slice(1)}.` : '';
      problems.push({ severity: 'error', code: 'removed-api', message: noMatchMessage(apiVersion, kind), hint: `${apiVersion} ${kind} was removed in Kubernetes ${e.removedIn}.${instead}`, at: 'apiVersion', data });
    } else {
      let message = `${apiVersion} ${kind} is deprecated in v${e.deprecatedIn}+`;
      if (e.removedIn) message += `, unavailable in v${e.removedIn}+`;
      if (e.replacement) message += `; use ${e.replacement} ${e.replacementKind ?? kind}`;
      problems.push({ severity: 'warning', code: 'deprecated-api', message, hint: !target && e.note ? `${e.note[0].toUpperCase()}${e.note.slice(1)}.` : undefined, at: 'apiVersion', data });
    }
    return { type, inferred, problems };
  }
  if (registry.lookup(group, version, kind)) return { type, inferred: false, problems };
  // An API that existed and is still served by the configured (older) Kubernetes version.
  if (findDeprecation(group, version, kind)) return { type, inferred: false, problems };
  if (group === '' && CLIENT_SIDE_KINDS.has(kind)) return { type, inferred: false, problems };

  const kinds = registry.allKinds();
  if (!isBuiltinGroup(group)) {
    if (registry.hasCrdFor(group, kind)) {
      // The workspace's CRD defines the kind but does not serve this version. A warning: the
      // cluster may run a newer or older copy of the CRD than the one in the workspace.
      const served = kinds.filter((k) => k.group === group && k.kind === kind && k.source.type === 'crd');
      const best = preferredKind(served);
      if (best && best.source.type === 'crd') {
        const file = best.source.uri.slice(best.source.uri.lastIndexOf('/') + 1);
        problems.push({
          severity: 'warning',
          code: 'unknown-kind',
          message: noMatchMessage(apiVersion, kind),
          hint: `The CustomResourceDefinition ${best.source.crdName} (${file}) does not serve ${apiVersion}; it serves ${[...new Set(served.map((k) => k.apiVersion))].join(', ')}. Did you mean "${best.apiVersion}"?`,
          at: 'apiVersion',
          data: { suggestion: { apiVersion: best.apiVersion, kind } },
        });
      }
      return { type, inferred: false, problems };
    }
    // A custom group: silent (its CRD may be installed elsewhere) unless it looks like a misspelt built-in group (app/v1 Deployment).
    const sameKind = kinds.filter((k) => k.kind === kind && k.source.type === 'builtin');
    const groups = [...new Set(sameKind.map((k) => k.group).filter((g) => g !== ''))];
    const closeGroup = group.includes('.') ? undefined : closestMatch(group, groups);
    const best = closeGroup ? preferredKind(sameKind.filter((k) => k.group === closeGroup)) : undefined;
    if (best) {
      problems.push({ severity: 'error', code: 'unknown-kind', message: noMatchMessage(apiVersion, kind), hint: `Did you mean "${best.apiVersion}"?`, at: 'apiVersion', data: { suggestion: { apiVersion: best.apiVersion, kind } } });
    }
    return { type, inferred: false, problems };
  }

  if (type && inferred) {
    const caseOnly = type.kind !== kind && type.kind.toLowerCase() === kind.toLowerCase();
    const hint = caseOnly && type.apiVersion === apiVersion ? `The kind is "${type.kind}" (kinds are case-sensitive).` : `${type.kind} is ${type.apiVersion}.`;
    problems.push({ severity: 'error', code: 'unknown-kind', message: noMatchMessage(apiVersion, kind), hint, at: type.apiVersion === apiVersion ? 'kind' : 'apiVersion', data: { suggestion: { apiVersion: type.apiVersion, kind: type.kind } } });
    return { type, inferred: true, problems };
  }
  const inVersion = kinds.filter((k) => k.apiVersion === apiVersion);
  const closeKind = closestMatch(kind, inVersion.length > 0 ? inVersion.map((k) => k.kind) : kinds.map((k) => k.kind));
  const suggestion = closeKind ? preferredKind(kinds.filter((k) => k.kind === closeKind && (inVersion.length === 0 || k.apiVersion === apiVersion))) : undefined;
  problems.push({
    severity: 'error',
    code: 'unknown-kind',
    message: noMatchMessage(apiVersion, kind),
    hint: suggestion ? `Did you mean ${suggestion.apiVersion} ${suggestion.kind}?` : undefined,
    at: 'kind',
    data: suggestion ? { suggestion: { apiVersion: suggestion.apiVersion, kind: suggestion.kind } } : {},
  });
  return { type, inferred: false, problems };
}

/** Message and hint as one diagnostic text. */
export function problemText(p: DecodeProblem): string {
  return p.hint ? `${p.message}. ${p.hint}` : p.message;
}
