// All diagnostics of one file, gathered from the analysis layers. Used by the
// language server (publishDiagnostics) and by `drydock check`.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { SourceFile } from '../model/parse';
import { crossRefDiagnostics, crossRefSteps } from './crossRefDiagnostics';
import { logFeatureError, type FeatureContext } from './context';
import { validationDiagnostics, validationSteps } from './validation';
import { simulationDiagnostics } from './simulationDiagnostics';
import { convertedDiagnostics, convertedSlot } from './diagnosticCache';
import { kustomizationFileDiagnostics, renderedDiagnostics } from './kustomizeDiagnostics';

/** The converted syntax diagnostics of each document. */
const SYNTAX_PUBLISHED = convertedSlot('syntax.published');

export const SOURCE = 'drydock';

/** YAML syntax problems of every document; templates get one information note instead. */
export function syntaxDiagnostics(file: SourceFile): Diagnostic[] {
  if (file.isTemplate) {
    const first = file.text.indexOf('{{');
    return [
      {
        range: file.lines.range(first, first + 2),
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'template-not-analysed',
        message: 'This file contains template syntax ({{ … }}); Drydock does not analyse templates.',
      },
    ];
  }
  const out: Diagnostic[] = [];
  for (const doc of file.docs) {
    if (doc.problems.length === 0) continue;
    const converted = convertedDiagnostics(SYNTAX_PUBLISHED, undefined, file, doc, doc.problems, () =>
      doc.problems.map((p) => ({
        range: file.lines.range(doc.start + p.start, doc.start + p.end),
        severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: SOURCE,
        code: p.code,
        message: p.message,
      })),
    );
    for (const d of converted) out.push(d);
  }
  return out;
}

export type DiagnosticProvider = (ctx: FeatureContext, file: SourceFile) => Diagnostic[];

/**
 * Providers run in order for every file. Each analysis layer appends its own
 * provider here (schema validation, cross-reference checks, ...).
 */
export const diagnosticProviders: DiagnosticProvider[] = [
  (_ctx, file) => syntaxDiagnostics(file),
  validationDiagnostics,
  crossRefDiagnostics,
  simulationDiagnostics,
];

/**
 * At most this many diagnostics per file: thousands (a generated ConfigMap with
 * 8,000 duplicate keys) cost seconds to send and render and help nobody.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * Keeps the `max` most severe diagnostics (errors first, then in file order)
 * and adds one information diagnostic saying how many were left out.
 */
export function capDiagnostics(diagnostics: Diagnostic[], max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;
  const kept = diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.d.range.start.line - b.d.range.start.line || a.d.range.start.character - b.d.range.start.character || a.i - b.i)
    .map((x) => x.d);
  const omitted = diagnostics.length - max;
  kept.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    code: 'too-many-problems',
    message: `${omitted.toLocaleString('en')} more problems not shown: Drydock reports at most ${max.toLocaleString('en')} per file (the most severe first).`,
  });
  return kept;
}

/** Providers whose findings on a file an overlay renders come from the rendered objects instead (kustomizeDiagnostics.ts). */
const RENDERED_INSTEAD: ReadonlySet<DiagnosticProvider> = new Set<DiagnosticProvider>([validationDiagnostics, crossRefDiagnostics]);

/**
 * Providers that can run one document at a time (the bulk of the work on a big
 * file): the same diagnostics as the provider, appended to `out`, yielding after
 * each document.
 */
const STEPPED = new Map<DiagnosticProvider, (ctx: FeatureContext, file: SourceFile, out: Diagnostic[]) => Generator<void, void, undefined>>([
  [validationDiagnostics, validationSteps],
  [crossRefDiagnostics, crossRefSteps],
]);

export function computeDiagnostics(ctx: FeatureContext, file: SourceFile): Diagnostic[] {
  const steps = diagnosticSteps(ctx, file);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * computeDiagnostics as small steps (the diagnostic scheduler runs them in time
 * slices): one per document for the per-document providers, one per other
 * provider. The generator's return value is computeDiagnostics' result.
 */
export function* diagnosticSteps(ctx: FeatureContext, file: SourceFile): Generator<void, Diagnostic[], undefined> {
  const out: Diagnostic[] = [];
  const rendered = (ctx.kustomize?.overlaysRendering(file.uri).length ?? 0) > 0;
  const providers: DiagnosticProvider[] = ctx.kustomize ? [...diagnosticProviders.filter((p) => !(rendered && RENDERED_INSTEAD.has(p))), renderedDiagnostics, kustomizationFileDiagnostics] : diagnosticProviders;
  for (const provider of providers) {
    // Each provider's findings are kept only when it completes, as when it is called whole.
    const found: Diagnostic[] = [];
    try {
      const stepped = STEPPED.get(provider);
      if (stepped) yield* stepped(ctx, file, found);
      else for (const d of provider(ctx, file)) found.push(d);
      // A loop, not push(...list): hundreds of diagnostics would all go through the call stack.
      for (const d of found) out.push(d);
    } catch (err) {
      // One failing analysis must not take the others (or the server) down.
      logFeatureError(ctx.log, `diagnostics ${provider.name || 'provider'}`, err, file.uri);
      out.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Warning,
        source: SOURCE,
        code: 'internal-error',
        message: `Drydock could not fully analyse this file: ${(err as Error).message}`,
      });
    }
    yield;
  }
  // Only a patch file can carry a raw finding and the same rendered one.
  return capDiagnostics(ctx.kustomize && ctx.kustomize.overlaysPatchedBy(file.uri).length > 0 ? withoutRepeats(out) : out);
}

/**
 * A patch file's own finding and the same finding of the rendered object it
 * patches land on one line: keep the first (the raw one, without the overlay note).
 */
function withoutRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const base = String(d.message).replace(/ \(rendered Kustomize overlays? [^)]*\)$/, '');
    const key = `${d.range.start.line}|${d.code}|${base}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
