// Rendered Kustomize overlays over LSP, on test/fixtures/kustomize/shop
// (base/ + overlays/dev + overlays/prod: namePrefix, namespace, labels with
// selectors, images, replicas, a strategic-merge patch, a configMapGenerator).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, Location } from 'vscode-languageserver-types';
import { TestClient, fileUri, positionOf } from '../support/lsp';
import { needsEngine } from '../support/kustomizeEngine';

const SHOP = join(__dirname, '../fixtures/kustomize/shop');
const uriOf = (rel: string) => fileUri(join(SHOP, rel));
const textOf = (rel: string) => readFileSync(join(SHOP, rel), 'utf8');
const DEPLOYMENT = uriOf('base/deployment.yaml');
const SERVICE = uriOf('base/service.yaml');
const PATCH = uriOf('overlays/prod/memory-patch.yaml');
const noSelectorProblem = (d: Diagnostic[]) => !d.some((x) => /selector/i.test(String(x.message)));

/** The diagnostics of `uri` once they satisfy `pred`: the last published ones, or the next that do. */
function settled(client: TestClient, uri: string, pred: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  const last = client.diagnostics.get(uri);
  return last && pred(last) ? Promise.resolve(last) : client.waitForDiagnostics(uri, pred, 20_000);
}

async function trustedClient(): Promise<TestClient> {
  const client = new TestClient();
  await client.initialize(SHOP, { workspaceTrusted: true });
  return client;
}

/** Waits until the overlays are rendered (the status request lists them). */
async function rendered(client: TestClient): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const s = (await client.request('drydock/kustomize/overlays', {})) as { overlays: Array<{ label: string; error?: string }> };
    if (s.overlays.length === 2) {
      assert.deepEqual(s.overlays.map((o) => [o.label, o.error]), [['overlays/dev', undefined], ['overlays/prod', undefined]]);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail('overlays were not rendered within 10 s');
}

test('base files are judged as rendered: the selector the overlays add is not missing, untrusted keeps the raw judgement', async (t) => {
  if (!needsEngine(t)) return;
  const client = await trustedClient();
  try {
    await rendered(client);
    const deployment = await settled(client, DEPLOYMENT, (d) => noSelectorProblem(d) && client.diagnostics.has(SERVICE));
    assert.deepEqual(deployment.filter((d) => d.severity === 1), []);
    const service = client.diagnostics.get(SERVICE) ?? [];
    assert.deepEqual(service.filter((d) => /selector|select/i.test(String(d.message))), [], 'the Service selects the overlay pods');
  } finally {
    await client.shutdown();
  }
  // Restricted Mode: no process runs, the raw base is reported, and the kustomization says why.
  const untrusted = new TestClient();
  try {
    await untrusted.initialize(SHOP, {});
    const raw = await settled(untrusted, DEPLOYMENT, (d) => d.length > 0);
    assert.ok(raw.some((d) => /selector/.test(String(d.message)) && d.severity === 1), JSON.stringify(raw));
    const hint = await settled(untrusted, uriOf('overlays/prod/kustomization.yaml'), (d) => d.length > 0);
    assert.ok(hint.some((d) => d.code === 'kustomize-not-rendered' && /not trusted \(Restricted Mode\)/.test(String(d.message))), JSON.stringify(hint));
    const status = (await untrusted.request('drydock/kustomize/overlays', {})) as { state: string; reason: string };
    assert.equal(status.state, 'untrusted');
  } finally {
    await untrusted.shutdown();
  }
});

test('an overlay patch that breaks the base object is reported on the patch and on the base, naming the overlay', async (t) => {
  if (!needsEngine(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'drydock-kustomize-broken-'));
  cpSync(SHOP, dir, { recursive: true });
  const patchPath = join(dir, 'overlays/prod/memory-patch.yaml');
  writeFileSync(patchPath, readFileSync(patchPath, 'utf8').replace('memory: 256Mi', 'memory: 256Mx'));
  const client = new TestClient();
  try {
    await client.initialize(dir, { workspaceTrusted: true });
    const base = fileUri(join(dir, 'base/deployment.yaml'));
    const onBase = await settled(client, base, (d) => d.some((x) => x.code === 'invalid-quantity'));
    const d = onBase.find((x) => x.code === 'invalid-quantity')!;
    assert.match(String(d.message), /256Mx.*\(rendered Kustomize overlay overlays\/prod\)$/);
    // The base has no limits: the nearest existing parent, its `resources` key.
    assert.equal(d.range.start.line, positionOf(textOf('base/deployment.yaml'), 'resources:').line);
    const onPatch = await settled(client, fileUri(patchPath), (x) => x.some((y) => y.code === 'invalid-quantity'));
    assert.equal(onPatch.filter((x) => x.code === 'invalid-quantity').length, 1, 'one finding on the patch line (raw and rendered are merged)');
    // dev does not apply the patch: the finding names prod only.
    assert.doesNotMatch(String(d.message), /overlays\/dev/);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('go-to-definition: from the overlay patch to the base object, from a base reference to the generated ConfigMap', async (t) => {
  if (!needsEngine(t)) return;
  const client = await trustedClient();
  try {
    await rendered(client);
    await settled(client, DEPLOYMENT, noSelectorProblem);
    const patch = textOf('overlays/prod/memory-patch.yaml');
    // On the patch's object name: the base Deployment's name.
    const onName = (await client.request('textDocument/definition', { textDocument: { uri: PATCH }, position: positionOf(patch, 'web', 1) })) as Location[];
    assert.equal(onName.length, 1, JSON.stringify(onName));
    assert.equal(onName[0].uri, DEPLOYMENT);
    assert.equal(onName[0].range.start.line, positionOf(textOf('base/deployment.yaml'), 'name: web').line);
    // On the patched container: the base container.
    const onContainer = (await client.request('textDocument/definition', { textDocument: { uri: PATCH }, position: positionOf(patch, 'name: web', 2, 1) })) as Location[];
    assert.equal(onContainer[0]?.uri, DEPLOYMENT);
    assert.equal(onContainer[0].range.start.line, positionOf(textOf('base/deployment.yaml'), '- name: web').line);
    // The base's configMapRef resolves through each overlay's generator (hash-suffixed names).
    const base = textOf('base/deployment.yaml');
    const toConfig = (await client.request('textDocument/definition', { textDocument: { uri: DEPLOYMENT }, position: positionOf(base, 'web-config', 2) })) as Location[];
    const targets = toConfig.map((l) => [l.uri, l.range.start.line]).sort();
    const generatorLine = (rel: string) => positionOf(textOf(rel), '- name: web-config').line;
    assert.deepEqual(targets, [
      [uriOf('overlays/dev/kustomization.yaml'), generatorLine('overlays/dev/kustomization.yaml')],
      [uriOf('overlays/prod/kustomization.yaml'), generatorLine('overlays/prod/kustomization.yaml')],
    ]);
  } finally {
    await client.shutdown();
  }
});

test('Simulate Apply on overlays/prod: prod replicas and image, linked to the base file lines', async (t) => {
  if (!needsEngine(t)) return;
  const client = await trustedClient();
  try {
    await rendered(client);
    const result = (await client.request('drydock/simulate', { scope: 'overlay', overlay: uriOf('overlays/prod') })) as {
      scope: string;
      overlay: string;
      workloads: Array<{ kind: string; namespace: string; name: string; desired: number; source: { file: string; line: number } | null }>;
      pods: Array<{ name: string; phase: string; source: { file: string; line: number } | null }>;
      rejected: unknown[];
    };
    assert.equal(result.scope, 'overlay');
    assert.equal(result.overlay, 'overlays/prod');
    const web = result.workloads.find((w) => w.kind === 'Deployment');
    assert.deepEqual([web?.namespace, web?.name, web?.desired], ['prod', 'prod-web', 4]);
    assert.equal(web?.source?.file, DEPLOYMENT);
    assert.equal(web?.source?.line, positionOf(textOf('base/deployment.yaml'), 'apiVersion').line + 1);
    assert.equal(result.pods.filter((p) => p.phase === 'Running').length, 4);
    assert.deepEqual(result.rejected, []);
    // The panel's list of rendered objects: the overlay's image and replicas, linked to the base lines.
    const objects = (result as unknown as { overlayObjects: Array<{ kind: string; name: string; replicas?: number; images: string[]; source: { file: string; line: number } }> }).overlayObjects;
    const deployment = objects.find((o) => o.kind === 'Deployment');
    assert.deepEqual([deployment?.name, deployment?.replicas, deployment?.images], ['prod-web', 4, ['nginx:1.27']]);
    assert.deepEqual([deployment?.source.file, deployment?.source.line], [DEPLOYMENT, web?.source?.line]);
    const config = objects.find((o) => o.kind === 'ConfigMap');
    assert.match(String(config?.name), /^prod-web-config-[a-z0-9]{10}$/);
    assert.equal(config?.source.file, uriOf('overlays/prod/kustomization.yaml'));
    const raw = JSON.stringify(result);
    assert.doesNotMatch(raw, /drydock-kustomize:/, 'no source points into the rendered text');
    // An unknown overlay is an error answer, not a crash.
    const unknown = (await client.request('drydock/simulate', { scope: 'overlay', overlay: uriOf('base') })) as { error?: string };
    assert.match(String(unknown.error), /not a Kustomize overlay/);
  } finally {
    await client.shutdown();
  }
});
