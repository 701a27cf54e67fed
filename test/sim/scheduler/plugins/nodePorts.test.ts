// NodePorts: cases ported from upstream
// pkg/scheduler/framework/plugins/nodeports/node_ports_test.go (TestNodePorts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodePorts } from '../../../../server/src/sim/scheduler/plugins/simple';
import { cluster, makeNode, makePod, runFilter, statusOf } from './harness';

const CONFLICT = { code: 'Unschedulable', reasons: ["node(s) didn't have free ports for the requested pod ports"] };

/** newPod(host, "PROTO/IP/PORT"...): one container with those host ports. */
function withPorts(nodeName: string | undefined, ...infos: string[]) {
  const ports = infos.map((i) => {
    const [protocol, hostIP, port] = i.split('/');
    return { containerPort: Number(port), hostPort: Number(port), hostIP, protocol };
  });
  return makePod({ nodeName, containers: [{ name: 'c', image: 'img', ports }] });
}

const cases: Array<[string, string[], string[], typeof CONFLICT | undefined]> = [
  ['other port', ['UDP/127.0.0.1/8080'], ['UDP/127.0.0.1/9090'], undefined],
  ['same udp port', ['UDP/127.0.0.1/8080'], ['UDP/127.0.0.1/8080'], CONFLICT],
  ['same tcp port', ['TCP/127.0.0.1/8080'], ['TCP/127.0.0.1/8080'], CONFLICT],
  ['different host ip', ['TCP/127.0.0.1/8080'], ['TCP/127.0.0.2/8080'], undefined],
  ['different protocol', ['UDP/127.0.0.1/8080'], ['TCP/127.0.0.1/8080'], undefined],
  ['second udp port conflict', ['UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'], ['UDP/127.0.0.1/8080'], CONFLICT],
  ['first tcp port conflict', ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'], ['TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'], CONFLICT],
  ['first tcp port conflict due to 0.0.0.0 hostIP', ['TCP/0.0.0.0/8001'], ['TCP/127.0.0.1/8001'], CONFLICT],
  ['TCP hostPort conflict due to 0.0.0.0 hostIP', ['TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'], ['TCP/127.0.0.1/8001'], CONFLICT],
  ['second tcp port conflict to 0.0.0.0 hostIP', ['TCP/127.0.0.1/8001'], ['TCP/0.0.0.0/8001'], CONFLICT],
  ['second different protocol', ['UDP/127.0.0.1/8001'], ['TCP/0.0.0.0/8001'], undefined],
  ['UDP hostPort conflict due to 0.0.0.0 hostIP', ['UDP/127.0.0.1/8001'], ['TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'], CONFLICT],
];

test('NodePorts: skip filter', () => {
  const s = cluster([makeNode('m1')]);
  assert.equal(runFilter(s, nodePorts, makePod(), 'm1'), 'skip');
});

for (const [name, wanted, used, want] of cases) {
  test(`NodePorts Filter: ${name}`, () => {
    const s = cluster([makeNode('m1')], [withPorts('m1', ...used)]);
    assert.deepEqual(statusOf(runFilter(s, nodePorts, withPorts(undefined, ...wanted), 'm1')), want);
  });
}

const initPort = (sidecar: boolean) =>
  makePod({ initContainers: [{ name: 'i', image: 'img', ...(sidecar ? { restartPolicy: 'Always' } : {}), ports: [{ containerPort: 8001, hostPort: 8001, protocol: 'TCP' }] }] });

test('NodePorts: non-sidecar initContainer using hostPort', () => {
  const s = cluster([makeNode('m1')], [withPorts('m1', 'TCP/0.0.0.0/8001')]);
  assert.equal(runFilter(s, nodePorts, initPort(false), 'm1'), 'skip');
});

test('NodePorts Filter: TCP hostPort conflict from sidecar initContainer', () => {
  const s = cluster([makeNode('m1')], [withPorts('m1', 'TCP/0.0.0.0/8001')]);
  assert.deepEqual(statusOf(runFilter(s, nodePorts, initPort(true), 'm1')), CONFLICT);
});
