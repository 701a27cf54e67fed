// Pod / PodSpec validation tables, ported from upstream
// pkg/apis/core/validation/validation_test.go (TestValidatePodSpec,
// TestValidateContainers, TestValidateInitContainers, TestValidatePorts,
// TestValidateEnv, TestValidateEnvFrom, TestValidateVolumeMounts,
// TestValidateResourceRequirements, TestValidateProbe, TestValidateHandler,
// TestValidateRestartPolicy, TestValidateDNSPolicy, TestValidatePodDNSConfig,
// TestValidateTolerations, TestValidateAffinity, TestValidateTopologySpreadConstraints,
// TestValidateSecurityContext, TestValidatePodCreateWithSchedulingGates) with our own
// minimal objects; each case: fragment -> expected error type, path (and detail
// where upstream asserts it).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/core/validation/validation_test.go';
const c0 = { name: 'c', image: 'nginx:1.25' };
const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [c0] } };
const withContainer = (extra: Record<string, unknown>) => ({ spec: { containers: [{ ...c0, ...extra }] } });

runTable('Pod metadata', UPSTREAM, pod, [
  { name: 'valid', patch: {} },
  { name: 'missing name', patch: { metadata: { name: null } }, errors: [['Required', 'metadata.name', 'name or generateName is required']] },
  { name: 'generateName only', patch: { metadata: { name: null, generateName: 'web-' } } },
  { name: 'invalid generateName', patch: { metadata: { name: null, generateName: 'Web_' } }, errors: [['Invalid', 'metadata.generateName']] },
  { name: 'name not a DNS subdomain', patch: { metadata: { name: 'Web_1' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'dotted name is a valid subdomain', patch: { metadata: { name: 'web.v1' } } },
  { name: 'invalid namespace', patch: { metadata: { namespace: 'Default' } }, errors: [['Invalid', 'metadata.namespace']] },
  { name: 'invalid label key', patch: { metadata: { labels: { 'a/b/c': 'x' } } }, errors: [['Invalid', 'metadata.labels']] },
  { name: 'invalid label value', patch: { metadata: { labels: { owner: 'John Doe' } } }, errors: [['Invalid', 'metadata.labels']] },
  { name: 'invalid annotation key', patch: { metadata: { annotations: { 'a b': 'x' } } }, errors: [['Invalid', 'metadata.annotations']] },
  { name: 'annotation keys are case-insensitive', patch: { metadata: { annotations: { 'Example.COM/Key': 'x' } } } },
  { name: 'annotations too large', patch: { metadata: { annotations: { big: 'x'.repeat(256 * 1024) } } }, errors: [['TooLong', 'metadata.annotations', 'may not be more than 262144 bytes']] },
  { name: 'negative generation', patch: { metadata: { generation: -1 } }, errors: [['Invalid', 'metadata.generation', 'must be greater than or equal to 0']] },
  { name: 'resourceVersion on create', patch: { metadata: { resourceVersion: '123' } }, errors: [['Internal', 'metadata.resourceVersion', 'resourceVersion should not be set on objects to be created']] },
  { name: 'uid on create is replaced, not an error', patch: { metadata: { uid: '5e2f1a-8c' } } },
  { name: 'ownerReference without uid', patch: { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' }] } }, errors: [['Invalid', 'metadata.ownerReferences.uid', 'must not be empty']] },
  { name: 'two controller ownerReferences', patch: { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true }, { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true }] } }, errors: [['Invalid', 'metadata.ownerReferences']] },
  { name: 'finalizer without domain', patch: { metadata: { finalizers: ['my-finalizer'] } }, errors: [['Invalid', 'metadata.finalizers', 'name is neither a standard finalizer name nor is it fully qualified']] },
  { name: 'qualified finalizer', patch: { metadata: { finalizers: ['example.com/cleanup'] } } },
  { name: 'orphan and foregroundDeletion together', patch: { metadata: { finalizers: ['orphan', 'foregroundDeletion'] } }, errors: [['Invalid', 'metadata.finalizers', 'finalizer orphan and foregroundDeletion cannot be both set']] },
]);

runTable('Pod containers', UPSTREAM, pod, [
  { name: 'no containers', patch: { spec: { containers: [] } }, errors: [['Required', 'spec.containers']] },
  { name: 'containers of the wrong type are left to the schema layer', patch: { spec: { containers: 'nginx' } } },
  { name: 'container name of the wrong type is left to the schema layer', patch: { spec: { containers: [{ name: 42, image: 'nginx' }] } } },
  { name: 'missing container name', patch: { spec: { containers: [{ image: 'nginx' }] } }, errors: [['Required', 'spec.containers[0].name']] },
  { name: 'container name not a DNS label', patch: { spec: { containers: [{ name: 'Web_C', image: 'nginx' }] } }, errors: [['Invalid', 'spec.containers[0].name']] },
  { name: 'duplicate container names', patch: { spec: { containers: [c0, c0] } }, errors: [['Duplicate', 'spec.containers[1].name']] },
  { name: 'missing image', patch: { spec: { containers: [{ name: 'c' }] } }, errors: [['Required', 'spec.containers[0].image']] },
  { name: 'image with surrounding whitespace', patch: withContainer({ image: ' nginx ' }), errors: [['Invalid', 'spec.containers[0].image', 'must not have leading or trailing whitespace']] },
  { name: 'unknown imagePullPolicy', patch: withContainer({ imagePullPolicy: 'Sometimes' }), errors: [['NotSupported', 'spec.containers[0].imagePullPolicy', 'supported values: "Always", "IfNotPresent", "Never"']] },
  { name: 'unknown terminationMessagePolicy', patch: withContainer({ terminationMessagePolicy: 'Bogus' }), errors: [['NotSupported', 'spec.containers[0].terminationMessagePolicy', 'supported values: "File", "FallbackToLogsOnError"']] },
  { name: 'init container name collides with container', patch: { spec: { initContainers: [c0] } }, errors: [['Duplicate', 'spec.initContainers[0].name']] },
  { name: 'init container without image', patch: { spec: { initContainers: [{ name: 'init' }] } }, errors: [['Required', 'spec.initContainers[0].image']] },
  { name: 'init container with probe', patch: { spec: { initContainers: [{ name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }] } }, errors: [['Forbidden', 'spec.initContainers[0].readinessProbe', 'may not be set for init containers without restartPolicy=Always']] },
  { name: 'init container with lifecycle', patch: { spec: { initContainers: [{ name: 'init', image: 'busybox', lifecycle: { preStop: { exec: { command: ['true'] } } } }] } }, errors: [['Forbidden', 'spec.initContainers[0].lifecycle']] },
  { name: 'sidecar init container may have probes', patch: { spec: { initContainers: [{ name: 'side', image: 'envoy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 9901 } } }] } } },
  { name: 'init container restartPolicy Never', patch: { spec: { initContainers: [{ name: 'init', image: 'busybox', restartPolicy: 'Never' }] } }, errors: [['NotSupported', 'spec.initContainers[0].restartPolicy']] },
  { name: 'ephemeral containers on create', patch: { spec: { ephemeralContainers: [{ name: 'debug', image: 'busybox' }] } }, errors: [['Forbidden', 'spec.ephemeralContainers', 'cannot be set on create']] },
]);

runTable('Pod ports', UPSTREAM, pod, [
  { name: 'valid ports', patch: withContainer({ ports: [{ name: 'http', containerPort: 80 }, { name: 'metrics', containerPort: 9090, protocol: 'UDP' }] }) },
  { name: 'zero containerPort', patch: withContainer({ ports: [{ containerPort: 0 }] }), errors: [['Required', 'spec.containers[0].ports[0].containerPort']] },
  { name: 'missing containerPort', patch: withContainer({ ports: [{ name: 'http' }] }), errors: [['Required', 'spec.containers[0].ports[0].containerPort']] },
  { name: 'containerPort too large', patch: withContainer({ ports: [{ containerPort: 65536 }] }), errors: [['Invalid', 'spec.containers[0].ports[0].containerPort', 'must be between 1 and 65535, inclusive']] },
  { name: 'negative containerPort', patch: withContainer({ ports: [{ containerPort: -1 }] }), errors: [['Invalid', 'spec.containers[0].ports[0].containerPort']] },
  { name: 'hostPort too large', patch: withContainer({ ports: [{ containerPort: 80, hostPort: 65536 }] }), errors: [['Invalid', 'spec.containers[0].ports[0].hostPort']] },
  { name: 'port name upper case', patch: withContainer({ ports: [{ name: 'HTTP', containerPort: 80 }] }), errors: [['Invalid', 'spec.containers[0].ports[0].name', 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'], ['Invalid', 'spec.containers[0].ports[0].name', 'must contain at least one letter (a-z)']] },
  { name: 'port name too long', patch: withContainer({ ports: [{ name: 'a-very-long-port-name', containerPort: 80 }] }), errors: [['Invalid', 'spec.containers[0].ports[0].name', 'must be no more than 15 characters']] },
  { name: 'port name all digits', patch: withContainer({ ports: [{ name: '8080', containerPort: 80 }] }), errors: [['Invalid', 'spec.containers[0].ports[0].name', 'must contain at least one letter (a-z)']] },
  { name: 'duplicate port names', patch: withContainer({ ports: [{ name: 'http', containerPort: 80 }, { name: 'http', containerPort: 81 }] }), errors: [['Duplicate', 'spec.containers[0].ports[1].name']] },
  { name: 'unknown protocol', patch: withContainer({ ports: [{ containerPort: 80, protocol: 'ICMP' }] }), errors: [['NotSupported', 'spec.containers[0].ports[0].protocol', 'supported values: "SCTP", "TCP", "UDP"']] },
  { name: 'duplicate hostPort across containers', patch: { spec: { containers: [{ ...c0, ports: [{ containerPort: 80, hostPort: 8080 }] }, { name: 'd', image: 'x', ports: [{ containerPort: 81, hostPort: 8080 }] }] } }, errors: [['Duplicate', 'spec.containers[1].ports[0].hostPort']] },
  { name: 'same hostPort, different protocol', patch: { spec: { containers: [{ ...c0, ports: [{ containerPort: 53, hostPort: 53 }, { containerPort: 53, hostPort: 53, protocol: 'UDP' }] }] } } },
  { name: 'hostNetwork requires hostPort == containerPort', patch: { spec: { hostNetwork: true, containers: [{ ...c0, ports: [{ containerPort: 80, hostPort: 8080 }] }] } }, errors: [['Invalid', 'spec.containers[0].ports[0].containerPort', 'must match `hostPort` when `hostNetwork` is true']] },
]);

runTable('Pod env', UPSTREAM, pod, [
  { name: 'valid env', patch: withContainer({ env: [{ name: 'A', value: 'b' }, { name: 'my.env-name', value: '' }, { name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }] }) },
  { name: 'relaxed env names allowed', patch: withContainer({ env: [{ name: '1ABC', value: 'x' }, { name: 'with space', value: 'y' }] }) },
  { name: 'missing env name', patch: withContainer({ env: [{ value: 'x' }] }), errors: [['Required', 'spec.containers[0].env[0].name']] },
  { name: 'env name with =', patch: withContainer({ env: [{ name: 'A=B', value: 'x' }] }), errors: [['Invalid', 'spec.containers[0].env[0].name', "a valid environment variable name must consist only of printable ASCII characters other than '='"]] },
  { name: 'valueFrom without a source (misspelt configMapkeyRef)', patch: withContainer({ env: [{ name: 'A', valueFrom: { configMapkeyRef: { name: 'cm', key: 'k' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`']] },
  { name: 'value and valueFrom', patch: withContainer({ env: [{ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom', 'may not be specified when `value` is not empty']] },
  { name: 'two sources', patch: withContainer({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' }, configMapKeyRef: { name: 'c', key: 'k' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom', 'may not have more than one field specified at a time']] },
  { name: 'configMapKeyRef without key', patch: withContainer({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm' } } }] }), errors: [['Required', 'spec.containers[0].env[0].valueFrom.configMapKeyRef.key']] },
  { name: 'configMapKeyRef invalid key', patch: withContainer({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'a b' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom.configMapKeyRef.key']] },
  { name: 'secretKeyRef invalid name', patch: withContainer({ env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 'My_Secret', key: 'k' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom.secretKeyRef.name']] },
  { name: 'fieldRef without fieldPath', patch: withContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1' } } }] }), errors: [['Required', 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath']] },
  { name: 'fieldRef unknown field', patch: withContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.whoops' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', 'error converting fieldPath: field label not supported: metadata.whoops']] },
  { name: 'fieldRef labels without subscript', patch: withContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } } }] }), errors: [['NotSupported', 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath']] },
  { name: 'fieldRef label subscript', patch: withContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } } }] }) },
  { name: 'fieldRef status.hostIPs', patch: withContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.hostIPs' } } }] }) },
  { name: 'fieldRef wrong apiVersion', patch: withContainer({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } }] }), errors: [['Invalid', 'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath', 'error converting fieldPath: unsupported pod version: v2']] },
  { name: 'resourceFieldRef unknown resource', patch: withContainer({ env: [{ name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } }] }), errors: [['NotSupported', 'spec.containers[0].env[0].valueFrom.resourceFieldRef.resource']] },
  { name: 'envFrom without source', patch: withContainer({ envFrom: [{ prefix: 'P_' }] }), errors: [['Invalid', 'spec.containers[0].envFrom', 'must specify one of: `configMapRef` or `secretRef`']] },
  { name: 'envFrom with both sources', patch: withContainer({ envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] }), errors: [['Invalid', 'spec.containers[0].envFrom', 'may not have more than one field specified at a time']] },
  { name: 'envFrom configMapRef without name', patch: withContainer({ envFrom: [{ configMapRef: {} }] }), errors: [['Required', 'spec.containers[0].envFrom[0].configMapRef.name']] },
  { name: 'envFrom invalid prefix', patch: withContainer({ envFrom: [{ prefix: 'A=', configMapRef: { name: 'a' } }] }), errors: [['Invalid', 'spec.containers[0].envFrom[0].prefix']] },
]);

runTable('Pod volumes and mounts', UPSTREAM, pod, [
  { name: 'valid volumes', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'cm' } }, { name: 'c', secret: { secretName: 's' } }, { name: 'd', persistentVolumeClaim: { claimName: 'p' } }, { name: 'e', hostPath: { path: '/var/log' } }] } } },
  { name: 'volume without source', patch: { spec: { volumes: [{ name: 'a' }] } }, errors: [['Required', 'spec.volumes[0]', 'must specify a volume type']] },
  { name: 'volume with two sources', patch: { spec: { volumes: [{ name: 'a', emptyDir: {}, configMap: { name: 'cm' } }] } }, errors: [['Forbidden', 'spec.volumes[0].configMap', 'may not specify more than 1 volume type']] },
  { name: 'volume without name', patch: { spec: { volumes: [{ emptyDir: {} }] } }, errors: [['Required', 'spec.volumes[0].name']] },
  { name: 'volume name not a DNS label', patch: { spec: { volumes: [{ name: 'My_Vol', emptyDir: {} }] } }, errors: [['Invalid', 'spec.volumes[0].name']] },
  { name: 'duplicate volume names', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] } }, errors: [['Duplicate', 'spec.volumes[1].name']] },
  { name: 'hostPath without path', patch: { spec: { volumes: [{ name: 'a', hostPath: {} }] } }, errors: [['Required', 'spec.volumes[0].hostPath.path']] },
  { name: 'hostPath with backsteps', patch: { spec: { volumes: [{ name: 'a', hostPath: { path: '/a/../etc' } }] } }, errors: [['Invalid', 'spec.volumes[0].hostPath.path', "must not contain '..'"]] },
  { name: 'hostPath unknown type', patch: { spec: { volumes: [{ name: 'a', hostPath: { path: '/a', type: 'Folder' } }] } }, errors: [['NotSupported', 'spec.volumes[0].hostPath.type']] },
  { name: 'secret without secretName', patch: { spec: { volumes: [{ name: 'a', secret: {} }] } }, errors: [['Required', 'spec.volumes[0].secret.secretName']] },
  { name: 'secret defaultMode too large', patch: { spec: { volumes: [{ name: 'a', secret: { secretName: 's', defaultMode: 0o1000 } }] } }, errors: [['Invalid', 'spec.volumes[0].secret.defaultMode', 'must be a number between 0 and 0777 (octal), both inclusive']] },
  { name: 'configMap without name', patch: { spec: { volumes: [{ name: 'a', configMap: {} }] } }, errors: [['Required', 'spec.volumes[0].configMap.name']] },
  { name: 'configMap item absolute path', patch: { spec: { volumes: [{ name: 'a', configMap: { name: 'cm', items: [{ key: 'k', path: '/etc/k' }] } }] } }, errors: [['Invalid', 'spec.volumes[0].configMap.items[0].path', 'must be a relative path']] },
  { name: 'configMap item without key', patch: { spec: { volumes: [{ name: 'a', configMap: { name: 'cm', items: [{ path: 'k' }] } }] } }, errors: [['Required', 'spec.volumes[0].configMap.items[0].key']] },
  { name: 'configMap item path starting with ..', patch: { spec: { volumes: [{ name: 'a', configMap: { name: 'cm', items: [{ key: 'k', path: '..k' }] } }] } }, errors: [['Invalid', 'spec.volumes[0].configMap.items[0].path', "must not start with '..'"]] },
  { name: 'pvc without claimName', patch: { spec: { volumes: [{ name: 'a', persistentVolumeClaim: {} }] } }, errors: [['Required', 'spec.volumes[0].persistentVolumeClaim.claimName']] },
  { name: 'nfs relative path', patch: { spec: { volumes: [{ name: 'a', nfs: { server: 'nfs', path: 'data' } }] } }, errors: [['Invalid', 'spec.volumes[0].nfs.path', 'must be an absolute path']] },
  { name: 'nfs without server', patch: { spec: { volumes: [{ name: 'a', nfs: { path: '/data' } }] } }, errors: [['Required', 'spec.volumes[0].nfs.server']] },
  { name: 'downwardAPI item without ref', patch: { spec: { volumes: [{ name: 'a', downwardAPI: { items: [{ path: 'labels' }] } }] } }, errors: [['Required', 'spec.volumes[0].downwardAPI.items[0]', 'one of fieldRef and resourceFieldRef is required']] },
  { name: 'downwardAPI labels item', patch: { spec: { volumes: [{ name: 'a', downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } }] } } },
  { name: 'projected sources duplicate path', patch: { spec: { volumes: [{ name: 'a', projected: { sources: [{ configMap: { name: 'a', items: [{ key: 'k', path: 'p' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'p' }] } }] } }] } }, errors: [['Invalid', 'spec.volumes[0].projected', 'conflicting duplicate paths']] },
  { name: 'projected source with two types', patch: { spec: { volumes: [{ name: 'a', projected: { sources: [{ configMap: { name: 'a' }, secret: { name: 'b' } }] } }] } }, errors: [['Forbidden', 'spec.volumes[0].projected.sources[0]', 'may not specify more than 1 volume type per source']] },
  { name: 'projected token too short', patch: { spec: { volumes: [{ name: 'a', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 60 } }] } }] } }, errors: [['Invalid', 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds', 'may not specify a duration less than 10 minutes']] },
  { name: 'csi without driver', patch: { spec: { volumes: [{ name: 'a', csi: {} }] } }, errors: [['Required', 'spec.volumes[0].csi.driver']] },
  { name: 'ephemeral without template', patch: { spec: { volumes: [{ name: 'a', ephemeral: {} }] } }, errors: [['Required', 'spec.volumes[0].ephemeral.volumeClaimTemplate']] },
  { name: 'emptyDir negative sizeLimit', patch: { spec: { volumes: [{ name: 'a', emptyDir: { sizeLimit: '-1Gi' } }] } }, errors: [['Forbidden', 'spec.volumes[0].emptyDir.sizeLimit', 'SizeLimit field must be a valid resource quantity']] },
  { name: 'mount names a missing volume', patch: withContainer({ volumeMounts: [{ name: 'data', mountPath: '/data' }] }), errors: [['NotFound', 'spec.containers[0].volumeMounts[0].name']] },
  { name: 'mount of an invalid volume is also not found', patch: { spec: { volumes: [{ name: 'data' }], containers: [{ ...c0, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } }, errors: [['Required', 'spec.volumes[0]'], ['NotFound', 'spec.containers[0].volumeMounts[0].name']] },
  { name: 'mount without mountPath', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }], containers: [{ ...c0, volumeMounts: [{ name: 'a' }] }] } }, errors: [['Required', 'spec.containers[0].volumeMounts[0].mountPath']] },
  { name: 'mount without name', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }], containers: [{ ...c0, volumeMounts: [{ mountPath: '/a' }] }] } }, errors: [['Required', 'spec.containers[0].volumeMounts[0].name'], ['NotFound', 'spec.containers[0].volumeMounts[0].name']] },
  { name: 'duplicate mountPath', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }], containers: [{ ...c0, volumeMounts: [{ name: 'a', mountPath: '/x' }, { name: 'b', mountPath: '/x' }] }] } }, errors: [['Invalid', 'spec.containers[0].volumeMounts[1].mountPath', 'must be unique']] },
  { name: 'absolute subPath', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }], containers: [{ ...c0, volumeMounts: [{ name: 'a', mountPath: '/x', subPath: '/abs' }] }] } }, errors: [['Invalid', 'spec.containers[0].volumeMounts.subPath', 'must be a relative path']] },
  { name: 'subPath and subPathExpr', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }], containers: [{ ...c0, volumeMounts: [{ name: 'a', mountPath: '/x', subPath: 'a', subPathExpr: '$(POD)' }] }] } }, errors: [['Invalid', 'spec.containers[0].volumeMounts[0].subPathExpr', 'subPathExpr and subPath are mutually exclusive']] },
  { name: 'unknown mountPropagation', patch: { spec: { volumes: [{ name: 'a', emptyDir: {} }], containers: [{ ...c0, volumeMounts: [{ name: 'a', mountPath: '/x', mountPropagation: 'Shared' }] }] } }, errors: [['NotSupported', 'spec.containers[0].volumeMounts[0].mountPropagation']] },
]);

runTable('Pod resources', UPSTREAM, pod, [
  { name: 'valid resources', patch: withContainer({ resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } } }) },
  { name: 'request above limit in canonical quantities', patch: withContainer({ resources: { requests: { cpu: '1.5' }, limits: { cpu: '1000m' } } }), errors: [['Invalid', 'spec.containers[0].resources.requests', 'must be less than or equal to cpu limit of 1']] },
  { name: 'request above limit', patch: withContainer({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }), errors: [['Invalid', 'spec.containers[0].resources.requests', 'must be less than or equal to cpu limit of 1']] },
  { name: 'negative request', patch: withContainer({ resources: { requests: { memory: '-1' } } }), errors: [['Invalid', 'spec.containers[0].resources.requests[memory]', 'must be greater than or equal to 0']] },
  { name: 'non-standard resource name', patch: withContainer({ resources: { limits: { disk: '1Gi' } } }), errors: [
      ['Invalid', 'spec.containers[0].resources.limits[disk]', 'must be a standard resource type or fully qualified'],
      ['Invalid', 'spec.containers[0].resources.limits[disk]', 'must be a standard resource for containers'],
      ['Invalid', 'spec.containers[0].resources.requests[disk]', 'must be a standard resource type or fully qualified'],
      ['Invalid', 'spec.containers[0].resources.requests[disk]', 'must be a standard resource for containers'],
    ],
  },
  { name: 'extended resource request without limit', patch: withContainer({ resources: { requests: { 'nvidia.com/gpu': '1' } } }), errors: [['Required', 'spec.containers[0].resources.limits', 'Limit must be set for non overcommitable resources']] },
  { name: 'extended resource request differs from limit', patch: withContainer({ resources: { requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '2' } } }), errors: [['Invalid', 'spec.containers[0].resources.requests', 'must be equal to nvidia.com/gpu limit of 2']] },
  { name: 'fractional extended resource', patch: withContainer({ resources: { limits: { 'example.com/foo': '500m' } } }), errors: [['Invalid', 'spec.containers[0].resources.limits[example.com/foo]', 'must be an integer'], ['Invalid', 'spec.containers[0].resources.requests[example.com/foo]', 'must be an integer']] },
  { name: 'hugepages without cpu or memory', patch: withContainer({ resources: { limits: { 'hugepages-2Mi': '1Gi' } } }), errors: [['Forbidden', 'spec.containers[0].resources', 'HugePages require cpu or memory']] },
  { name: 'hugepages not a multiple of the page size', patch: withContainer({ resources: { limits: { 'hugepages-2Mi': '3Mi', memory: '1Gi' } } }), errors: [['Invalid', 'spec.containers[0].resources.limits[hugepages-2Mi]', '3Mi is not positive integer multiple of hugepages-2Mi'], ['Invalid', 'spec.containers[0].resources.requests[hugepages-2Mi]', '3Mi is not positive integer multiple of hugepages-2Mi']] },
  { name: 'resource claim not in pod resourceClaims', patch: withContainer({ resources: { claims: [{ name: 'gpu' }] } }), errors: [['NotFound', 'spec.containers[0].resources.claims[0]', 'must be one of the names in pod.spec.resourceClaims which is empty']] },
  { name: 'resource claim without name', patch: withContainer({ resources: { claims: [{}] } }), errors: [['Required', 'spec.containers[0].resources.claims[0]']] },
  { name: 'hugepages with memory', patch: withContainer({ resources: { limits: { 'hugepages-2Mi': '1Gi', memory: '1Gi' } } }) },
  { name: 'fractional memory warns', patch: withContainer({ resources: { limits: { memory: '100m' } } }), warnings: ['spec.containers[0].resources.limits[memory]: fractional byte value "100m" is invalid, must be an integer', 'spec.containers[0].resources.requests[memory]: fractional byte value'] },
  { name: 'overhead with invalid name', patch: { spec: { overhead: { 'bad name': '1' } } }, errors: [['Invalid', 'spec.overhead[bad name]'], ['Invalid', 'spec.overhead[bad name]', 'must be a standard resource for containers']] },
]);

runTable('Pod probes and lifecycle', UPSTREAM, pod, [
  { name: 'valid probes', patch: withContainer({ livenessProbe: { httpGet: { path: '/healthz', port: 8080 } }, readinessProbe: { tcpSocket: { port: 'http' } }, startupProbe: { exec: { command: ['true'] } } }) },
  { name: 'probe without handler', patch: withContainer({ livenessProbe: { periodSeconds: 5 } }), errors: [['Required', 'spec.containers[0].livenessProbe', 'must specify a handler type']] },
  { name: 'probe with two handlers', patch: withContainer({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } } }), errors: [['Forbidden', 'spec.containers[0].livenessProbe.tcpSocket', 'may not specify more than 1 handler type']] },
  { name: 'exec without command', patch: withContainer({ livenessProbe: { exec: {} } }), errors: [['Required', 'spec.containers[0].livenessProbe.exec.command']] },
  { name: 'httpGet port 0', patch: withContainer({ readinessProbe: { httpGet: { path: '/', port: 0 } } }), errors: [['Invalid', 'spec.containers[0].readinessProbe.httpGet.port', 'must be between 1 and 65535, inclusive']] },
  { name: 'httpGet numeric string port', patch: withContainer({ readinessProbe: { httpGet: { path: '/', port: '8080' } } }), errors: [['Invalid', 'spec.containers[0].readinessProbe.httpGet.port', 'must contain at least one letter (a-z)']] },
  { name: 'httpGet unknown scheme', patch: withContainer({ readinessProbe: { httpGet: { path: '/', port: 80, scheme: 'FTP' } } }), errors: [['NotSupported', 'spec.containers[0].readinessProbe.httpGet.scheme']] },
  { name: 'invalid header name', patch: withContainer({ readinessProbe: { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'X Bad', value: 'v' }] } } }), errors: [['Invalid', 'spec.containers[0].readinessProbe.httpGet.httpHeaders']] },
  { name: 'negative periodSeconds', patch: withContainer({ livenessProbe: { tcpSocket: { port: 80 }, periodSeconds: -1 } }), errors: [['Invalid', 'spec.containers[0].livenessProbe.periodSeconds', 'must be greater than or equal to 0']] },
  { name: 'liveness successThreshold must be 1', patch: withContainer({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }), errors: [['Invalid', 'spec.containers[0].livenessProbe.successThreshold', 'must be 1']] },
  { name: 'readiness terminationGracePeriodSeconds', patch: withContainer({ readinessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 10 } }), errors: [['Invalid', 'spec.containers[0].readinessProbe.terminationGracePeriodSeconds', 'must not be set for readinessProbes']] },
  { name: 'liveness zero terminationGracePeriodSeconds', patch: withContainer({ livenessProbe: { tcpSocket: { port: 80 }, terminationGracePeriodSeconds: 0 } }), errors: [['Invalid', 'spec.containers[0].livenessProbe.terminationGracePeriodSeconds', 'must be greater than 0']] },
  { name: 'grpc port out of range', patch: withContainer({ livenessProbe: { grpc: { port: 70000 } } }), errors: [['Invalid', 'spec.containers[0].livenessProbe.grpc.port']] },
  { name: 'lifecycle hook without handler', patch: withContainer({ lifecycle: { preStop: {} } }), errors: [['Required', 'spec.containers[0].lifecycle.preStop', 'must specify a handler type']] },
  { name: 'lifecycle sleep', patch: withContainer({ lifecycle: { preStop: { sleep: { seconds: 5 } } } }) },
]);

runTable('Pod spec fields', UPSTREAM, pod, [
  { name: 'unknown restartPolicy', patch: { spec: { restartPolicy: 'Sometimes' } }, errors: [['NotSupported', 'spec.restartPolicy', 'supported values: "Always", "OnFailure", "Never"']] },
  { name: 'restartPolicy OnFailure', patch: { spec: { restartPolicy: 'OnFailure' } } },
  { name: 'unknown dnsPolicy', patch: { spec: { dnsPolicy: 'Google' } }, errors: [['NotSupported', 'spec.dnsPolicy', 'supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"']] },
  { name: 'dnsPolicy None without dnsConfig', patch: { spec: { dnsPolicy: 'None' } }, errors: [['Required', 'spec.dnsConfig', 'must provide `dnsConfig` when `dnsPolicy` is None']] },
  { name: 'dnsPolicy None without nameservers', patch: { spec: { dnsPolicy: 'None', dnsConfig: { searches: ['a.com'] } } }, errors: [['Required', 'spec.dnsConfig.nameservers', 'must provide at least one DNS nameserver when `dnsPolicy` is None']] },
  { name: 'dnsConfig invalid nameserver', patch: { spec: { dnsConfig: { nameservers: ['dns.google'] } } }, errors: [['Invalid', 'spec.dnsConfig.nameservers[0]', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']] },
  { name: 'dnsConfig four nameservers', patch: { spec: { dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1'] } } }, errors: [['Invalid', 'spec.dnsConfig.nameservers', 'must not have more than 3 nameservers']] },
  { name: 'dnsConfig option without name', patch: { spec: { dnsConfig: { options: [{ value: '2' }] } } }, errors: [['Required', 'spec.dnsConfig.options[0]', 'Option.Name must not be empty']] },
  { name: 'invalid nodeSelector value', patch: { spec: { nodeSelector: { disk: 'fast ssd' } } }, errors: [['Invalid', 'spec.nodeSelector']] },
  { name: 'invalid serviceAccountName', patch: { spec: { serviceAccountName: 'KSA_NAME' } }, errors: [['Invalid', 'spec.serviceAccountName']] },
  { name: 'invalid nodeName', patch: { spec: { nodeName: 'Node_1' } }, errors: [['Invalid', 'spec.nodeName']] },
  { name: 'invalid hostname', patch: { spec: { hostname: 'my.host' } }, errors: [['Invalid', 'spec.hostname', 'must not contain dots']] },
  { name: 'invalid subdomain', patch: { spec: { subdomain: 'Sub' } }, errors: [['Invalid', 'spec.subdomain']] },
  { name: 'activeDeadlineSeconds zero', patch: { spec: { activeDeadlineSeconds: 0 } }, errors: [['Invalid', 'spec.activeDeadlineSeconds', 'must be between 1 and 2147483647, inclusive']] },
  { name: 'invalid priorityClassName', patch: { spec: { priorityClassName: 'High_Priority' } }, errors: [['Invalid', 'spec.priorityClassName']] },
  { name: 'imagePullSecrets with extra fields', patch: { spec: { imagePullSecrets: [{ name: 'reg', namespace: 'x' }] } }, errors: [['Invalid', 'spec.imagePullSecrets[0]', 'only name may be set']] },
  { name: 'imagePullSecret without name warns', patch: { spec: { imagePullSecrets: [{}] } }, warnings: ['spec.imagePullSecrets[0].name: invalid empty name ""'] },
  { name: 'hostAliases invalid ip', patch: { spec: { hostAliases: [{ ip: 'localhost', hostnames: ['a'] }] } }, errors: [['Invalid', 'spec.hostAliases[0].ip']] },
  { name: 'hostAliases invalid hostname', patch: { spec: { hostAliases: [{ ip: '10.0.0.1', hostnames: ['A_B'] }] } }, errors: [['Invalid', 'spec.hostAliases[0].hostnames']] },
  { name: 'pod securityContext runAsUser negative', patch: { spec: { securityContext: { runAsUser: -1 } } }, errors: [['Invalid', 'spec.securityContext.runAsUser', 'must be between 0 and 4294967295, inclusive']] },
  { name: 'supplementalGroups negative', patch: { spec: { securityContext: { supplementalGroups: [-5] } } }, errors: [['Invalid', 'spec.securityContext.supplementalGroups[0]']] },
  { name: 'fsGroupChangePolicy unknown', patch: { spec: { securityContext: { fsGroupChangePolicy: 'Sometimes' } } }, errors: [['NotSupported', 'spec.securityContext.fsGroupChangePolicy']] },
  { name: 'seccomp Localhost without profile', patch: { spec: { securityContext: { seccompProfile: { type: 'Localhost' } } } }, errors: [['Required', 'spec.securityContext.seccompProfile.localhostProfile', 'must be set when seccomp type is Localhost']] },
  { name: 'seccomp unknown type', patch: { spec: { securityContext: { seccompProfile: { type: 'Default' } } } }, errors: [['NotSupported', 'spec.securityContext.seccompProfile.type']] },
  { name: 'container privileged without escalation', patch: withContainer({ securityContext: { privileged: true, allowPrivilegeEscalation: false } }), errors: [['Invalid', 'spec.containers[0].securityContext', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true']] },
  { name: 'container CAP_SYS_ADMIN without escalation', patch: withContainer({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } }), errors: [['Invalid', 'spec.containers[0].securityContext', 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN']] },
  { name: 'container procMount unknown', patch: withContainer({ securityContext: { procMount: 'Masked' } }), errors: [['NotSupported', 'spec.containers[0].securityContext.procMount']] },
  { name: 'os name unknown', patch: { spec: { os: { name: 'darwin' } } }, errors: [['NotSupported', 'spec.os', 'supported values: "linux", "windows"']] },
  { name: 'os without name', patch: { spec: { os: {} } }, errors: [['Required', 'spec.os.name', 'cannot be empty']] },
  { name: 'sysctl without name', patch: { spec: { securityContext: { sysctls: [{ value: '1' }] } } }, errors: [['Required', 'spec.securityContext.sysctls[0].name']] },
]);

runTable('Pod tolerations', UPSTREAM, pod, [
  { name: 'valid tolerations', patch: { spec: { tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { operator: 'Exists' }, { key: 'dedicated', value: 'db' }] } } },
  { name: 'empty key with Equal', patch: { spec: { tolerations: [{ operator: 'Equal', value: 'x' }] } }, errors: [['Invalid', 'spec.tolerations[0].operator', 'operator must be Exists when `key` is empty, which means "match all values and all keys"']] },
  { name: 'invalid key', patch: { spec: { tolerations: [{ key: 'a b', operator: 'Exists' }] } }, errors: [['Invalid', 'spec.tolerations[0].key']] },
  { name: 'Exists with value', patch: { spec: { tolerations: [{ key: 'a', operator: 'Exists', value: 'b' }] } }, errors: [['Invalid', 'spec.tolerations[0].operator', "value must be empty when `operator` is 'Exists'"]] },
  { name: 'unknown operator', patch: { spec: { tolerations: [{ key: 'a', operator: 'In', value: 'b' }] } }, errors: [['NotSupported', 'spec.tolerations[0].operator', 'supported values: "Equal", "Exists"']] },
  { name: 'invalid value', patch: { spec: { tolerations: [{ key: 'a', value: 'b c' }] } }, errors: [['Invalid', 'spec.tolerations[0].operator']] },
  { name: 'tolerationSeconds without NoExecute', patch: { spec: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] } }, errors: [['Invalid', 'spec.tolerations[0].effect', "effect must be 'NoExecute' when `tolerationSeconds` is set"]] },
  { name: 'unknown effect', patch: { spec: { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoRun' }] } }, errors: [['NotSupported', 'spec.tolerations[0].effect', 'supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"']] },
]);

const nodeAffinity = (req: unknown) => ({ spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: req } } } });
const term = (expr: unknown[], fields: unknown[] = []) => ({ nodeSelectorTerms: [{ matchExpressions: expr, matchFields: fields }] });
const REQ = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]';

runTable('Pod affinity', UPSTREAM, pod, [
  { name: 'valid node affinity', patch: nodeAffinity(term([{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }, { key: 'gpu', operator: 'Exists' }, { key: 'cores', operator: 'Gt', values: ['4'] }])) },
  { name: 'no node selector terms', patch: nodeAffinity({ nodeSelectorTerms: [] }), errors: [['Required', 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms', 'must have at least one node selector term']] },
  { name: 'In without values', patch: nodeAffinity(term([{ key: 'a', operator: 'In' }])), errors: [['Required', `${REQ}.matchExpressions[0].values`, "must be specified when `operator` is 'In' or 'NotIn'"]] },
  { name: 'Exists with values', patch: nodeAffinity(term([{ key: 'a', operator: 'Exists', values: ['x'] }])), errors: [['Forbidden', `${REQ}.matchExpressions[0].values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"]] },
  { name: 'Gt with two values', patch: nodeAffinity(term([{ key: 'a', operator: 'Gt', values: ['1', '2'] }])), errors: [['Required', `${REQ}.matchExpressions[0].values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"]] },
  { name: 'unknown operator', patch: nodeAffinity(term([{ key: 'a', operator: 'Equals', values: ['x'] }])), errors: [['Invalid', `${REQ}.matchExpressions[0].operator`, 'not a valid selector operator']] },
  { name: 'invalid key', patch: nodeAffinity(term([{ key: 'a b', operator: 'Exists' }])), errors: [['Invalid', `${REQ}.matchExpressions[0].key`]] },
  { name: 'invalid value', patch: nodeAffinity(term([{ key: 'a', operator: 'In', values: ['b c'] }])), errors: [['Invalid', `${REQ}.matchExpressions[0].values[0]`]] },
  { name: 'matchFields metadata.name', patch: nodeAffinity(term([], [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }])) },
  { name: 'matchFields with two values', patch: nodeAffinity(term([], [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }])), errors: [['Required', `${REQ}.matchFields[0].values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"]] },
  { name: 'matchFields other key', patch: nodeAffinity(term([], [{ key: 'metadata.labels', operator: 'In', values: ['a'] }])), errors: [['Invalid', `${REQ}.matchFields[0].key`, 'not a valid field selector key']] },
  { name: 'matchFields Exists', patch: nodeAffinity(term([], [{ key: 'metadata.name', operator: 'Exists' }])), errors: [['Invalid', `${REQ}.matchFields[0].operator`, 'not a valid selector operator']] },
  { name: 'matchFields invalid node name', patch: nodeAffinity(term([], [{ key: 'metadata.name', operator: 'In', values: ['Node_1'] }])), errors: [['Invalid', `${REQ}.matchFields[0].values[0]`]] },
  { name: 'preferred weight out of range', patch: { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 101, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }] } } } }, errors: [['Invalid', 'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', 'must be in the range 1-100']] },
  { name: 'pod affinity without topologyKey', patch: { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } } }] } } } }, errors: [['Required', 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'can not be empty'], ['Invalid', 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey', 'name part must be non-empty'], ['Invalid', 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey']] },
  { name: 'pod anti-affinity invalid namespace', patch: { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, topologyKey: 'zone', namespaces: ['Bad_NS'] }] } } } }, errors: [['Invalid', 'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace']] },
  { name: 'weighted pod affinity weight 0', patch: { spec: { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { labelSelector: {}, topologyKey: 'zone' } }] } } } }, errors: [['Invalid', 'spec.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight']] },
  { name: 'pod affinity selector operator', patch: { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'a', operator: 'Equals' }] }, topologyKey: 'zone' }] } } } }, errors: [['Invalid', 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator', 'not a valid selector operator']] },
  { name: 'null labelSelector warns', patch: { spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'zone' }] } } } }, warnings: ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod'] },
]);

const tsc = (c: Record<string, unknown>) => ({ spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } }, ...c }] } });
runTable('Pod topologySpreadConstraints', UPSTREAM, pod, [
  { name: 'valid', patch: tsc({}) },
  { name: 'maxSkew 0', patch: tsc({ maxSkew: 0 }), errors: [['Invalid', 'spec.topologySpreadConstraints[0].maxSkew', 'must be greater than zero']] },
  { name: 'empty topologyKey', patch: tsc({ topologyKey: '' }), errors: [['Required', 'spec.topologySpreadConstraints[0].topologyKey', 'can not be empty']] },
  { name: 'unknown whenUnsatisfiable', patch: tsc({ whenUnsatisfiable: 'Never' }), errors: [['NotSupported', 'spec.topologySpreadConstraints[0].whenUnsatisfiable', 'supported values: "DoNotSchedule", "ScheduleAnyway"']] },
  { name: 'minDomains with ScheduleAnyway', patch: tsc({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 }), errors: [['Invalid', 'spec.topologySpreadConstraints[0].minDomains', 'can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway']] },
  { name: 'minDomains 0', patch: tsc({ minDomains: 0 }), errors: [['Invalid', 'spec.topologySpreadConstraints[0].minDomains', 'must be greater than zero']] },
  { name: 'unknown nodeAffinityPolicy', patch: tsc({ nodeAffinityPolicy: 'Maybe' }), errors: [['NotSupported', 'spec.topologySpreadConstraints[0].nodeAffinityPolicy']] },
  { name: 'matchLabelKeys without selector', patch: { spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabelKeys: ['pod-template-hash'] }] } }, errors: [['Forbidden', 'spec.topologySpreadConstraints[0].matchLabelKeys']], warnings: ['a null labelSelector results in matching no pod'] },
  { name: 'duplicate constraint', patch: { spec: { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }, { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }] } }, errors: [['Duplicate', 'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}']] },
  { name: 'deprecated topology key warns', patch: tsc({ topologyKey: 'failure-domain.beta.kubernetes.io/zone' }), warnings: ['spec.topologySpreadConstraints[0].topologyKey: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead'] },
]);

// pkg/api/pod/warnings_test.go (TestWarnings)
runTable('Pod warnings', 'pkg/api/pod/warnings_test.go', pod, [
  { name: 'deprecated nodeSelector label', patch: { spec: { nodeSelector: { 'beta.kubernetes.io/os': 'linux' } } }, warnings: ['spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead'] },
  { name: 'deprecated node affinity label', patch: nodeAffinity(term([{ key: 'beta.kubernetes.io/arch', operator: 'In', values: ['amd64'] }])), warnings: [`${REQ}.matchExpressions[0].key: beta.kubernetes.io/arch is deprecated since v1.14; use "kubernetes.io/arch" instead`] },
  { name: 'critical-pod annotation', patch: { metadata: { annotations: { 'scheduler.alpha.kubernetes.io/critical-pod': '' } } }, warnings: ['metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead'] },
  { name: 'seccomp pod annotation', patch: { metadata: { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } } }, warnings: ['metadata.annotations[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead'] },
  { name: 'gitRepo volume', patch: { spec: { volumes: [{ name: 'a', gitRepo: { repository: 'https://x' } }] } }, warnings: ['spec.volumes[0].gitRepo: deprecated in v1.11'] },
  { name: 'duplicate container port', patch: { spec: { containers: [{ ...c0, ports: [{ containerPort: 80 }, { containerPort: 80 }] }] } }, warnings: ['spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]'] },
  { name: 'overlapping container port', patch: { spec: { containers: [{ ...c0, ports: [{ containerPort: 80 }, { containerPort: 80, hostPort: 80 }] }] } }, warnings: ['spec.containers[0].ports[1]: overlapping port definition with spec.containers[0].ports[0]'] },
  { name: 'hostIP without hostPort', patch: { spec: { containers: [{ ...c0, ports: [{ containerPort: 80, hostIP: '10.0.0.1' }] }] } }, warnings: ['spec.containers[0].ports[0]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:80 Protocol:TCP HostIP:10.0.0.1}'] },
  { name: 'env hides previous definition', patch: withContainer({ env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }), warnings: ['spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply'] },
  { name: 'env redefinition referencing itself is fine', patch: withContainer({ env: [{ name: 'PATH', value: '/a' }, { name: 'PATH', value: '$(PATH):/b' }] }), warnings: [] },
  { name: 'negative terminationGracePeriodSeconds', patch: { spec: { terminationGracePeriodSeconds: -1 } }, warnings: ['spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1'] },
  { name: 'duplicate hostAliases ip', patch: { spec: { hostAliases: [{ ip: '10.0.0.1', hostnames: ['a'] }, { ip: '10.0.0.1', hostnames: ['b'] }] } }, warnings: ['spec.hostAliases[1].ip: duplicate ip "10.0.0.1"'] },
  { name: 'duplicate imagePullSecrets', patch: { spec: { imagePullSecrets: [{ name: 'r' }, { name: 'r' }] } }, warnings: ['spec.imagePullSecrets[1].name: duplicate name "r"'] },
]);

// PodTemplate (core kind) and ValidatePodTemplateSpec's own rules.
const podTemplate = { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't', namespace: 'default' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [c0] } } };
runTable('PodTemplate', UPSTREAM, podTemplate, [
  { name: 'valid', patch: {} },
  { name: 'template label errors sit on template.labels', patch: { template: { metadata: { labels: { app: 'a b' } } } }, errors: [['Invalid', 'template.labels']] },
  { name: 'template without containers', patch: { template: { spec: { containers: [] } } }, errors: [['Required', 'template.spec.containers']] },
  { name: 'ephemeral containers in a template', patch: { template: { spec: { ephemeralContainers: [{ name: 'd', image: 'busybox' }] } } }, errors: [['Forbidden', 'template.spec.ephemeralContainers', 'ephemeral containers not allowed in pod template']] },
]);
