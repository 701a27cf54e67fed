// Pending pods of the simulation as `unschedulable` warnings, over the real
// protocol: no warning before a simulation feature is used; `drydock/status`
// starts the simulation and the warnings follow; their quick fixes (add a
// toleration, label a Node) are offered, and after applying one the next
// simulation clears the warning.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { InProcessClient } from '../support/inProcess';
import { applyWorkspaceEdit, find, parseAll } from '../support/codeActions';
import { INDEXER, NODES, TRAINER, WEB } from '../support/simulationWorkspace';

const NODES_URI = 'file:///simdiag/nodes.yaml';
const TRAINER_URI = 'file:///simdiag/trainer.yaml';
const INDEXER_URI = 'file:///simdiag/indexer.yaml';
const WEB_URI = 'file:///simdiag/web.yaml';

const unschedulable = (ds: Diagnostic[] | undefined) => (ds ?? []).filter((d) => d.code === 'unschedulable');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('unschedulable warnings over LSP', () => {
  let client: InProcessClient;
  /** Every publishDiagnostics in arrival order (InProcessClient keeps only the latest per file). */
  const published: Array<{ uri: string; diagnostics: Diagnostic[] }> = [];
  const texts: Record<string, string> = { [NODES_URI]: NODES, [TRAINER_URI]: TRAINER, [INDEXER_URI]: INDEXER, [WEB_URI]: WEB };

  before(async () => {
    client = new InProcessClient();
    const set = client.diagnostics.set.bind(client.diagnostics);
    client.diagnostics.set = (uri: string, diagnostics: Diagnostic[]) => {
      published.push({ uri, diagnostics });
      return set(uri, diagnostics);
    };
    await client.initialize();
    const opened = Object.keys(texts).map((uri) => client.waitForDiagnostics(uri));
    for (const [uri, text] of Object.entries(texts)) client.open(uri, text);
    await Promise.all(opened);
  });
  after(async () => {
    await client.shutdown();
  });

  /** Replaces a file's text and waits for the server's diagnostics of the new text. */
  async function change(uri: string, text: string): Promise<void> {
    const published = client.waitForDiagnostics(uri);
    texts[uri] = text;
    client.change(uri, text);
    await published;
  }

  /**
   * Requests `drydock/status` (which waits for the simulation of the current
   * workspace) and returns the diagnostics the server publishes for the workload
   * files once that result arrived.
   */
  async function simulate(): Promise<{ pending: number; diags: Record<string, Diagnostic[]> }> {
    const mark = published.length;
    const status = await client.request<{ pending: number }>('drydock/status', {});
    const uris = [TRAINER_URI, INDEXER_URI, WEB_URI];
    for (let i = 0; i < 500 && !uris.every((u) => published.slice(mark).some((p) => p.uri === u)); i++) await sleep(20);
    for (const u of uris) assert.ok(published.slice(mark).some((p) => p.uri === u), `diagnostics of ${u} are published again after the simulation`);
    await client.request('textDocument/documentSymbol', { textDocument: { uri: WEB_URI } }); // a round trip: later publishes are in
    return { pending: status.pending, diags: Object.fromEntries(uris.map((u) => [u, client.diagnostics.get(u) ?? []])) };
  }

  test('no warning while no simulation feature was used', async () => {
    await client.request('textDocument/documentSymbol', { textDocument: { uri: TRAINER_URI } });
    assert.deepEqual(
      published.filter((p) => unschedulable(p.diagnostics).length > 0).map((p) => p.uri),
      [],
      'no unschedulable diagnostic before the first simulation',
    );
  });

  test('an untolerated taint: warning on replicas, the taint in data, the Node in relatedInformation; the toleration fix clears it', async () => {
    const first = await simulate();
    assert.equal(first.pending, 5, '2 trainer + 3 indexer pods stay Pending');
    assert.deepEqual(unschedulable(first.diags[WEB_URI]), [], 'web schedules: no warning');
    const [d] = unschedulable(first.diags[TRAINER_URI]);
    assert.ok(d, 'the trainer Deployment gets an unschedulable warning');
    assert.equal(d.severity, 2);
    assert.equal(d.source, 'drydock');
    assert.match(String(d.message), /^2 of 2 pods stay Pending: 0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 node\(s\) didn't match Pod's node affinity\/selector\./);
    const replicasLine = TRAINER.split('\n').findIndex((l) => l.includes('replicas:'));
    assert.deepEqual(d.range, { start: { line: replicasLine, character: 2 }, end: { line: replicasLine, character: 10 } });
    const data = d.data as { pod: string; reasons: string[]; taints?: unknown; missingNodeLabels?: unknown };
    assert.match(data.pod, /^default\/trainer-/);
    assert.deepEqual([...data.reasons].sort(), ["node(s) didn't match Pod's node affinity/selector", 'node(s) had untolerated taint(s)']);
    assert.deepEqual(data.taints, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    assert.equal(data.missingNodeLabels, undefined, 'gpu-1 carries hardware=gpu');
    assert.equal(d.relatedInformation?.length, 1);
    const rel = d.relatedInformation![0];
    assert.equal(rel.location.uri, NODES_URI);
    assert.equal(rel.location.range.start.line, NODES.split('\n').findIndex((l) => l.includes('- key: dedicated')));
    assert.match(rel.message, /Node "gpu-1" has taint dedicated=gpu:NoSchedule/);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: TRAINER_URI }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    const fix = find(actions, /^Add toleration for taint dedicated=gpu:NoSchedule$/);
    const fixed = applyWorkspaceEdit(texts, fix.edit!)[TRAINER_URI];
    assert.deepEqual(parseAll(fixed)[0].spec.template.spec.tolerations, [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }]);
    await change(TRAINER_URI, fixed);

    const next = await simulate();
    assert.equal(next.pending, 3, 'only the indexer pods stay Pending');
    assert.deepEqual(unschedulable(next.diags[TRAINER_URI]), [], 'the warning is gone after the next simulation');
    assert.equal(unschedulable(next.diags[INDEXER_URI]).length, 1, 'the indexer still warns (the new result is published)');
  });

  test('a label no node carries: missing labels in data, every Node in relatedInformation; labelling a Node clears it', async () => {
    const [d] = unschedulable(client.diagnostics.get(INDEXER_URI));
    assert.ok(d, 'the indexer Deployment gets an unschedulable warning');
    assert.match(String(d.message), /^3 of 3 pods stay Pending: 0\/3 nodes are available: /);
    const data = d.data as { taints?: unknown; missingNodeLabels?: Record<string, string> };
    assert.deepEqual(data.missingNodeLabels, { disk: 'ssd' });
    assert.equal(data.taints, undefined, 'no node matches the selector, so no taint is in the way yet');
    assert.deepEqual(
      d.relatedInformation?.map((r) => r.message),
      ['Node "gpu-1" has no label disk=ssd', 'Node "cpu-1" has no label disk=ssd', 'Node "cpu-2" has no label disk=ssd'],
    );
    assert.ok(d.relatedInformation!.every((r) => r.location.uri === NODES_URI));

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: INDEXER_URI }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
    find(actions, /^No node has label disk=ssd: remove it from the pod's nodeSelector$/);
    const fix = find(actions, /^No node has label disk=ssd: add it to Node "cpu-1"$/);
    const fixed = applyWorkspaceEdit(texts, fix.edit!)[NODES_URI];
    assert.deepEqual(parseAll(fixed)[1].metadata.labels, { hardware: 'cpu', disk: 'ssd' });
    await change(NODES_URI, fixed);

    const next = await simulate();
    assert.equal(next.pending, 0);
    assert.deepEqual(unschedulable(next.diags[INDEXER_URI]), [], 'the warning is gone after the next simulation');
  });
});
