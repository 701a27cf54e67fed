// Rename over LSP: apply the returned WorkspaceEdit, re-open the results and
// check that the references still resolve; refusals come back as errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';
import { applyEdits } from '../support/xrefWorkspace';

const ROOT = 'file:///tmp/drydock-xref-rename';

const FILES: Record<string, string> = {
  [`${ROOT}/config.yaml`]: `apiVersion: v1
kind: ConfigMap
metadata:
  name: "app-config"
data: {k: v}
`,
  [`${ROOT}/deploy.yaml`]: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
        - name: c
          image: nginx
          envFrom: [{configMapRef: {name: app-config}}]
      volumes: [{name: v, configMap: {name: app-config}}]
`,
  [`${ROOT}/svc.yaml`]: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`,
};

async function session(fn: (c: InProcessClient, texts: Record<string, string>) => Promise<void>, extra: Record<string, string> = {}): Promise<void> {
  const c = new InProcessClient();
  const texts = { ...FILES, ...extra };
  try {
    await c.initialize();
    for (const [uri, text] of Object.entries(texts)) c.open(uri, text);
    await c.waitForDiagnostics(Object.keys(texts).at(-1)!);
    await fn(c, texts);
  } finally {
    await c.shutdown();
  }
}

function apply(texts: Record<string, string>, edit: WorkspaceEdit): Record<string, string> {
  const out = { ...texts };
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out[uri] = applyEdits(out[uri], edits);
  return out;
}

test('renaming a ConfigMap from a reference edits the definition and every referrer, across files', () =>
  session(async (c, texts) => {
    const uri = `${ROOT}/deploy.yaml`;
    const position = positionOf(texts[uri], 'name: app-config', 8);
    const prep = await c.request('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.equal(prep.placeholder, 'app-config');
    const edit: WorkspaceEdit = await c.request('textDocument/rename', { textDocument: { uri }, position, newName: 'web-config' });
    const after = apply(texts, edit);
    assert.match(after[`${ROOT}/config.yaml`], /name: "web-config"/, 'quotes are kept');
    assert.equal(after[uri].match(/web-config/g)?.length, 2);
    assert.doesNotMatch(after[uri], /app-config/);
    // Re-check through the server: the renamed reference resolves to the renamed definition.
    for (const u of Object.keys(edit.changes ?? {})) c.change(u, after[u]);
    const defs: Location[] = await c.request('textDocument/definition', { textDocument: { uri }, position: positionOf(after[uri], 'name: web-config', 8) });
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri, `${ROOT}/config.yaml`);
  }));

test('renaming a label value edits the template, the workload selector and the Service selector consistently', () =>
  session(async (c, texts) => {
    const uri = `${ROOT}/deploy.yaml`;
    const position = positionOf(texts[uri], 'labels: {app: web', 15);
    const edit: WorkspaceEdit = await c.request('textDocument/rename', { textDocument: { uri }, position, newName: 'shop' });
    const after = apply(texts, edit);
    assert.match(after[uri], /matchLabels: \{app: shop\}/);
    assert.match(after[uri], /labels: \{app: shop, tier: front\}/);
    assert.match(after[`${ROOT}/svc.yaml`], /selector: \{app: shop\}/);
    assert.match(after[uri], /metadata: \{name: web\}/, 'object names are untouched');
    for (const u of Object.keys(edit.changes ?? {})) c.change(u, after[u]);
    const svc = `${ROOT}/svc.yaml`;
    const defs: Location[] = await c.request('textDocument/definition', { textDocument: { uri: svc }, position: positionOf(after[svc], 'app: shop', 1) });
    assert.equal(defs.length, 1, 'the Service still selects the Deployment');
  }));

test('a label rename that would change what another selector matches is refused with a reason', () =>
  session(
    async (c, texts) => {
      const uri = `${ROOT}/deploy.yaml`;
      const position = positionOf(texts[uri], 'labels: {app: web', 15);
      await assert.rejects(
        c.request('textDocument/rename', { textDocument: { uri }, position, newName: 'shop' }),
        (err: Error) => /NetworkPolicy np/.test(err.message) && /stop selecting/.test(err.message),
      );
    },
    {
      [`${ROOT}/np.yaml`]: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: np}
spec:
  podSelector:
    matchExpressions: [{key: app, operator: In, values: [web]}]
`,
    },
  ));

test('prepareRename refuses where there is nothing to rename, and renames to an existing name are refused', () =>
  session(async (c, texts) => {
    const uri = `${ROOT}/deploy.yaml`;
    await assert.rejects(c.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(texts[uri], 'image: nginx', 2) }), /Nothing to rename/);
    const svc = `${ROOT}/svc.yaml`;
    c.open(`${ROOT}/svc2.yaml`, 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\n');
    await c.waitForDiagnostics(`${ROOT}/svc2.yaml`);
    await assert.rejects(c.request('textDocument/rename', { textDocument: { uri: svc }, position: positionOf(texts[svc], 'name: web', 7), newName: 'api' }), /already exists/);
  }));
