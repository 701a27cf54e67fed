import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/model/parse';
import { nodeAtPath, scalarString } from '../../server/src/model/ast';

// From kubernetes/dashboard hack/test-resources: kubectl and PyYAML accept the
// under-indented `]'`; strict YAML 1.2 does not.
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: init-container-error
  annotations:
    pod.beta.kubernetes.io/init-containers: '[
        {
            "name": "install"
        }
    ]'
spec:
  containers:
    - name: alpine
      image: alpine:3.4
`;

test('a quoted value whose continuation lines are not indented past its key parses as kubectl parses it', () => {
  const f = parseFile('file:///pod.yaml', POD);
  const doc = f.docs[0];
  assert.deepEqual(doc.problems.filter((p) => p.severity === 'error'), [], 'no syntax error');
  const warning = doc.problems.find((p) => p.code === 'yaml-indentation');
  assert.ok(warning, 'a warning explains the leniency');
  assert.equal(POD.slice(doc.start + warning.start, doc.start + warning.start + 2), "'[", 'on the opening quote');
  const value = nodeAtPath(doc.yaml.contents, ['metadata', 'annotations', 'pod.beta.kubernetes.io/init-containers']);
  assert.equal(scalarString(value), '[ { "name": "install" } ]', 'continuation lines fold as in any flow scalar');
  // Ranges refer to the original text, also after the re-indented lines.
  const image = nodeAtPath(doc.yaml.contents, ['spec', 'containers', 0, 'image'])!;
  assert.equal(POD.slice(image.range![0], image.range![1]), 'alpine:3.4');
  assert.equal(doc.resources[0].name, 'init-container-error');
});

test('a quote that is really unclosed stays a syntax error', () => {
  const f = parseFile('file:///bad.yaml', "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 'never closed\n");
  assert.ok(f.docs[0].problems.some((p) => p.code === 'yaml-syntax'));
});
