// PersistentVolume and PersistentVolumeClaim tables, ported from upstream
// pkg/apis/core/validation/validation_test.go (TestValidatePersistentVolumes,
// TestValidatePersistentVolumeSourceUpdate, TestValidatePersistentVolumeClaim,
// TestValidateLocalVolumes, TestValidatePVCSelector) and
// pkg/api/persistentvolume/util_test.go, pkg/api/persistentvolumeclaim/util_test.go (warnings).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/core/validation/validation_test.go';
const pv = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1' },
  spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
};

runTable('PersistentVolume', UPSTREAM, pv, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'missing accessModes', patch: { spec: { accessModes: [] } }, namespaced: false, errors: [['Required', 'spec.accessModes']] },
  { name: 'unknown access mode', patch: { spec: { accessModes: ['ReadWriteAll'] } }, namespaced: false, errors: [['NotSupported', 'spec.accessModes', 'supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"']] },
  { name: 'ReadWriteOncePod with another mode', patch: { spec: { accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] } }, namespaced: false, errors: [['Forbidden', 'spec.accessModes', 'may not use ReadWriteOncePod with other access modes']] },
  { name: 'missing capacity', patch: { spec: { capacity: null } }, namespaced: false, errors: [['Required', 'spec.capacity'], ['NotSupported', 'spec.capacity']] },
  { name: 'capacity other than storage', patch: { spec: { capacity: { storage: '1Gi', cpu: '1' } } }, namespaced: false, errors: [['NotSupported', 'spec.capacity', 'supported values: "storage"']] },
  { name: 'zero capacity', patch: { spec: { capacity: { storage: '0' } } }, namespaced: false, errors: [['Invalid', 'spec.capacity[storage]', 'must be greater than zero']] },
  { name: 'no volume source', patch: { spec: { hostPath: null } }, namespaced: false, errors: [['Required', 'spec', 'must specify a volume type']] },
  { name: 'two volume sources', patch: { spec: { nfs: { server: 'nfs', path: '/x' } } }, namespaced: false, errors: [['Forbidden', 'spec.nfs', 'may not specify more than 1 volume type']] },
  { name: 'nfs relative path', patch: { spec: { hostPath: null, nfs: { server: 'nfs', path: 'x' } } }, namespaced: false, errors: [['Invalid', 'spec.nfs.path', 'must be an absolute path']] },
  { name: 'hostPath with backsteps', patch: { spec: { hostPath: { path: '/a/../b' } } }, namespaced: false, errors: [['Invalid', 'spec.hostPath.path', "must not contain '..'"]] },
  { name: 'invalid storageClassName', patch: { spec: { storageClassName: 'Fast_SSD' } }, namespaced: false, errors: [['Invalid', 'spec.storageClassName']] },
  { name: 'unknown volumeMode', patch: { spec: { volumeMode: 'Raw' } }, namespaced: false, errors: [['NotSupported', 'spec.volumeMode', 'supported values: "Block", "Filesystem"']] },
  { name: 'unknown reclaim policy', patch: { spec: { persistentVolumeReclaimPolicy: 'Keep' } }, namespaced: false, errors: [['NotSupported', 'spec.persistentVolumeReclaimPolicy', 'supported values: "Delete", "Recycle", "Retain"']] },
  { name: 'Recycle warns', patch: { spec: { persistentVolumeReclaimPolicy: 'Recycle' } }, namespaced: false, warnings: ['spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.'] },
  { name: 'Recycle of hostPath /', patch: { spec: { persistentVolumeReclaimPolicy: 'Recycle', hostPath: { path: '/' } } }, namespaced: false, errors: [['Forbidden', 'spec.persistentVolumeClaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"]], warnings: ['Recycle reclaim policy is deprecated'] },
  { name: 'local without node affinity', patch: { spec: { hostPath: null, local: { path: '/mnt/disk' } } }, namespaced: false, errors: [['Required', 'spec.nodeAffinity', 'Local volume requires node affinity']] },
  { name: 'local with node affinity', patch: { spec: { hostPath: null, local: { path: '/mnt/disk' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } } } }, namespaced: false },
  { name: 'node affinity without terms', patch: { spec: { nodeAffinity: { required: { nodeSelectorTerms: [] } } } }, namespaced: false, errors: [['Required', 'spec.nodeAffinity.required.nodeSelectorTerms']] },
  { name: 'deprecated node label in node affinity warns', patch: { spec: { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'beta.kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } } }, namespaced: false, warnings: ['spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key: beta.kubernetes.io/os is deprecated since v1.14; use "kubernetes.io/os" instead'] },
  { name: 'deprecated storage-class annotation warns', patch: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' } } }, namespaced: false, warnings: ['metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead'] },
  { name: 'cephfs warns', patch: { spec: { hostPath: null, cephfs: { monitors: ['10.0.0.1:6789'] } } }, namespaced: false, warnings: ['spec.cephfs: deprecated in v1.28, non-functional in v1.31+'] },
  { name: 'csi without volumeHandle', patch: { spec: { hostPath: null, csi: { driver: 'ebs.csi.aws.com' } } }, namespaced: false, errors: [['Required', 'spec.csi.volumeHandle']] },
  { name: 'invalid name', patch: { metadata: { name: 'PV_NAME' } }, namespaced: false, errors: [['Invalid', 'metadata.name']] },
]);

const pvc = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
};

runTable('PersistentVolumeClaim', UPSTREAM, pvc, [
  { name: 'valid', patch: {} },
  { name: 'missing accessModes', patch: { spec: { accessModes: null } }, errors: [['Required', 'spec.accessModes', 'at least 1 access mode is required']] },
  { name: 'unknown access mode', patch: { spec: { accessModes: ['ReadWrite'] } }, errors: [['NotSupported', 'spec.accessModes']] },
  { name: 'missing storage request', patch: { spec: { resources: { requests: null } } }, errors: [['Required', 'spec.resources[storage]']] },
  { name: 'zero storage request', patch: { spec: { resources: { requests: { storage: '0' } } } }, errors: [['Invalid', 'spec.resources[storage]', 'must be greater than zero']] },
  { name: 'negative storage request', patch: { spec: { resources: { requests: { storage: '-1Gi' } } } }, errors: [['Invalid', 'spec.resources[storage]', 'must be greater than zero']] },
  { name: 'storageClassName not a DNS subdomain', patch: { spec: { storageClassName: 'Fast SSD' } }, errors: [['Invalid', 'spec.storageClassName']] },
  { name: 'empty storageClassName is allowed', patch: { spec: { storageClassName: '' } } },
  { name: 'unknown volumeMode', patch: { spec: { volumeMode: 'Raw' } }, errors: [['NotSupported', 'spec.volumeMode']] },
  { name: 'invalid selector', patch: { spec: { selector: { matchExpressions: [{ key: 'tier', operator: 'In' }] } } }, errors: [['Required', 'spec.selector.matchExpressions[0].values']] },
  { name: 'dataSource without name', patch: { spec: { dataSource: { kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' } } }, errors: [['Required', 'spec.dataSource.name']] },
  { name: 'fractional storage warns', patch: { spec: { resources: { requests: { storage: '1.5' } } } }, warnings: ['spec.resources.requests[storage]: fractional byte value "1500m" is invalid, must be an integer'] },
  { name: 'invalid name', patch: { metadata: { name: 'PVC_NAME' } }, errors: [['Invalid', 'metadata.name']] },
]);
