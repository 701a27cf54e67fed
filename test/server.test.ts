import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClient } from './support/lsp';

test('server initializes over stdio and reports YAML syntax errors on the right line', async () => {
  const client = new TestClient();
  try {
    const init = await client.initialize();
    assert.equal(init.serverInfo.name, 'drydock');
    const uri = 'file:///tmp/drydock-basics/broken.yaml';
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\ndata: [unclosed\n';
    client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'yaml-syntax'));
    const syntax = diags.filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.every((d) => d.range.start.line >= 5), `syntax errors belong to the second document: ${JSON.stringify(syntax)}`);
  } finally {
    await client.shutdown();
  }
});

test('Helm templates get one information note, not YAML errors', async () => {
  const client = new TestClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-basics/chart.yaml';
    client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n');
    const diags = await client.waitForDiagnostics(uri);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'template-not-analysed');
    assert.equal(diags[0].severity, 3);
  } finally {
    await client.shutdown();
  }
});
