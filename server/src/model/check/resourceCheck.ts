// Everything the API server would say about creating one resource, as
// diagnostics on its YAML, in one pass: its type (typeMetaCheck), the decoder's
// strict field and type checks and the OpenAPI schema (schemaCheck), and the
// validation core (apiCheck), under the inferred type when the written one is
// not served so one error never hides the others. Used by the editor and
// `drydock check` (features/validation.ts) and by the simulator's input
// (sim/input.ts), which refuses the objects whose decoding fails.

import type { YAMLMap } from 'yaml';
import { DocCacheSlot, toPlain, type ManifestDoc, type Resource } from '../parse';
import type { DecodedTypeMeta, SchemaRegistry } from '../../schema';
import { checkApi } from './apiCheck';
import type { LocalDiagnostic } from './localDiagnostic';
import { SchemaChecker } from './schemaCheck';
import { checkTypeMeta } from './typeMetaCheck';

export interface ResourceCheckOptions {
  kubernetesVersion: string;
  /** Kustomize patch files hold partial objects: no required fields, no API validation. */
  isPatch: boolean;
  /** Run the validation core (default true; the simulator's API server runs it itself). */
  core?: boolean;
}

export interface ResourceCheck {
  diagnostics: LocalDiagnostic[];
  /** The decoded type (undefined without a kind). */
  decoded?: DecodedTypeMeta;
  /** The object's name as written ('' when missing), for messages. */
  name: string;
  /**
   * The API server's answer when decoding fails (decodeRejection), from the decode
   * and schema checks only: the same with or without the validation core.
   */
  rejection?: string;
}

/** The Kubernetes version the simulator decodes with (sim/input.ts). */
export const SIMULATOR_DECODE_VERSION = '1.36';

/** Decode rejections of a document's resources for one registry generation, recorded by whichever checks a resource first. */
const DECODE_REJECTIONS = new DocCacheSlot<{ registry: SchemaRegistry; stamp: number; byResource: Map<Resource, string | undefined> }>('check.decode');

function decodeRejections(doc: ManifestDoc, registry: SchemaRegistry): Map<Resource, string | undefined> {
  let cache = doc.cache.get(DECODE_REJECTIONS);
  if (!cache || cache.registry !== registry || cache.stamp !== registry.generation) {
    cache = { registry, stamp: registry.generation, byResource: new Map() };
    doc.cache.set(DECODE_REJECTIONS, cache);
  }
  return cache.byResource;
}

/**
 * Records `check`'s decode rejection for the simulator when it was checked as the
 * simulator decodes (a whole object, its Kubernetes version): validation runs
 * first, and the simulation input then does not check the resource again.
 */
export function recordDecodeRejection(doc: ManifestDoc, r: Resource, registry: SchemaRegistry, opts: ResourceCheckOptions, check: ResourceCheck): void {
  if (opts.isPatch || opts.kubernetesVersion !== SIMULATOR_DECODE_VERSION) return;
  decodeRejections(doc, registry).set(r, check.rejection);
}

/** The simulator's decode rejection of `r` (undefined: it decodes), checked once per document version and registry. */
export function simulatorDecodeRejection(doc: ManifestDoc, r: Resource, registry: SchemaRegistry): string | undefined {
  const known = decodeRejections(doc, registry);
  if (known.has(r)) return known.get(r);
  const check = checkResource(doc, r, registry, { kubernetesVersion: SIMULATOR_DECODE_VERSION, isPatch: false, core: false });
  known.set(r, check.rejection);
  return check.rejection;
}

/** Schema codes that are the same problem as a validation-core error on the same field. */
const SAME_AS_CORE = new Set(['missing-required', 'invalid-enum', 'invalid-label-key', 'invalid-label-value', 'invalid-value']);

/** `spec.containers[0].ports[0].containerPort` -> `spec.containers[0].ports[0]`; `spec.containers[0]` -> `spec.containers`. */
function parentField(field: string): string {
  const m = /^(.*?)(\.[^.[\]]+|\[[^\]]*\])$/.exec(field);
  return m ? m[1] : '';
}

/**
 * One diagnostic per problem: a schema diagnostic about the same field (or node)
 * as a validation-core error is folded into it (its quick-fix data kept); a core
 * error on a value the decoder already refused is dropped (the API server never
 * gets to validate it).
 */
function merge(schema: LocalDiagnostic[], core: LocalDiagnostic[]): LocalDiagnostic[] {
  const out: LocalDiagnostic[] = [];
  const decodeRanges = new Set(schema.filter((d) => d.stage === 'decode').map((d) => `${d.start}:${d.end}`));
  // A misspelt field leaves its object without the field it meant: an error about that object, or
  // the meant field's Required, follows from the misspelling (and goes once it is fixed). A value of
  // the wrong type never reaches validation: errors about its object (defaults copied from it) follow from it.
  const decodeErrors = schema.filter((d) => (d.code === 'unknown-field' || d.code === 'wrong-type') && d.stage === 'decode' && d.field !== undefined);
  const followsDecodeError = (d: LocalDiagnostic) =>
    d.stage === 'validate' &&
    d.field !== undefined &&
    decodeErrors.some((e) => {
      const parent = parentField(e.field!);
      if (d.field === parent) return parent !== '';
      if (parentField(d.field!) !== parent) return false;
      if (e.code === 'wrong-type') return true;
      const meant = (e.data as { suggestion?: string } | undefined)?.suggestion;
      const requiredField = d.code === 'missing-required' || (d.data as { type?: string } | undefined)?.type === 'FieldValueRequired';
      return requiredField && meant !== undefined && d.field === (parent ? `${parent}.${meant}` : meant);
    });
  schema = schema.filter((d) => !followsDecodeError(d));
  const folded = new Set<LocalDiagnostic>();
  for (const c of core) {
    if (c.severity === 'error' && (decodeRanges.has(`${c.start}:${c.end}`) || followsDecodeError(c))) continue;
    if (c.severity === 'error') {
      const same = schema.filter((s) => SAME_AS_CORE.has(s.code) && !folded.has(s) && ((s.field !== undefined && s.field === c.field) || (s.start === c.start && s.end === c.end && s.code !== 'missing-required')));
      if (same.length > 0) {
        const data = { ...(c.data as Record<string, unknown>) };
        for (const s of same) {
          folded.add(s);
          const sd = (s.data ?? {}) as Record<string, unknown>;
          if (s.code === 'missing-required') data.required = { field: sd.field, parentPath: sd.parentPath };
          if (sd.suggestion !== undefined) data.suggestion = sd.suggestion;
          if (sd.allowed !== undefined) data.allowed = sd.allowed;
        }
        out.push({ ...c, data });
        continue;
      }
    }
    out.push(c);
  }
  for (const s of schema) if (!folded.has(s)) out.push(s);
  return out;
}

/** The checks of one resource of `doc`, in chunk-local offsets. */
export function checkResource(doc: ManifestDoc, r: Resource, registry: SchemaRegistry, opts: ResourceCheckOptions): ResourceCheck {
  const plain = toPlain(doc, r.node);
  if (!plain || typeof plain !== 'object' || Array.isArray(plain)) return { diagnostics: [], name: '' };
  const obj = plain as Record<string, unknown>;
  const meta = obj.metadata && typeof obj.metadata === 'object' ? (obj.metadata as Record<string, unknown>) : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const typeDiagnostics: LocalDiagnostic[] = [];
  const decoded = checkTypeMeta(r.node, obj, registry, opts.kubernetesVersion, typeDiagnostics);
  const type = decoded.type;
  const resolved = type ? registry.lookup(type.group, type.version, type.kind) : undefined;
  if (!type || !resolved) return { diagnostics: typeDiagnostics, decoded, name };
  const builtin = resolved.info.source.type === 'builtin';
  const checker = new SchemaChecker({ checkRequired: !opts.isPatch, builtin, kind: type.kind, doc: r.doc.yaml });
  checker.check(r.node, resolved.schema, [], r.node.get('kind', true) ?? r.node);
  const core: LocalDiagnostic[] = [];
  if (!opts.isPatch && opts.core !== false) checkApi(r.node as YAMLMap, obj, type, resolved.info.namespaced ?? true, core);
  const merged = merge(checker.out, core);
  // Validation problems read as the API server's Invalid status (`The Pod "web" is invalid: ...`).
  for (const d of merged) {
    if (d.stage === 'validate' && d.code !== 'api-invalid' && d.apiText) d.message = `The ${type.kind} ${JSON.stringify(name)} is invalid: ${d.message}`;
  }
  // What the decoder answers does not depend on the validation core: without it, merge only drops follow-on errors.
  const decodeOnly = core.length > 0 ? merge(checker.out, []) : merged;
  const rejection = decoded.inferred ? undefined : decodeRejection(type.kind, type.version, name, [...typeDiagnostics, ...decodeOnly], builtin);
  return { diagnostics: [...typeDiagnostics, ...merged], decoded, name, rejection };
}

/**
 * The API server's answer to a resource whose decoding fails (strict field
 * validation, wrong types, bad quantities), or a custom resource its CRD's schema
 * refuses; undefined when decoding succeeds (validation is the API server's own step).
 */
export function decodeRejection(kind: string, version: string, name: string, diagnostics: LocalDiagnostic[], builtin: boolean): string | undefined {
  const decode = diagnostics.filter((d) => d.severity === 'error' && d.stage === 'decode' && d.apiText);
  if (decode.length > 0) {
    // Go's decoder stops at the first type error; strict field errors are collected together.
    const typeError = decode.find((d) => !d.apiText!.startsWith('strict decoding error'));
    const text = typeError
      ? typeError.apiText!
      : `strict decoding error: ${decode.map((d) => d.apiText!.replace(/^strict decoding error: /, '')).join(', ')}`;
    return `${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${text}`;
  }
  if (builtin) return undefined;
  const invalid = diagnostics.filter((d) => d.severity === 'error' && d.stage === 'validate' && d.apiText && d.code !== 'api-invalid');
  if (invalid.length === 0) return undefined;
  const head = `The ${kind} ${JSON.stringify(name)} is invalid: `;
  return invalid.length === 1 ? head + invalid[0].apiText : head + '\n' + invalid.map((d) => `* ${d.apiText}`).join('\n');
}
