// Schema validation diagnostics. Each ManifestDoc is validated on its own and its
// diagnostics (chunk-local offsets) are cached on the document, keyed by the schema
// registry generation and the settings that matter; so a keystroke in a file with
// 1,000 documents re-validates only the edited one. Local offsets become file
// positions only when published.

import { isMap, isScalar, type YAMLMap } from 'yaml';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DocCacheSlot, toPlain, type ManifestDoc, type SourceFile } from '../model/parse';
import { isKindless } from '../model/documentType';
import { missingKindMessage, registryFor, type SchemaRegistry } from '../schema';
import { logFeatureError, type FeatureContext } from './context';
import { checkResource, recordDecodeRejection } from '../model/check/resourceCheck';
import { checkTypeMeta } from '../model/check/typeMetaCheck';
import { rangeOf, type LocalDiagnostic } from '../model/check/localDiagnostic';
import { convertedDiagnostics, convertedSlot } from './diagnosticCache';

/** Same value as diagnostics.ts SOURCE (not imported: diagnostics.ts imports this module). */
const SOURCE = 'drydock';

export interface CachedValidation {
  /** The registry the diagnostics were computed with (each workspace's services own one). */
  registry: SchemaRegistry;
  stamp: string;
  diagnostics: LocalDiagnostic[];
}

/** Each document's validation result (tests read it to check reuse). */
export const VALIDATION_SLOT = new DocCacheSlot<CachedValidation>('validation');
const PUBLISHED = convertedSlot('validation.published');

/** The whole validation of one document, in chunk-local offsets. */
export function validateDoc(doc: ManifestDoc, registry: SchemaRegistry, opts: { kubernetesVersion: string; isPatch: boolean }): LocalDiagnostic[] {
  const out: LocalDiagnostic[] = [];
  // A document with YAML syntax errors has a partial tree: schema errors would be noise.
  // (Indentation with invisible characters is read as spaces: the tree is whole.)
  if (doc.problems.some((p) => p.severity === 'error' && p.code !== 'yaml-invisible-indent')) return out;
  // Slash comments, then duplicate keys, of every mapping (found by the parse's walk, model/parseWalk.ts).
  for (const d of doc.mapFindings) out.push(d);
  if (!opts.isPatch && isKindless(doc)) {
    // kubectl refuses the document before anything else: one error on its apiVersion key.
    const key = (doc.yaml.contents as YAMLMap).items.find((p) => isScalar(p.key) && p.key.value === 'apiVersion')?.key;
    const r = rangeOf(key);
    const message = missingKindMessage(toPlain(doc, doc.yaml.contents));
    if (r) out.push({ start: r[0], end: r[1], severity: 'error', code: 'missing-kind', message, apiText: message, stage: 'decode' });
  }
  if (!doc.isKubernetes) return out;

  const top = doc.yaml.contents as YAMLMap;
  const isListWrapper = doc.resources.length === 0 || doc.resources[0].node !== top;
  if (isListWrapper && isMap(top)) {
    // `kind: List` / `*List`: the wrapper's apiVersion/kind only; items are checked below as what they are.
    const apiVersion = top.get('apiVersion');
    const kind = top.get('kind');
    if (!(apiVersion === 'v1' && kind === 'List')) checkTypeMeta(top, { apiVersion, kind }, registry, opts.kubernetesVersion, out);
  }
  for (const r of doc.resources) {
    const check = checkResource(doc, r, registry, opts);
    out.push(...check.diagnostics);
    recordDecodeRejection(doc, r, registry, opts, check);
  }
  return out;
}

const SEVERITY: Record<LocalDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/**
 * The stamps of the last few validations: every document of a workspace gets
 * one of the same few stamps, kept once instead of once per document. Safe as
 * module state: it only picks which of two equal (immutable) strings is kept.
 */
const recentStamps: string[] = [];

function sharedStamp(stamp: string): string {
  const found = recentStamps.find((s) => s === stamp);
  if (found !== undefined) return found;
  recentStamps.unshift(stamp);
  if (recentStamps.length > 4) recentStamps.pop();
  return stamp;
}

/** What a document's validation depends on besides the document and the registry's CRDs, and the stamp its cache is keyed by. */
interface ValidationSettings {
  kubernetesVersion: string;
  isPatch: boolean;
  stamp: string;
}

function validationSettings(ctx: FeatureContext, file: SourceFile, registry: SchemaRegistry): ValidationSettings {
  const isPatch = ctx.workspace.isPatchFile(file.uri);
  const kubernetesVersion = ctx.settings.kubernetesVersion || '1.36';
  return { kubernetesVersion, isPatch, stamp: sharedStamp(`${registry.generation}|${kubernetesVersion}|${isPatch ? 'patch' : 'full'}`) };
}

/**
 * The cached (or freshly computed) local diagnostics of one document. `settings`:
 * validationSettings', computed once per file by callers that walk every document.
 */
export function docValidation(ctx: FeatureContext, file: SourceFile, doc: ManifestDoc, registry = registryFor(ctx), settings = validationSettings(ctx, file, registry)): LocalDiagnostic[] {
  const { stamp, kubernetesVersion, isPatch } = settings;
  const cached = doc.cache.get(VALIDATION_SLOT);
  if (cached && cached.registry === registry && cached.stamp === stamp) return cached.diagnostics;
  let diagnostics: LocalDiagnostic[];
  try {
    diagnostics = validateDoc(doc, registry, { kubernetesVersion, isPatch });
  } catch (err) {
    logFeatureError(ctx.log, 'validation', err, `${file.uri}, document at offset ${doc.start}`);
    diagnostics = [{ start: 0, end: 1, severity: 'warning', code: 'internal-error', message: `Drydock could not validate this document: ${(err as Error).message}` }];
  }
  doc.cache.set(VALIDATION_SLOT, { registry, stamp, diagnostics } satisfies CachedValidation);
  return diagnostics;
}

/** Diagnostic provider: schema validation of every document of a file. */
export function validationDiagnostics(ctx: FeatureContext, file: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const steps = validationSteps(ctx, file, out);
  while (!steps.next().done);
  return out;
}

/**
 * validationDiagnostics one document at a time: appends each document's
 * diagnostics to `out` and yields after it (the diagnostic scheduler's steps).
 */
export function* validationSteps(ctx: FeatureContext, file: SourceFile, out: Diagnostic[]): Generator<void, void, undefined> {
  if (file.isTemplate) return;
  const registry = registryFor(ctx);
  const settings = validationSettings(ctx, file, registry);
  for (const doc of file.docs) {
    const local = docValidation(ctx, file, doc, registry, settings);
    // Positions are computed once per document and reused while it stays on the same line (diagnosticCache.ts).
    for (const d of convertedDiagnostics(PUBLISHED, undefined, file, doc, local, () => toFileDiagnostics(file, doc, local))) out.push(d);
    yield;
  }
}

/** A document's local diagnostics in file positions. */
function toFileDiagnostics(file: SourceFile, doc: ManifestDoc, local: LocalDiagnostic[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of local) {
    const diag: Diagnostic = {
      range: file.lines.range(doc.start + d.start, doc.start + d.end),
      severity: SEVERITY[d.severity],
      source: SOURCE,
      code: d.code,
      message: d.message,
    };
    if (d.data !== undefined) diag.data = d.data;
    if (d.related) {
      diag.relatedInformation = [{ location: { uri: file.uri, range: file.lines.range(doc.start + d.related.start, doc.start + d.related.end) }, message: d.related.message }];
    }
    out.push(diag);
  }
  return out;
}

/**
 * Calls `onChange` whenever workspace CRDs change the set of kinds (a CRD added,
 * edited or removed), so the server can re-validate every file, not only the
 * edited one. While `paused()` is true nothing is checked. Returns the unsubscribe function.
 */
export function onSchemaChange(ctx: FeatureContext, onChange: () => void, paused: () => boolean = () => false): () => void {
  let last = registryFor(ctx).generation;
  return ctx.workspace.onDidChange(() => {
    if (paused()) return; // e.g. during the startup scan, which re-checks everything at its end
    const generation = registryFor(ctx).generation;
    if (generation === last) return;
    last = generation;
    onChange();
  });
}
