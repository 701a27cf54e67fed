// Hover through the real protocol: keys, kind/apiVersion (built-in and CRD), quantities.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';

let client: InProcessClient;
before(async () => {
  client = new InProcessClient();
  await client.initialize();
});
after(async () => {
  await client.shutdown();
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          imagePullPolicy: IfNotPresent
          resources:
            requests:
              cpu: 200m
              memory: 10Mi
            limits:
              memory: 1.5Gi
`;

async function hoverText(uri: string, text: string, needle: string, delta = 1, occurrence = 0): Promise<string | undefined> {
  const p = positionOf(text, needle, delta, occurrence);
  const h = await client.hover(uri, p.line, p.character);
  return h?.contents?.value;
}

test('hover on keys: description, type, required or optional', async () => {
  const uri = 'file:///tmp/drydock-hover/deploy.yaml';
  client.open(uri, DEPLOYMENT);
  const replicas = await hoverText(uri, DEPLOYMENT, 'replicas');
  assert.ok(replicas, 'hover on replicas');
  assert.match(replicas!, /\*\*replicas\*\*: `integer \(int32\)` — optional/);
  assert.match(replicas!, /Number of desired pods/);
  const selector = await hoverText(uri, DEPLOYMENT, '  selector:', 3);
  assert.match(selector!, /`object \(LabelSelector\)` — \*\*required\*\*/);
  const image = await hoverText(uri, DEPLOYMENT, 'image:');
  assert.match(image!, /\*\*image\*\*: `string`/);
  assert.match(image!, /Container image name/);
  const policy = await hoverText(uri, DEPLOYMENT, 'IfNotPresent', 2);
  assert.match(policy!, /Allowed values: `Always`, `IfNotPresent`, `Never`/, 'hover on an enum value documents its field');
  const containers = await hoverText(uri, DEPLOYMENT, 'containers');
  assert.match(containers!, /`array of object \(Container\)` — \*\*required\*\*/);
});

test('hover on kind and apiVersion: what the resource is and which schema applies', async () => {
  const uri = 'file:///tmp/drydock-hover/deploy2.yaml';
  client.open(uri, DEPLOYMENT);
  const kind = await hoverText(uri, DEPLOYMENT, 'Deployment', 2);
  assert.match(kind!, /\*\*Deployment\*\* — `apps\/v1` \(namespaced\)/);
  assert.match(kind!, /declarative updates for Pods/);
  assert.match(kind!, /bundled Kubernetes v1\.36/);
  const apiVersion = await hoverText(uri, DEPLOYMENT, 'apiVersion');
  assert.equal(apiVersion, kind, 'the apiVersion key shows the same resource summary');
  const unknown = 'apiVersion: example.com/v1\nkind: Widget\n';
  client.open('file:///tmp/drydock-hover/unknown.yaml', unknown);
  const u = await hoverText('file:///tmp/drydock-hover/unknown.yaml', unknown, 'Widget');
  assert.match(u!, /No schema is known/);
});

test('hover on a custom resource names the CRD file that defines it', async () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: { plural: crontabs, singular: crontab, kind: CronTab }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          description: A CronTab runs a command on a schedule.
          properties:
            spec:
              type: object
              properties:
                cronSpec:
                  type: string
                  description: The schedule in cron format.
`;
  const crdUri = 'file:///tmp/drydock-hover/crd-crontab.yaml';
  client.open(crdUri, crd);
  const cr = 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: c\nspec:\n  cronSpec: "* * * * */5"\n';
  const uri = 'file:///tmp/drydock-hover/crontab.yaml';
  client.open(uri, cr);
  const kind = await hoverText(uri, cr, 'CronTab');
  assert.match(kind!, /CustomResourceDefinition `crontabs\.stable\.example\.com`/);
  assert.ok(kind!.includes(crdUri), kind);
  const field = await hoverText(uri, cr, 'cronSpec');
  assert.match(field!, /The schedule in cron format/);
});

test('hover on quantities: normalised meaning', async () => {
  const uri = 'file:///tmp/drydock-hover/deploy3.yaml';
  client.open(uri, DEPLOYMENT);
  const cpu = await hoverText(uri, DEPLOYMENT, '200m');
  assert.match(cpu!, /200m = 0\.2 CPU/);
  const mem = await hoverText(uri, DEPLOYMENT, '10Mi');
  assert.match(mem!, /10Mi = 10,485,760 bytes/);
  const big = await hoverText(uri, DEPLOYMENT, '1.5Gi');
  assert.match(big!, /1\.5Gi = 1,610,612,736 bytes/);
  const p = positionOf(DEPLOYMENT, '200m', 1);
  const h = await client.hover(uri, p.line, p.character);
  assert.deepEqual(h.range, { start: { line: p.line, character: p.character - 1 }, end: { line: p.line, character: p.character + 3 } });
});

test('hover inside a List item and in a later document of a multi-document file', async () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    spec:\n      clusterIP: None\n';
  const uri = 'file:///tmp/drydock-hover/list.yaml';
  client.open(uri, text);
  const kind = await hoverText(uri, text, 'Service');
  assert.match(kind!, /\*\*Service\*\* — `v1`/);
  const ip = await hoverText(uri, text, 'clusterIP');
  assert.match(ip!, /\*\*clusterIP\*\*: `string`/);
});

test('no hover on a blank line or in a template; no error on broken YAML', async () => {
  const uri = 'file:///tmp/drydock-hover/broken.yaml';
  const text = 'apiVersion: v1\nkind: Pod\nspec: [unclosed\n\n';
  client.open(uri, text);
  assert.equal(await client.hover(uri, 3, 0), null);
  const k = await hoverText(uri, text, 'Pod');
  assert.match(k!, /\*\*Pod\*\*/);
});
