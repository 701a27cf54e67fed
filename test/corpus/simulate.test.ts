// The simulator over real-world manifest folders from ../shared/corpus: no
// crash, exit 0, and a sensible result (pods placed, services with endpoints).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { requireShared } from '../support/shared';

const ROOT = resolve(__dirname, '../..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const FOLDERS = ['GoogleCloudPlatform__microservices-demo/release', 'ContainerSolutions__kubernetes-examples', 'GoogleCloudPlatform__kubernetes-engine-samples'];

function simulate(dir: string): any {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'dist/cli.js'), 'simulate', dir, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('microservices-demo release: every workload runs and every selector Service has endpoints', () => {
  const dir = requireShared(`corpus/${FOLDERS[0]}`);
  const r = simulate(dir);
  assert.equal(r.rejected.length, 0, JSON.stringify(r.rejected));
  assert.ok(r.pods.length >= 10);
  assert.equal(r.pods.filter((p: any) => p.phase !== 'Running').length, 0, JSON.stringify(r.pods.filter((p: any) => p.phase !== 'Running')));
  for (const svc of r.services) assert.ok(svc.endpoints.length > 0, `${svc.name} has no endpoints`);
  const fe = r.services.find((s: any) => s.name === 'frontend-external');
  assert.equal(fe.type, 'LoadBalancer');
  assert.ok(fe.ports[0].nodePort >= 30000 && fe.ports[0].nodePort <= 32767);
});

test('larger corpus folders simulate without crashing', () => {
  for (const f of FOLDERS.slice(1)) {
    const dir = requireShared(`corpus/${f}`);
    const r = simulate(dir);
    assert.equal(r.summary.nodes, 3);
    assert.ok(r.summary.pods > 0, f);
    assert.ok(r.pods.every((p: any) => typeof p.name === 'string' && typeof p.phase === 'string'));
  }
});

/** Runs `drydock simulate <dir> --json [...]` without blocking, so several projects simulate at once. */
function simulateAsync(dir: string, ...extra: string[]): Promise<any> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'dist/cli.js'), 'simulate', dir, '--json', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${dir}: exit ${code}: ${Buffer.concat(err).toString()}`));
      try {
        resolvePromise(JSON.parse(Buffer.concat(out).toString()));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const NOT_FOUND = /^namespaces "([^"]*)" not found$/;

test('every corpus project: no object is rejected for a missing namespace; undefined namespaces are listed as assumed', async () => {
  assert.ok(existsSync(CORPUS), `corpus not found at ${CORPUS}`);
  const projects = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  assert.ok(projects.length >= 10, `expected the corpus projects in ${CORPUS}`);
  const assumed = new Map<string, string[]>();
  await eachLimited(projects, 4, async (p) => {
    const r = await simulateAsync(resolve(CORPUS, p));
    const missing = r.rejected.filter((x: any) => NOT_FOUND.test(x.message));
    assert.deepEqual(missing, [], `${p}: objects rejected for a missing namespace`);
    assert.ok(Array.isArray(r.assumedNamespaces) && r.strictNamespaces === false, p);
    for (const ns of r.assumedNamespaces) assert.ok(!['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(ns), `${p}: ${ns} is built in`);
    assumed.set(p, r.assumedNamespaces);
  });
  // Projects known to apply into namespaces they do not define.
  assert.ok(assumed.get('argoproj__argo-cd')!.includes('argocd'));
  assert.ok(assumed.get('fluxcd__flux2-kustomize-helm-example')!.includes('flux-system'));
  // --strict-namespaces is kubectl on an empty cluster: exactly the assumed namespaces' objects are rejected.
  await eachLimited(['argoproj__argo-cd', 'dapr__quickstarts', 'fluxcd__flux2-kustomize-helm-example', 'cert-manager__cert-manager'], 4, async (p) => {
    const strict = await simulateAsync(resolve(CORPUS, p), '--strict-namespaces');
    const namespaces = new Set<string>(strict.rejected.map((x: any) => NOT_FOUND.exec(x.message)?.[1]).filter(Boolean));
    assert.deepEqual([...namespaces].sort(), assumed.get(p), p);
  });
});
