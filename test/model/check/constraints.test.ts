// Value constraints of CRD schemas: pattern, bounds, lengths, counts, formats,
// anyOf/oneOf; unit tests on the validation function and one test over LSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Workspace } from '../../../server/src/model/workspace';
import { validationDiagnostics } from '../../../server/src/features/validation';
import { compilePattern } from '../../../server/src/model/check/constraints';
import { InProcessClient } from '../../support/inProcess';
import { createFeatureContext } from '../../../server/src/features/services';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer, minimum: 1, maximum: 10}
              ratio: {type: number, minimum: 0, maximum: 1, exclusiveMaximum: true}
              code: {type: string, pattern: '^[a-z]+$', minLength: 2, maxLength: 5}
              goRegex: {type: string, pattern: '^\\pL+\\z'}
              ip: {type: string, format: ipv4}
              tags: {type: array, items: {type: string}, minItems: 1, maxItems: 2}
              labels: {type: object, additionalProperties: {type: string}, maxProperties: 1}
              size:
                x-kubernetes-int-or-string: true
                anyOf: [{type: integer}, {type: string}]
                pattern: '^[0-9]+(Mi|Gi)?$'
              source:
                type: object
                properties:
                  git: {type: string}
                  url: {type: string}
                oneOf:
                - required: [git]
                - required: [url]
              port:
                type: object
                properties:
                  number: {type: integer}
                  name: {type: string}
                anyOf:
                - properties: {number: {minimum: 1}}
                  required: [number]
                - required: [name]
              checked:
                type: object
                properties:
                  a: {type: string}
                oneOf:
                - x-kubernetes-validations: [{rule: "self.a != ''"}]
                - required: [a]
`;

const GOOD = `apiVersion: example.com/v1
kind: Widget
metadata: {name: good}
spec:
  replicas: 1
  ratio: 0.5
  code: abc
  goRegex: "ANYTHING"
  ip: 10.0.0.1
  tags: [a]
  labels: {a: b}
  size: 10Gi
  source: {git: repo}
  port: {name: http}
  checked: {a: x}
`;

const BAD = `apiVersion: example.com/v1
kind: Widget
metadata: {name: bad}
spec:
  replicas: 0
  ratio: 1
  code: ABCDEF
  ip: 10.0.0.300
  tags: []
  labels: {a: b, c: d}
  size: 10 Gi
  source: {git: repo, url: https://x}
  port: {number: 0}
`;

function check(text: string): { diags: Diagnostic[]; lines: string[] } {
  const ws = new Workspace();
  ws.set('file:///w/crd.yaml', CRD);
  const file = ws.set('file:///w/cr.yaml', text);
  return { diags: validationDiagnostics(createFeatureContext(ws), file), lines: text.split('\n') };
}

test('constraints: a custom resource within its CRD constraints has no errors', () => {
  const { diags } = check(GOOD);
  assert.deepEqual(diags.map((d) => d.message), []);
});

test('constraints: violations are invalid-value errors on the offending value, with precise messages', () => {
  const { diags, lines } = check(BAD);
  // Custom resources read as the API server's Invalid status: `The Widget "bad" is invalid: <field>: <problem>`.
  const got = diags.map((d) => ({ line: d.range.start.line, code: d.code, severity: d.severity, message: String(d.message).replace(/^The Widget "bad" is invalid: /, ''), at: lines[d.range.start.line].slice(d.range.start.character, d.range.end.character) }));
  assert.ok(got.every((d) => d.code === 'invalid-value' && d.severity === 1), JSON.stringify(got));
  const byLine = (line: number) => got.filter((d) => d.line === line).map((d) => d.message);
  assert.deepEqual(byLine(4), ['spec.replicas: must be >= 1 (got 0)']);
  assert.equal(got.find((d) => d.line === 4)!.at, '0');
  assert.deepEqual(byLine(5), ['spec.ratio: must be < 1 (got 1)']);
  assert.deepEqual(byLine(6), ['spec.code: must be at most 5 characters long (got 6)', 'spec.code: "ABCDEF" does not match pattern ^[a-z]+$']);
  assert.equal(got.find((d) => d.line === 6)!.at, 'ABCDEF');
  assert.deepEqual(byLine(7), ['spec.ip: "10.0.0.300" is not a valid ipv4']);
  assert.deepEqual(byLine(8), ['spec.tags: must have at least 1 item (got 0)']);
  assert.deepEqual(byLine(9), ['spec.labels: must have at most 1 property (got 2)']);
  assert.deepEqual(byLine(10), ['spec.size: "10 Gi" does not match pattern ^[0-9]+(Mi|Gi)?$']);
  assert.deepEqual(byLine(11), ['spec.source: must set exactly one of git, url (2 are set)']);
  assert.equal(got.find((d) => d.line === 11)!.at, 'source');
  assert.deepEqual(byLine(12), ['spec.port: does not match any of the 2 allowed alternatives (anyOf)']);
  assert.equal(got.length, 10);
});

test('constraints: oneOf with none set, null as unset, and alternatives that cannot be judged', () => {
  const none = check(GOOD.replace('source: {git: repo}', 'source: {git: null}')).diags;
  assert.deepEqual(none.map((d) => d.message), ['The Widget "good" is invalid: spec.source: must set exactly one of git, url']);
  // The first alternative has only a CEL rule: it might match or not, so "both match" is not reported.
  assert.deepEqual(check(GOOD.replace('checked: {a: x}', 'checked: {a: ""}')).diags, []);
  // Wrong types are reported once, as wrong-type, not again as a constraint.
  const wrong = check(GOOD.replace('replicas: 1', 'replicas: "0"')).diags;
  assert.deepEqual(wrong.map((d) => d.code), ['wrong-type']);
});

test('constraints: Go-only regular expressions are skipped, not reported', () => {
  assert.equal(compilePattern('^\\pL+\\z'), null);
  assert.equal(compilePattern('[[:alpha:]]+'), null);
  assert.equal(compilePattern('(?i)abc'), null);
  assert.ok(compilePattern('^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')?.test('web-1'));
  assert.deepEqual(check(GOOD.replace('goRegex: "ANYTHING"', 'goRegex: "123 !"')).diags, []);
});

test('LSP: constraint violations of a custom resource are published and clear when fixed', async () => {
  const client = new InProcessClient();
  try {
    await client.initialize();
    const crdUri = 'file:///tmp/drydock-constraints/crd.yaml';
    const uri = 'file:///tmp/drydock-constraints/widget.yaml';
    client.open(crdUri, CRD);
    client.open(uri, BAD);
    const diags = await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'invalid-value'));
    const replicas = diags.find((d) => d.message === 'The Widget "bad" is invalid: spec.replicas: must be >= 1 (got 0)');
    assert.ok(replicas, JSON.stringify(diags.map((d) => d.message)));
    assert.equal(replicas.source, 'drydock');
    assert.deepEqual(replicas.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 13 } });
    assert.ok(diags.some((d) => d.message === 'The Widget "bad" is invalid: spec.source: must set exactly one of git, url (2 are set)'));
    client.change(uri, GOOD);
    const after = await client.waitForDiagnostics(uri, (d) => !d.some((x) => x.code === 'invalid-value'));
    assert.deepEqual(after.filter((d) => d.severity === 1), []);
  } finally {
    await client.shutdown();
  }
});
