// Pod, PodSpec and PodTemplateSpec (the template is what workloads embed: H2's
// apps/batch validators call validatePodTemplateSpec).
// Upstream: pkg/apis/core/validation/validation.go (ValidatePodCreate,
// ValidatePodSpec, ValidatePodTemplateSpec, validateRestartPolicy,
// validateDNSPolicy, validatePodDNSConfig, ValidateHostAliases,
// ValidatePodSecurityContext, validateImagePullSecrets, validateContainersOnlyForPod)
// and pkg/apis/core/validation/names (ValidatePodName = NameIsDNSSubdomain).

import { FieldPath, duplicate, forbidden, invalid, notSupported, required, type FieldError } from './field';
import { validateContainers, validateDNS1123Label, validateEnv, validateIDs, validateInitContainers, validateSeccompProfile } from './containers';
import { validateAnnotations, validateCreateMeta, validateLabels, validateObjectMeta } from './meta';
import { isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, validateIP } from './names';
import { podWarnings } from './pod-warnings';
import { validateResourceList, validateResourceRequirements } from './resources';
import { validateAffinity, validateTolerations, validateTopologySpreadConstraints } from './scheduling-rules';
import { asList, isNum, isObj, isStr, type Json, type KindValidator, type ValidationResult, isMissing, isWrongType } from './types';
import { validateVolumes } from './volumes';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_INT32 = 2147483647;

/**
 * validateRestartPolicy. An absent policy is filled by the defaulter (Always),
 * except in Job templates, whose own rule (batch) reports it; so only a present,
 * unknown value is an error here.
 */
function validateRestartPolicy(policy: unknown, path: FieldPath): FieldError[] {
  if (policy === undefined || policy === null) return [];
  if (policy === '') return [required(path, '')];
  return RESTART_POLICIES.includes(policy as string) ? [] : [notSupported(path, policy, RESTART_POLICIES)];
}

function validateDNSPolicy(policy: unknown, path: FieldPath): FieldError[] {
  if (policy === undefined || policy === null || policy === '') return [];
  return DNS_POLICIES.includes(policy as string) ? [] : [notSupported(path, policy, DNS_POLICIES)];
}

function validatePodDNSConfig(cfg: unknown, policy: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (policy === 'None' && !isObj(cfg)) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
  if (!isObj(cfg)) return errs;
  const nameservers = asList(cfg.nameservers);
  if (policy === 'None' && nameservers.length === 0 && !isWrongType(cfg.nameservers, 'list')) errs.push(required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
  if (nameservers.length > 3) errs.push(invalid(path.child('nameservers'), nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => {
    if (isStr(ns)) errs.push(...validateIP(path.child('nameservers').index(i), ns));
  });
  const searches = asList(cfg.searches);
  if (searches.length > 32) errs.push(invalid(path.child('searches'), searches, 'must not have more than 32 search paths'));
  searches.forEach((s, i) => {
    if (!isStr(s)) return;
    // A trailing dot is allowed (absolute domain name).
    const d = s.endsWith('.') ? s.slice(0, -1) : s;
    if (s !== '.') for (const m of isDNS1123Subdomain(d)) errs.push(invalid(path.child('searches').index(i), d, m));
  });
  asList(cfg.options).forEach((o, i) => {
    if (isObj(o) && (isMissing(o.name))) errs.push(required(path.child('options').index(i), 'Option.Name must not be empty'));
  });
  return errs;
}

function validateHostAliases(aliases: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(aliases).forEach((a, i) => {
    if (!isObj(a)) return;
    const p = path.index(i);
    errs.push(...validateIP(p.child('ip'), isStr(a.ip) ? a.ip : ''));
    for (const h of asList(a.hostnames)) if (isStr(h)) for (const m of isDNS1123Subdomain(h)) errs.push(invalid(p.child('hostnames'), h, m));
  });
  return errs;
}

const FS_GROUP_CHANGE_POLICIES = ['OnRootMismatch', 'Always'];

function validatePodSecurityContext(sc: unknown, path: FieldPath): FieldError[] {
  if (!isObj(sc)) return [];
  const errs = validateIDs(sc, ['runAsUser', 'runAsGroup', 'fsGroup'], path);
  asList(sc.supplementalGroups).forEach((g, i) => {
    if (isNum(g) && (g < 0 || g > 0xffffffff)) errs.push(invalid(path.child('supplementalGroups').index(i), g, 'must be between 0 and 4294967295, inclusive'));
  });
  if (isStr(sc.fsGroupChangePolicy) && !FS_GROUP_CHANGE_POLICIES.includes(sc.fsGroupChangePolicy)) {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, FS_GROUP_CHANGE_POLICIES));
  }
  errs.push(...validateSeccompProfile(sc.seccompProfile, path.child('seccompProfile')));
  const names = new Set<string>();
  asList(sc.sysctls).forEach((s, i) => {
    if (!isObj(s)) return;
    const p = path.child('sysctls').index(i);
    const name = isStr(s.name) ? s.name : '';
    if (name === '') errs.push(required(p.child('name'), ''));
    else if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    names.add(name);
  });
  return errs;
}

function validateImagePullSecrets(secrets: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(secrets).forEach((s, i) => {
    if (isObj(s) && Object.keys(s).some((k) => k !== 'name')) errs.push(invalid(path.index(i), s, 'only name may be set'));
  });
  return errs;
}

function nameErrors(value: unknown, path: FieldPath): FieldError[] {
  return isStr(value) && value !== '' ? nameIsDNSSubdomain(value, false).map((m) => invalid(path, value, m)) : [];
}

/** ValidatePodSpec. `path` is where the spec sits (`spec`, `spec.template.spec`). */
export function validatePodSpec(spec: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const s: Json = isObj(spec) ? spec : {};
  const vols = validateVolumes(s.volumes, path.child('volumes'));
  errs.push(...vols.errors);
  const claims = asList(s.resourceClaims).flatMap((c) => (isObj(c) && isStr(c.name) ? [c.name] : []));
  errs.push(...validateContainers(s.containers, vols.names, path.child('containers'), claims));
  errs.push(...validateInitContainers(s.initContainers, s.containers, vols.names, path.child('initContainers'), claims));
  errs.push(...validateRestartPolicy(s.restartPolicy, path.child('restartPolicy')));
  errs.push(...validateDNSPolicy(s.dnsPolicy, path.child('dnsPolicy')));
  errs.push(...validateLabels(s.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSecurityContext(s.securityContext, path.child('securityContext')));
  errs.push(...validateImagePullSecrets(s.imagePullSecrets, path.child('imagePullSecrets')));
  errs.push(...validateAffinity(s.affinity, path.child('affinity')));
  errs.push(...validatePodDNSConfig(s.dnsConfig, s.dnsPolicy, path.child('dnsConfig')));
  errs.push(...nameErrors(s.serviceAccountName, path.child('serviceAccountName')));
  errs.push(...nameErrors(s.nodeName, path.child('nodeName')));
  if (s.hostNetwork === true) {
    asList(s.containers).forEach((c, ci) => {
      if (!isObj(c)) return;
      asList(c.ports).forEach((port, pi) => {
        if (isObj(port) && isNum(port.hostPort) && isNum(port.containerPort) && port.hostPort !== port.containerPort) {
          errs.push(invalid(path.child('containers').index(ci).child('ports').index(pi).child('containerPort'), port.containerPort, 'must match `hostPort` when `hostNetwork` is true'));
        }
      });
    });
  }
  if (isNum(s.activeDeadlineSeconds) && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), s.activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`));
  }
  if (isStr(s.hostname) && s.hostname !== '') errs.push(...validateDNS1123Label(s.hostname, path.child('hostname')));
  if (isStr(s.subdomain) && s.subdomain !== '') errs.push(...validateDNS1123Label(s.subdomain, path.child('subdomain')));
  errs.push(...validateTolerations(s.tolerations, path.child('tolerations')));
  errs.push(...validateHostAliases(s.hostAliases, path.child('hostAliases')));
  errs.push(...nameErrors(s.priorityClassName, path.child('priorityClassName')));
  errs.push(...nameErrors(s.runtimeClassName, path.child('runtimeClassName')));
  errs.push(...validateTopologySpreadConstraints(s.topologySpreadConstraints, path.child('topologySpreadConstraints')));
  if (isObj(s.overhead)) errs.push(...validateResourceList(s.overhead, path.child('overhead')));
  if (isObj(s.resources)) errs.push(...validateResourceRequirements(s.resources, path.child('resources'), claims));
  if (isObj(s.os)) {
    // validateOS: the unsupported name is reported on `os` itself (upstream's path).
    if (isMissing(s.os.name)) errs.push(required(path.child('os', 'name'), 'cannot be empty'));
    else if (isStr(s.os.name) && !['linux', 'windows'].includes(s.os.name)) errs.push(notSupported(path.child('os'), s.os.name, ['linux', 'windows']));
  }
  asList(s.readinessGates).forEach((g, i) => {
    if (isObj(g) && isStr(g.conditionType)) {
      for (const m of isQualifiedName(g.conditionType)) errs.push(invalid(path.child('readinessGates').index(i).child('conditionType'), g.conditionType, m));
    }
  });
  asList(s.ephemeralContainers).forEach((c, i) => {
    if (isObj(c)) errs.push(...validateEnv(c.env, path.child('ephemeralContainers').index(i).child('env')));
  });
  return errs;
}

/**
 * ValidatePodTemplateSpec: template labels/annotations (on `<path>.labels`, not
 * `<path>.metadata.labels`, as upstream), the spec, and no ephemeral containers.
 */
export function validatePodTemplateSpec(template: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const t: Json = isObj(template) ? template : {};
  const meta: Json = isObj(t.metadata) ? t.metadata : {};
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpec(t.spec, path.child('spec')));
  if (isObj(t.spec) && asList(t.spec.ephemeralContainers).length > 0) {
    errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

/** validateContainersOnlyForPod: images without surrounding whitespace. */
function validateContainersOnlyForPod(list: unknown, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  asList(list).forEach((c, i) => {
    if (isObj(c) && isStr(c.image) && c.image !== c.image.trim()) errs.push(invalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

/** Pod (create): metadata, spec, pod-only container rules, no ephemeral containers; warnings. */
export const validatePod: KindValidator = (obj, opts, out: ValidationResult) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  const specPath = FieldPath.root('spec');
  out.errors.push(...validatePodSpec(obj.spec, specPath));
  const spec: Json = isObj(obj.spec) ? obj.spec : {};
  out.errors.push(...validateContainersOnlyForPod(spec.containers, specPath.child('containers')));
  out.errors.push(...validateContainersOnlyForPod(spec.initContainers, specPath.child('initContainers')));
  if (asList(spec.ephemeralContainers).length > 0) out.errors.push(forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
  out.warnings.push(...podWarnings(obj.metadata, obj.spec, FieldPath.root()));
};

/** PodTemplate (core kind): metadata + template. */
export const validatePodTemplate: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  out.errors.push(...validatePodTemplateSpec(obj.template, FieldPath.root('template')));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
  const t = isObj(obj.template) ? obj.template : {};
  out.warnings.push(...podWarnings(t.metadata, t.spec, FieldPath.root('template')));
};
