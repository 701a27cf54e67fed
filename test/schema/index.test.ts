import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { Workspace } from '../../server/src/model/workspace';
import {
  allKinds,
  deref,
  getKindInfo,
  getSchemaForResource,
  isNamespaced,
  kindsByName,
  registryFor,
  WorkspaceSchemas,
  resolveSchemaAtPath,
  closestMatch,
} from '../../server/src/schema';
import { requireShared } from '../support/shared';

const repoRoot = resolve(__dirname, '../..');

test('getSchemaForResource returns exactly the schema of a group/version/kind', () => {
  const deploy = getSchemaForResource('apps', 'v1', 'Deployment');
  assert.ok(deploy);
  assert.deepEqual(deploy.gvk, [{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
  assert.ok(deploy.properties?.spec);
  assert.equal(getSchemaForResource('apps', 'v1beta1', 'Deployment'), undefined);
  assert.equal(getSchemaForResource('', 'v1', 'Deployment'), undefined);
  assert.equal(getSchemaForResource('example.com', 'v1', 'Widget'), undefined);
});

test('resolveSchemaAtPath follows refs, items and additionalProperties', () => {
  const deploy = getSchemaForResource('apps', 'v1', 'Deployment')!;
  const pull = resolveSchemaAtPath(deploy, ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy']);
  assert.deepEqual(pull?.enum, ['Always', 'IfNotPresent', 'Never']);
  assert.match(pull!.description!, /Possible enum values/);
  const cpu = resolveSchemaAtPath(deploy, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'cpu']);
  assert.equal(cpu?.format, 'quantity');
  const surge = resolveSchemaAtPath(deploy, ['spec', 'strategy', 'rollingUpdate', 'maxSurge']);
  assert.equal(surge?.intOrString, true);
  const container = resolveSchemaAtPath(deploy, ['spec', 'template', 'spec', 'containers', 0]);
  assert.equal(container?.ref, 'io.k8s.api.core.v1.Container');
  assert.deepEqual(deref(container!).required, ['name']);
  const containers = resolveSchemaAtPath(deploy, ['spec', 'template', 'spec', 'containers']);
  assert.equal(containers?.listType, 'map');
  assert.deepEqual(containers?.listMapKeys, ['name']);
  const ports = resolveSchemaAtPath(deploy, ['spec', 'template', 'spec', 'containers', 0, 'ports']);
  assert.deepEqual(ports?.listMapKeys, ['containerPort', 'protocol']);
  assert.equal(resolveSchemaAtPath(deploy, ['spec', 'nope']), undefined);
  // Recursive definitions (JSONSchemaProps) resolve lazily to any depth.
  const crd = getSchemaForResource('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition')!;
  const deep = resolveSchemaAtPath(crd, ['spec', 'versions', 0, 'schema', 'openAPIV3Schema', 'properties', 'a', 'properties', 'b', 'items']);
  assert.equal(deep?.ref, 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray');
  // Defaults stated in the OpenAPI v3 data are kept.
  assert.equal(resolveSchemaAtPath(deploy, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'protocol'])?.default, 'TCP');
});

test('allKinds, kindsByName and isNamespaced come from the bundled spec', () => {
  const kinds = allKinds();
  const deploy = kinds.find((k) => k.apiVersion === 'apps/v1' && k.kind === 'Deployment');
  assert.equal(deploy?.namespaced, true);
  assert.equal(deploy?.source.type, 'builtin');
  assert.ok(!kinds.some((k) => k.kind === 'DeploymentList' || k.kind === 'DeleteOptions'));
  assert.deepEqual(kindsByName('HorizontalPodAutoscaler').map((k) => k.apiVersion).sort(), ['autoscaling/v1', 'autoscaling/v2']);
  assert.equal(isNamespaced('', 'Pod'), true);
  assert.equal(isNamespaced('', 'Namespace'), false);
  assert.equal(isNamespaced('', 'Node'), false);
  assert.equal(isNamespaced('rbac.authorization.k8s.io', 'ClusterRole'), false);
  assert.equal(isNamespaced('rbac.authorization.k8s.io', 'Role'), true);
  assert.equal(isNamespaced('example.com', 'Widget'), undefined);
});

test('closestMatch: case-insensitive first, then edit distance', () => {
  assert.equal(closestMatch('maxunavailable', ['maxSurge', 'maxUnavailable']), 'maxUnavailable');
  assert.equal(closestMatch('matchExressions', ['matchLabels', 'matchExpressions']), 'matchExpressions');
  assert.equal(closestMatch('contianers', ['containers', 'initContainers']), 'containers');
  assert.equal(closestMatch('zzzzzz', ['containers']), undefined);
});

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Cluster
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
            required: [size]
            properties:
              size: {type: integer}
              port: {x-kubernetes-int-or-string: true}
  - name: v0
    served: false
    storage: false
`;

test('workspace CRDs extend the registry; edits bump the generation', () => {
  const ws = new Workspace();
  const ctx = { services: { schemas: new WorkspaceSchemas(ws) } };
  ws.set('file:///w/crd.yaml', CRD);
  const schema = getSchemaForResource('example.com', 'v1', 'Widget', ctx);
  assert.ok(schema);
  assert.equal(resolveSchemaAtPath(schema, ['spec', 'port'])?.intOrString, true);
  assert.equal(resolveSchemaAtPath(schema, ['metadata', 'labels'])?.type, 'object');
  assert.equal(getSchemaForResource('example.com', 'v0', 'Widget', ctx), undefined, 'versions that are not served are not kinds');
  assert.equal(getSchemaForResource('example.com', 'v1', 'Widget'), undefined, 'without ctx only built-in kinds');
  const info = getKindInfo('example.com', 'v1', 'Widget', ctx);
  assert.deepEqual(info?.source, { type: 'crd', uri: 'file:///w/crd.yaml', crdName: 'widgets.example.com' });
  assert.equal(isNamespaced('example.com', 'Widget', ctx), false);
  const gen = registryFor(ctx).generation;
  ws.set('file:///w/other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  assert.equal(getSchemaForResource('example.com', 'v1', 'Widget', ctx), schema, 'unrelated edits keep the CRD schemas');
  assert.equal(registryFor(ctx).generation, gen);
  ws.set('file:///w/crd.yaml', CRD.replace('size: {type: integer}', 'size: {type: string}'));
  assert.ok(registryFor(ctx).generation > gen);
  assert.equal(resolveSchemaAtPath(getSchemaForResource('example.com', 'v1', 'Widget', ctx)!, ['spec', 'size'])?.type, 'string');
  ws.delete('file:///w/crd.yaml');
  assert.equal(getSchemaForResource('example.com', 'v1', 'Widget', ctx), undefined);
});

test('malformed CRDs never throw', () => {
  const ws = new Workspace();
  ws.set('file:///w/bad.yaml', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec:\n  group: 5\n  versions: nope\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: [1, 2]\n');
  assert.doesNotThrow(() => allKinds({ services: { schemas: new WorkspaceSchemas(ws) } }));
});

test('the committed generated schema matches scripts/gen-schema.mjs output', () => {
  requireShared('k8s-openapi/swagger.json');
  const out = join(mkdtempSync(join(tmpdir(), 'drydock-schema-')), 'k8s.json');
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/gen-schema.mjs'), '--out', out], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const committed = readFileSync(join(repoRoot, 'server/src/schema/generated/k8s.json'), 'utf8');
  assert.ok(readFileSync(out, 'utf8') === committed, 'server/src/schema/generated/k8s.json is stale: run npm run gen:schema');
  assert.ok(committed.length < 3 * 1024 * 1024, 'generated schema stays under 3 MB');
});
