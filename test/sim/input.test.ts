// Only whole objects are applied (issue 12, item 3): kustomize patches (files a
// kustomization lists only under `patches`), Helm/Go templates and documents
// with envsubst-style placeholders are not simulated; the report lists each
// with the reason. A file listed as a resource somewhere is a whole object.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { readSimulation } from '../../client/src/panel/model';
import { renderPanel } from '../../client/src/panel/render';
import { placeholderIn } from '../../server/src/sim/input';

const ROOT = resolve(__dirname, '../..');
const FIX = resolve(__dirname, '../fixtures/sim/skipped');

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'dist/cli.js'), 'simulate', FIX, ...args], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('patches, templates and placeholder documents are skipped and listed with the reason', () => {
  const r = JSON.parse(cli('--json'));
  const rel = (f: string) => f.slice(f.indexOf('fixtures/sim/skipped/') + 'fixtures/sim/skipped/'.length);
  assert.deepEqual(
    r.skipped.map((d: any) => [rel(d.source.file), d.source.line, d.kind, d.name, d.reason]),
    [
      ['chart/templates/svc.yaml', 1, null, null, 'a Helm/Go template ({{ }} outside quoted values): it is rendered by its tool before it is applied'],
      ['envsubst.yaml', 1, 'Deployment', 'worker', 'a template: metadata.namespace is ${NAMESPACE:-default}, filled in by another tool before it is applied'],
      ['envsubst.yaml', 12, 'Pod', 'tool', 'a template: spec.containers[0].image is {{ image }}, filled in by another tool before it is applied'],
      ['overlay/replicas.yaml', 1, 'Deployment', 'web', 'a kustomize patch (listed under patches by overlay/kustomization.yaml), not a whole object'],
    ],
  );
  // The base Deployment runs with its own replicas (the patch is not a second object).
  assert.deepEqual(r.workloads.map((w: any) => [w.kind, w.name, w.desired]), [['Deployment', 'web', 2]]);
  // A placeholder inside a command or ConfigMap data is text, not a template; a file listed
  // under `resources` by one kustomization and `patches` by another is a whole object.
  assert.ok(r.pods.some((p: any) => p.name === 'plain' && p.phase === 'Running'));
  assert.deepEqual(r.rejected, []);
  assert.equal(r.skipped.some((d: any) => d.name === 'shared'), false);
  const text = cli();
  assert.match(text, /\nNOT SIMULATED\n(  .*\n)*  \S*overlay\/replicas\.yaml:1: Deployment web: a kustomize patch/);
});

test('the panel lists what was not simulated, linked to the file', () => {
  const view = readSimulation(JSON.parse(cli('--json')));
  const out = renderPanel(view, { scope: 'workspace', whatIfs: [] });
  assert.match(out.html, /<h2 id="h-skipped">Not simulated <span class="count">4<\/span><\/h2>/);
  assert.match(out.html, /Deployment web<\/button><div class="msg">a kustomize patch/);
  assert.ok(out.locations.some((l) => l.uri.endsWith('overlay/replicas.yaml')));
});

test('placeholders: identity fields or whole values make a template; text inside scripts does not', () => {
  assert.equal(placeholderIn({ metadata: { name: 'web-${ENV}' } }), 'metadata.name');
  assert.equal(placeholderIn({ metadata: { name: 'x', labels: { env: '{{ .env }}' } } }), 'metadata.labels');
  assert.equal(placeholderIn({ metadata: { name: 'x' }, spec: { replicas: '${REPLICAS}' } }), 'spec.replicas');
  assert.equal(placeholderIn({ metadata: { name: 'x' }, spec: { image: 'gcr.io/${PROJECT}/app' } }), undefined);
  assert.equal(placeholderIn({ metadata: { name: 'x', annotations: { a: '${A}' } }, data: { k: '${B}' } }), undefined);
  assert.equal(placeholderIn({ metadata: { name: 'x' }, spec: { containers: [{ args: ['${X}'] }] } }), undefined);
  assert.equal(placeholderIn({ metadata: { name: 'x' }, spec: { price: '$5' } }), undefined);
});
