// Validates the shared real-world corpus (../shared/corpus): no error on any
// document of the clean files, an error on every document that uses an API
// Kubernetes 1.36 does not serve, and CRD-backed custom resources validated
// against the corpus CRDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../../server/src/model/workspace';
import { docValidation } from '../../server/src/features/validation';
import { KNOWN_BAD } from './knownBad';
import { getKindInfo, isBuiltinGroup } from '../../server/src/schema';
import { createFeatureContext } from '../../server/src/features/services';
import { requireShared } from '../support/shared';

const corpus = resolve(__dirname, '../../../shared/corpus');

// Clean files that really are wrong (checked by hand; see knownBad.ts). The test
// also fails if one of these stops producing its errors.

test('corpus: clean files have no errors, unserved APIs are reported, CRDs validate their resources', (t) => {
  requireShared('corpus/INDEX.tsv');
  const rows = readFileSync(join(corpus, 'INDEX.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const clean = new Set(readFileSync(join(corpus, 'clean-files.txt'), 'utf8').trim().split('\n'));
  const ws = new Workspace();
  const uriOf = (p: string) => pathToFileURL(join(corpus, p)).toString();
  for (const [p] of rows) ws.set(uriOf(p), readFileSync(join(corpus, p), 'utf8'));
  const ctx = createFeatureContext(ws);

  const unexpected: string[] = [];
  const knownBadSeen = new Map<string, Set<string>>();
  let cleanDocs = 0;
  let cleanTemplateDocs = 0;
  let cleanBrokenDocs = 0;
  let indexCleanDocs = 0;
  let crdBacked = 0;
  let httpRoutes = 0;
  const missed: string[] = [];
  for (const [p, , docCount, flags, kinds] of rows) {
    const file = ws.get(uriOf(p))!;
    const isClean = clean.has(p);
    if (isClean) indexCleanDocs += Number(docCount);
    // Offending documents of flagged files, from the INDEX kinds column: built-in group, GVK not served.
    const expectedUnserved: string[] = [];
    if (flags.includes('not-in-k8s-1.36')) {
      for (const entry of kinds.split('; ')) {
        const [apiVersion, kind] = entry.split(' ');
        const slash = apiVersion.indexOf('/');
        const group = slash < 0 ? '' : apiVersion.slice(0, slash);
        const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
        if ((isBuiltinGroup(group) || group === 'extensions') && !getKindInfo(group, version, kind)) expectedUnserved.push(entry);
      }
    }
    const reportedUnserved: string[] = [];
    for (const doc of file.docs) {
      const diags = file.isTemplate ? [] : docValidation(ctx, file, doc);
      const errors = diags.filter((d) => d.severity === 'error');
      for (const r of doc.resources) {
        const info = getKindInfo(r.group, r.version, r.kind, ctx);
        if (info?.source.type === 'crd') {
          crdBacked++;
          if (r.apiVersion === 'gateway.networking.k8s.io/v1' && r.kind === 'HTTPRoute') httpRoutes++;
        }
      }
      if (errors.some((d) => d.code === 'unknown-kind' || d.code === 'removed-api') && doc.resources[0]) {
        const r0 = doc.resources[0];
        reportedUnserved.push(`${r0.written?.apiVersion ?? r0.apiVersion} ${r0.written?.kind ?? r0.kind}`);
      }
      if (!isClean) continue;
      if (file.isTemplate) cleanTemplateDocs++;
      else if (doc.isKubernetes) cleanDocs++;
      else if (doc.problems.some((x) => x.code === 'yaml-syntax')) cleanBrokenDocs++;
      if (errors.length === 0) continue;
      const known = KNOWN_BAD[p];
      for (const d of errors) {
        if (known?.codes.includes(d.code)) {
          if (!knownBadSeen.has(p)) knownBadSeen.set(p, new Set());
          knownBadSeen.get(p)!.add(d.code);
        } else {
          const line = file.lines.positionAt(doc.start + d.start).line + 1;
          unexpected.push(`${p}:${line} [${d.code}] ${d.message}`);
        }
      }
    }
    if (expectedUnserved.length > 0) {
      if (JSON.stringify(expectedUnserved.sort()) !== JSON.stringify(reportedUnserved.sort())) {
        missed.push(`${p}: expected ${expectedUnserved.join(', ')}; reported ${reportedUnserved.join(', ')}`);
      }
    }
  }
  assert.deepEqual(unexpected, [], 'error-level diagnostics on clean corpus files');
  for (const [p, { codes }] of Object.entries(KNOWN_BAD)) {
    assert.deepEqual([...(knownBadSeen.get(p) ?? [])].sort(), [...codes].sort(), `allow-listed ${p} no longer has exactly its known errors`);
  }
  assert.deepEqual(missed, [], 'documents using APIs Kubernetes 1.36 does not serve');
  const unservedTotal = rows.filter((r) => r[3].includes('not-in-k8s-1.36')).length;
  assert.equal(unservedTotal, 43);
  // Every clean document is validated, except where the model layer classifies the
  // file as a template or its document splitting yields a YAML error (reported by the
  // syntax layer, not here).
  t.diagnostic(`clean documents: ${indexCleanDocs} in INDEX, ${cleanDocs} validated, ${cleanTemplateDocs} in files treated as templates, ${cleanBrokenDocs} with YAML errors`);
  assert.equal(cleanDocs + cleanTemplateDocs + cleanBrokenDocs, indexCleanDocs);
  assert.ok(cleanDocs > 0.99 * indexCleanDocs, `validated ${cleanDocs} of ${indexCleanDocs} clean documents`);
  assert.equal(crdBacked, 709, 'custom resources whose CRD is in the corpus get its schema');
  assert.equal(httpRoutes, 196);
});
