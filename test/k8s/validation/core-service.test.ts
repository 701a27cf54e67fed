// Service and Endpoints validation tables, ported from upstream
// pkg/apis/core/validation/validation_test.go (TestValidateServiceCreate,
// TestValidateServicePort, TestValidateClientIPAffinityConfig,
// TestValidateServiceExternalTrafficPolicy, TestValidateEndpointsCreate,
// TestEndpointAddressNodeNameUpdate, TestValidateNonSpecialIP) with our own
// minimal objects.

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/core/validation/validation_test.go';
const service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
};
const twoPorts = [{ name: 'http', port: 80 }, { name: 'https', port: 443 }];

runTable('Service', UPSTREAM, service, [
  { name: 'valid', patch: {} },
  { name: 'valid headless without ports', patch: { spec: { clusterIP: 'None', ports: [] } } },
  { name: 'valid ExternalName', patch: { spec: { type: 'ExternalName', externalName: 'db.example.com.', ports: [], selector: null } } },
  { name: 'name starting with a digit (RelaxedServiceNameValidation)', patch: { metadata: { name: '1web' } } },
  { name: 'dotted name', patch: { metadata: { name: 'web.v1' } }, errors: [['Invalid', 'metadata.name', 'must not contain dots']] },
  { name: 'upper-case name', patch: { metadata: { name: 'Web' } }, errors: [['Invalid', 'metadata.name']] },
  { name: 'no ports', patch: { spec: { ports: [] } }, errors: [['Required', 'spec.ports']] },
  { name: 'unknown type', patch: { spec: { type: 'Internal' } }, errors: [['NotSupported', 'spec.type', 'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']] },
  { name: 'ExternalName without externalName', patch: { spec: { type: 'ExternalName', ports: [] } }, errors: [['Required', 'spec.externalName']] },
  { name: 'ExternalName invalid externalName', patch: { spec: { type: 'ExternalName', externalName: 'Not A Host' } }, errors: [['Invalid', 'spec.externalName']] },
  { name: 'ExternalName with clusterIP', patch: { spec: { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.1' } }, errors: [['Forbidden', 'spec.clusterIPs', 'may not be set for ExternalName services']] },
  { name: 'two ports without names', patch: { spec: { ports: [{ port: 80 }, { port: 443 }] } }, errors: [['Required', 'spec.ports[0].name'], ['Required', 'spec.ports[1].name']] },
  { name: 'two named ports', patch: { spec: { ports: twoPorts } } },
  { name: 'duplicate port names', patch: { spec: { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] } }, errors: [['Duplicate', 'spec.ports[1].name']] },
  { name: 'port name not a DNS label', patch: { spec: { ports: [{ name: 'HTTP', port: 80 }] } }, errors: [['Invalid', 'spec.ports[0].name']] },
  { name: 'port 0 (targetPort defaults to it)', patch: { spec: { ports: [{ port: 0 }] } }, errors: [['Invalid', 'spec.ports[0].port', 'must be between 1 and 65535, inclusive'], ['Invalid', 'spec.ports[0].targetPort']] },
  { name: 'missing port', patch: { spec: { ports: [{ targetPort: 80 }] } }, errors: [['Invalid', 'spec.ports[0].port', 'must be between 1 and 65535, inclusive']] },
  { name: 'port too large', patch: { spec: { ports: [{ port: 65536 }] } }, errors: [['Invalid', 'spec.ports[0].port'], ['Invalid', 'spec.ports[0].targetPort']] },
  { name: 'targetPort out of range', patch: { spec: { ports: [{ port: 80, targetPort: 70000 }] } }, errors: [['Invalid', 'spec.ports[0].targetPort', 'must be between 1 and 65535, inclusive']] },
  { name: 'named targetPort', patch: { spec: { ports: [{ port: 80, targetPort: 'http' }] } } },
  { name: 'numeric string targetPort', patch: { spec: { ports: [{ port: 80, targetPort: '8080' }] } }, errors: [['Invalid', 'spec.ports[0].targetPort', 'must contain at least one letter (a-z)']] },
  { name: 'unknown protocol', patch: { spec: { ports: [{ port: 80, protocol: 'HTTP' }] } }, errors: [['NotSupported', 'spec.ports[0].protocol', 'supported values: "SCTP", "TCP", "UDP"']] },
  { name: 'invalid appProtocol', patch: { spec: { ports: [{ port: 80, appProtocol: 'http/2/x' }] } }, errors: [['Invalid', 'spec.ports[0].appProtocol']] },
  { name: 'duplicate port+protocol', patch: { spec: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] } }, errors: [['Duplicate', 'spec.ports[1]']] },
  { name: 'same port, other protocol', patch: { spec: { ports: [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'UDP' }] } } },
  { name: 'nodePort on ClusterIP', patch: { spec: { ports: [{ port: 80, nodePort: 30080 }] } }, errors: [['Forbidden', 'spec.ports[0].nodePort', "may not be used when `type` is 'ClusterIP'"]] },
  { name: 'nodePort on NodePort', patch: { spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] } } },
  { name: 'duplicate nodePort', patch: { spec: { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] } }, errors: [['Duplicate', 'spec.ports[1].nodePort']] },
  { name: 'NodePort headless', patch: { spec: { type: 'NodePort', clusterIP: 'None' } }, errors: [['Invalid', 'spec.clusterIPs[0]', "may not be set to 'None' for NodePort services"]] },
  { name: 'LoadBalancer headless', patch: { spec: { type: 'LoadBalancer', clusterIP: 'None' } }, errors: [['Invalid', 'spec.clusterIPs[0]', "may not be set to 'None' for LoadBalancer services"]] },
  { name: 'invalid clusterIP', patch: { spec: { clusterIP: '10.0.0.999' } }, errors: [['Invalid', 'spec.clusterIPs[0]', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']] },
  { name: 'None with a second clusterIP', patch: { spec: { clusterIP: 'None', clusterIPs: ['None', '10.0.0.1'] } }, errors: [['Invalid', 'spec.clusterIPs', "'None' must be the first and only value"]] },
  { name: 'invalid selector value', patch: { spec: { selector: { app: 'web app' } } }, errors: [['Invalid', 'spec.selector']] },
  { name: 'unknown sessionAffinity', patch: { spec: { sessionAffinity: 'Cookie' } }, errors: [['NotSupported', 'spec.sessionAffinity', 'supported values: "ClientIP", "None"']] },
  { name: 'ClientIP affinity with timeout', patch: { spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } } } },
  { name: 'ClientIP timeout too large', patch: { spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } } }, errors: [['Invalid', 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'must be greater than 0 and less than 86400']] },
  { name: 'affinity config with None', patch: { spec: { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10 } } } }, errors: [['Forbidden', 'spec.sessionAffinityConfig', 'must not be set when session affinity is None']] },
  { name: 'invalid externalIP', patch: { spec: { externalIPs: ['not-an-ip'] } }, errors: [['Invalid', 'spec.externalIPs[0]', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']] },
  { name: 'loopback externalIP', patch: { spec: { externalIPs: ['127.0.0.1'] } }, errors: [['Invalid', 'spec.externalIPs[0]', 'may not be in the loopback range (127.0.0.0/8, ::1/128)']] },
  { name: 'unspecified externalIP', patch: { spec: { externalIPs: ['0.0.0.0'] } }, errors: [['Invalid', 'spec.externalIPs[0]', 'may not be unspecified (0.0.0.0)']] },
  { name: 'link-local externalIP', patch: { spec: { externalIPs: ['169.254.169.254'] } }, errors: [['Invalid', 'spec.externalIPs[0]', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)']] },
  { name: 'link-local multicast externalIP', patch: { spec: { externalIPs: ['224.0.0.1'] } }, errors: [['Invalid', 'spec.externalIPs[0]', 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']] },
  { name: 'valid externalIP', patch: { spec: { externalIPs: ['203.0.113.10'] } } },
  { name: 'loadBalancerSourceRanges on ClusterIP', patch: { spec: { loadBalancerSourceRanges: ['10.0.0.0/8'] } }, errors: [['Forbidden', 'spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"]] },
  { name: 'invalid loadBalancerSourceRanges', patch: { spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['10.0.0.0'] } }, errors: [['Invalid', 'spec.LoadBalancerSourceRanges[0]', 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']] },
  { name: 'space-padded source range', patch: { spec: { type: 'LoadBalancer', loadBalancerSourceRanges: [' 10.0.0.0/8 '] } } },
  { name: 'source-ranges annotation on ClusterIP', patch: { metadata: { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8' } } }, errors: [['Forbidden', 'metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]']] },
  { name: 'allocateLoadBalancerNodePorts on ClusterIP', patch: { spec: { allocateLoadBalancerNodePorts: true } }, errors: [['Forbidden', 'spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"]] },
  { name: 'externalTrafficPolicy on ClusterIP', patch: { spec: { externalTrafficPolicy: 'Local' } }, errors: [['Invalid', 'spec.externalTrafficPolicy', 'may only be set for externally-accessible services']] },
  { name: 'externalTrafficPolicy Local on NodePort', patch: { spec: { type: 'NodePort', externalTrafficPolicy: 'Local' } } },
  { name: 'unknown externalTrafficPolicy', patch: { spec: { type: 'NodePort', externalTrafficPolicy: 'Nearest' } }, errors: [['NotSupported', 'spec.externalTrafficPolicy', 'supported values: "Cluster", "Local"']] },
  { name: 'healthCheckNodePort with Cluster policy', patch: { spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 31000 } }, errors: [['Invalid', 'spec.healthCheckNodePort', "may only be set when `externalTrafficPolicy` is 'Local'"]] },
  { name: 'unknown internalTrafficPolicy', patch: { spec: { internalTrafficPolicy: 'Node' } }, errors: [['NotSupported', 'spec.internalTrafficPolicy', 'supported values: "Cluster", "Local"']] },
  { name: 'resourceVersion on create', patch: { metadata: { resourceVersion: '9' } }, errors: [['Internal', 'metadata.resourceVersion']] },
]);

const endpoints = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'db', namespace: 'default' },
  subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 5432, protocol: 'TCP' }] }],
};

runTable('Endpoints', UPSTREAM, endpoints, [
  { name: 'valid', patch: {} },
  { name: 'IPv6 address', patch: { subsets: [{ addresses: [{ ip: '2001:db8::10' }], ports: [{ port: 80 }] }] } },
  { name: 'address that is not an IP', patch: { subsets: [{ addresses: [{ ip: 'db.example.com' }], ports: [{ port: 80 }] }] }, errors: [['Invalid', 'subsets[0].addresses[0].ip', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'], ['Invalid', 'subsets[0].addresses[0].ip', 'must be a valid IP address']] },
  { name: 'loopback address', patch: { subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }] }, errors: [['Invalid', 'subsets[0].addresses[0].ip', 'may not be in the loopback range (127.0.0.0/8, ::1/128)']] },
  { name: 'link-local notReady address', patch: { subsets: [{ notReadyAddresses: [{ ip: '169.254.1.1' }], ports: [{ port: 80 }] }] }, errors: [['Invalid', 'subsets[0].notReadyAddresses[0].ip', 'may not be in the link-local range (169.254.0.0/16, fe80::/10)']] },
  { name: 'subset without addresses', patch: { subsets: [{ ports: [{ port: 80 }] }] }, errors: [['Required', 'subsets[0]', 'must specify `addresses` or `notReadyAddresses`']] },
  { name: 'invalid hostname', patch: { subsets: [{ addresses: [{ ip: '10.1.2.3', hostname: 'DB_1' }], ports: [{ port: 80 }] }] }, errors: [['Invalid', 'subsets[0].addresses[0].hostname']] },
  { name: 'invalid nodeName', patch: { subsets: [{ addresses: [{ ip: '10.1.2.3', nodeName: 'Node_1' }], ports: [{ port: 80 }] }] }, errors: [['Invalid', 'subsets[0].addresses[0].nodeName']] },
  { name: 'two ports without names', patch: { subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80 }, { port: 81 }] }] }, errors: [['Required', 'subsets[0].ports[0].name'], ['Required', 'subsets[0].ports[1].name']] },
  { name: 'port 0', patch: { subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 0 }] }] }, errors: [['Invalid', 'subsets[0].ports[0].port', 'must be between 1 and 65535, inclusive']] },
  { name: 'unknown protocol', patch: { subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80, protocol: 'ICMP' }] }] }, errors: [['NotSupported', 'subsets[0].ports[0].protocol']] },
  { name: 'invalid name', patch: { metadata: { name: 'DB' } }, errors: [['Invalid', 'metadata.name']] },
]);
