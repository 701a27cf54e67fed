// Service and Endpoints.
// Upstream: pkg/apis/core/validation/validation.go (ValidateService,
// validateServicePort, validateClientIPAffinityConfig,
// ValidateServiceClusterIPsRelatedFields, validateServiceExternalTrafficPolicy,
// validateServiceInternalTrafficFieldsValue, ValidateNonSpecialIP,
// ValidateEndpoints, validateEndpointSubsets, validateEndpointAddress,
// ValidateEndpointIP, validateEndpointPort). Service names are DNS-1123 labels
// (RelaxedServiceNameValidation, on by default in 1.36).

import { FieldPath, GoLiteral, duplicate, forbidden, invalid, notSupported, required, type ApiWarning, type FieldError } from './field';
import { validateDNS1123Label, validatePortNumOrName } from './containers';
import { validateCreateMeta, validateLabelName, validateLabels, validateObjectMeta } from './meta';
import { INVALID_IP, isDNS1123Subdomain, isValidCIDR, isValidPortNum, INVALID_CIDR, nameIsDNSLabel, nameIsDNSSubdomain, parseIP } from './names';
import { asList, isNum, isObj, isStr, type Json, type KindValidator, isWrongType } from './types';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const SESSION_AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;

/** ValidateNonSpecialIP / ValidateEndpointIP: no unspecified, loopback or link-local addresses. */
export function validateNonSpecialIP(value: string, path: FieldPath): FieldError[] {
  const ip = parseIP(value);
  if (!ip) return [invalid(path, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const b = ip.bytes;
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is judged as its IPv4 address, as Go does.
  const mapped = !ip.v4 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  const v4 = ip.v4 ? b : mapped ? b.slice(12) : undefined;
  const unspecified = v4 ? v4.every((x) => x === 0) : b.every((x) => x === 0);
  const loopback = v4 ? v4[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  const linkLocal = v4 ? v4[0] === 169 && v4[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80;
  const linkLocalMulticast = v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02;
  if (unspecified) errs.push(invalid(path, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(invalid(path, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocal) errs.push(invalid(path, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(invalid(path, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

function validateServicePort(sp: Json, requireName: boolean, names: Set<string>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = isStr(sp.name) ? sp.name : '';
  if (requireName && name === '') errs.push(required(path.child('name'), ''));
  else if (name !== '') {
    errs.push(...validateDNS1123Label(name, path.child('name')));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  // A port of the wrong type is a decode error (the schema layer's); absent means 0.
  if (isNum(sp.port) || sp.port === undefined || sp.port === null) {
    const port = isNum(sp.port) ? sp.port : 0;
    for (const m of isValidPortNum(port)) errs.push(invalid(path.child('port'), port, m));
  }
  if (isStr(sp.protocol) && sp.protocol !== '' && !PROTOCOLS.includes(sp.protocol)) errs.push(notSupported(path.child('protocol'), sp.protocol, PROTOCOLS));
  errs.push(...validatePortNumOrName(sp.targetPort, path.child('targetPort')));
  if (isStr(sp.appProtocol)) errs.push(...validateLabelName(sp.appProtocol, path.child('appProtocol')));
  return errs;
}

/** The Go rendering of the (protocol, port) key upstream reports for duplicate ports. */
function servicePortKey(protocol: string, port: number): GoLiteral {
  return new GoLiteral(`core.ServicePort{Name:"", Protocol:"${protocol}", AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`);
}

const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

function validateClusterIPsRelatedFields(spec: Json, clusterIPs: string[], headless: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ipsPath = FieldPath.root('spec', 'clusterIPs');
  if (isStr(spec.clusterIP) && spec.clusterIP !== '' && asList(spec.clusterIPs).length > 0 && spec.clusterIP !== clusterIPs[0]) {
    errs.push(invalid(ipsPath, clusterIPs, 'first value must match `clusterIP`'));
  }
  const families = asList(spec.ipFamilies);
  const seen = new Set<unknown>();
  families.forEach((f, i) => {
    const p = FieldPath.root('spec', 'ipFamilies').index(i);
    if (!IP_FAMILIES.includes(f as string)) errs.push(notSupported(p, f, IP_FAMILIES));
    if (seen.has(f)) errs.push(duplicate(p, f));
    seen.add(f);
  });
  const policy = spec.ipFamilyPolicy;
  if (isStr(policy) && !IP_FAMILY_POLICIES.includes(policy)) errs.push(notSupported(FieldPath.root('spec', 'ipFamilyPolicy'), policy, IP_FAMILY_POLICIES));
  let invalidIPs = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        invalidIPs = true;
        errs.push(invalid(ipsPath, clusterIPs, "'None' must be the first and only value"));
      }
      return;
    }
    if (!parseIP(ip)) {
      invalidIPs = true;
      errs.push(invalid(ipsPath.index(i), ip, INVALID_IP));
    }
  });
  if (clusterIPs.length > 2) errs.push(invalid(ipsPath, clusterIPs, 'may only hold up to 2 values'));
  if (invalidIPs) return errs;
  const v6 = (ip: string) => parseIP(ip)?.v4 === false;
  if (clusterIPs.length === 2 && v6(clusterIPs[0]) === v6(clusterIPs[1])) errs.push(invalid(ipsPath, clusterIPs, 'may specify no more than one IP for each IP family'));
  if (!headless) {
    clusterIPs.forEach((ip, i) => {
      if (i >= families.length) return;
      if (families[i] === 'IPv4' && v6(ip)) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !v6(ip)) errs.push(invalid(ipsPath.index(i), ip, `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    });
  }
  return errs;
}

function validateServiceSpec(spec: Json, annotations: Json): FieldError[] {
  const errs: FieldError[] = [];
  const specPath = FieldPath.root('spec');
  const type = isStr(spec.type) ? spec.type : '';
  const ports = asList(spec.ports).filter(isObj);
  const clusterIPs = asList(spec.clusterIPs).filter(isStr);
  if (clusterIPs.length === 0 && isStr(spec.clusterIP) && spec.clusterIP !== '') clusterIPs.push(spec.clusterIP);
  const headless = clusterIPs[0] === 'None';

  if (ports.length === 0 && !isWrongType(spec.ports, 'list') && !headless && type !== 'ExternalName') errs.push(required(specPath.child('ports'), ''));
  if (type === 'LoadBalancer' && headless) errs.push(invalid(specPath.child('clusterIPs').index(0), clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
  if (type === 'NodePort' && headless) errs.push(invalid(specPath.child('clusterIPs').index(0), clusterIPs[0], "may not be set to 'None' for NodePort services"));
  if (type === 'ExternalName') {
    if (clusterIPs.length > 0) errs.push(forbidden(specPath.child('clusterIPs'), 'may not be set for ExternalName services'));
    if (asList(spec.ipFamilies).length > 0) errs.push(forbidden(specPath.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbidden(specPath.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    // A trailing dot marks a fully qualified CNAME.
    const cname = isStr(spec.externalName) ? spec.externalName.replace(/\.$/, '') : '';
    if (cname !== '') for (const m of isDNS1123Subdomain(cname)) errs.push(invalid(specPath.child('externalName'), cname, m));
    else errs.push(required(specPath.child('externalName'), ''));
  }

  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, specPath.child('ports').index(i))));
  errs.push(...validateLabels(spec.selector, specPath.child('selector')));

  const affinity = spec.sessionAffinity;
  if (isStr(affinity) && affinity !== '' && !SESSION_AFFINITIES.includes(affinity)) errs.push(notSupported(specPath.child('sessionAffinity'), affinity, SESSION_AFFINITIES));
  const cfgPath = specPath.child('sessionAffinityConfig');
  if (affinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig;
    if (isObj(cfg)) {
      if (!isObj(cfg.clientIP)) errs.push(required(cfgPath.child('clientIP'), 'when session affinity type is ClientIP'));
      else {
        const t = cfg.clientIP.timeoutSeconds;
        if (isNum(t) && !(t > 0 && t <= MAX_CLIENT_IP_AFFINITY_SECONDS)) {
          errs.push(invalid(cfgPath.child('clientIP').child('timeoutSeconds'), t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
        }
      }
    }
  } else if ((affinity === 'None' || affinity === undefined) && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null) {
    errs.push(forbidden(cfgPath, 'must not be set when session affinity is None'));
  }

  // clusterIP(s), ipFamilies, ipFamilyPolicy (ValidateServiceClusterIPsRelatedFields);
  // the strategy first fills clusterIPs from clusterIP, so only a conflict is an error.
  if (type !== 'ExternalName') errs.push(...validateClusterIPsRelatedFields(spec, clusterIPs, headless));

  asList(spec.externalIPs).forEach((ip, i) => {
    if (!isStr(ip)) return;
    const p = specPath.child('externalIPs').index(i);
    if (!parseIP(ip)) errs.push(invalid(p, ip, INVALID_IP));
    else errs.push(...validateNonSpecialIP(ip, p));
  });

  if (type !== '' && !SERVICE_TYPES.includes(type)) errs.push(notSupported(specPath.child('type'), type, SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (isNum(p.nodePort) && p.nodePort !== 0) errs.push(forbidden(specPath.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!isNum(p.nodePort) || p.nodePort === 0) return;
    const key = `${String(p.protocol ?? 'TCP')}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(duplicate(specPath.child('ports').index(i).child('nodePort'), p.nodePort));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const protocol = isStr(p.protocol) ? p.protocol : 'TCP';
    const port = isNum(p.port) ? p.port : 0;
    const key = `${protocol}/${port}`;
    if (portKeys.has(key)) errs.push(duplicate(specPath.child('ports').index(i), servicePortKey(protocol, port)));
    portKeys.add(key);
  });

  const ranges = asList(spec.loadBalancerSourceRanges).filter(isStr);
  if (ranges.length > 0) {
    const rp = specPath.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(forbidden(rp, "may only be used when `type` is 'LoadBalancer'"));
    ranges.forEach((r, i) => {
      if (!isValidCIDR(r.trim())) errs.push(invalid(rp.index(i), r.trim(), INVALID_CIDR));
    });
  } else if (isStr(annotations['service.beta.kubernetes.io/load-balancer-source-ranges'])) {
    const ap = FieldPath.root('metadata', 'annotations').key('service.beta.kubernetes.io/load-balancer-source-ranges');
    const val = annotations['service.beta.kubernetes.io/load-balancer-source-ranges'].trim();
    if (type !== 'LoadBalancer') errs.push(forbidden(ap, "may only be used when `type` is 'LoadBalancer'"));
    else if (val !== '' && val.split(',').some((r) => !isValidCIDR(r.trim()))) {
      errs.push(invalid(ap, val, 'must be a comma separated list of CIDRs e.g. 192.168.0.0/16,10.0.0.0/8'));
    }
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden(specPath.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null) {
    if (type !== 'LoadBalancer') errs.push(forbidden(specPath.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
    else if (isStr(spec.loadBalancerClass)) errs.push(...validateLabelName(spec.loadBalancerClass, specPath.child('loadBalancerClass')));
  }

  // externalTrafficPolicy only for externally-accessible services.
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && asList(spec.externalIPs).length > 0);
  const etp = spec.externalTrafficPolicy;
  if (!external) {
    if (isStr(etp) && etp !== '') errs.push(invalid(specPath.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
    if (isNum(spec.healthCheckNodePort) && spec.healthCheckNodePort !== 0) {
      errs.push(invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort, 'may only be set for externally-accessible services'));
    }
  } else {
    if (isNum(spec.healthCheckNodePort) && spec.healthCheckNodePort !== 0 && etp !== 'Local') {
      errs.push(invalid(specPath.child('healthCheckNodePort'), spec.healthCheckNodePort, "may only be set when `externalTrafficPolicy` is 'Local'"));
    }
    if (isStr(etp) && etp !== '' && !TRAFFIC_POLICIES.includes(etp)) errs.push(notSupported(specPath.child('externalTrafficPolicy'), etp, TRAFFIC_POLICIES));
  }
  const itp = spec.internalTrafficPolicy;
  if (isStr(itp) && !TRAFFIC_POLICIES.includes(itp)) errs.push(notSupported(specPath.child('internalTrafficPolicy'), itp, TRAFFIC_POLICIES));
  return errs;
}

/**
 * GetWarningsForService (pkg/api/service/warnings.go), without the IP-format
 * warnings (leading zeros / IPv4-mapped addresses).
 */
export function serviceWarnings(spec: Json, annotations: Json): ApiWarning[] {
  const out: ApiWarning[] = [];
  const msg = (message: string, ...path: string[]) => out.push(path.length ? { path: FieldPath.root(...path).steps(), message } : { message });
  if ('service.kubernetes.io/topology-aware-hints' in annotations) {
    msg('annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead', 'metadata', 'annotations');
  }
  const type = isStr(spec.type) ? spec.type : 'ClusterIP';
  if (type === 'ClusterIP' && spec.clusterIP === 'None') {
    if (isStr(spec.loadBalancerIP) && spec.loadBalancerIP !== '') msg('spec.loadBalancerIP is ignored for headless services', 'spec', 'loadBalancerIP');
    if (asList(spec.externalIPs).length > 0) msg('spec.externalIPs is ignored for headless services', 'spec', 'externalIPs');
    if (isStr(spec.sessionAffinity) && spec.sessionAffinity !== 'None') msg('spec.SessionAffinity is ignored for headless services', 'spec', 'sessionAffinity');
  }
  if (type === 'ExternalName' && asList(spec.externalIPs).length > 0) msg('spec.externalIPs is ignored when spec.type is "ExternalName"', 'spec', 'externalIPs');
  if (type !== 'ExternalName' && isStr(spec.externalName) && spec.externalName !== '') msg('spec.externalName is ignored when spec.type is not "ExternalName"', 'spec', 'externalName');
  if (spec.trafficDistribution === 'PreferClose') msg('spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"', 'spec', 'trafficDistribution');
  return out;
}

export const validateService: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSLabel, metaPath));
  const annotations = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : {};
  out.errors.push(...validateServiceSpec(isObj(obj.spec) ? obj.spec : {}, annotations));
  out.warnings.push(...serviceWarnings(isObj(obj.spec) ? obj.spec : {}, annotations));
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};

function validateEndpointAddress(addr: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const ip = isStr(addr.ip) ? addr.ip : '';
  if (!parseIP(ip)) errs.push(invalid(path.child('ip'), ip, INVALID_IP));
  if (isStr(addr.hostname) && addr.hostname !== '') errs.push(...validateDNS1123Label(addr.hostname, path.child('hostname')));
  if (isStr(addr.nodeName)) for (const m of nameIsDNSSubdomain(addr.nodeName, false)) errs.push(invalid(path.child('nodeName'), addr.nodeName, m));
  errs.push(...validateNonSpecialIP(ip, path.child('ip')));
  return errs;
}

function validateEndpointPort(port: Json, requireName: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = isStr(port.name) ? port.name : '';
  if (requireName && name === '') errs.push(required(path.child('name'), ''));
  else if (name !== '') errs.push(...validateDNS1123Label(name, path.child('name')));
  if (isNum(port.port) || port.port === undefined || port.port === null) {
    const p = isNum(port.port) ? port.port : 0;
    for (const m of isValidPortNum(p)) errs.push(invalid(path.child('port'), p, m));
  }
  if (isStr(port.protocol) && port.protocol !== '' && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(path.child('protocol'), port.protocol, PROTOCOLS));
  if (isStr(port.appProtocol)) errs.push(...validateLabelName(port.appProtocol, path.child('appProtocol')));
  return errs;
}

/** Endpoints (manual endpoints of a selector-less Service). */
export const validateEndpoints: KindValidator = (obj, opts, out) => {
  const metaPath = FieldPath.root('metadata');
  out.errors.push(...validateObjectMeta(obj.metadata, opts.namespaced, nameIsDNSSubdomain, metaPath));
  const subsetsPath = FieldPath.root('subsets');
  asList(obj.subsets).forEach((ss, i) => {
    if (!isObj(ss)) return;
    const p = subsetsPath.index(i);
    const addresses = asList(ss.addresses);
    const notReady = asList(ss.notReadyAddresses);
    if (addresses.length === 0 && notReady.length === 0 && !isWrongType(ss.addresses, 'list') && !isWrongType(ss.notReadyAddresses, 'list')) out.errors.push(required(p, 'must specify `addresses` or `notReadyAddresses`'));
    addresses.forEach((a, j) => {
      if (isObj(a)) out.errors.push(...validateEndpointAddress(a, p.child('addresses').index(j)));
    });
    notReady.forEach((a, j) => {
      if (isObj(a)) out.errors.push(...validateEndpointAddress(a, p.child('notReadyAddresses').index(j)));
    });
    const ports = asList(ss.ports);
    ports.forEach((port, j) => {
      if (isObj(port)) out.errors.push(...validateEndpointPort(port, ports.length > 1, p.child('ports').index(j)));
    });
  });
  out.errors.push(...validateCreateMeta(obj.metadata, metaPath));
};
