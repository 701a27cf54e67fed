// The simulator over real-world manifest folders from ../shared/corpus: no
// crash, exit 0, and a sensible result (pods placed, services with endpoints).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const FOLDERS = ['GoogleCloudPlatform__microservices-demo/release', 'ContainerSolutions__kubernetes-examples', 'GoogleCloudPlatform__kubernetes-engine-samples'];

function simulate(dir: string): any {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'dist/cli.js'), 'simulate', dir, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('microservices-demo release: every workload runs and every selector Service has endpoints', (t) => {
  const dir = resolve(CORPUS, FOLDERS[0]);
  if (!existsSync(dir)) return t.skip(`corpus not found at ${dir}`);
  const r = simulate(dir);
  assert.equal(r.rejected.length, 0, JSON.stringify(r.rejected));
  assert.ok(r.pods.length >= 10);
  assert.equal(r.pods.filter((p: any) => p.phase !== 'Running').length, 0, JSON.stringify(r.pods.filter((p: any) => p.phase !== 'Running')));
  for (const svc of r.services) assert.ok(svc.endpoints.length > 0, `${svc.name} has no endpoints`);
  const fe = r.services.find((s: any) => s.name === 'frontend-external');
  assert.equal(fe.type, 'LoadBalancer');
  assert.ok(fe.ports[0].nodePort >= 30000 && fe.ports[0].nodePort <= 32767);
});

test('larger corpus folders simulate without crashing', (t) => {
  for (const f of FOLDERS.slice(1)) {
    const dir = resolve(CORPUS, f);
    if (!existsSync(dir)) {
      t.skip(`corpus not found at ${dir}`);
      continue;
    }
    const r = simulate(dir);
    assert.equal(r.summary.nodes, 3);
    assert.ok(r.summary.pods > 0, f);
    assert.ok(r.pods.every((p: any) => typeof p.name === 'string' && typeof p.phase === 'string'));
  }
});
