// Object name, label key and label value rules as the Kubernetes API server
// validates them (apimachinery validation: IsDNS1123Label, IsDNS1123Subdomain,
// IsDNS1035Label, IsValidPathSegmentName, IsQualifiedName, IsValidLabelValue).
// Each check returns a short reason, or undefined when the value is valid.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function dns1123Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1123_LABEL.test(value)) return "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (a DNS-1123 label)";
  return undefined;
}

export function dns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) return "must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (a DNS-1123 subdomain)";
  return undefined;
}

export function dns1035Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1035_LABEL.test(value)) return "must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (a DNS-1035 label)";
  return undefined;
}

export function pathSegmentName(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (value.includes('/')) return "may not contain '/'";
  if (value.includes('%')) return "may not contain '%'";
  return undefined;
}

export type NameRule = 'dns1123-label' | 'dns1123-subdomain' | 'dns1035-label' | 'path-segment';

/**
 * Built-in kinds whose names are DNS-1123 labels. Service names were DNS-1035
 * labels (must start with a letter) until KEP-5311 (RelaxedServiceNameValidation,
 * on by default since 1.36) relaxed them to DNS-1123 labels.
 */
const LABEL_NAMED = new Set(['/Namespace', '/Service']);
const DNS1035_NAMED = new Set<string>();
/** Kinds validated only as path segments (RBAC objects allow `system:foo`, ...). */
const PATH_SEGMENT_NAMED = new Set([
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/RoleBinding',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiregistration.k8s.io/APIService',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
]);
/** Built-in kinds known to require DNS-1123 subdomain names. */
const SUBDOMAIN_NAMED = new Set([
  '/Pod', '/ConfigMap', '/Secret', '/ServiceAccount', '/PersistentVolume', '/PersistentVolumeClaim', '/Node',
  '/ReplicationController', '/PodTemplate', '/Endpoints', '/LimitRange', '/ResourceQuota',
  'apps/Deployment', 'apps/ReplicaSet', 'apps/DaemonSet', 'apps/StatefulSet', 'apps/ControllerRevision',
  'batch/Job', 'batch/CronJob', 'autoscaling/HorizontalPodAutoscaler',
  'networking.k8s.io/Ingress', 'networking.k8s.io/IngressClass', 'networking.k8s.io/NetworkPolicy',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'coordination.k8s.io/Lease',
  'discovery.k8s.io/EndpointSlice', 'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/MutatingWebhookConfiguration',
]);

// Kinds whose validators do not call ValidateObjectMeta with a name rule (for
// example PodDisruptionBudget) only get the generic path-segment rule.

/**
 * The name rule for a kind. Custom resources use DNS-1123 subdomains (the API
 * server validates CR names that way); built-in kinds not listed get only the
 * path-segment rule every object name obeys, so nothing valid is rejected.
 */
export function nameRuleForKind(group: string, kind: string, builtin: boolean): NameRule {
  const key = `${group}/${kind}`;
  if (LABEL_NAMED.has(key)) return 'dns1123-label';
  if (DNS1035_NAMED.has(key)) return 'dns1035-label';
  if (PATH_SEGMENT_NAMED.has(key)) return 'path-segment';
  if (SUBDOMAIN_NAMED.has(key) || !builtin) return 'dns1123-subdomain';
  return 'path-segment';
}

/** Extra length limits on top of the rule (CronJob names get an 11-character Job suffix). */
const MAX_LENGTH: Record<string, number> = { 'batch/CronJob': 52 };

/** Why `name` is not a valid metadata.name for the kind, or undefined. */
export function validateObjectName(group: string, kind: string, name: string, builtin: boolean): string | undefined {
  if (name === '') return 'must not be empty';
  const max = MAX_LENGTH[`${group}/${kind}`];
  if (max !== undefined && name.length > max) return `must be no more than ${max} characters`;
  switch (nameRuleForKind(group, kind, builtin)) {
    case 'dns1123-label':
      return dns1123Label(name);
    case 'dns1035-label':
      return dns1035Label(name);
    case 'dns1123-subdomain':
      return dns1123Subdomain(name);
    default:
      return pathSegmentName(name);
  }
}

/** Why `key` is not a valid label (or annotation) key: `[prefix/]name`. */
export function validateLabelKey(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return "a qualified name may contain at most one '/'";
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix === '') return 'prefix part must be non-empty';
    const p = dns1123Subdomain(prefix);
    if (p) return `prefix part ${p}`;
  }
  if (name === '') return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** Why `value` is not a valid label value, or undefined. */
export function validateLabelValue(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) return "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}
