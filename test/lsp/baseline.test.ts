// `drydock/simulate` scope "file" in a git repository, over the real protocol:
// the baseline is the file's committed version at HEAD (read in-process by the
// server), not the saved file on disk, and a file new since HEAD has none.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InProcessClient } from '../support/inProcess';
import { commit, newRepo, write } from '../support/gitFixture';

function deployment(image: string, name = 'web'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: ${name}
        image: ${image}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
`;
}

test('scope "file" in a git repository: the baseline is the committed version at HEAD', async () => {
  const root = newRepo('drydock-lsp-git-');
  const head = commit(root, { 'apps/web.yaml': deployment('nginx:1.1') });
  const path = write(root, 'apps/web.yaml', deployment('nginx:1.2'));
  const uri = pathToFileURL(path).toString();
  const client = new InProcessClient();
  try {
    await client.initialize(root);
    client.open(uri, deployment('nginx:1.3'));
    await client.waitForDiagnostics(uri);
    const r = await client.request('drydock/simulate', { scope: 'file', uri, baselineCommit: 'f'.repeat(40) });
    assert.equal(r.scope, 'file');
    assert.equal(r.baseline, `the committed version of this file (HEAD ${head.slice(0, 7)})`, 'the server, not the client, names the commit');
    assert.ok(r.changes.some((c: { kind: string; name: string; change: string }) => c.kind === 'Deployment' && c.name === 'web' && c.change === 'changed'), JSON.stringify(r.changes));
    const rollout = r.rollouts.find((x: { name: string }) => x.name === 'web');
    assert.ok(rollout, 'a rollout is reported for the changed template');
    assert.deepEqual(rollout.steps[rollout.steps.length - 1], { newReplicas: 3, oldReplicas: 0 });

    // The buffer equal to the saved file still differs from HEAD: the saved-file baseline would show no rollout.
    client.change(uri, deployment('nginx:1.2'));
    const saved = await client.request('drydock/simulate', { scope: 'file', uri });
    assert.match(saved.baseline, /committed version/);
    assert.ok(saved.rollouts.some((x: { name: string }) => x.name === 'web'), 'a rollout against HEAD, not against the disk');

    // Back to the committed text: nothing to roll out.
    client.change(uri, deployment('nginx:1.1'));
    const same = await client.request('drydock/simulate', { scope: 'file', uri });
    assert.match(same.baseline, /unchanged since/);
    assert.equal(same.rollouts.filter((x: { name: string }) => x.name === 'web').length, 0);

    // A file that is not in HEAD: its baseline is the workspace without it.
    const freshPath = join(root, 'apps/api.yaml');
    write(root, 'apps/api.yaml', deployment('nginx:1.1', 'api'));
    const freshUri = pathToFileURL(freshPath).toString();
    client.open(freshUri, deployment('nginx:1.1', 'api'));
    const fresh = await client.request('drydock/simulate', { scope: 'file', uri: freshUri });
    assert.equal(fresh.baseline, `the workspace without this file (it is new since HEAD ${head.slice(0, 7)})`);
    assert.ok(fresh.changes.some((c: { name: string; change: string }) => c.name === 'api' && c.change === 'added'), JSON.stringify(fresh.changes));
  } finally {
    await client.shutdown();
  }
});
