// The simulator's decode rejection of a resource is the same whether it was found
// by the editor's validation (with the validation core) or by the simulation input
// (decode and schema only), and validation records it so the simulation input does
// not check the resource again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../server/src/model/workspace';
import { WorkspaceSchemas } from '../../../server/src/schema';
import { checkResource, simulatorDecodeRejection, SIMULATOR_DECODE_VERSION } from '../../../server/src/model/check/resourceCheck';
import { docValidation } from '../../../server/src/features/validation';
import { createFeatureContext } from '../../../server/src/features/services';
import { collectInput } from '../../../server/src/sim/input';

const widgetCrd = `apiVersion: apiextensions.k8s.io/v1
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
          spec: {type: object, properties: {size: {type: integer, maximum: 10}}}
`;

/** Documents the decoder refuses (and some it accepts), each with a validation-core error too. */
const DOCS: Record<string, string> = {
  unknownField: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndatta: {a: "1"}\n',
  wrongType: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "three"\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: other}}\n    spec:\n      containers: [{name: c, image: nginx}]\n',
  badQuantity: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    resources: {limits: {cpu: "lots"}}\n',
  valid: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports: [{port: 80}]\n',
  invalidOnly: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Not_Valid\nspec:\n  ports: [{port: 99999}]\n',
  customTooBig: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: Big_One\nspec:\n  size: 50\n',
  customWrongType: 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: "big"\n',
  removedApi: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: old\nspec: {}\n',
  inferredKind: 'apiVersion: v1\nkind: pod\nmetadata:\n  name: p\nspec:\n  containers: [{name: c, image: nginx}]\n',
};

function workspace(): Workspace {
  const ws = new Workspace();
  ws.set('file:///dr/crd.yaml', widgetCrd);
  for (const [name, text] of Object.entries(DOCS)) ws.set(`file:///dr/${name}.yaml`, text);
  return ws;
}

test('the decode rejection is the same with and without the validation core', () => {
  const ws = workspace();
  const registry = new WorkspaceSchemas(ws).current();
  let rejected = 0;
  for (const name of Object.keys(DOCS)) {
    const doc = ws.get(`file:///dr/${name}.yaml`)!.docs[0];
    for (const r of doc.resources) {
      const opts = { kubernetesVersion: SIMULATOR_DECODE_VERSION, isPatch: false };
      const withCore = checkResource(doc, r, registry, opts);
      const withoutCore = checkResource(doc, r, registry, { ...opts, core: false });
      assert.equal(withCore.rejection, withoutCore.rejection, name);
      if (withCore.rejection) rejected++;
    }
  }
  assert.ok(rejected >= 5, `the table has decode rejections (${rejected})`);
  const doc = (n: string) => ws.get(`file:///dr/${n}.yaml`)!.docs[0];
  const rejection = (n: string) => checkResource(doc(n), doc(n).resources[0], registry, { kubernetesVersion: SIMULATOR_DECODE_VERSION, isPatch: false }).rejection;
  assert.match(rejection('unknownField')!, /^ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datta"/);
  assert.equal(rejection('valid'), undefined);
  assert.equal(rejection('invalidOnly'), undefined, 'validation errors of a built-in kind are the API server\'s next step, not decoding');
  assert.match(rejection('customTooBig')!, /^The Widget "Big_One" is invalid: /);
});

test('validation records the rejection; the simulation input reuses it and gets the same input', () => {
  const ws = workspace();
  const fresh = collectInput(ws);
  const ctx = createFeatureContext(ws);
  const registry = ctx.services.schemas.current();
  for (const file of ws.allFiles()) for (const doc of file.docs) docValidation(ctx, file, doc, registry);
  // Recorded: a resource whose check would now throw is not checked again.
  const unknownField = ws.get('file:///dr/unknownField.yaml')!.docs[0];
  const r = unknownField.resources[0];
  const node = r.node;
  Object.defineProperty(r, 'node', { get: () => assert.fail('checked again'), configurable: true });
  try {
    assert.match(simulatorDecodeRejection(unknownField, r, registry)!, /unknown field "datta"/);
  } finally {
    Object.defineProperty(r, 'node', { value: node, configurable: true, writable: true });
  }
  assert.deepEqual(collectInput(ws), fresh);
});
