// A custom resource whose CRD is in the workspace but does not serve its version.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InProcessClient } from '../support/inProcess';
import { applyWorkspaceEdit } from '../support/codeActions';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
  - name: v1alpha1
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;
const WIDGET = 'apiVersion: example.com/v1beta1\nkind: Widget\nmetadata:\n  name: w # the widget\n';

test('a custom resource in a version its workspace CRD does not serve gets a warning and a fix', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const crdUri = 'file:///tmp/drydock-crdver/crd.yaml';
    const uri = 'file:///tmp/drydock-crdver/widget.yaml';
    client.open(crdUri, CRD);
    client.open(uri, WIDGET);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'unknown-kind'));
    const d = diags.find((x) => x.code === 'unknown-kind')!;
    assert.equal(d.severity, 2, 'a warning: the cluster may run another copy of the CRD');
    assert.match(String(d.message), /widgets\.example\.com \(crd\.yaml\) does not serve example\.com\/v1beta1; it serves example\.com\/v1\. Did you mean "example\.com\/v1"\?/);
    assert.deepEqual(d.range.start, { line: 0, character: 12 });
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a: { title: string }) => a.title.includes('example.com/v1'));
    assert.ok(fix, JSON.stringify(actions.map((a: { title: string }) => a.title)));
    const after = applyWorkspaceEdit({ [uri]: WIDGET }, fix.edit)[uri];
    assert.equal(after, WIDGET.replace('example.com/v1beta1', 'example.com/v1'));
    client.change(uri, after);
    await client.waitForDiagnostics(uri, (x) => x.length === 0);
  } finally {
    await client.shutdown();
  }
});
