// rbac group validation tables, ported from upstream
// pkg/apis/rbac/validation/validation_test.go (TestValidateRole*, TestValidateClusterRole*,
// TestValidateRoleBinding*, TestValidateClusterRoleBinding*, TestValidateRoleNonResourceURL...).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/rbac/validation/validation_test.go';
const G = 'rbac.authorization.k8s.io';

runTable('Role', UPSTREAM, { apiVersion: `${G}/v1`, kind: 'Role', metadata: { name: 'reader', namespace: 'default' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, [
  { name: 'valid', patch: {} },
  { name: 'colon in name is valid', patch: { metadata: { name: 'system:reader' } } },
  { name: 'slash in name', patch: { metadata: { name: 'a/b' } }, errors: [['Invalid', 'metadata.name', "may not contain '/'"]] },
  { name: 'no verbs', patch: { rules: [{ apiGroups: [''], resources: ['pods'] }] }, errors: [['Required', 'rules[0].verbs', 'verbs must contain at least one value']] },
  { name: 'no apiGroups', patch: { rules: [{ resources: ['pods'], verbs: ['get'] }] }, errors: [['Required', 'rules[0].apiGroups', 'resource rules must supply at least one api group']] },
  { name: 'no resources', patch: { rules: [{ apiGroups: [''], verbs: ['get'] }] }, errors: [['Required', 'rules[0].resources', 'resource rules must supply at least one resource']] },
  { name: 'non-resource URL in a Role', patch: { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] }, errors: [['Invalid', 'rules[0].nonResourceURLs', 'namespaced rules cannot apply to non-resource URLs']] },
  { name: 'empty rule', patch: { rules: [{}] }, errors: [['Required', 'rules[0].verbs'], ['Required', 'rules[0].apiGroups'], ['Required', 'rules[0].resources']] },
]);

runTable('ClusterRole', UPSTREAM, { apiVersion: `${G}/v1`, kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid non-resource URL', patch: { rules: [{ nonResourceURLs: ['/healthz', '/metrics'], verbs: ['get'] }] }, namespaced: false },
  { name: 'non-resource URL with resources', patch: { rules: [{ nonResourceURLs: ['/healthz'], resources: ['pods'], verbs: ['get'] }] }, namespaced: false, errors: [['Invalid', 'rules[0].nonResourceURLs', 'rules cannot apply to both regular resources and non-resource URLs']] },
  { name: 'valid aggregation', patch: { rules: [], aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }] } }, namespaced: false },
  { name: 'empty aggregation', patch: { aggregationRule: { clusterRoleSelectors: [] } }, namespaced: false, errors: [['Required', 'aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil']] },
  { name: 'invalid aggregation selector', patch: { aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'In' }] }] } }, namespaced: false, errors: [['Required', 'aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values'], ['Invalid', 'aggregationRule.clusterRoleSelectors[0]', 'invalid label selector.']] },
]);

const binding = { apiVersion: `${G}/v1`, kind: 'RoleBinding', metadata: { name: 'read-pods', namespace: 'default' }, roleRef: { apiGroup: G, kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }] };
runTable('RoleBinding', UPSTREAM, binding, [
  { name: 'valid', patch: {} },
  { name: 'valid ClusterRole ref, User and Group subjects', patch: { roleRef: { kind: 'ClusterRole' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: G }, { kind: 'Group', name: 'devs' }] } },
  { name: 'roleRef apiGroup defaulted', patch: { roleRef: { apiGroup: null } } },
  { name: 'bad roleRef apiGroup', patch: { roleRef: { apiGroup: 'rbac' } }, errors: [['NotSupported', 'roleRef.apiGroup', 'supported values: "rbac.authorization.k8s.io"']] },
  { name: 'bad roleRef kind', patch: { roleRef: { kind: 'Binding' } }, errors: [['NotSupported', 'roleRef.kind', 'supported values: "Role", "ClusterRole"']] },
  { name: 'missing roleRef name', patch: { roleRef: { name: null } }, errors: [['Required', 'roleRef.name']] },
  { name: 'roleRef name with slash', patch: { roleRef: { name: 'a/b' } }, errors: [['Invalid', 'roleRef.name']] },
  { name: 'subject without name', patch: { subjects: [{ kind: 'User', apiGroup: G }] }, errors: [['Required', 'subjects[0].name']] },
  { name: 'unknown subject kind', patch: { subjects: [{ kind: 'Robot', name: 'r2' }] }, errors: [['NotSupported', 'subjects[0].kind', 'supported values: "ServiceAccount", "User", "Group"']] },
  { name: 'ServiceAccount with apiGroup', patch: { subjects: [{ kind: 'ServiceAccount', name: 'default', apiGroup: G }] }, errors: [['NotSupported', 'subjects[0].apiGroup', 'supported values: ""']] },
  { name: 'invalid ServiceAccount name', patch: { subjects: [{ kind: 'ServiceAccount', name: 'Default_SA' }] }, errors: [['Invalid', 'subjects[0].name']] },
  { name: 'User with wrong apiGroup', patch: { subjects: [{ kind: 'User', name: 'jane', apiGroup: 'v1' }] }, errors: [['NotSupported', 'subjects[0].apiGroup']] },
]);

runTable('ClusterRoleBinding', UPSTREAM, { ...binding, kind: 'ClusterRoleBinding', metadata: { name: 'read-pods' }, roleRef: { apiGroup: G, kind: 'ClusterRole', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }] }, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'Role ref not allowed', patch: { roleRef: { kind: 'Role' } }, namespaced: false, errors: [['NotSupported', 'roleRef.kind', 'supported values: "ClusterRole"']] },
  { name: 'ServiceAccount without namespace', patch: { subjects: [{ kind: 'ServiceAccount', name: 'default' }] }, namespaced: false, errors: [['Required', 'subjects[0].namespace']] },
  { name: 'Group subject', patch: { subjects: [{ kind: 'Group', name: 'system:masters' }] }, namespaced: false },
]);
