// networking group validation tables, ported from upstream
// pkg/apis/networking/validation/validation_test.go (TestValidateNetworkPolicy,
// TestValidateIngressCreate, TestValidateIngressRuleValue, TestValidateIngressTLS,
// TestValidateIngressClass...) and pkg/registry/networking/ingress/strategy_test.go.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/networking/validation/validation_test.go';

const backend = { service: { name: 'web', port: { number: 80 } } };
const ingress = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web', namespace: 'default' },
  spec: { rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] },
};
const path = (p: Record<string, unknown>) => ({ spec: { rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend, ...p }] } }] } });

runTable('Ingress', UPSTREAM, ingress, [
  { name: 'valid', patch: {} },
  { name: 'valid default backend only', patch: { spec: { rules: null, defaultBackend: backend } } },
  { name: 'valid wildcard host', patch: { spec: { rules: [{ host: '*.example.com', http: { paths: [{ path: '/', pathType: 'Exact', backend }] } }] } } },
  { name: 'valid port name', patch: path({ backend: { service: { name: 'web', port: { name: 'http' } } } }) },
  { name: 'valid resource backend', patch: path({ backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } }) },
  { name: 'valid ImplementationSpecific empty path', patch: path({ path: '', pathType: 'ImplementationSpecific' }) },
  { name: 'no rules and no default backend', patch: { spec: { rules: null } }, errors: [['Invalid', 'spec', 'either `defaultBackend` or `rules` must be specified']] },
  { name: 'IP host', patch: { spec: { rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } }, errors: [['Invalid', 'spec.rules[0].host', 'must be a DNS name, not an IP address']] },
  { name: 'invalid host', patch: { spec: { rules: [{ host: 'Foo_Bar', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } }, errors: [['Invalid', 'spec.rules[0].host']] },
  { name: 'invalid wildcard host', patch: { spec: { rules: [{ host: 'foo.*.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } }, errors: [['Invalid', 'spec.rules[0].host']] },
  { name: 'missing pathType', patch: path({ pathType: null }), errors: [['Required', 'spec.rules[0].http.paths[0].pathType', 'pathType must be specified']] },
  { name: 'unknown pathType', patch: path({ pathType: 'Regex' }), errors: [['NotSupported', 'spec.rules[0].http.paths[0].pathType', 'supported values: "Exact", "ImplementationSpecific", "Prefix"']] },
  { name: 'relative path', patch: path({ path: 'api' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', 'must be an absolute path']] },
  { name: 'empty Prefix path', patch: path({ path: '' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', 'must be an absolute path']] },
  { name: 'relative ImplementationSpecific path', patch: path({ path: 'api', pathType: 'ImplementationSpecific' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', 'must be an absolute path']] },
  { name: 'regex path with Prefix is valid', patch: path({ path: '/api(/|$)(.*)' }) },
  { name: 'path with //', patch: path({ path: '/foo//bar' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', "must not contain '//'"]] },
  { name: 'path with /../', patch: path({ path: '/foo/../bar' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', "must not contain '/../'"]] },
  { name: 'path with %2f', patch: path({ path: '/foo%2fbar' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', "must not contain '%2f'"]] },
  { name: 'path ending in /.', patch: path({ path: '/foo/.' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', "cannot end with '/.'"]] },
  { name: 'path ending in /..', patch: path({ path: '/foo/..', pathType: 'Exact' }), errors: [['Invalid', 'spec.rules[0].http.paths[0].path', "cannot end with '/..'"]] },
  { name: 'empty paths', patch: { spec: { rules: [{ host: 'foo.example.com', http: { paths: [] } }] } }, errors: [['Required', 'spec.rules[0].http.paths']] },
  { name: 'no backend', patch: path({ backend: {} }), errors: [['Invalid', 'spec.rules[0].http.paths[0].backend', 'resource or service backend is required']] },
  { name: 'both backends', patch: path({ backend: { ...backend, resource: { kind: 'Bucket', name: 'b' } } }), errors: [['Invalid', 'spec.rules[0].http.paths[0].backend', 'cannot set both resource and service backends']] },
  { name: 'service without name', patch: path({ backend: { service: { port: { number: 80 } } } }), errors: [['Required', 'spec.rules[0].http.paths[0].backend.service.name']] },
  { name: 'service invalid name', patch: path({ backend: { service: { name: 'Web.svc', port: { number: 80 } } } }), errors: [['Invalid', 'spec.rules[0].http.paths[0].backend.service.name']] },
  { name: 'service without port', patch: path({ backend: { service: { name: 'web' } } }), errors: [['Required', 'spec.rules[0].http.paths[0].backend', 'port name or number is required']] },
  { name: 'port name and number', patch: path({ backend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }), errors: [['Invalid', 'spec.rules[0].http.paths[0].backend', 'cannot set both port name & port number']] },
  { name: 'port number out of range', patch: path({ backend: { service: { name: 'web', port: { number: 70000 } } } }), errors: [['Invalid', 'spec.rules[0].http.paths[0].backend.service.port.number', 'must be between 1 and 65535, inclusive']] },
  { name: 'invalid port name', patch: path({ backend: { service: { name: 'web', port: { name: 'HTTP_PORT' } } } }), errors: [['Invalid', 'spec.rules[0].http.paths[0].backend.service.port.name'], ['Invalid', 'spec.rules[0].http.paths[0].backend.service.port.name']] },
  { name: 'resource without kind', patch: path({ backend: { resource: { name: 'b' } } }), errors: [['Required', 'spec.rules[0].http.paths[0].backend.resource.kind', 'kind is required']] },
  { name: 'invalid default backend', patch: { spec: { defaultBackend: { service: { name: 'web' } } } }, errors: [['Required', 'spec.defaultBackend', 'port name or number is required']] },
  { name: 'invalid TLS host', patch: { spec: { tls: [{ hosts: ['foo_bar.com'], secretName: 'tls' }] } }, errors: [['Invalid', 'spec.tls[0].hosts[0]']] },
  { name: 'valid TLS wildcard host', patch: { spec: { tls: [{ hosts: ['*.example.com'], secretName: 'tls' }] } } },
  { name: 'invalid TLS secret name', patch: { spec: { tls: [{ hosts: ['foo.example.com'], secretName: 'Tls_Secret' }] } }, errors: [['Invalid', 'spec.tls[0].secretName']] },
  { name: 'invalid ingressClassName', patch: { spec: { ingressClassName: 'Nginx_Class' } }, errors: [['Invalid', 'spec.ingressClassName']] },
  { name: 'class annotation differs from ingressClassName', patch: { metadata: { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }, spec: { ingressClassName: 'nginx' } }, errors: [['Invalid', 'annotations.kubernetes.io/ingress.class', 'must match `ingressClassName` when both are specified']] },
  { name: 'class annotation alone warns', patch: { metadata: { annotations: { 'kubernetes.io/ingress.class': 'nginx' } } }, warnings: [`annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`] },
]);

runTable('IngressClass', UPSTREAM, { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }, [
  { name: 'valid', patch: {}, namespaced: false },
  { name: 'valid namespaced parameters', patch: { spec: { parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p', scope: 'Namespace', namespace: 'ingress' } } }, namespaced: false },
  { name: 'missing controller', patch: { spec: { controller: null } }, namespaced: false, errors: [['Required', 'spec.controller']] },
  { name: 'controller not domain-prefixed', patch: { spec: { controller: 'nginx' } }, namespaced: false, errors: [['Invalid', 'spec.controller', 'must be a domain-prefixed path (such as "acme.io/foo")']] },
  { name: 'controller too long', patch: { spec: { controller: `k8s.io/${'a'.repeat(250)}` } }, namespaced: false, errors: [['TooLong', 'spec.controller']] },
  { name: 'parameters without scope default to Cluster', patch: { spec: { parameters: { kind: 'K', name: 'n' } } }, namespaced: false },
  { name: 'defaulted Cluster scope with namespace', patch: { spec: { parameters: { kind: 'K', name: 'n', namespace: 'x' } } }, namespaced: false, errors: [['Forbidden', 'spec.parameters.namespace']] },
  { name: 'parameters apiGroup with a version', patch: { spec: { parameters: { apiGroup: 'k8s.example.com/v1alpha', kind: 'K', name: 'n' } } }, namespaced: false, errors: [['Invalid', 'spec.parameters.apiGroup']] },
  { name: 'parameters bad scope', patch: { spec: { parameters: { kind: 'K', name: 'n', scope: 'Global' } } }, namespaced: false, errors: [['NotSupported', 'spec.parameters.scope', 'supported values: "Cluster", "Namespace"']] },
  { name: 'Namespace scope without namespace', patch: { spec: { parameters: { kind: 'K', name: 'n', scope: 'Namespace' } } }, namespaced: false, errors: [['Required', 'spec.parameters.namespace', "`parameters.scope` is set to 'Namespace'"]] },
  { name: 'Cluster scope with namespace', patch: { spec: { parameters: { kind: 'K', name: 'n', scope: 'Cluster', namespace: 'x' } } }, namespaced: false, errors: [['Forbidden', 'spec.parameters.namespace', "`parameters.scope` is set to 'Cluster'"]] },
  { name: 'parameters without kind and name', patch: { spec: { parameters: { scope: 'Cluster' } } }, namespaced: false, errors: [['Required', 'spec.parameters.kind'], ['Required', 'spec.parameters.name']] },
]);

const np = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: {} } };
const ingressRule = (r: Record<string, unknown>) => ({ spec: { ingress: [r] } });

runTable('NetworkPolicy', UPSTREAM, np, [
  { name: 'valid deny all', patch: {} },
  { name: 'valid rules', patch: { spec: { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: { matchLabels: { a: 'b' } }, namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 80 }, { port: 'http' }, { port: 32000, endPort: 32768 }] }], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }] } } },
  { name: 'invalid podSelector', patch: { spec: { podSelector: { matchLabels: { 'a b': 'c' } } } }, errors: [['Invalid', 'spec.podSelector.matchLabels']] },
  { name: 'bad protocol', patch: ingressRule({ ports: [{ protocol: 'ICMP', port: 80 }] }), errors: [['NotSupported', 'spec.ingress[0].ports[0].protocol', 'supported values: "TCP", "UDP", "SCTP"']] },
  { name: 'port out of range', patch: ingressRule({ ports: [{ port: 0 }] }), errors: [['Invalid', 'spec.ingress[0].ports[0].port', 'must be between 1 and 65535, inclusive']] },
  { name: 'bad port name', patch: ingressRule({ ports: [{ port: '-http' }] }), errors: [['Invalid', 'spec.ingress[0].ports[0].port', 'must not begin or end with a hyphen']] },
  { name: 'endPort below port', patch: ingressRule({ ports: [{ port: 100, endPort: 50 }] }), errors: [['Invalid', 'spec.ingress[0].ports[0].endPort', 'must be greater than or equal to `port`']] },
  { name: 'endPort with named port', patch: ingressRule({ ports: [{ port: 'http', endPort: 90 }] }), errors: [['Invalid', 'spec.ingress[0].ports[0].endPort', 'may not be specified when `port` is non-numeric']] },
  { name: 'endPort without port', patch: ingressRule({ ports: [{ endPort: 90 }] }), errors: [['Invalid', 'spec.ingress[0].ports[0].endPort', 'may not be specified when `port` is not specified']] },
  { name: 'empty peer', patch: ingressRule({ from: [{}] }), errors: [['Required', 'spec.ingress[0].from[0]', 'must specify a peer']] },
  { name: 'ipBlock and selector', patch: ingressRule({ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }), errors: [['Forbidden', 'spec.ingress[0].from[0]', 'may not specify both ipBlock and another peer']] },
  { name: 'ipBlock without cidr', patch: ingressRule({ from: [{ ipBlock: {} }] }), errors: [['Required', 'spec.ingress[0].from[0].ipBlock.cidr']] },
  { name: 'invalid cidr', patch: { spec: { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] } }, errors: [['Invalid', 'spec.egress[0].to[0].ipBlock.cidr', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']] },
  { name: 'plain IP is not a CIDR', patch: ingressRule({ from: [{ ipBlock: { cidr: '192.168.1.1' } }] }), errors: [['Invalid', 'spec.ingress[0].from[0].ipBlock.cidr']] },
  { name: 'except outside cidr', patch: ingressRule({ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['192.168.0.0/24'] } }] }), errors: [['Invalid', 'spec.ingress[0].from[0].ipBlock.except[0]', 'must be a strict subset of `cidr`']] },
  { name: 'except equal to cidr', patch: ingressRule({ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] } }] }), errors: [['Invalid', 'spec.ingress[0].from[0].ipBlock.except[0]', 'must be a strict subset of `cidr`']] },
  { name: 'invalid except', patch: ingressRule({ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.300.0/24'] } }] }), errors: [['Invalid', 'spec.ingress[0].from[0].ipBlock.except[0]', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']] },
  { name: 'valid IPv6 except', patch: ingressRule({ from: [{ ipBlock: { cidr: 'fd00::/8', except: ['fd00:1::/32'] } }] }) },
  { name: 'ambiguous cidr warns', patch: ingressRule({ from: [{ ipBlock: { cidr: '10.0.0.1/8' } }] }), warnings: ['spec.ingress[0].from[0].ipBlock.cidr: CIDR value "10.0.0.1/8" is ambiguous in this context (should be "10.0.0.0/8" or "10.0.0.1/32"?)'] },
  { name: 'leading zeros are legacy: valid with a warning', patch: ingressRule({ from: [{ ipBlock: { cidr: '010.0.0.0/8' } }] }), warnings: ['spec.ingress[0].from[0].ipBlock.cidr: non-standard CIDR value "010.0.0.0/8" will be considered invalid in a future Kubernetes release: use "10.0.0.0/8"'] },
  { name: 'non-canonical IPv6 warns', patch: ingressRule({ from: [{ ipBlock: { cidr: 'FD00:0:0:0:0:0:0:0/8' } }] }), warnings: ['spec.ingress[0].from[0].ipBlock.cidr: IPv6 CIDR value "FD00:0:0:0:0:0:0:0/8" should be in RFC 5952 canonical format ("fd00::/8")'] },
  { name: 'IPv6 except inside an IPv4 cidr', patch: ingressRule({ from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['fd00::/16'] } }] }), errors: [['Invalid', 'spec.ingress[0].from[0].ipBlock.except[0]', 'must be a strict subset of `cidr`']] },
  { name: 'unknown policy type', patch: { spec: { policyTypes: ['Both'] } }, errors: [['NotSupported', 'spec.policyTypes[0]', 'supported values: "Ingress", "Egress"']] },
  { name: 'three policy types', patch: { spec: { policyTypes: ['Ingress', 'Egress', 'Ingress'] } }, errors: [['Invalid', 'spec.policyTypes', 'may not specify more than two policyTypes']] },
]);

// Real-world mistakes from the shared corpus (files listed in clean-files.txt that a
// v1.36 API server rejects), kept as regression cases for the upstream rules above.
runTable('Ingress (corpus cases)', UPSTREAM, ingress, [
  { name: 'lower-case pathType (ContainerSolutions Ingress/fanout.yaml)', patch: path({ pathType: 'exact' }), errors: [['NotSupported', 'spec.rules[0].http.paths[0].pathType']] },
  { name: 'v1beta1 backend fields in a v1 Ingress are dropped (https-ready-alb.yaml)', patch: { spec: { rules: null, backend: { serviceName: 'web', servicePort: 8000 } } }, errors: [['Invalid', 'spec', 'either `defaultBackend` or `rules` must be specified']] },
  { name: 'template placeholder host (ingress-nginx oauth2-proxy.yaml)', patch: { spec: { rules: [{ host: '__INGRESS_HOST__', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] } }, errors: [['Invalid', 'spec.rules[0].host']] },
]);
