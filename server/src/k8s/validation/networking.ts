// API-server validation of the networking.k8s.io API group: Ingress,
// IngressClass, NetworkPolicy (create).
// Upstream: pkg/apis/networking/validation/validation.go (ValidateIngressCreate,
// ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath,
// validateIngressBackend, ValidateIngressClass, ValidateNetworkPolicy,
// ValidateNetworkPolicyPort/Peer, ValidateIPBlock), CIDR rules from
// staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go (IsValidCIDRForLegacyField,
// GetWarningsForCIDR); warnings from pkg/registry/networking/{ingress,networkpolicy}/strategy.go.

import { FieldPath, GoLiteral, forbidden, invalid, notSupported, required, tooLong, type ApiWarning, type FieldError } from './field';
import { SPEC, isDomainPrefixedPath, objAnnotations, validateMetaOf } from './groupHelpers';
import { validateLabelSelector } from './meta';
import {
  INVALID_CIDR,
  isDNS1123Subdomain,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  parseIP,
  validatePathSegmentName,
} from './names';
import { asList, asObj, isNum, isObj, isStr, type Json, type KindValidator, type ValidatorTable } from './types';

const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const SELECTOR_OPTS = { allowInvalidLabelValueInSelector: false };

// --- CIDRs (netutils.ParseCIDRSloppy + the legacy-field rules) ---

interface Cidr {
  v4: boolean;
  bytes: number[];
  bits: number;
}

/** ParseCIDRSloppy: `ip/len` (IPv4 octets may have leading zeros). */
export function parseCidr(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(value.slice(0, slash));
  const len = value.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(len)) return undefined;
  const bits = Number(len);
  if (bits > (ip.v4 ? 32 : 128)) return undefined;
  return { v4: ip.v4, bytes: ip.bytes, bits };
}

function masked(c: Cidr): number[] {
  return c.bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, c.bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

function formatIP(v4: boolean, bytes: number[]): string {
  if (v4) return bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // RFC 5952: the longest run (>1) of zero groups becomes '::'.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** IsValidCIDRForLegacyField (StrictIPCIDRValidation off: legacy forms are warnings, not errors). */
function validateLegacyCidr(path: FieldPath, value: string): FieldError[] {
  return parseCidr(value) ? [] : [invalid(path, value, INVALID_CIDR)];
}

/** GetWarningsForCIDR: ambiguous (bits beyond the prefix) and non-standard forms. */
export function cidrWarnings(path: FieldPath, value: string): ApiWarning[] {
  const c = parseCidr(value);
  if (!c) return [];
  const warnings: ApiWarning[] = [];
  const net = `${formatIP(c.v4, masked(c))}/${c.bits}`;
  if (masked(c).some((b, i) => b !== c.bytes[i])) {
    warnings.push({ path: path.steps(), message: `${path}: CIDR value ${JSON.stringify(value)} is ambiguous in this context (should be ${JSON.stringify(net)} or ${JSON.stringify(`${formatIP(c.v4, c.bytes)}/${c.v4 ? 32 : 128}`)}?)` });
  }
  const ipText = value.slice(0, value.indexOf('/'));
  const lenText = value.slice(value.indexOf('/') + 1);
  const leadingZeros = (c.v4 && ipText.split('.').some((o) => o.length > 1 && o.startsWith('0'))) || (lenText.length > 1 && lenText.startsWith('0'));
  const mapped4in6 = !c.v4 && c.bytes.slice(0, 10).every((b) => b === 0) && c.bytes[10] === 0xff && c.bytes[11] === 0xff;
  if (leadingZeros || mapped4in6) {
    warnings.push({ path: path.steps(), message: `${path}: non-standard CIDR value ${JSON.stringify(value)} will be considered invalid in a future Kubernetes release: use ${JSON.stringify(net)}` });
  }
  if (warnings.length === 0 && !c.v4) {
    const canonical = `${formatIP(false, c.bytes)}/${c.bits}`;
    if (canonical !== value) warnings.push({ path: path.steps(), message: `${path}: IPv6 CIDR value ${JSON.stringify(value)} should be in RFC 5952 canonical format (${JSON.stringify(canonical)})` });
  }
  return warnings;
}

/** `except` must be a strict subset of `cidr`. */
function strictSubset(outer: Cidr, inner: Cidr): boolean {
  if (outer.v4 !== inner.v4 || outer.bits >= inner.bits) return false;
  const o = masked(outer);
  const i = masked({ ...inner, bits: outer.bits });
  return o.every((b, k) => b === i[k]);
}

// --- NetworkPolicy ---

function validateNetworkPolicyPort(port: Json, p: FieldPath, errs: FieldError[]): void {
  const proto = port.protocol;
  if (isStr(proto) && proto !== 'TCP' && proto !== 'UDP' && proto !== 'SCTP') errs.push(notSupported(p.child('protocol'), proto, ['TCP', 'UDP', 'SCTP']));
  const hasEnd = isNum(port.endPort);
  if (isNum(port.port)) {
    for (const m of isValidPortNum(port.port)) errs.push(invalid(p.child('port'), port.port, m));
    if (isNum(port.endPort)) {
      if (port.endPort < port.port) errs.push(invalid(p.child('endPort'), port.port, 'must be greater than or equal to `port`'));
      for (const m of isValidPortNum(port.endPort)) errs.push(invalid(p.child('endPort'), port.endPort, m));
    }
  } else if (isStr(port.port)) {
    if (hasEnd) errs.push(invalid(p.child('endPort'), port.endPort, 'may not be specified when `port` is non-numeric'));
    for (const m of isValidPortName(port.port)) errs.push(invalid(p.child('port'), port.port, m));
  } else if (hasEnd) {
    errs.push(invalid(p.child('endPort'), port.endPort, 'may not be specified when `port` is not specified'));
  }
}

function validateIPBlock(ipb: Json, p: FieldPath, errs: FieldError[], warnings: ApiWarning[]): void {
  const cidr = isStr(ipb.cidr) ? ipb.cidr : '';
  if (cidr === '') {
    errs.push(required(p.child('cidr'), ''));
    return;
  }
  errs.push(...validateLegacyCidr(p.child('cidr'), cidr));
  warnings.push(...cidrWarnings(p.child('cidr'), cidr));
  const outer = parseCidr(cidr);
  if (!outer) return;
  asList(ipb.except).forEach((ex, i) => {
    if (!isStr(ex)) return;
    const ep = p.child('except').index(i);
    errs.push(...validateLegacyCidr(ep, ex));
    warnings.push(...cidrWarnings(ep, ex));
    const inner = parseCidr(ex);
    if (inner && !strictSubset(outer, inner)) errs.push(invalid(ep, ex, 'must be a strict subset of `cidr`'));
  });
}

function validateNetworkPolicyPeer(peer: Json, p: FieldPath, errs: FieldError[], warnings: ApiWarning[]): void {
  let n = 0;
  if (isObj(peer.podSelector)) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, SELECTOR_OPTS, p.child('podSelector')));
  }
  if (isObj(peer.namespaceSelector)) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, SELECTOR_OPTS, p.child('namespaceSelector')));
  }
  if (isObj(peer.ipBlock)) {
    n++;
    validateIPBlock(peer.ipBlock, p.child('ipBlock'), errs, warnings);
  }
  if (n === 0) errs.push(required(p, 'must specify a peer'));
  else if (n > 1 && isObj(peer.ipBlock)) errs.push(forbidden(p, 'may not specify both ipBlock and another peer'));
}

const validateNetworkPolicy: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  errs.push(...validateLabelSelector(spec.podSelector, SELECTOR_OPTS, SPEC.child('podSelector')));
  for (const [dir, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    asList(spec[dir]).forEach((rule, i) => {
      const rp = SPEC.child(dir).index(i);
      const r = asObj(rule);
      asList(r.ports).forEach((port, j) => {
        if (isObj(port)) validateNetworkPolicyPort(port, rp.child('ports').index(j), errs);
      });
      asList(r[peers]).forEach((peer, j) => {
        if (isObj(peer)) validateNetworkPolicyPeer(peer, rp.child(peers).index(j), errs, out.warnings);
      });
    });
  }
  const types = asList(spec.policyTypes);
  if (types.length > 2) errs.push(invalid(SPEC.child('policyTypes'), types, 'may not specify more than two policyTypes'));
  else {
    types.forEach((t, i) => {
      if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(SPEC.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
    });
  }
};

// --- Ingress ---

/** validateIngressTypedLocalObjectReference (backend.resource, IngressClass parameters). */
function validateTypedLocalObjectReference(ref: Json, p: FieldPath, errs: FieldError[]): void {
  if (isStr(ref.apiGroup)) for (const m of isDNS1123Subdomain(ref.apiGroup)) errs.push(invalid(p.child('apiGroup'), ref.apiGroup, m));
  for (const key of ['kind', 'name']) {
    const v = isStr(ref[key]) ? (ref[key] as string) : '';
    if (v === '') errs.push(required(p.child(key), `${key} is required`));
    else for (const m of validatePathSegmentName(v, false)) errs.push(invalid(p.child(key), v, m));
  }
}

function validateIngressBackend(backend: Json, p: FieldPath, errs: FieldError[]): void {
  const hasResource = isObj(backend.resource);
  const hasService = isObj(backend.service);
  if (hasResource && hasService) {
    errs.push(invalid(p, '', 'cannot set both resource and service backends'));
    return;
  }
  if (hasResource) {
    validateTypedLocalObjectReference(backend.resource as Json, p.child('resource'), errs);
    return;
  }
  if (!hasService) {
    errs.push(invalid(p, '', 'resource or service backend is required'));
    return;
  }
  const svc = backend.service as Json;
  const name = isStr(svc.name) ? svc.name : '';
  if (name === '') errs.push(required(p.child('service', 'name'), ''));
  // ValidateServiceName: DNS-1123 labels since RelaxedServiceNameValidation (on in 1.36).
  else for (const m of nameIsDNSLabel(name, false)) errs.push(invalid(p.child('service', 'name'), name, m));
  const port = asObj(svc.port);
  const portName = isStr(port.name) ? port.name : '';
  const portNumber = isNum(port.number) ? port.number : 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(p, '', 'cannot set both port name & port number'));
  else if (portName !== '') for (const m of isValidPortName(portName)) errs.push(invalid(p.child('service', 'port', 'name'), portName, m));
  else if (portNumber !== 0) for (const m of isValidPortNum(portNumber)) errs.push(invalid(p.child('service', 'port', 'number'), portNumber, m));
  else errs.push(required(p, 'port name or number is required'));
}

function validateHTTPIngressPath(path: Json, p: FieldPath, errs: FieldError[]): void {
  const pathType = path.pathType;
  const text = isStr(path.path) ? path.path : '';
  if (pathType === undefined || pathType === null) {
    errs.push(required(p.child('pathType'), 'pathType must be specified'));
    return;
  }
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!text.startsWith('/')) errs.push(invalid(p.child('path'), text, 'must be an absolute path'));
    if (text.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES) if (text.includes(seq)) errs.push(invalid(p.child('path'), text, `must not contain '${seq}'`));
      for (const suf of INVALID_PATH_SUFFIXES) if (text.endsWith(suf)) errs.push(invalid(p.child('path'), text, `cannot end with '${suf}'`));
    }
  } else if (pathType === 'ImplementationSpecific') {
    if (text.length > 0 && !text.startsWith('/')) errs.push(invalid(p.child('path'), text, 'must be an absolute path'));
  } else errs.push(notSupported(p.child('pathType'), pathType, PATH_TYPES));
  validateIngressBackend(asObj(path.backend), p.child('backend'), errs);
}

function validateIngressRules(rules: unknown[], p: FieldPath, errs: FieldError[]): void {
  rules.forEach((r, i) => {
    const rule = asObj(r);
    const rp = p.index(i);
    const host = isStr(rule.host) ? rule.host : '';
    if (host !== '') {
      if (parseIP(host)) errs.push(invalid(rp.child('host'), host, 'must be a DNS name, not an IP address'));
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(invalid(rp.child('host'), host, m));
    }
    if (isObj(rule.http)) {
      const hp = rp.child('http');
      const paths = asList(rule.http.paths);
      if (paths.length === 0) errs.push(required(hp.child('paths'), ''));
      paths.forEach((path, j) => validateHTTPIngressPath(asObj(path), hp.child('paths').index(j), errs));
    }
  });
}

function validateIngressTLS(tls: unknown[], p: FieldPath, errs: FieldError[]): void {
  tls.forEach((t, i) => {
    const entry = asObj(t);
    asList(entry.hosts).forEach((host, j) => {
      if (!isStr(host)) return;
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const m of msgs) errs.push(invalid(p.index(i).child('hosts').index(j), host, m));
    });
    if (isStr(entry.secretName) && entry.secretName !== '') {
      for (const m of nameIsDNSSubdomain(entry.secretName, false)) errs.push(invalid(p.index(i).child('secretName'), entry.secretName, m));
    }
  });
}

const validateIngress: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const errs = out.errors;
  const rules = asList(spec.rules);
  const hasDefault = isObj(spec.defaultBackend);
  if (rules.length === 0 && !hasDefault) {
    errs.push(invalid(SPEC, Array.isArray(spec.rules) ? new GoLiteral('[]networking.IngressRule{}') : new GoLiteral('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  if (hasDefault) validateIngressBackend(spec.defaultBackend as Json, SPEC.child('defaultBackend'), errs);
  if (rules.length > 0) validateIngressRules(rules, SPEC.child('rules'), errs);
  const tls = asList(spec.tls);
  if (tls.length > 0) validateIngressTLS(tls, SPEC.child('tls'), errs);
  if (isStr(spec.ingressClassName)) {
    for (const m of nameIsDNSSubdomain(spec.ingressClassName, false)) errs.push(invalid(SPEC.child('ingressClassName'), spec.ingressClassName, m));
  }
  const annotations = objAnnotations(obj);
  const annotation = annotations[INGRESS_CLASS_ANNOTATION];
  if (annotation !== undefined && isStr(spec.ingressClassName) && annotation !== spec.ingressClassName) {
    errs.push(invalid(FieldPath.root('annotations').child(INGRESS_CLASS_ANNOTATION), annotation, 'must match `ingressClassName` when both are specified'));
  }
  if (annotation !== undefined && !isStr(spec.ingressClassName)) {
    out.warnings.push({
      path: FieldPath.root('metadata', 'annotations').key(INGRESS_CLASS_ANNOTATION).steps(),
      message: `annotation "${INGRESS_CLASS_ANNOTATION}" is deprecated, please use 'spec.ingressClassName' instead`,
    });
  }
};

// --- IngressClass ---

function validateIngressClassParameters(params: Json, p: FieldPath, errs: FieldError[]): void {
  validateTypedLocalObjectReference(params, p, errs);
  // SetDefaults_IngressClass: a missing scope is Cluster.
  const scope = params.scope === undefined || params.scope === null ? 'Cluster' : params.scope;
  if (scope !== 'Cluster' && scope !== 'Namespace') {
    errs.push(notSupported(p.child('scope'), scope, ['Cluster', 'Namespace']));
    return;
  }
  if (scope === 'Namespace') {
    if (!isStr(params.namespace)) errs.push(required(p.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else for (const m of nameIsDNSLabel(params.namespace, false)) errs.push(invalid(p.child('namespace'), params.namespace, m));
  }
  if (scope === 'Cluster' && isStr(params.namespace)) errs.push(forbidden(p.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
}

const validateIngressClass: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, false, nameIsDNSSubdomain, out);
  const spec = asObj(obj.spec);
  const controller = isStr(spec.controller) ? spec.controller : '';
  if (controller.length > 250) out.errors.push(tooLong(SPEC.child('controller'), '', 250));
  out.errors.push(...isDomainPrefixedPath(SPEC.child('controller'), controller));
  if (isObj(spec.parameters)) validateIngressClassParameters(spec.parameters, SPEC.child('parameters'), out.errors);
};

export const networkingValidators: ValidatorTable = {
  'networking/Ingress': validateIngress,
  'networking/IngressClass': validateIngressClass,
  'networking/NetworkPolicy': validateNetworkPolicy,
};
