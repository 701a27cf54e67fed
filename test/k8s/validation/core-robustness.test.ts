// The core validators never throw on malformed input: wrong types are the schema
// layer's to report, so every field of a rich object of each core kind is replaced
// in turn by values of the wrong type, and validation must still return a result.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateObject } from '../../../server/src/k8s/validation/index';
import { applyDefaults, type DecodedObject } from '../../../server/src/k8s/defaults';

type Json = Record<string, unknown>;

const container = {
  name: 'c',
  image: 'nginx',
  ports: [{ name: 'http', containerPort: 80, hostPort: 8080 }],
  env: [{ name: 'A', value: 'b' }, { name: 'B', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
  envFrom: [{ configMapRef: { name: 'cm' } }],
  volumeMounts: [{ name: 'v', mountPath: '/v', subPath: 'x' }],
  resources: { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '1Gi' }, claims: [{ name: 'gpu' }] },
  livenessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'X', value: 'y' }] } },
  lifecycle: { preStop: { exec: { command: ['true'] } } },
  securityContext: { runAsUser: 1000, capabilities: { add: ['NET_ADMIN'] }, seccompProfile: { type: 'RuntimeDefault' } },
};
const podSpec = {
  containers: [container],
  initContainers: [{ ...container, name: 'init' }],
  volumes: [{ name: 'v', projected: { sources: [{ configMap: { name: 'cm', items: [{ key: 'k', path: 'p' }] } }, { downwardAPI: { items: [{ path: 'l', fieldRef: { fieldPath: 'metadata.labels' } }] } }] } }],
  affinity: {
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }] } },
    podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: { matchLabels: { a: 'b' } }, topologyKey: 'zone' } }] },
  },
  tolerations: [{ key: 'a', operator: 'Equal', value: 'b', effect: 'NoSchedule' }],
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { a: 'b' } } }],
  dnsConfig: { nameservers: ['1.1.1.1'], searches: ['a.com'], options: [{ name: 'ndots', value: '2' }] },
  hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }],
  imagePullSecrets: [{ name: 'r' }],
  resourceClaims: [{ name: 'gpu' }],
  securityContext: { supplementalGroups: [1], sysctls: [{ name: 'a', value: '1' }] },
  nodeSelector: { a: 'b' },
};
const meta = { name: 'x', namespace: 'default', labels: { a: 'b' }, annotations: { a: 'b' }, ownerReferences: [{ apiVersion: 'v1', kind: 'A', name: 'a', uid: '1' }], finalizers: ['example.com/f'] };

const OBJECTS: Json[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: podSpec },
  { apiVersion: 'v1', kind: 'PodTemplate', metadata: meta, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } },
  { apiVersion: 'v1', kind: 'ReplicationController', metadata: meta, spec: { replicas: 1, selector: { a: 'b' }, template: { metadata: { labels: { a: 'b' } }, spec: podSpec } } },
  { apiVersion: 'v1', kind: 'Service', metadata: meta, spec: { type: 'LoadBalancer', ports: [{ name: 'a', port: 80, targetPort: 'http', nodePort: 30000 }], selector: { a: 'b' }, externalIPs: ['1.2.3.4'], loadBalancerSourceRanges: ['10.0.0.0/8'], sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } }, ipFamilies: ['IPv4'] } },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: meta, subsets: [{ addresses: [{ ip: '10.0.0.1', hostname: 'h', nodeName: 'n' }], ports: [{ name: 'a', port: 80 }] }] },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: { a: 'b' }, binaryData: { c: 'ZA==' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' }, stringData: { a: 'b' } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, spec: { finalizers: ['kubernetes'] } },
  { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/x' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a', operator: 'Exists' }] }] } } } },
  { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, dataSource: { kind: 'X', name: 'y' } } },
  { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta, spec: { hard: { pods: '1' }, scopes: ['BestEffort'], scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['a'] }] } } },
  { apiVersion: 'v1', kind: 'LimitRange', metadata: meta, spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: { cpu: '1m' }, default: { cpu: '1' }, maxLimitRequestRatio: { cpu: '2' } }] } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { taints: [{ key: 'a', effect: 'NoSchedule' }], podCIDRs: ['10.0.0.0/24'] } },
  { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta, spec: {} },
];

const WRONG: unknown[] = [null, 42, 'text', true, [], [1, 'a', null], {}, { unexpected: [1] }];

/** Every path (object keys and array indexes) of a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
  return out;
}

function withValue(obj: Json, path: (string | number)[], value: unknown): Json {
  const copy = JSON.parse(JSON.stringify(obj)) as Json;
  let cur: Record<string | number, unknown> = copy;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

for (const base of OBJECTS) {
  test(`${base.kind}: malformed values never make validation throw`, () => {
    const namespaced = !['Namespace', 'PersistentVolume', 'Node'].includes(base.kind as string);
    let runs = 0;
    for (const p of paths(base)) {
      if (p[0] === 'apiVersion' || p[0] === 'kind') continue;
      for (const wrong of WRONG) {
        const obj = withValue(base, p, wrong);
        try {
          applyDefaults(obj as unknown as DecodedObject);
        } catch {
          // The defaulter is not under test; validate what we have.
        }
        const r = validateObject(obj, { namespaced });
        assert.ok(Array.isArray(r.errors) && Array.isArray(r.warnings));
        runs++;
      }
    }
    assert.ok(runs > 0);
  });
}
