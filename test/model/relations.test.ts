// Every relation of the table, both directions, over LSP: definition from the
// reference lands on the target; references from the target include the referrer.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Location, Position } from 'vscode-languageserver-types';
import { positionOf } from '../support/lsp';
import { InProcessClient } from '../support/inProcess';
import { contains, FILES, uriOf } from '../support/xrefWorkspace';

type Spot = [file: string, needle: string, delta?: number, occurrence?: number];
/** A spot at the last character of the needle. */
const end = (file: string, needle: string, occurrence = 0): Spot => [file, needle, needle.length - 1, occurrence];

interface Case {
  relation: string;
  from: Spot;
  to: Spot;
  /** Where find-references starts (default: `to`); null = not applicable. */
  back?: Spot | null;
}

const D = 'app/deploy.yaml';
const C = 'app/config.yaml';
const N = 'app/net.yaml';
const K = 'cluster/cluster.yaml';
const R = 'rbac/rbac.yaml';
const J = 'batch/cron.yaml';
const SERVICE_NAME = end(N, 'kind: Service\nmetadata:\n  name: web');
const DEPLOY_NAME: Spot = [D, 'name: web\n', 7];
const DEPLOY_LABELS: Spot = [D, 'tier: frontend', 1];
const CACHE_LABELS: Spot = [N, 'labels: {role: cache}', 10];
const CACHE_NAME: Spot = [N, 'name: cache,', 7];
const NODE_LABELS: Spot = [K, 'labels: {disk: ssd', 10];
const NODE_NAME: Spot = [K, 'name: node-a', 7];

const CASES: Case[] = [
  { relation: 'volume-configmap', from: [D, 'name: web-files', 7], to: [C, 'name: web-files', 7] },
  { relation: 'volume-secret', from: [D, 'secretName: web-tls', 13], to: [C, 'name: web-tls', 7] },
  { relation: 'projected-configmap', from: [D, 'name: web-proj\n', 7], to: [C, 'name: web-proj,', 7] },
  { relation: 'projected-secret', from: [D, 'name: web-proj-secret', 7], to: [C, 'name: web-proj-secret', 7] },
  { relation: 'volume-pvc', from: [D, 'claimName: web-data', 12], to: [C, 'name: web-data', 7] },
  { relation: 'env-configmap-key (name)', from: [D, 'name: web-config', 7], to: [C, 'name: web-config', 7] },
  { relation: 'env-configmap-key (key)', from: [D, 'key: mode', 6], to: [C, 'mode: fast', 1] },
  { relation: 'env-secret-key (name)', from: [D, 'name: web-secret', 7], to: [C, 'name: web-secret', 7] },
  { relation: 'env-secret-key (key)', from: [D, 'key: password', 6], to: [C, 'password: hunter2', 1] },
  { relation: 'envfrom-configmap', from: [D, 'name: web-env\n', 7], to: [C, 'name: web-env,', 7] },
  { relation: 'envfrom-secret', from: [D, 'name: web-env-secret', 7], to: [C, 'name: web-env-secret', 7] },
  { relation: 'image-pull-secret', from: [D, 'name: regcred', 7], to: [C, 'name: regcred', 7] },
  { relation: 'service-account', from: [D, 'serviceAccountName: web-sa', 21], to: [C, 'name: web-sa', 7] },
  { relation: 'service-account (CronJob jobTemplate)', from: [J, 'serviceAccountName: web-sa', 21], to: [C, 'name: web-sa', 7] },
  { relation: 'priority-class', from: [D, 'priorityClassName: high-prio', 20], to: [K, 'name: high-prio', 7] },
  { relation: 'ingress-backend (service)', from: [N, 'name: web\n                port', 7], to: SERVICE_NAME },
  { relation: 'ingress-backend (port)', from: [N, 'port: {name: http}', 14], to: [N, '- name: http\n', 9], back: null },
  { relation: 'ingress-class', from: [N, 'ingressClassName: nginx-class', 19], to: [K, 'name: nginx-class', 7] },
  { relation: 'ingress-tls-secret', from: [N, 'secretName: web-tls', 13], to: [C, 'name: web-tls', 7] },
  { relation: 'hpa-scale-target', from: [N, 'kind: Deployment, name: web}', 24], to: DEPLOY_NAME },
  { relation: 'statefulset-service', from: [N, 'serviceName: web', 13], to: SERVICE_NAME },
  { relation: 'role-ref', from: [R, 'kind: ClusterRole, name: reader', 25], to: [K, 'name: reader', 7] },
  { relation: 'subject-service-account (default -> shop)', from: [R, 'name: web-sa', 7], to: [C, 'name: web-sa', 7] },
  { relation: 'subject-service-account (ClusterRoleBinding)', from: [R, 'name: web-sa', 7, 1], to: [C, 'name: web-sa', 7] },
  { relation: 'pvc-storage-class', from: [C, 'storageClassName: fast-disk', 18], to: [K, 'name: fast-disk', 7] },
  { relation: 'pvc-volume-name', from: [C, 'volumeName: pv-one', 12], to: [K, 'name: pv-one', 7] },
  { relation: 'endpoints-service', from: end(N, 'kind: Endpoints\nmetadata: {name: web'), to: SERVICE_NAME },
  { relation: 'service-selector', from: [N, 'app: web', 1], to: DEPLOY_LABELS, back: DEPLOY_NAME },
  { relation: 'service-selector (CronJob template)', from: [N, 'app: web', 1], to: [J, 'labels: {app: web}', 10], back: [J, 'name: nightly', 7] },
  { relation: 'workload-selector', from: end(D, 'matchLabels:\n      app: web'), to: DEPLOY_LABELS, back: DEPLOY_NAME },
  { relation: 'netpol-pod-selector', from: [N, 'matchLabels: {role: cache}', 15], to: CACHE_LABELS, back: CACHE_NAME },
  { relation: 'netpol-peer-pods (namespaceSelector)', from: [N, 'matchLabels: {tier: frontend}', 15], to: DEPLOY_LABELS, back: DEPLOY_NAME },
  { relation: 'netpol-peer-namespaces', from: [N, 'kubernetes.io/metadata.name: shop', 3], to: [K, 'team: shopping', 1], back: [K, 'name: shop', 7] },
  { relation: 'pdb-selector', from: [N, 'matchLabels: {app: web}', 15], to: DEPLOY_LABELS, back: DEPLOY_NAME },
  { relation: 'pod-affinity', from: [D, 'role: cache', 1], to: CACHE_LABELS, back: CACHE_NAME },
  { relation: 'topology-spread', from: end(D, 'matchLabels:\n              tier: frontend'), to: DEPLOY_LABELS, back: DEPLOY_NAME },
  { relation: 'service-monitor (other namespace)', from: [N, 'matchLabels: {monitored: "yes"}', 15], to: [N, 'labels: {monitored: "yes"}', 10], back: SERVICE_NAME },
  { relation: 'pod-monitor', from: [N, 'matchLabels: {role: cache}', 15, 2], to: CACHE_LABELS, back: CACHE_NAME },
  { relation: 'node-selector', from: [D, 'disk: ssd', 1], to: NODE_LABELS, back: NODE_NAME },
  { relation: 'node-affinity', from: [D, 'key: zone', 6], to: NODE_LABELS, back: NODE_NAME },
  { relation: 'toleration', from: [D, 'key: dedicated', 6], to: NODE_LABELS, back: NODE_NAME },
  { relation: 'service-target-port', from: [N, 'targetPort: http-port', 13], to: [D, 'name: http-port', 7] },
];

const pos = (s: Spot): { uri: string; position: Position } => ({ uri: uriOf(s[0]), position: positionOf(FILES[s[0]], s[1], s[2] ?? 1, s[3] ?? 0) });

let client: InProcessClient;
before(async () => {
  client = new InProcessClient();
  await client.initialize();
  for (const [rel, text] of Object.entries(FILES)) client.open(uriOf(rel), text);
  await client.waitForDiagnostics(uriOf(J));
});
after(() => client.shutdown());

for (const c of CASES) {
  test(`${c.relation}: definition from the reference reaches the target`, async () => {
    const from = pos(c.from);
    const to = pos(c.to);
    const locs: Location[] = await client.request('textDocument/definition', { textDocument: { uri: from.uri }, position: from.position });
    assert.ok(Array.isArray(locs) && locs.some((l) => contains(l, to.uri, to.position)), `expected ${JSON.stringify(to)} in ${JSON.stringify(locs)}`);
  });
  if (c.back !== null) {
    test(`${c.relation}: references from the target include the referrer`, async () => {
      const back = pos(c.back ?? c.to);
      const from = pos(c.from);
      const locs: Location[] = await client.request('textDocument/references', { textDocument: { uri: back.uri }, position: back.position, context: { includeDeclaration: false } });
      assert.ok(Array.isArray(locs) && locs.some((l) => contains(l, from.uri, from.position)), `expected ${JSON.stringify(from)} in ${JSON.stringify(locs)}`);
    });
  }
}

test('a selector does not reach pods in other namespaces or with other labels', async () => {
  const from = pos([N, 'app: web', 1]);
  const locs: Location[] = await client.request('textDocument/definition', { textDocument: { uri: from.uri }, position: from.position });
  // Deployment web and CronJob nightly carry app=web in namespace shop; the StatefulSet (role=cache) does not.
  assert.equal(locs.length, 2);
  assert.ok(!locs.some((l) => contains(l, pos(CACHE_LABELS).uri, pos(CACHE_LABELS).position)));
});

test('the fixture produces no cross-reference diagnostics', () => {
  for (const rel of Object.keys(FILES)) {
    const xref = (client.diagnostics.get(uriOf(rel)) ?? []).filter((d) => ['missing-reference', 'selects-nothing', 'duplicate-resource', 'target-port-not-found'].includes(String(d.code)));
    assert.deepEqual(xref, [], rel);
  }
});
