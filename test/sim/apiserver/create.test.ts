// The simulator's API server on create: the same decode and validation as the
// editor, the create-only rules (resourceVersion, uid) and RuntimeClass admission.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../../server/src/model/workspace';
import { simulate } from '../../../server/src/sim/engine';
import { defaultScheduler } from '../../../server/src/sim/defaultScheduler';

function run(files: Record<string, string>) {
  const ws = new Workspace();
  for (const [name, text] of Object.entries(files)) ws.set(`file:///sim/${name}`, text);
  const sim = simulate(ws, { scheduler: defaultScheduler });
  return sim.result((s) => ({ file: s.uri, line: s.line + 1 }));
}

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:${extra}
  containers:
  - name: c
    image: nginx:1.27
    resources:
      requests: {cpu: 100m, memory: 64Mi}
`;

test('a resourceVersion on create is refused, a uid is replaced', () => {
  const r = run({
    'a.yaml': POD('exported').replace('  name: exported', '  name: exported\n  resourceVersion: "12345"'),
    'b.yaml': POD('with-uid').replace('  name: with-uid', '  name: with-uid\n  uid: 0000-1111'),
  });
  const rejected = r.rejected.find((x: { name: string }) => x.name === 'exported');
  assert.ok(rejected, JSON.stringify(r.rejected));
  assert.match(rejected!.message, /^The Pod "exported" is invalid: metadata\.resourceVersion: .*resourceVersion should not be set on objects to be created/);
  const pod = r.pods.find((p: { name: string }) => p.name === 'with-uid');
  assert.ok(pod, 'the pod with a uid is created');
});

test('RuntimeClass admission: overhead added to the pod, nodeSelector merged, tolerations added; a missing class is refused', () => {
  const rc = `apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: gvisor}
handler: runsc
overhead:
  podFixed: {cpu: 3900m, memory: 120Mi}
scheduling:
  nodeSelector: {sandbox: "true"}
  tolerations:
  - {key: sandbox, operator: Exists, effect: NoSchedule}
`;
  const r = run({
    'rc.yaml': rc,
    'pods.yaml': [POD('sandboxed', '\n  runtimeClassName: gvisor'), POD('unknown-class', '\n  runtimeClassName: kata')].join('---\n'),
  });
  const missing = r.rejected.find((x: { name: string }) => x.name === 'unknown-class');
  assert.equal(missing?.message, 'pods "unknown-class" is forbidden: pod rejected: RuntimeClass "kata" not found');
  const pod = r.pods.find((p: { name: string }) => p.name === 'sandboxed');
  assert.ok(pod, JSON.stringify(r.rejected));
  // No default node carries sandbox=true: the class's node selector keeps the pod Pending.
  assert.equal(pod.phase, 'Pending');
  assert.match(JSON.stringify(pod), /sandbox/);
});

test('documents the API server refuses to decode are listed with the API server\'s message', () => {
  const r = run({
    'typo.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n  selectr: {app: web}\n',
    'ingress.yaml': 'apiVersion: v1\nkind: Ingress\nmetadata: {name: i}\nspec: {defaultBackend: {service: {name: s, port: {number: 80}}}}\n',
    'removed.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec: {template: {spec: {containers: [{name: c, image: nginx}]}}}\n',
    'tabs.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: cm\n',
  });
  const byName = new Map(r.rejected.map((x: { name: string; message: string }) => [x.name, x.message]));
  assert.equal(byName.get('s'), 'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.selectr"');
  assert.equal(byName.get('i'), 'no matches for kind "Ingress" in version "v1"');
  assert.equal(byName.get('d'), 'no matches for kind "Deployment" in version "extensions/v1beta1"');
  assert.match(String(byName.get('cm')), /^error converting YAML to JSON: yaml: line 4: Line 4 is indented with a tab/);
});
