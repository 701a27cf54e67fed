// Incremental cross-reference diagnostics: each document's results are cached
// and reused until something they depend on changes. Checked three ways:
// counting recomputed documents, comparing against a from-scratch analysis
// after every edit of a random edit sequence, and over LSP.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Workspace } from '../../server/src/model/workspace';
import { crossRefDiagnostics, crossRefStats } from '../../server/src/features/crossRefDiagnostics';
import type { FeatureContext } from '../../server/src/features/context';
import { InProcessClient } from '../support/inProcess';
import { FILES, ROOT, uriOf } from '../support/xrefWorkspace';
import { createFeatureContext } from '../../server/src/features/services';

const contextOf = (ws: Workspace): FeatureContext => createFeatureContext(ws);

function diagnosticsOf(ctx: FeatureContext, uri: string): Diagnostic[] {
  const f = ctx.workspace.get(uri);
  return f ? crossRefDiagnostics(ctx, f) : [];
}

/**
 * Order-insensitive form of a file's diagnostics. Related locations in other
 * files keep only their uri: a file is not re-published when another file's
 * documents merely move (a known limitation; its own ranges are always exact).
 */
function canonical(ds: Diagnostic[], uri: string): string[] {
  return ds
    .map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => (r.location.uri === uri ? r : { ...r, location: { uri: r.location.uri } })) }))
    .map((d) => JSON.stringify(d))
    .sort();
}

/** A multi-document file: `n` apps of ConfigMap + Deployment (reading the ConfigMap) + Service. */
function appsFile(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1
kind: ConfigMap
metadata: {name: cfg-${i}}
data: {mode: fast}`);
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  annotations: {description: app number ${i}}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: c
          image: nginx
          ports: [{name: http, containerPort: 80}]
          env:
            - name: MODE
              valueFrom: {configMapKeyRef: {name: cfg-${i}, key: mode}}`);
    docs.push(`apiVersion: v1
kind: Service
metadata: {name: app-${i}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: http}]`);
  }
  return docs.map((d) => `---\n${d}\n`).join('');
}

test('a keystroke in one document of a multi-document file recomputes only that document and its dependents', () => {
  const ws = new Workspace();
  const ctx = contextOf(ws);
  const g = ctx.services.graph;
  const big = `${ROOT}/inc/apps.yaml`;
  const other = `${ROOT}/inc/other.yaml`;
  const base = appsFile(40);
  ws.set(big, base, 1);
  ws.set(other, `apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cfg-7}}]}]
`, 1);
  assert.deepEqual(diagnosticsOf(ctx, big), []);
  assert.deepEqual(diagnosticsOf(ctx, other), []);

  // A change inside one Deployment that touches no reference: that document and the Service
  // selecting its pods (whose targets are the re-parsed template) are re-checked, none of the other 118.
  let before = crossRefStats.documentsComputed;
  let text = base.replace('description: app number 3}', 'description: app number 3x}');
  ws.set(big, text, 2);
  const deps = g.dependentFiles(g.refresh());
  assert.deepEqual(diagnosticsOf(ctx, big), []);
  assert.equal(crossRefStats.documentsComputed - before, 2);
  assert.ok(!deps.has(other), 'the other file does not depend on app-3');

  // Renaming ConfigMap cfg-7 away: its own document, the Deployment reading it (same file)
  // and the Pod in the other file are re-checked, nothing else.
  before = crossRefStats.documentsComputed;
  text = text.replace('metadata: {name: cfg-7}', 'metadata: {name: cfg-7-renamed}');
  ws.set(big, text, 3);
  assert.ok(g.dependentFiles(g.refresh()).has(other));
  const bigDiags = diagnosticsOf(ctx, big);
  assert.equal(crossRefStats.documentsComputed - before, 2);
  assert.equal(bigDiags.length, 1, JSON.stringify(bigDiags));
  assert.equal(bigDiags[0].code, 'missing-reference');
  assert.match(String(bigDiags[0].message), /ConfigMap "cfg-7"/);
  assert.equal(bigDiags[0].range.start.line, text.split('\n').findIndex((l) => l.includes('name: cfg-7, key: mode')));
  const otherDiags = diagnosticsOf(ctx, other);
  assert.equal(otherDiags.length, 1);
  assert.equal(otherDiags[0].code, 'missing-reference');

  // A new document at the top moves every other one: their cached results are reused and still land on the right line.
  before = crossRefStats.documentsComputed;
  text = `apiVersion: v1\nkind: Secret\nmetadata: {name: unrelated}\n${text}`;
  ws.set(big, text, 4);
  g.dependentFiles(g.refresh());
  const moved = diagnosticsOf(ctx, big);
  assert.equal(crossRefStats.documentsComputed - before, 1, 'only the new document is checked');
  assert.equal(moved.length, 1);
  assert.equal(moved[0].range.start.line, bigDiags[0].range.start.line + 3);
});

test('a bulk load (the startup scan) forgets everything per batch, and its results equal a fresh analysis once it ends', () => {
  const fresh = new Workspace();
  const ws = new Workspace();
  const ctx = contextOf(ws);
  const g = ctx.services.graph;
  const files = Object.keys(FILES);
  g.setBulkLoading(true);
  files.forEach((f, i) => {
    ws.set(uriOf(f), FILES[f], 1);
    fresh.set(uriOf(f), FILES[f], 1);
    g.refresh(); // one small batch per file, as the scan's diagnostics slices apply them
    // A file diagnosed mid-load reads only what has arrived so far (its results are forgotten with the next batch).
    if (i === 0) diagnosticsOf(ctx, uriOf(f));
  });
  const stamp = g.stampOf(ws.get(uriOf(files[0]))!.docs[0]);
  ws.set(uriOf(files[1]), `${FILES[files[1]]}\n# edited during the load\n`, 2);
  fresh.set(uriOf(files[1]), `${FILES[files[1]]}\n# edited during the load\n`, 2);
  g.setBulkLoading(false);
  // The last batch was applied as part of the load: every document got a new stamp, so nothing computed mid-load is reused.
  assert.notEqual(g.stampOf(ws.get(uriOf(files[0]))!.docs[0]), stamp);
  const freshCtx = contextOf(fresh);
  for (const f of files) assert.deepEqual(canonical(diagnosticsOf(ctx, uriOf(f)), uriOf(f)), canonical(diagnosticsOf(freshCtx, uriOf(f)), uriOf(f)), f);
  // After the load, a keystroke is incremental again: an edit touching no reference recomputes only its own document.
  const before = crossRefStats.documentsComputed;
  ws.set(uriOf(files[0]), `${FILES[files[0]]}\n# a comment\n`, 3);
  g.refresh();
  diagnosticsOf(ctx, uriOf(files[0]));
  assert.ok(crossRefStats.documentsComputed - before <= ws.get(uriOf(files[0]))!.docs.length, 'not every document of the workspace');
});

// Text edits toggled on and off at random; each `from` occurs once in FILES[file] and no two overlap ('' prepends).
const MUTATIONS: Array<{ file: string; from: string; to: string }> = [
  { file: 'app/config.yaml', from: 'name: web-config\n', to: 'name: web-config2\n' },
  { file: 'app/config.yaml', from: 'mode: fast', to: 'mood: fast' },
  { file: 'app/config.yaml', from: '{name: web-env, namespace: shop}', to: '{name: web-env, namespace: other}' },
  { file: 'app/config.yaml', from: '{name: web-files, namespace: shop}', to: '{name: web-proj, namespace: shop}' },
  { file: 'app/config.yaml', from: '{name: regcred, namespace: shop}', to: '{name: web-tls, namespace: shop}' },
  { file: 'app/config.yaml', from: 'kind: ServiceAccount\nmetadata: {name: web-sa, namespace: shop}\n', to: 'kind: ServiceAccount\nmetadata: {name: web-sa, namespace: shop}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: px, namespace: shop, labels: {app: web}}\nspec:\n  containers: [{name: c, image: x, ports: [{name: http-port, containerPort: 1}]}]\n' },
  { file: 'app/config.yaml', from: '', to: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: shop}\n---\n' },
  { file: 'app/deploy.yaml', from: 'app: web\n        tier: frontend', to: 'app: webx\n        tier: frontend' },
  { file: 'app/deploy.yaml', from: 'name: http-port', to: 'name: http-portx' },
  { file: 'app/deploy.yaml', from: 'name: web\n  namespace: shop', to: 'name: web\n  namespace: shopx' },
  { file: 'app/net.yaml', from: 'port: {name: http}', to: 'port: {name: https}' },
  { file: 'app/net.yaml', from: 'matchLabels: {role: cache}\n  ingress', to: 'matchLabels: {role: cachex}\n  ingress' },
  { file: 'app/net.yaml', from: 'apiVersion: v1\nkind: Endpoints', to: 'apiVersion: example.com/v1\nkind: Widget' },
  { file: 'app/net.yaml', from: '{name: cache-mon, namespace: shop}', to: '{name: cache-mon, namespace: elsewhere}' },
  { file: 'app/net.yaml', from: 'targetPort: http-port', to: 'targetPort: http-portz' },
  { file: 'app/net.yaml', from: '', to: '# a comment that moves every document\n\n' },
  { file: 'cluster/cluster.yaml', from: 'labels: {team: shopping}', to: 'labels: {team: other}' },
  { file: 'cluster/cluster.yaml', from: 'metadata: {name: high-prio}', to: 'metadata: {name: low-prio}' },
  { file: 'batch/cron.yaml', from: 'serviceAccountName: web-sa', to: 'serviceAccountName: web-sb' },
];

function textOf(file: string, active: Set<number>): string {
  let t = FILES[file];
  MUTATIONS.forEach((m, i) => {
    if (m.file !== file || !active.has(i)) return;
    if (m.from === '') t = m.to + t;
    else {
      assert.ok(t.includes(m.from), `mutation ${i} applies`);
      t = t.replace(m.from, m.to);
    }
  });
  return t;
}

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

test('after every edit of a random sequence, re-checking the edited and dependent files gives what a fresh analysis gives', () => {
  const ws = new Workspace();
  const ctx = contextOf(ws);
  const g = ctx.services.graph;
  const files = Object.keys(FILES);
  const published = new Map<string, string[]>();
  for (const f of files) ws.set(uriOf(f), FILES[f]);
  for (const f of files) published.set(uriOf(f), canonical(diagnosticsOf(ctx, uriOf(f)), uriOf(f)));
  const active = new Set<number>();
  const next = random(20240611);
  let nonEmpty = 0;
  for (let step = 0; step < 150; step++) {
    const m = Math.floor(next() * MUTATIONS.length);
    if (active.has(m)) active.delete(m);
    else active.add(m);
    const uri = uriOf(MUTATIONS[m].file);
    ws.set(uri, textOf(MUTATIONS[m].file, active), step + 2);
    // What the server re-checks: the edited file and the files depending on the change.
    const recheck = g.dependentFiles(g.refresh());
    recheck.add(uri);
    for (const u of recheck) published.set(u, canonical(diagnosticsOf(ctx, u), u));

    const fresh = new Workspace();
    for (const f of files) fresh.set(uriOf(f), textOf(f, active));
    const freshCtx = contextOf(fresh);
    for (const f of files) {
      const expected = canonical(diagnosticsOf(freshCtx, uriOf(f)), uriOf(f));
      if (expected.length > 0) nonEmpty++;
      assert.deepEqual(published.get(uriOf(f)), expected, `step ${step} (mutations ${[...active].sort((a, b) => a - b).join(',')}): ${f}`);
    }
  }
  assert.ok(nonEmpty > 100, 'the sequence produced diagnostics to compare');
});

test('over LSP: breaking a reference in one document updates another document of the same file and another file', async () => {
  const c = new InProcessClient();
  try {
    await c.initialize();
    const big = `${ROOT}/inc-lsp/apps.yaml`;
    const other = `${ROOT}/inc-lsp/other.yaml`;
    const base = appsFile(30);
    c.open(big, base);
    c.open(other, `apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  containers: [{name: c, image: x, envFrom: [{configMapRef: {name: cfg-12}}]}]
`);
    await c.waitForDiagnostics(big, (d) => d.length === 0);
    await c.waitForDiagnostics(other, (d) => d.length === 0);
    // A few keystrokes elsewhere first, so the documents' cached results are in use.
    for (const v of ['x', 'y', 'z']) c.change(big, base.replace('description: app number 5}', `description: app number 5${v}}`));
    await c.waitForDiagnostics(big, (d) => d.length === 0);

    const broken = base.replace('metadata: {name: cfg-12}', 'metadata: {name: cfg-twelve}');
    const inBig = c.waitForDiagnostics(big, (d) => d.some((x) => x.code === 'missing-reference'));
    const inOther = c.waitForDiagnostics(other, (d) => d.some((x) => x.code === 'missing-reference'));
    c.change(big, broken);
    const d = (await inBig).filter((x) => x.code === 'missing-reference');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, broken.split('\n').findIndex((l) => l.includes('name: cfg-12, key: mode')));
    assert.match(String((await inOther).find((x) => x.code === 'missing-reference')!.message), /cfg-12/);

    // Repairing it clears both.
    const clearedBig = c.waitForDiagnostics(big, (x) => x.every((y) => y.code !== 'missing-reference'));
    const clearedOther = c.waitForDiagnostics(other, (x) => x.every((y) => y.code !== 'missing-reference'));
    c.change(big, base);
    await clearedBig;
    await clearedOther;
  } finally {
    await c.shutdown();
  }
});
