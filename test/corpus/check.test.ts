// The whole pipeline on the real corpus, as CI users run it: `drydock check`
// (YAML syntax + schema validation + cross-references) over every file of
// ../shared/corpus/clean-files.txt must report no error except in the files
// known to be wrong (test/corpus/knownBad.ts), and must not crash.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve, relative } from 'node:path';
import { KNOWN_BAD } from './knownBad';
import { requireShared } from '../support/shared';

const corpus = resolve(__dirname, '../../../shared/corpus');
const cli = resolve(__dirname, '../../dist/cli.js');

test('drydock check on the clean corpus files: no errors outside the known-wrong files', (t) => {
  requireShared('corpus/clean-files.txt');
  const clean = readFileSync(join(corpus, 'clean-files.txt'), 'utf8').split('\n').filter(Boolean);
  // One run over the whole corpus (so CRDs and cross-file references are in scope), as a user checks a repository.
  // Raw files only: the rendered judgement of the corpus' Kustomize overlays is test/corpus/kustomize.test.ts.
  const r = spawnSync(process.execPath, [cli, 'check', corpus, '--format', 'json', '--no-kustomize'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `exit code ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { files: number; diagnostics: Array<{ file: string; line: number; severity: string; code: string; message: string }> };
  assert.ok(out.files >= clean.length, `checked ${out.files} files`);
  const cleanSet = new Set(clean);
  const unexpected: string[] = [];
  for (const d of out.diagnostics) {
    if (d.severity !== 'error') continue;
    const rel = relative(corpus, resolve(d.file)).split('\\').join('/');
    if (!cleanSet.has(rel)) continue;
    if (KNOWN_BAD[rel]?.codes.includes(d.code)) continue;
    unexpected.push(`${rel}:${d.line} [${d.code}] ${d.message}`);
  }
  assert.deepEqual(unexpected, [], 'error-level diagnostics on clean corpus files');
  t.diagnostic(`${out.files} files, ${out.diagnostics.filter((d) => d.severity === 'error').length} errors (all in flagged or known-wrong files), ${out.diagnostics.filter((d) => d.severity === 'warning').length} warnings`);
});
