// Every kustomization of ../shared/corpus through Drydock's rendering, compared
// with `kubectl kustomize` run directly: the same objects (kind, namespace,
// name), every object traced to a source file, and no error on a clean-listed
// file judged as rendered that the raw file did not already have.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { loadPaths } from '../../server/src/cli/load';
import type { FeatureContext } from '../../server/src/features/context';
import { createFeatureContext } from '../../server/src/features/services';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { collectManifestFiles } from '../../server/src/model/files';
import { closureOf, KUSTOMIZATION_FILE, kustomizationGraph } from '../../server/src/model/kustomize';
import { findKustomizeEngine } from '../../server/src/model/kustomizeEngine';
import { KustomizeModel, runLimited } from '../../server/src/model/kustomizeModel';
import { needsEngine } from '../support/kustomizeEngine';
import { requireShared } from '../support/shared';

const corpus = resolve(__dirname, '../../../shared/corpus');
/** One render per core: kustomize is CPU-bound, more at once only thrash. */
const CONCURRENCY = Math.max(2, cpus().length);

/** `kubectl kustomize <dir>` (or `kustomize build`) as a user runs it: the set of `Kind namespace/name`, or undefined when it fails. */
function directRender(dir: string): Promise<string[] | undefined> {
  const engine = findKustomizeEngine(undefined).engine!;
  return new Promise((done) => {
    execFile(engine.command, [...engine.subcommand, dir], { maxBuffer: 256 * 1024 * 1024, timeout: 60_000, env: { HOME: '/nonexistent' } }, (err, stdout) => {
      if (err) return done(undefined);
      const keys: string[] = [];
      for (const d of parseAllDocuments(stdout) as Array<{ toJS(): unknown }>) {
        const o = d.toJS() as { kind?: string; metadata?: { name?: string; namespace?: string } } | null;
        if (o?.kind) keys.push(`${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`);
      }
      done(keys.sort());
    });
  });
}

test('corpus kustomizations: Drydock renders what kustomize renders, traces every object, adds no error on clean files', async (t) => {
  requireShared('corpus/clean-files.txt');
  if (!needsEngine(t)) return;
  const started = Date.now();
  const kustomizations = collectManifestFiles([corpus]).filter((f) => KUSTOMIZATION_FILE.test(f));
  const graph = kustomizationGraph(kustomizations);
  // The workspace: every directory a render reads (raw and rendered checks compare on the same files).
  const dirs = [...new Set(graph.overlays.flatMap((d) => closureOf(graph, d)))];
  const { workspace } = loadPaths(dirs);
  const model = new KustomizeModel({ trusted: true, concurrency: CONCURRENCY, roots: [corpus], timeoutMs: 60_000 });
  const direct = new Map<string, string[] | undefined>();
  await Promise.all([model.refresh(workspace), runLimited(graph.overlays.map((d) => async () => void direct.set(d, await directRender(d))), CONCURRENCY)]);
  const renderMs = Date.now() - started;

  const mismatches: string[] = [];
  const untraced: string[] = [];
  let rendered = 0;
  let objects = 0;
  for (const overlay of model.overlays()) {
    const expected = direct.get(overlay.dir);
    const label = model.label(overlay);
    if (expected === undefined) {
      // kustomize cannot render it either (files missing from the corpus snapshot, remote bases...).
      if (overlay.virtual) mismatches.push(`${label}: Drydock rendered what kubectl kustomize rejects`);
      continue;
    }
    if (!overlay.virtual) {
      mismatches.push(`${label}: kubectl kustomize renders it, Drydock: ${overlay.error}`);
      continue;
    }
    rendered++;
    const got = overlay.objects.map((o) => `${o.kind} ${o.namespace ?? ''}/${o.name}`).sort();
    if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${label}: objects differ\n  drydock: ${got.join(', ')}\n  kubectl: ${expected.join(', ')}`);
    overlay.objects.forEach((o, i) => {
      objects++;
      const src = model.sourceOf(overlay, i, workspace);
      const file = src?.uri.startsWith('file:') ? fileURLToPath(src.uri) : undefined;
      if (!file || !existsSync(file)) untraced.push(`${label}: ${o.kind} ${o.name} has no source file`);
      else if (src!.file && !src!.node) untraced.push(`${label}: ${o.kind} ${o.name}: no object or generator found in ${relative(corpus, file)}`);
    });
  }
  assert.deepEqual(mismatches, []);
  assert.deepEqual(untraced, []);
  assert.ok(rendered >= 50, `only ${rendered} overlays rendered`);

  // Clean files an overlay renders: judged as rendered, no error the raw judgement did not have.
  const clean = new Set(readFileSync(join(corpus, 'clean-files.txt'), 'utf8').split('\n').filter(Boolean));
  const rawCtx = createFeatureContext(workspace);
  const renderedCtx = createFeatureContext(workspace);
  renderedCtx.kustomize = model;
  const errors = (ctx: FeatureContext, uri: string) => computeDiagnostics(ctx, workspace.get(uri)!).filter((d) => d.severity === DiagnosticSeverity.Error);
  const added: string[] = [];
  let judged = 0;
  const sources = new Set(model.overlays().flatMap((o) => [...o.sourceUris, ...o.patchUris]));
  for (const uri of sources) {
    const rel = relative(corpus, fileURLToPath(uri)).split('\\').join('/');
    if (!clean.has(rel) || !workspace.get(uri)) continue;
    judged++;
    const before = new Set(errors(rawCtx, uri).map((d) => `${d.range.start.line}|${d.code}`));
    for (const d of errors(renderedCtx, uri)) if (!before.has(`${d.range.start.line}|${d.code}`)) added.push(`${rel}:${d.range.start.line + 1} [${d.code}] ${d.message}`);
  }
  assert.deepEqual(added, [], 'errors on clean files that only the rendered judgement reports');
  t.diagnostic(`${graph.overlays.length} overlays, ${rendered} rendered (${objects} objects), ${judged} clean source files judged as rendered; renders ${renderMs} ms with ${CONCURRENCY} at a time, total ${Date.now() - started} ms`);
  const slowest = model.overlays().sort((a, b) => b.ms - a.ms).slice(0, 3);
  t.diagnostic(`slowest renders: ${slowest.map((o) => `${model.label(o)} ${o.ms} ms`).join(', ')}`);
});
