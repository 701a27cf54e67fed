// The shared real-world corpus in one Workspace: how many references resolve,
// the dangling ones by relation, and no error-level cross-reference
// diagnostics on the files listed in clean-files.txt.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadPaths } from '../../server/src/cli/load';
import { crossRefDiagnostics } from '../../server/src/features/crossRefDiagnostics';
import { createFeatureContext } from '../../server/src/features/services';
import { requireShared } from '../support/shared';

const repoRoot = resolve(__dirname, '../..');
const corpus = resolve(repoRoot, '../shared/corpus');

test('corpus: references resolve, dangling ones are counted, clean files get no cross-reference errors', () => {
  requireShared('corpus/clean-files.txt');
  let t0 = Date.now();
  const { workspace } = loadPaths([corpus]);
  const loadMs = Date.now() - t0;
  t0 = Date.now();
  const ctx = createFeatureContext(workspace);
  const g = ctx.services.graph;
  g.refresh();
  const indexMs = Date.now() - t0;
  let total = 0;
  let resolved = 0;
  const dangling: Record<string, number> = {};
  t0 = Date.now();
  for (const r of g.allReferences()) {
    total++;
    if (g.resolve(r).length > 0) resolved++;
    else dangling[r.relation.id] = (dangling[r.relation.id] ?? 0) + 1;
  }
  const resolveMs = Date.now() - t0;
  console.log(`corpus: ${workspace.size} files; ${total} references, ${resolved} resolve, ${total - resolved} dangling`);
  console.log(`corpus: dangling by relation ${JSON.stringify(Object.fromEntries(Object.entries(dangling).sort((a, b) => b[1] - a[1])))}`);
  console.log(`corpus: load ${loadMs} ms, index+extract ${indexMs} ms, resolve all ${resolveMs} ms`);
  assert.ok(resolved > 0);

  const clean = new Set(
    readFileSync(resolve(corpus, 'clean-files.txt'), 'utf8').split('\n').filter(Boolean).map((p) => pathToFileURL(resolve(corpus, p)).toString()),
  );
  const errors: string[] = [];
  const byCode: Record<string, number> = {};
  t0 = Date.now();
  for (const f of workspace.allFiles()) {
    for (const d of crossRefDiagnostics(ctx, f)) {
      byCode[`${d.code}${d.severity === 1 ? ' (error)' : ''}`] = (byCode[`${d.code}${d.severity === 1 ? ' (error)' : ''}`] ?? 0) + 1;
      if (d.severity === 1 && clean.has(f.uri)) errors.push(`${f.uri}:${d.range.start.line + 1}: ${d.message}`);
    }
  }
  console.log(`corpus: cross-reference diagnostics ${JSON.stringify(byCode)} in ${Date.now() - t0} ms`);

  // One keystroke-sized change re-indexes one file and names the files to re-check.
  const someFile = [...workspace.allFiles()].find((f) => f.text.includes('kind: Deployment'))!;
  t0 = Date.now();
  workspace.set(someFile.uri, someFile.text + '\n# edit\n');
  const deps = g.dependentFiles(g.refresh());
  console.log(`corpus: appending a comment to one file: ${Date.now() - t0} ms, ${deps.size} dependent files`);
  assert.deepEqual(errors, []);
});
