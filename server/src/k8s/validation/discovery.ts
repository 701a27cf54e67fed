// API-server validation of the discovery.k8s.io API group: EndpointSlice (create).
// Upstream: pkg/apis/discovery/validation/validation.go (ValidateEndpointSlice,
// validateEndpoints, validatePorts, validateAddressType, validateHints);
// IsFullyQualifiedDomainName from apimachinery util/validation; ValidateEndpointIP
// from pkg/apis/core/validation. Defaults (pkg/apis/discovery/v1/defaults.go): a
// port's name defaults to "" and its protocol to TCP.

import { FieldPath, duplicate, invalid, notSupported, required, tooMany, type FieldError } from './field';
import { validateDNS1123Label } from './containers';
import { validateMetaOf } from './groupHelpers';
import { validateLabels } from './meta';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain, parseIP, INVALID_IP } from './names';
import { validateNonSpecialIP } from './service';
import { asList, asObj, isStr, type KindValidator, type ValidatorTable } from './types';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;

/** IsFullyQualifiedDomainName. */
function fqdnErrors(p: FieldPath, value: string): FieldError[] {
  if (value.length === 0) return [required(p, '')];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name);
  if (sub.length > 0) return [invalid(p, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(p, name, 'should be a domain with at least two segments separated by dots')];
  for (const l of labels) {
    const e = isDNS1123Label(l);
    if (e.length > 0) return [invalid(p, l, e.join(','))];
  }
  return [];
}

function validateAddress(addressType: unknown, address: string, p: FieldPath, errs: FieldError[]): void {
  if (addressType === 'FQDN') {
    errs.push(...fqdnErrors(p, address));
    return;
  }
  if (addressType !== 'IPv4' && addressType !== 'IPv6') return;
  const ip = parseIP(address);
  if (!ip) {
    errs.push(invalid(p, address, INVALID_IP));
    return;
  }
  if (addressType === 'IPv4' && !ip.v4) errs.push(invalid(p, address, 'must be an IPv4 address'));
  if (addressType === 'IPv6' && ip.v4) errs.push(invalid(p, address, 'must be an IPv6 address'));
  errs.push(...validateNonSpecialIP(address, p));
}

const validateEndpointSlice: KindValidator = (obj, _opts, out) => {
  validateMetaOf(obj, true, nameIsDNSSubdomain, out);
  const errs = out.errors;
  const at = obj.addressType;
  const atPath = FieldPath.root('addressType');
  if (at === undefined || at === null || at === '') errs.push(required(atPath, ''));
  else if (!ADDRESS_TYPES.includes(String(at))) errs.push(notSupported(atPath, at, ADDRESS_TYPES));

  const endpoints = asList(obj.endpoints);
  const ep = FieldPath.root('endpoints');
  if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany(ep, endpoints.length, MAX_ENDPOINTS));
  else {
    endpoints.forEach((e, i) => {
      const endpoint = asObj(e);
      const ip = ep.index(i);
      const ap = ip.child('addresses');
      const addresses = asList(endpoint.addresses);
      if (addresses.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
      else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(ap, addresses.length, MAX_ADDRESSES));
      addresses.forEach((a, j) => {
        if (isStr(a)) validateAddress(at, a, ap.index(j), errs);
      });
      if (isStr(endpoint.nodeName)) for (const m of nameIsDNSSubdomain(endpoint.nodeName, false)) errs.push(invalid(ip.child('nodeName'), endpoint.nodeName, m));
      const topology = asObj(endpoint.deprecatedTopology);
      const tp = ip.child('deprecatedTopology');
      if (Object.keys(topology).length > MAX_TOPOLOGY_LABELS) errs.push(tooMany(tp, Object.keys(topology).length, MAX_TOPOLOGY_LABELS));
      errs.push(...validateLabels(topology, tp));
      if (isStr(endpoint.hostname)) errs.push(...validateDNS1123Label(endpoint.hostname, ip.child('hostname')));
      const zones = asList(asObj(endpoint.hints).forZones);
      const zp = ip.child('hints', 'forZones');
      if (zones.length > MAX_ZONE_HINTS) errs.push(tooMany(zp, zones.length, MAX_ZONE_HINTS));
      else {
        const seen = new Set<string>();
        zones.forEach((z, k) => {
          const zn = asObj(z).name;
          if (!isStr(zn)) return;
          if (seen.has(zn)) errs.push(duplicate(zp.index(k), zn));
          seen.add(zn);
        });
      }
    });
  }

  const ports = asList(obj.ports);
  const pp = FieldPath.root('ports');
  if (ports.length > MAX_PORTS) errs.push(tooMany(pp, ports.length, MAX_PORTS));
  else {
    const names = new Set<string>();
    ports.forEach((pt, i) => {
      const port = asObj(pt);
      const ip = pp.index(i);
      const name = isStr(port.name) ? port.name : '';
      if (name !== '') errs.push(...validateDNS1123Label(name, ip.child('name')));
      if (names.has(name)) errs.push(duplicate(ip.child('name'), name));
      names.add(name);
      const proto = port.protocol ?? 'TCP';
      if (!PROTOCOLS.includes(String(proto))) errs.push(notSupported(ip.child('protocol'), proto, PROTOCOLS));
      if (isStr(port.appProtocol)) for (const m of isQualifiedName(port.appProtocol)) errs.push(invalid(ip.child('appProtocol'), port.appProtocol, m));
    });
  }
};

export const discoveryValidators: ValidatorTable = {
  'discovery/EndpointSlice': validateEndpointSlice,
};
