// ConfigMap, Secret, ServiceAccount, Namespace and generic ObjectMeta (`/__meta__`)
// tables, ported from upstream pkg/apis/core/validation/validation_test.go
// (TestValidateConfigMap, TestValidateSecret, TestValidateDockerConfigSecret,
// TestValidateBasicAuthSecret, TestValidateSSHAuthSecret, TestValidateTLSSecret,
// TestValidateServiceAccount, TestValidateNamespace, TestValidateNamespaceFinalizeUpdate)
// and apimachinery pkg/api/validation/objectmeta_test.go (TestValidateObjectMetaNamespaces,
// TestValidateObjectMetaOwnerReferences, TestValidateAnnotations, TestValidateFinalizersPreventConflictingFinalizers).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/core/validation/validation_test.go';
const b64 = (s: string) => Buffer.from(s).toString('base64');

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.properties': 'a=b' } };
runTable('ConfigMap', UPSTREAM, configMap, [
  { name: 'valid', patch: {} },
  { name: 'valid keys', patch: { data: { KEY_NAME: 'x', 'key.name': 'y', 'key-name': 'z', '.hidden': '1' } } },
  { name: 'binaryData', patch: { binaryData: { 'logo.png': b64('PNG') } } },
  { name: 'key with slash', patch: { data: { 'conf/app.yaml': 'x' } }, errors: [['Invalid', 'data[conf/app.yaml]', "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]] },
  { name: 'key ..', patch: { data: { '..': 'x' } }, errors: [['Invalid', 'data[..]', "must not be '..'"]] },
  { name: 'key starting with ..', patch: { data: { '..data': 'x' } }, errors: [['Invalid', 'data[..data]', "must not start with '..'"]] },
  { name: 'key with space', patch: { data: { 'my key': 'x' } }, errors: [['Invalid', 'data[my key]']] },
  { name: 'key in data and binaryData', patch: { binaryData: { 'app.properties': b64('x') } }, errors: [['Invalid', 'data[app.properties]', 'duplicate of key present in binaryData']] },
  { name: 'invalid binaryData key', patch: { binaryData: { 'a:b': b64('x') } }, errors: [['Invalid', 'binaryData[a:b]']] },
  { name: 'too large', patch: { data: { big: 'x'.repeat(1024 * 1024 + 1) } }, errors: [['TooLong', '', 'may not be more than 1048576 bytes']] },
  { name: 'invalid name', patch: { metadata: { name: 'App_Config' } }, errors: [['Invalid', 'metadata.name']] },
]);

const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, type: 'Opaque', data: { password: b64('hunter2') } };
runTable('Secret', UPSTREAM, secret, [
  { name: 'valid', patch: {} },
  { name: 'stringData', patch: { stringData: { user: 'admin' } } },
  { name: 'invalid data key', patch: { data: { 'a/b': b64('x') } }, errors: [['Invalid', 'data[a/b]']] },
  { name: 'invalid stringData key is reported under data', patch: { stringData: { 'a b': 'x' } }, errors: [['Invalid', 'data[a b]']] },
  { name: 'too large', patch: { stringData: { big: 'x'.repeat(1024 * 1024 + 1) } }, errors: [['TooLong', 'data', 'may not be more than 1048576 bytes']] },
  { name: 'tls without keys', patch: { type: 'kubernetes.io/tls' }, errors: [['Required', 'data[tls.crt]'], ['Required', 'data[tls.key]']] },
  { name: 'tls with keys', patch: { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c'), 'tls.key': b64('k') } } },
  { name: 'tls keys from stringData', patch: { type: 'kubernetes.io/tls', data: null, stringData: { 'tls.crt': 'c', 'tls.key': 'k' } } },
  { name: 'tls missing key', patch: { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('c') } }, errors: [['Required', 'data[tls.key]']] },
  { name: 'dockerconfigjson missing', patch: { type: 'kubernetes.io/dockerconfigjson' }, errors: [['Required', 'data[.dockerconfigjson]']] },
  { name: 'dockerconfigjson valid', patch: { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":{}}') } } },
  { name: 'dockerconfigjson not JSON', patch: { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('auths: {}') } }, errors: [['Invalid', 'data[.dockerconfigjson]', "invalid character 'a' looking for beginning of value"]] },
  { name: 'dockerconfigjson is an array', patch: { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('[]') } }, errors: [['Invalid', 'data[.dockerconfigjson]', 'json: cannot unmarshal array into Go value of type map[string]interface {}']] },
  { name: 'dockercfg missing', patch: { type: 'kubernetes.io/dockercfg' }, errors: [['Required', 'data[.dockercfg]']] },
  { name: 'basic-auth without fields', patch: { type: 'kubernetes.io/basic-auth', data: null }, errors: [['Required', 'data[username]'], ['Required', 'data[password]']] },
  { name: 'basic-auth with password only', patch: { type: 'kubernetes.io/basic-auth' , data: { password: b64('x') } } },
  { name: 'ssh-auth without key', patch: { type: 'kubernetes.io/ssh-auth' }, errors: [['Required', 'data[ssh-privatekey]']] },
  { name: 'service-account-token without annotation', patch: { type: 'kubernetes.io/service-account-token' }, errors: [['Required', 'metadata.annotations[kubernetes.io/service-account.name]']] },
  { name: 'service-account-token with annotation', patch: { type: 'kubernetes.io/service-account-token', metadata: { annotations: { 'kubernetes.io/service-account.name': 'build' } } } },
  { name: 'custom type', patch: { type: 'example.com/custom' } },
]);

const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build', namespace: 'default' } };
runTable('ServiceAccount', UPSTREAM, sa, [
  { name: 'valid', patch: {} },
  { name: 'invalid name', patch: { metadata: { name: 'Build_Bot' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'missing name', patch: { metadata: { name: null } }, errors: [['Required', 'metadata.name']] },
  { name: 'resourceVersion on create (copied from kubectl get -o yaml)', patch: { metadata: { resourceVersion: '4711', uid: 'abc' } }, errors: [['Internal', 'metadata.resourceVersion', 'resourceVersion should not be set on objects to be created']] },
]);

const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };
runTable('Namespace', UPSTREAM, ns, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'dotted name', patch: { metadata: { name: 'team.a' } }, namespaced: false, errors: [['Invalid', 'metadata.name', 'must not contain dots']] },
  { name: 'upper-case name', patch: { metadata: { name: 'TeamA' } }, namespaced: false, errors: [['Invalid', 'metadata.name']] },
  { name: 'name too long', patch: { metadata: { name: 'a'.repeat(64) } }, namespaced: false, errors: [['Invalid', 'metadata.name', 'must be no more than 63 characters']] },
  { name: 'namespace field on a cluster-scoped object is cleared, not an error', patch: { metadata: { namespace: 'default' } }, namespaced: false },
  { name: 'standard spec finalizer', patch: { spec: { finalizers: ['kubernetes'] } }, namespaced: false },
  { name: 'unqualified spec finalizer', patch: { spec: { finalizers: ['cleanup'] } }, namespaced: false, errors: [['Invalid', 'spec.finalizers', 'name is neither a standard finalizer name nor is it fully qualified']] },
  { name: 'invalid spec finalizer', patch: { spec: { finalizers: ['a/b/c'] } }, namespaced: false, errors: [['Invalid', 'spec.finalizers']] },
]);

// Custom resources: ObjectMeta only (`/__meta__`), names are DNS subdomains.
const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' }, spec: { anything: true } };
runTable('Custom resource metadata', 'apimachinery/pkg/api/validation/objectmeta_test.go', cr, [
  { name: 'valid', patch: {} },
  { name: 'upper-case name', patch: { metadata: { name: 'daprConfig' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'missing name', patch: { metadata: { name: null } }, errors: [['Required', 'metadata.name', 'name or generateName is required']] },
  { name: 'unqualified finalizer is fine on a CR', patch: { metadata: { finalizers: ['cleanup'] } } },
  { name: 'invalid finalizer', patch: { metadata: { finalizers: ['a b'] } }, errors: [['Invalid', 'metadata.finalizers']] },
  { name: 'invalid label', patch: { metadata: { labels: { app: '-x' } } }, errors: [['Invalid', 'metadata.labels']] },
  { name: 'Event owner is banned', patch: { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: '1' }] } }, errors: [['Invalid', 'metadata.ownerReferences', '/v1, Kind=Event is disallowed from being an owner']] },
  { name: 'ownerReference without apiVersion version', patch: { metadata: { ownerReferences: [{ apiVersion: 'example.com/', kind: 'A', name: 'a', uid: '1' }] } }, errors: [['Invalid', 'metadata.ownerReferences.apiVersion', 'version must not be empty']] },
  { name: 'resourceVersion on create', patch: { metadata: { resourceVersion: '1' } }, errors: [['Internal', 'metadata.resourceVersion']] },
  // A built-in group without rules of its own here (APIService): the generic path-segment name rule.
  { name: 'path-segment names may not contain /', obj: { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'a/b' } }, namespaced: false, errors: [['Invalid', 'metadata.name', "may not contain '/'"]] },
  // FlowSchema names are DNS subdomains (flowcontrol ValidateFlowSchemaName), not path segments.
  { name: 'a FlowSchema name with a colon', obj: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name: 'system:leader-election' }, spec: { priorityLevelConfiguration: { name: 'leader-election' } } }, namespaced: false, errors: [['Invalid', 'metadata.name']] },
]);
