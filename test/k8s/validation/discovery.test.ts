// discovery group validation table, ported from upstream
// pkg/apis/discovery/validation/validation_test.go (TestValidateEndpointSlice).

import { runTable } from './groupTable';

const UPSTREAM = 'pkg/apis/discovery/validation/validation_test.go';
const slice = {
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'default' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true }, nodeName: 'node-1' }],
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
};

runTable('EndpointSlice', UPSTREAM, slice, [
  { name: 'valid', patch: {} },
  { name: 'valid IPv6', patch: { addressType: 'IPv6', endpoints: [{ addresses: ['2001:db8::1'] }] } },
  { name: 'valid FQDN', patch: { addressType: 'FQDN', endpoints: [{ addresses: ['foo.example.com'] }] } },
  { name: 'valid unnamed port, protocol defaulted', patch: { ports: [{ port: 80 }] } },
  { name: 'missing addressType', patch: { addressType: null }, errors: [['Required', 'addressType']] },
  { name: 'unknown addressType', patch: { addressType: 'IP' }, errors: [['NotSupported', 'addressType', 'supported values: "FQDN", "IPv4", "IPv6"']] },
  { name: 'no addresses', patch: { endpoints: [{ addresses: [] }] }, errors: [['Required', 'endpoints[0].addresses', 'must contain at least 1 address']] },
  { name: 'not an IP', patch: { endpoints: [{ addresses: ['10.1.2'] }] }, errors: [['Invalid', 'endpoints[0].addresses[0]', 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']] },
  { name: 'IPv6 address in an IPv4 slice', patch: { endpoints: [{ addresses: ['2001:db8::1'] }] }, errors: [['Invalid', 'endpoints[0].addresses[0]', 'must be an IPv4 address']] },
  { name: 'loopback address', patch: { endpoints: [{ addresses: ['127.0.0.1'] }] }, errors: [['Invalid', 'endpoints[0].addresses[0]', 'may not be in the loopback range (127.0.0.0/8, ::1/128)']] },
  { name: 'one-label FQDN', patch: { addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] }, errors: [['Invalid', 'endpoints[0].addresses[0]', 'should be a domain with at least two segments separated by dots']] },
  { name: 'invalid nodeName', patch: { endpoints: [{ addresses: ['10.1.2.3'], nodeName: 'Node_1' }] }, errors: [['Invalid', 'endpoints[0].nodeName']] },
  { name: 'invalid hostname', patch: { endpoints: [{ addresses: ['10.1.2.3'], hostname: 'web.0' }] }, errors: [['Invalid', 'endpoints[0].hostname']] },
  { name: 'invalid port name', patch: { ports: [{ name: 'HTTP', port: 80 }] }, errors: [['Invalid', 'ports[0].name']] },
  { name: 'duplicate port names', patch: { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 8080 }] }, errors: [['Duplicate', 'ports[1].name']] },
  { name: 'two unnamed ports', patch: { ports: [{ port: 80 }, { port: 81 }] }, errors: [['Duplicate', 'ports[1].name']] },
  { name: 'bad protocol', patch: { ports: [{ name: 'http', port: 80, protocol: 'HTTP' }] }, errors: [['NotSupported', 'ports[0].protocol', 'supported values: "SCTP", "TCP", "UDP"']] },
  { name: 'bad appProtocol', patch: { ports: [{ name: 'http', port: 80, appProtocol: 'a/b/c' }] }, errors: [['Invalid', 'ports[0].appProtocol']] },
  { name: 'duplicate zone hints', patch: { endpoints: [{ addresses: ['10.1.2.3'], hints: { forZones: [{ name: 'a' }, { name: 'a' }] } }] }, errors: [['Duplicate', 'endpoints[0].hints.forZones[1]']] },
]);
