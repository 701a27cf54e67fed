// Document symbols (outline) through the real protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessClient } from '../support/inProcess';

test('one symbol per resource (List items too), named Kind name, with top-level sections', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const uri = 'file:///tmp/drydock-symbols/multi.yaml';
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  namespace: shop',
      'spec:',
      '  replicas: 1',
      '---',
      '# a comment-only preamble',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: settings',
      'data:',
      '  a: b',
      '---',
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata: { name: web }',
      '  - apiVersion: v1',
      '    kind: Secret',
      '    metadata: { name: creds }',
      '    stringData: { k: v }',
      '---',
      'not: kubernetes',
      '',
    ].join('\n');
    client.open(uri, text);
    const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Deployment web', 'ConfigMap settings', 'Service web', 'Secret creds']);
    assert.deepEqual(symbols[0].children.map((c: any) => c.name), ['metadata', 'spec']);
    assert.deepEqual(symbols[1].children.map((c: any) => c.name), ['metadata', 'data']);
    assert.deepEqual(symbols[3].children.map((c: any) => c.name), ['metadata', 'stringData']);
    assert.equal(symbols[0].detail, 'apps/v1 · shop');
    // Ranges are in file lines: the ConfigMap starts on line 9, the Secret item on line 22.
    assert.equal(symbols[1].range.start.line, 9);
    assert.equal(symbols[3].range.start.line, 22);
    assert.equal(symbols[1].children[1].range.start.line, 13);
    assert.equal(symbols[1].selectionRange.start.line, 10, 'selection is the kind value');
    for (const s of symbols) {
      assert.ok(s.range.start.line <= s.selectionRange.start.line && s.selectionRange.end.line <= s.range.end.line, 'selectionRange inside range');
    }
  } finally {
    await client.shutdown();
  }
});
