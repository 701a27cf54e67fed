// Every offered fix/refactoring on real manifests from ../shared/corpus: API
// migrations on the `not-in-k8s-1.36` files, Edit decoded round trips on every
// Secret, generators on a sample of workloads. Each result must parse and must not
// add errors when re-validated with the server's own diagnostics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { codeActions } from '../../server/src/features/codeActions';
import { applyAction, makeCtx, parseAll } from '../support/codeActions';
import { requireShared } from '../support/shared';

/** Some real files repeat a key (e.g. `type` twice); that is theirs, not ours. */
const LENIENT = { uniqueKeys: false };

const SHARED = resolve(__dirname, '../../../shared');
const CORPUS = resolve(SHARED, 'corpus');

interface Row {
  path: string;
  flags: string[];
  kinds: string[];
}

function index(): Row[] {
  return readFileSync(resolve(CORPUS, 'INDEX.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => {
      const [path, , , flags, kinds] = l.split('\t');
      return { path, flags: (flags ?? '').split(',').filter(Boolean), kinds: (kinds ?? '').split('; ') };
    });
}

function load(row: Row) {
  const uri = pathToFileURL(resolve(CORPUS, row.path)).toString();
  const text = readFileSync(resolve(CORPUS, row.path), 'utf8');
  return { uri, text };
}

function diagnose(uri: string, text: string): Diagnostic[] {
  const ctx = makeCtx({ [uri]: text });
  return computeDiagnostics(ctx, ctx.workspace.get(uri)!);
}

const errorCount = (ds: Diagnostic[]) => {
  const m = new Map<string, number>();
  for (const d of ds) if (d.severity === 1) m.set(String(d.code), (m.get(String(d.code)) ?? 0) + 1);
  return m;
};

function assertNoNewErrors(before: Diagnostic[], after: Diagnostic[], fixedCode: string | undefined, what: string): void {
  const b = errorCount(before);
  if (fixedCode) b.set(fixedCode, (b.get(fixedCode) ?? 0) - 1);
  for (const [code, n] of errorCount(after)) {
    assert.ok(n <= (b.get(code) ?? 0), `${what}: new "${code}" error(s): ${after.filter((d) => d.code === code).map((d) => d.message).join(' | ')}`);
  }
}

test('corpus: API migrations on not-in-k8s-1.36 files parse, remove the diagnostic and add no errors', (t) => {
  requireShared('corpus/INDEX.tsv');
  let applied = 0;
  for (const row of index().filter((r) => r.flags.includes('not-in-k8s-1.36'))) {
    const { uri, text } = load(row);
    const diags = diagnose(uri, text);
    for (const d of diags.filter((x) => x.code === 'removed-api' || x.code === 'deprecated-api')) {
      const ctx = makeCtx({ [uri]: text });
      const fixes = codeActions(ctx, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      for (const fix of fixes) {
        const out = applyAction(uri, text, fix);
        parseAll(out, LENIENT);
        const after = diagnose(uri, out);
        const line = d.range.start.line;
        assert.ok(!after.some((x) => x.code === d.code && x.range.start.line === line), `${row.path}:${line + 1} ${fix.title}: diagnostic still there`);
        // An object of a removed API is not validated by the API server's rules (it is refused before):
        // their errors (an exported resourceVersion, a request above its limit) show only once it is
        // migrated and are the object's, not the migration's. The migration must decode cleanly.
        const fromMigration = after.filter((x) => x.code !== 'api-invalid');
        assertNoNewErrors(diags, fromMigration, String(d.code), `${row.path}:${line + 1} ${fix.title}`);
        applied++;
      }
    }
  }
  t.diagnostic(`migrations applied: ${applied}`);
  assert.ok(applied >= 30, `expected many migrations in the corpus, got ${applied}`);
});

test('corpus: Edit decoded round-trips every Secret exactly', (t) => {
  requireShared('corpus/INDEX.tsv');
  let secrets = 0;
  for (const row of index().filter((r) => r.kinds.some((k) => k === 'v1 Secret'))) {
    const { uri, text } = load(row);
    const ctx = makeCtx({ [uri]: text });
    const file = ctx.workspace.get(uri)!;
    if (file.isTemplate) continue;
    for (const doc of file.docs) {
      for (const r of doc.resources) {
        if (r.kind !== 'Secret') continue;
        const at = file.lines.positionAt(doc.start + (r.node.range?.[0] ?? 0));
        const acts = codeActions(ctx, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor.rewrite'] } });
        const decode = acts.find((a) => a.title.startsWith('Edit decoded'));
        if (!decode) continue;
        secrets++;
        const decoded = applyAction(uri, text, decode);
        const decodedDocs = parseAll(decoded, LENIENT);
        const ctx2 = makeCtx({ [uri]: decoded });
        const encode = codeActions(ctx2, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor.rewrite'] } }).find((a) => a.title.startsWith('Encode'));
        assert.ok(encode, `${row.path}: Encode offered after decoding`);
        const back = parseAll(applyAction(uri, decoded, encode!), LENIENT);
        const orig = parseAll(text, LENIENT);
        const i = orig.findIndex((o) => o?.kind === 'Secret' && o?.metadata?.name === r.name);
        assert.deepEqual({ ...back[i].data }, { ...orig[i].data, ...(orig[i].stringData ? Object.fromEntries(Object.entries(orig[i].stringData).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')])) : {}) }, `${row.path}: ${r.name}`);
        assert.equal(decodedDocs.length, orig.length);
      }
    }
  }
  t.diagnostic(`secrets decoded and re-encoded: ${secrets}`);
  assert.ok(secrets > 0);
});

test('corpus: Add Service / PDB / resources / Extract env on a sample of workloads add no errors', (t) => {
  requireShared('corpus/INDEX.tsv');
  const clean = new Set(readFileSync(resolve(CORPUS, 'clean-files.txt'), 'utf8').split('\n').filter(Boolean));
  const rows = index().filter((r) => clean.has(r.path) && r.kinds.some((k) => /^apps\/v1 (Deployment|StatefulSet|DaemonSet)$/.test(k)));
  // A deterministic sample spread over the whole corpus.
  const sample = rows.filter((_, i) => i % Math.max(1, Math.floor(rows.length / 60)) === 0).slice(0, 60);
  const counts = new Map<string, number>();
  for (const row of sample) {
    const { uri, text } = load(row);
    const ctx = makeCtx({ [uri]: text });
    const file = ctx.workspace.get(uri)!;
    const before = computeDiagnostics(ctx, file);
    for (const doc of file.docs) {
      for (const r of doc.resources) {
        if (!/^(Deployment|StatefulSet|DaemonSet)$/.test(r.kind)) continue;
        const at = file.lines.positionAt(doc.start + (r.node.range?.[0] ?? 0));
        const acts = codeActions(ctx, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
        for (const a of acts) {
          const family = a.title.split(/ for | to | of /)[0];
          counts.set(family, (counts.get(family) ?? 0) + 1);
          const out = applyAction(uri, text, a);
          assert.ok(parseAll(out, LENIENT).length >= parseAll(text, LENIENT).length, `${row.path}: ${a.title} keeps every document`);
          assertNoNewErrors(before, diagnose(uri, out), undefined, `${row.path}: ${a.title}`);
        }
      }
    }
  }
  t.diagnostic(`sampled files: ${sample.length}; actions applied: ${JSON.stringify(Object.fromEntries(counts))}`);
  assert.ok((counts.get('Add Service') ?? 0) > 5 && (counts.get('Add PodDisruptionBudget') ?? 0) > 5);
});
