// The simulation worker's input, built on the main thread: a sync carries only
// the files changed since the last one (plus files whose kustomize patch status
// changed, or every file when the CRDs change), assembling the worker's per-file
// input gives exactly collectInput's result, and a worker whose input is not the
// one a sync was built on says so instead of simulating something else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, Worker } from 'node:worker_threads';
import { Workspace } from '../server/src/model/workspace';
import { WorkspaceSchemas } from '../server/src/schema';
import { assembleInput, collectInput, fileInput, type FileInput } from '../server/src/sim/input';
import { SimulationInputs } from '../server/src/simulationInput';
import { decodeFileInput, FULL_SYNC, transferablesOf, WireFileInputWriter, type InputSync, type WireFileInput, type WorkerReply, type WorkerRequest } from '../server/src/simWorkerProtocol';
import { DEFAULT_SETTINGS } from '../server/src/features/context';
import { requireDist } from './support/shared';


const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {a: "1"}\n`;
const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
`;

/** The next sync of `inputs` (posted: it counts as sent). */
async function nextSync(inputs: SimulationInputs): Promise<InputSync> {
  let got: InputSync | undefined;
  await inputs.send((sync) => ((got = sync), true));
  assert.ok(got);
  return got;
}

/** The worker's view: the per-file input after applying syncs in order. */
function apply(mirror: Map<string, FileInput>, sync: InputSync): void {
  if (sync.base === FULL_SYNC) mirror.clear();
  for (const [uri, input] of sync.files) {
    if (input) mirror.set(uri, decodeFileInput(input));
    else mirror.delete(uri);
  }
}

test('a sync carries the changed files only, and the assembled input equals collectInput', async () => {
  const ws = new Workspace();
  ws.set('file:///in/a.yaml', cm('a'));
  ws.set('file:///in/b.yaml', `${cm('b')}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec: {size: "big"}\n`);
  ws.set('file:///in/c.yaml', cm('c'));
  const schemas = new WorkspaceSchemas(ws);
  const inputs = new SimulationInputs(ws, schemas);
  const mirror = new Map<string, FileInput>();
  const same = () => assert.deepEqual(assembleInput(mirror.values()), collectInput(ws));

  const first = await nextSync(inputs);
  assert.equal(first.base, FULL_SYNC);
  assert.deepEqual(first.files.map(([uri]) => uri).sort(), ['file:///in/a.yaml', 'file:///in/b.yaml', 'file:///in/c.yaml']);
  apply(mirror, first);
  same();

  ws.set('file:///in/a.yaml', cm('a2'));
  ws.delete('file:///in/c.yaml');
  const second = await nextSync(inputs);
  assert.equal(second.base, first.version);
  assert.deepEqual(second.files.map(([uri, input]) => [uri, input === null]), [['file:///in/a.yaml', false], ['file:///in/c.yaml', true]]);
  apply(mirror, second);
  same();

  // A kustomization listing b.yaml as a patch changes b.yaml's input without editing it.
  ws.set('file:///in/kustomization.yaml', 'patches:\n- path: b.yaml\n');
  const third = await nextSync(inputs);
  assert.deepEqual(third.files.map(([uri]) => uri).sort(), ['file:///in/b.yaml', 'file:///in/kustomization.yaml']);
  apply(mirror, third);
  same();
  assert.match(JSON.stringify(collectInput(ws).skipped), /a kustomize patch/);

  // A CRD changes how custom resources decode everywhere: every file is sent again.
  ws.delete('file:///in/kustomization.yaml');
  ws.set('file:///in/crd.yaml', crd);
  const fourth = await nextSync(inputs);
  assert.equal(fourth.base, FULL_SYNC);
  apply(mirror, fourth);
  same();
  assert.ok(collectInput(ws).objects.some((o) => o.object.kind === 'Widget' && o.decodeFailure), 'the Widget is refused by its CRD schema');

  // Nothing changed: an empty sync.
  const fifth = await nextSync(inputs);
  assert.deepEqual([fifth.base, fifth.files], [fourth.version, []]);
  inputs.dispose();
});

test('typing in a multi-document file re-serializes the edited document only; sources stay exact when lines shift', async () => {
  const ws = new Workspace();
  const uri = 'file:///typing/many.yaml';
  const docs = ['a', 'b', 'c', 'd'].map(cm);
  ws.set(uri, docs.join('---\n'));
  ws.set('file:///typing/other.yaml', cm('o'));
  const inputs = new SimulationInputs(ws, new WorkspaceSchemas(ws));
  const mirror = new Map<string, FileInput>();
  const same = () => assert.deepEqual(assembleInput(mirror.values()), collectInput(ws));
  apply(mirror, await nextSync(inputs));
  same();

  const edit = async (text: string) => {
    ws.set(uri, text);
    const sync = await nextSync(inputs);
    assert.deepEqual(sync.files.map(([u]) => u), [uri]);
    apply(mirror, sync);
    same();
  };
  // The first incremental sync of the file builds every document; the next ones reuse.
  await edit([cm('a1'), ...docs.slice(1)].join('---\n'));
  await edit([cm('a2'), ...docs.slice(1)].join('---\n'));
  // A line added to the first document moves the others: their sources (absolute lines) change.
  await edit([`${cm('a2')}# one more line\n`, ...docs.slice(1)].join('---\n'));
  await edit([cm('a3'), ...docs.slice(1)].join('---\n'));

  // Reuse is real: a document that did not change is not read again. (White box: its
  // parsed name is altered in place, which no edit would do; the sync still says "d".)
  const d = ws.get(uri)!.docs[3];
  d.yaml.setIn(['metadata', 'name'], 'altered');
  ws.set(uri, [cm('a4'), ...docs.slice(1)].join('---\n'));
  const sync = await nextSync(inputs);
  const names = decodeFileInput(sync.files[0][1]!).entries.map((e) => ('input' in e ? e.input.object.metadata?.name : undefined));
  assert.deepEqual(names, ['a4', 'b', 'c', 'd']);
  inputs.dispose();
});

test('a sync is moved to the worker, not copied: its buffers are transferred and arrive whole', async () => {
  const ws = new Workspace();
  ws.set('file:///tr/a.yaml', cm('a'));
  ws.set('file:///tr/b.yaml', `${cm('b')}---\n${cm('b2')}`);
  const inputs = new SimulationInputs(ws, new WorkspaceSchemas(ws));
  const sync = await nextSync(inputs);
  inputs.dispose();
  const expected = sync.files.map(([uri, input]) => [uri, input && decodeFileInput(input)]);
  const ownWriter = new WireFileInputWriter();
  ownWriter.add([{ skipped: { source: { uri: 'file:///tr/own.yaml', line: 0 }, reason: 'kept' } }]);
  const own: WireFileInput[] = [ownWriter.finish('file:///tr/own.yaml')];
  const flag = new SharedArrayBuffer(8);
  const message: WorkerRequest = { type: 'simulate', id: 1, flag, plan: {} as never, input: { sync, own } };
  const transfer = transferablesOf(message);
  assert.equal(transfer.length, 2, 'one buffer per file of the sync (the simulation\'s own input is kept for a re-post)');
  assert.equal(new Set(transfer).size, 2, 'each file has its own buffer (not a slice of a shared pool)');
  const { port1, port2 } = new MessageChannel();
  try {
    const received = new Promise<WorkerRequest>((resolve) => port2.once('message', resolve));
    port1.postMessage(message, transfer);
    const got = await received;
    assert.ok(sync.files.every(([, input]) => input === null || input.data.byteLength === 0), 'the sender\'s buffers are detached');
    assert.ok(own[0].data.byteLength > 0, 'the simulation\'s own input is copied, still usable for a re-post');
    assert.ok(got.type === 'simulate');
    assert.deepEqual(got.input.sync.files.map(([uri, input]) => [uri, input && decodeFileInput(input)]), expected);
  } finally {
    port1.close();
    port2.close();
  }
});

test('a sync that was not posted is sent again with the next one', async () => {
  const ws = new Workspace();
  ws.set('file:///np/a.yaml', cm('a'));
  const inputs = new SimulationInputs(ws, new WorkspaceSchemas(ws));
  await nextSync(inputs);
  ws.set('file:///np/a.yaml', cm('a2'));
  await inputs.send(() => false);
  const next = await nextSync(inputs);
  assert.deepEqual(next.files.map(([uri]) => uri), ['file:///np/a.yaml']);
  inputs.dispose();
});

test('the worker answers outOfStep to a sync built on another input, and simulates after a full one', async () => {
  const WORKER = requireDist('simWorker.js');
  const ws = new Workspace();
  ws.set('file:///w/a.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
  const registry = new WorkspaceSchemas(ws).current();
  const files: InputSync['files'] = [...ws.allFiles()].map((f) => {
    const wire = new WireFileInputWriter();
    wire.add(fileInput(ws, f, registry).entries);
    return [f.uri, wire.finish(f.uri)];
  });
  const worker = new Worker(WORKER);
  try {
    const ask = (msg: WorkerRequest) =>
      new Promise<WorkerReply>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage(msg);
      });
    const flag = () => new SharedArrayBuffer(8);
    const plan = { scope: 'workspace' as const, whatIf: [], simulation: DEFAULT_SETTINGS.simulation };
    const stale = await ask({ type: 'simulate', id: 1, flag: flag(), plan, input: { sync: { base: 3, version: 4, files } } });
    assert.deepEqual(stale, { type: 'outOfStep', id: 1 });
    const full = await ask({ type: 'simulate', id: 2, flag: flag(), plan, input: { sync: { base: FULL_SYNC, version: 1, files } } });
    assert.equal(full.type, 'result');
    assert.equal(full.type === 'result' && (full.value as { summary: { running: number } }).summary.running, 1, 'the Pod runs');
    const next = await ask({ type: 'explain', id: 3, flag: flag(), simulation: DEFAULT_SETTINGS.simulation, generation: 1, resources: 1, input: { sync: { base: 1, version: 2, files: [] } } });
    assert.equal(next.type, 'result');
  } finally {
    await worker.terminate();
  }
});
