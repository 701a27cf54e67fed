// NodeName: cases ported from upstream
// pkg/scheduler/framework/plugins/nodename/node_name_test.go (TestNodeName).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nodeName } from '../../../../server/src/sim/scheduler/plugins/simple';
import { cluster, makeNode, makePod, runFilter, statusOf } from './harness';

const cases: Array<[string, string | undefined, unknown]> = [
  ['no host specified', undefined, undefined],
  ['host matches', 'foo', undefined],
  ["host doesn't match", 'bar', { code: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] }],
];

for (const [name, want, status] of cases) {
  test(`NodeName Filter: ${name}`, () => {
    const s = cluster([makeNode('foo')]);
    assert.deepEqual(statusOf(runFilter(s, nodeName, makePod({ nodeName: want }), 'foo')), status);
  });
}
