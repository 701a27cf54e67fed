// storage group validation tables, ported from upstream
// pkg/apis/storage/validation/validation_test.go (TestValidateStorageClass,
// TestValidateAllowedTopologies, TestVolumeAttachmentValidation, TestCSIDriverValidation...).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/storage/validation/validation_test.go';

const sc = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', parameters: { type: 'gp3' } };
runTable('StorageClass', UPSTREAM, sc, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid legacy provisioner', patch: { provisioner: 'kubernetes.io/aws-ebs', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }, namespaced: false },
  { name: 'valid topology', patch: { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['us-east-1a', 'us-east-1b'] }] }] }, namespaced: false },
  { name: 'missing provisioner', patch: { provisioner: null }, namespaced: false, errors: [['Required', 'provisioner']] },
  { name: 'invalid provisioner', patch: { provisioner: 'kubernetes.io/aws/ebs' }, namespaced: false, errors: [['Invalid', 'provisioner']] },
  { name: 'bad reclaimPolicy', patch: { reclaimPolicy: 'Recycle' }, namespaced: false, errors: [['NotSupported', 'reclaimPolicy', 'supported values: "Delete", "Retain"']] },
  { name: 'bad volumeBindingMode', patch: { volumeBindingMode: 'Later' }, namespaced: false, errors: [['NotSupported', 'volumeBindingMode', 'supported values: "Immediate", "WaitForFirstConsumer"']] },
  { name: 'missing volumeBindingMode (no defaults)', patch: {}, noDefaults: true, namespaced: false, errors: [['Required', 'volumeBindingMode']] },
  { name: 'empty parameter key', patch: { parameters: { '': 'x' } }, namespaced: false, errors: [['Invalid', 'parameters', 'field can not be empty.']] },
  { name: 'topology without values', patch: { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: [] }] }] }, namespaced: false, errors: [['Required', 'allowedTopologies[0].matchLabelExpressions[0].values']] },
  { name: 'duplicate topology terms', patch: { allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }, { matchLabelExpressions: [{ key: 'zone', values: ['a'] }] }] }, namespaced: false, errors: [['Duplicate', 'allowedTopologies[1].matchLabelExpressions']] },
  { name: 'deprecated topology label warns', patch: { allowedTopologies: [{ matchLabelExpressions: [{ key: 'failure-domain.beta.kubernetes.io/zone', values: ['a'] }] }] }, namespaced: false, warnings: ['allowedTopologies[0].matchLabelExpressions[0].key: deprecated since v1.17; use "topology.kubernetes.io/zone" instead'] },
  { name: 'invalid topology key', patch: { allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone key', values: ['a'] }] }] }, namespaced: false, errors: [['Invalid', 'allowedTopologies[0].matchLabelExpressions[0].key']] },
]);

runTable('CSIDriver', UPSTREAM, { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'ebs.csi.aws.com' }, spec: { attachRequired: true } }, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid full spec', patch: { spec: { fsGroupPolicy: 'File', volumeLifecycleModes: ['Persistent', 'Ephemeral'], tokenRequests: [{ audience: 'vault', expirationSeconds: 3600 }] } }, namespaced: false },
  { name: 'name too long', patch: { metadata: { name: `${'a'.repeat(60)}.com` } }, namespaced: false, errors: [['TooLong', 'name']] },
  { name: 'name not a DNS subdomain (path is `name`)', patch: { metadata: { name: 'ebs_csi' } }, namespaced: false, errors: [['Invalid', 'name']] },
  { name: 'upper-case name is valid (checked lower-cased)', patch: { metadata: { name: 'EBS.csi.aws.com' } }, namespaced: false },
  { name: 'missing name', patch: { metadata: { name: null } }, namespaced: false, errors: [['Required', 'name'], ['Invalid', 'name']] },
  { name: 'bad lifecycle mode', patch: { spec: { volumeLifecycleModes: ['Inline'] } }, namespaced: false, errors: [['NotSupported', 'spec.volumeLifecycleModes', 'supported values: "Persistent", "Ephemeral"']] },
  { name: 'bad fsGroupPolicy', patch: { spec: { fsGroupPolicy: 'Always' } }, namespaced: false, errors: [['NotSupported', 'spec.fsGroupPolicy', 'supported values: "File", "None", "ReadWriteOnceWithFSType"']] },
  { name: 'duplicate audience', patch: { spec: { tokenRequests: [{ audience: 'a' }, { audience: 'a' }] } }, namespaced: false, errors: [['Duplicate', 'spec.tokenRequests[1].audience']] },
  { name: 'short token', patch: { spec: { tokenRequests: [{ audience: 'a', expirationSeconds: 60 }] } }, namespaced: false, errors: [['Invalid', 'spec.tokenRequests[0].expirationSeconds', 'may not specify a duration less than 10 minutes']] },
]);

const va = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'va-1' }, spec: { attacher: 'ebs.csi.aws.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } } };
runTable('VolumeAttachment', UPSTREAM, va, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'missing attacher', patch: { spec: { attacher: null } }, namespaced: false, errors: [['Required', 'spec.attacher']] },
  { name: 'invalid attacher', patch: { spec: { attacher: 'EBS driver' } }, namespaced: false, errors: [['Invalid', 'spec.attacher']] },
  { name: 'no source', patch: { spec: { source: null } }, namespaced: false, errors: [['Required', 'spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName']] },
  { name: 'both sources', patch: { spec: { source: { inlineVolumeSpec: { csi: { driver: 'd', volumeHandle: 'h' } } } } }, namespaced: false, errors: [['Forbidden', 'spec.source']] },
  { name: 'invalid nodeName', patch: { spec: { nodeName: 'Node_1' } }, namespaced: false, errors: [['Invalid', 'spec.nodeName']] },
  { name: 'missing nodeName', patch: { spec: { nodeName: null } }, namespaced: false, errors: [['Invalid', 'spec.nodeName']] },
]);

runTable('VolumeAttributesClass', UPSTREAM, { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttributesClass', metadata: { name: 'gold' }, driverName: 'ebs.csi.aws.com', parameters: { iops: '3000' } }, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'missing driverName', patch: { driverName: null }, namespaced: false, errors: [['Required', 'driverName']] },
  { name: 'invalid driverName', patch: { driverName: 'ebs csi' }, namespaced: false, errors: [['Invalid', 'driverName']] },
  { name: 'no parameters', patch: { parameters: null }, namespaced: false, errors: [['Required', 'parameters', 'must contain at least one key/value pair']] },
]);

runTable('CSIStorageCapacity', UPSTREAM, { apiVersion: 'storage.k8s.io/v1', kind: 'CSIStorageCapacity', metadata: { name: 'cap-1', namespace: 'default' }, storageClassName: 'fast', capacity: '10Gi', nodeTopology: { matchLabels: { zone: 'a' } } }, [
  { name: 'valid', patch: {} },
  { name: 'missing storageClassName', patch: { storageClassName: null }, errors: [['Invalid', 'storageClassName']] },
  { name: 'negative capacity', patch: { capacity: '-1Gi' }, errors: [['Invalid', 'capacity', 'must be greater than or equal to 0']] },
  { name: 'invalid topology selector', patch: { nodeTopology: { matchLabels: { 'a b': 'c' } } }, errors: [['Invalid', 'nodeTopology.matchLabels']] },
]);
