// The panel's contract with the server, over the real protocol: the built
// server answers `drydock/simulate` for examples/, and the panel's normaliser
// and renderer turn the answer into node cards with the example cluster's
// nodes and pods, each linked to the manifest line that produced it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TestClient, fileUri } from '../../support/lsp';
import { readResponse, pendingPods, type SimulationView } from '../../../client/src/panel/model';
import { renderPanel } from '../../../client/src/panel/render';

const examples = resolve(__dirname, '../../../examples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(n) ? [p] : [];
  });
}

/** The panel's reading of an answer; the answer must be a result. */
function viewOf(raw: unknown): SimulationView {
  const answer = readResponse(raw);
  assert.ok(answer.kind === 'result', answer.kind === 'error' ? answer.message : '');
  return answer.view;
}

test('drydock/simulate on examples/ renders the example cluster', async () => {
  const client = new TestClient();
  try {
    await client.initialize(examples);
    const files = yamlFiles(examples);
    for (const f of files) client.open(fileUri(f), readFileSync(f, 'utf8'));
    const webUri = fileUri(join(examples, 'web/deployment.yaml'));
    const raw = await client.request('drydock/simulate', { scope: 'workspace' });
    const view = viewOf(raw);
    assert.deepEqual(view.nodes.map((n) => n.name).sort(), ['node-1', 'node-2', 'node-3']);
    assert.deepEqual(pendingPods(view), [], 'every example pod is scheduled');
    const web = view.pods.filter((p) => p.name.startsWith('web-'));
    assert.equal(web.length, 3);
    for (const p of web) assert.notEqual(p.node, 'node-3', 'web pods do not tolerate the db taint');
    const db = view.pods.filter((p) => /^db-\d$/.test(p.name));
    assert.deepEqual(db.map((p) => p.node), ['node-3', 'node-3'], 'db pods land on the dedicated node');
    // Sources point into the manifests: a web pod at the Deployment, a db pod at the StatefulSet.
    assert.equal(web[0].source?.uri, webUri);
    const deploymentLine = readFileSync(join(examples, 'web/deployment.yaml'), 'utf8').split('\n').findIndex((l) => l.startsWith('apiVersion:'));
    assert.ok(Math.abs((web[0].source?.line ?? -10) - deploymentLine) <= 1, `web pod source line ${web[0].source?.line} ~ ${deploymentLine}`);
    assert.equal(db[0].source?.uri, fileUri(join(examples, 'db/statefulset.yaml')));
    assert.deepEqual(view.claims.map((c) => `${c.name}:${c.phase}`), ['data-db-0:Bound', 'data-db-1:Bound']);
    assert.deepEqual(view.services.find((s) => s.name === 'web')?.endpoints.map((e) => e.pod).sort(), web.map((p) => p.name).sort());
    const { html, locations } = renderPanel(view, { scope: 'workspace', whatIfs: [] });
    for (const n of ['node-1', 'node-2', 'node-3']) assert.match(html, new RegExp(`aria-label="Node ${n}"`));
    assert.ok(locations.some((l) => l.uri === webUri));

    // The "current file" scope simulates the file with the cluster-level objects it needs.
    const fileView = viewOf(await client.request('drydock/simulate', { scope: 'file', uri: webUri }));
    assert.equal(fileView.pods.filter((p) => p.name.startsWith('web-')).length, 3);
    assert.deepEqual(fileView.nodes.map((n) => n.name).sort(), ['node-1', 'node-2', 'node-3']);
  } finally {
    await client.shutdown();
  }
});
